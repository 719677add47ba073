"""The chat in a browser: `python app.py [--corpus DIR] [--host H] [--port P]`.

A thin layer over `qa.QA.answer`; everything shown is built by `qa.chat_format`.
"""

from __future__ import annotations

import os

# Before gradio or huggingface_hub is imported: no analytics, no telemetry, no downloads.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
from html import escape  # noqa: E402
from pathlib import Path  # noqa: E402

import gradio as gr  # noqa: E402

from qa import QA  # noqa: E402
from qa.chat_format import format_plain, format_question, format_reply  # noqa: E402
from qa.engine import DEFAULT_CORPUS  # noqa: E402
from qa.index.store import IndexWriteError  # noqa: E402
from qa.ingest.reading import READERS  # noqa: E402
from qa.ingest.uploads import MAX_UPLOAD_BYTES, UploadError, save_upload  # noqa: E402

logger = logging.getLogger("qa.app")

SEED_EXAMPLES = [
    "When will US troops leave Niger?",
    "How many American soldiers are in Niger?",
    "Who did Niger's military government turn to for security?",
]
SEED_FILE = "000_6a0d2d9b88631f6f.txt"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Answers run in Gradio's worker threads, this many at once (the chat and the API share them).
# Most of an answer is ONNX Runtime, FAISS and numpy, which release the GIL; beyond about two per
# core the rest only waits for the GIL, and with no limit 40 threads starved the event loop until
# a request timed out. One at a time (Gradio's default) queued 50 users behind each other.
ANSWER_CONCURRENCY = min(8, 2 * (os.cpu_count() or 1))
# Waiting users hear their queue position once a second: with Gradio's "auto", every one of them
# got a message each time any answer started: O(queue) messages per answer, measured to lift p95.
STATUS_UPDATE_SECONDS = 1.0
# Turns of a conversation kept as history: a follow-up leans on the last question only, and the
# server keeps every session's history, which otherwise grows with each question asked.
HISTORY_TURNS = 10
CSS = """
.qa-reply mark { background: #fde68a; color: inherit; padding: 0 2px; border-radius: 2px; }
.qa-source { color: var(--body-text-color-subdued); font-size: 0.9em; margin: 0.2em 0; }
.qa-context { border-left: 3px solid #e5e7eb; margin: 0.4em 0; padding-left: 0.8em; }
"""


def corpus_line(bot: QA) -> str:
    """HTML, every name escaped: file names and reasons come from the corpus and from visitors."""
    report = bot.report
    files = f"{report.files:,} file" + ("" if report.files == 1 else "s")
    line = f"<strong>Corpus:</strong> <code>{escape(str(bot.corpus))}</code> — {files}, {report.sentences:,} sentences"
    if report.skipped:
        shown = ", ".join(escape(f"{s.source} {s.reason}") for s in report.skipped[:3])
        line += f" ({len(report.skipped)} skipped: {shown}{', …' if len(report.skipped) > 3 else ''})"
    return f"<p>{line}</p>"


def build(bot: QA) -> gr.Blocks:
    """The page: title, corpus line, chat with examples, and an upload box.

    A question is answered while another is, or while an upload is indexed: `QA.refresh`
    swaps in the new index whole, so each answer comes from one complete index.
    """

    def respond(message: str, chat: list[dict], asked: list[dict]) -> tuple[list[dict], list[dict], str]:
        try:
            answer = bot.answer(message, history=asked)
            reply = format_reply(answer)
        except Exception:  # the chat must never crash; the log has the details
            logger.exception("answering %r failed", message)
            reply = "<p>Sorry, something went wrong while answering. Please try again.</p>"
            answer = None
        chat = chat + [
            {"role": "user", "content": format_question(message or "")},
            {"role": "assistant", "content": reply},
        ]
        if answer is not None and answer.question:
            turn = [{"role": "user", "content": answer.question}, {"role": "assistant", "content": answer.text}]
            asked = (asked + turn)[-2 * HISTORY_TURNS :]
        return chat, asked, ""

    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[str, None]:
        messages = []
        saved = 0
        for path in progress.tqdm(files or [], desc="Saving"):
            try:
                save_upload(bot.corpus, Path(path).name, Path(path))
                saved += 1
            except (UploadError, OSError) as error:
                messages.append(str(error))
        if saved:
            progress(0.5, desc=f"Indexing {saved} file(s)")
            try:
                report = bot.refresh()
                messages += [f"{s.source} was skipped: it {s.reason}" for s in report.skipped]
            except IndexWriteError as error:  # a full disk: the index saved before stays in use
                messages.append(str(error))
        if messages:
            gr.Warning(escape("; ".join(messages)))  # file names come from the visitor
        return corpus_line(bot), None

    def chat_api(message: str) -> str:
        """Answer one question; returns the answer sentence and its source as plain text."""
        try:
            return format_plain(bot.answer(message))
        except Exception:
            logger.exception("answering %r failed", message)
            return "Sorry, something went wrong while answering."

    with gr.Blocks(title="qa — ask your documents") as page:
        gr.Markdown("# qa — ask your documents")
        status = gr.HTML(corpus_line(bot), elem_id="corpus-line")
        asked = gr.State([])
        chatbot = gr.Chatbot(
            elem_id="chat",
            height=520,
            latex_delimiters=[],
            sanitize_html=True,
            placeholder="Ask a question about the documents. Answers are sentences from them, with their source.",
        )
        textbox = gr.Textbox(
            placeholder="Ask a question…", show_label=False, submit_btn=True, elem_id="question", autofocus=True
        )
        textbox.submit(
            respond,
            [textbox, chatbot, asked],
            [chatbot, asked, textbox],
            api_visibility="private",
            concurrency_id="answers",
            concurrency_limit=ANSWER_CONCURRENCY,
        )
        if (bot.corpus / SEED_FILE).exists():
            with gr.Row(elem_id="examples"):
                for example in SEED_EXAMPLES:
                    button = gr.Button(example, size="sm", variant="secondary")
                    button.click(
                        respond,
                        [gr.State(example), chatbot, asked],
                        [chatbot, asked, textbox],
                        api_visibility="private",
                        concurrency_id="answers",
                        concurrency_limit=ANSWER_CONCURRENCY,
                    )
        files = gr.File(
            label=f"Add documents ({', '.join(sorted(READERS))}; up to {MAX_UPLOAD_BYTES // 2**20} MB each)",
            file_count="multiple",
            file_types=sorted(READERS),
            elem_id="upload",
        )
        files.upload(upload, files, [status, files], api_visibility="private")
        gr.api(chat_api, api_name="chat", concurrency_id="answers", concurrency_limit=ANSWER_CONCURRENCY)
    return page.queue(status_update_rate=STATUS_UPDATE_SECONDS)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Chat with the documents of a folder.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of documents (default: seeds/)")
    parser.add_argument("--index-dir", type=Path, default=None, help="where the index lives (default: user cache)")
    parser.add_argument("--model", default=None, help="sentence-transformers model name or path ($QA_MODEL)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=7860)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.host not in LOOPBACK:
        print(
            f"WARNING: binding to {args.host}: anyone who can reach this address can read the documents.",
            file=sys.stderr,
        )
    try:
        bot = QA(args.corpus, index_dir=args.index_dir, model=args.model)
    except (FileNotFoundError, ValueError, IndexWriteError) as error:
        sys.exit(f"error: {error}")
    build(bot).launch(
        server_name=args.host,
        server_port=args.port,
        share=False,
        max_file_size=MAX_UPLOAD_BYTES,
        footer_links=[],
        css=CSS,
    )


if __name__ == "__main__":
    main()

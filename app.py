"""The chat in a browser: `python app.py [--corpus DIR] [--host H] [--port P] [--auth FILE | --no-auth]
[--no-mcp] [--verbose]`.

A thin layer over `qa.QA.answer`; everything shown is built by `qa.chat_format`. The same
server answers assistants through the Model Context Protocol (one tool, `ask`, at
/gradio_api/mcp/) and opens cited files at the answer (`qa.sources`, under /source/).

With `--auth FILE` (a users file, `qa.users`) every path but the sign-in page needs a user: a
session cookie from /login, or HTTP Basic credentials (scripts, MCP clients); `qa.signin` puts
that in front of every route and `qa.access` checks them. Only editors may upload and delete.
"""

from __future__ import annotations

import os

# Before gradio or huggingface_hub is imported: no analytics, no telemetry, no downloads.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from html import escape  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, NoReturn  # noqa: E402

import gradio as gr  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI, HTTPException, Request  # noqa: E402
from fastapi.responses import FileResponse, HTMLResponse, Response  # noqa: E402
from starlette.middleware.trustedhost import TrustedHostMiddleware  # noqa: E402

from qa import QA, feedback  # noqa: E402
from qa.access import Access  # noqa: E402
from qa.chat_format import (  # noqa: E402
    documents_table,
    format_plain,
    format_question,
    format_reply,
    tool_result,
    upload_outcomes,
)
from qa.console import quiet  # noqa: E402
from qa.engine import DEFAULT_CORPUS, MAX_TOP_K  # noqa: E402
from qa.index.indexing import OCR_FOLDER  # noqa: E402
from qa.index.store import IndexWriteError  # noqa: E402
from qa.ingest.ocr import Ocr  # noqa: E402
from qa.ingest.reading import READERS  # noqa: E402
from qa.ingest.uploads import MAX_UPLOAD_BYTES, SavedUpload, UploadError, save_upload  # noqa: E402
from qa.ingest.watch import FolderWatcher  # noqa: E402
from qa.search.answer import Answer  # noqa: E402
from qa.signin import Gate, add_sign_in, gradio_user  # noqa: E402
from qa.sources import FILE_POLICY, ROUTE, VIEW_POLICY, SourceNotFound, media_type, opens_inline, resolve, text_view  # noqa: E402
from qa.users import Users, UsersFileError  # noqa: E402

logger = logging.getLogger("qa.app")

# Shown on the start page when the corpus is seeds/: each is answered (found) with the right
# sentence under both backends (tests/test_engine.py).
SEED_EXAMPLES = [
    "When will US troops leave Niger?",
    "How many US military personnel are in Niger?",
    "Who did the military government turn to for security assistance?",
]
SEED_FILE = "000_6a0d2d9b88631f6f.txt"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# The names a request to this machine's IPv4 loopback may give in its Host header.
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost"})
# Answers run in Gradio's worker threads, this many at once (the chat and the API share them).
# Most of an answer is ONNX Runtime, FAISS and numpy, which release the GIL; beyond about two per
# core the rest only waits for the GIL, and with no limit 40 threads starved the event loop until
# a request timed out. One at a time (Gradio's default) queued 50 users behind each other.
ANSWER_CONCURRENCY = min(8, 2 * (os.cpu_count() or 1))
# Waiting users hear their queue position once a second: with Gradio's "auto", every one of them
# got a message each time any answer started: O(queue) messages per answer, measured to lift p95.
STATUS_UPDATE_SECONDS = 1.0
# How often an open page checks whether the corpus changed (a file copied into the folder, say).
POLL_SECONDS = 2.0
# Turns of a conversation kept as history: a follow-up leans on the last question only, and the
# server keeps every session's history, which otherwise grows with each question asked.
HISTORY_TURNS = 10
# The source line is quieter than the answer, yet readable: Gradio's subdued grey gave 1.8:1 on the
# chat's #fafafa; zinc-600 gives 7.4:1 there and zinc-400 7.0:1 on the dark theme's #18181b (WCAG AA
# asks 4.5:1; tests/test_browser.py measures it).
CSS = """
.qa-reply mark { background: #fde68a; color: inherit; padding: 0 2px; border-radius: 2px; }
.qa-source { color: #52525b; font-size: 0.9em; margin: 0.2em 0; }
.dark .qa-source { color: #a1a1aa; }
.qa-context { border-left: 3px solid #e5e7eb; margin: 0.4em 0; padding-left: 0.8em; }
.qa-documents { width: 100%; border-collapse: collapse; }
.qa-documents td, .qa-documents th { text-align: left; padding: 0.2em 0.6em; border-bottom: 1px solid #e5e7eb; }
"""
SORRY = "Sorry, something went wrong while answering. Please try again."


def corpus_line(bot: QA) -> str:
    """HTML, every name escaped: file names and reasons come from the corpus and from visitors."""
    report = bot.report
    files = f"{report.files:,} file" + ("" if report.files == 1 else "s")
    line = f"<strong>Corpus:</strong> <code>{escape(str(bot.corpus))}</code> — {files}, {report.sentences:,} sentences"
    if report.skipped:
        shown = ", ".join(escape(f"{s.source} {s.reason}") for s in report.skipped[:3])
        line += f" ({len(report.skipped)} skipped: {shown}{', …' if len(report.skipped) > 3 else ''})"
    return f"<p>{line}</p>"


def uploaded_files(bot: QA) -> list[str]:
    """The files a visitor may delete: those under uploads/."""
    return [info.source for info in bot.files() if info.uploaded]


def build(bot: QA, feedback_file: Path, may_edit: Callable[[str | None], bool] | None = None) -> gr.Blocks:
    """The page: title, corpus line, chat with examples and ratings, upload box, documents panel.

    A question is answered while another is, or while an upload is indexed: `QA.refresh`
    swaps in the new index whole, so each answer comes from one complete index.
    With `may_edit` (signed-in use), only the users it accepts see the upload box and the delete
    button, and the upload and delete handlers refuse everyone else; without it, anyone may.
    """
    # The MCP tool runs outside Gradio's queue (see `ask` below): this bounds the answers running
    # at once, whichever way they came, as the queue's concurrency limit did.
    answering = threading.BoundedSemaphore(ANSWER_CONCURRENCY)

    def bot_answer(question: str, history: list[dict] | None = None, top_k: int = 3) -> Answer:
        with answering:
            return bot.answer(question, history=history, top_k=top_k)

    def editor(request: gr.Request | None) -> bool:
        return may_edit is None or (request is not None and may_edit(request.username))

    def respond(
        message: str, chat: list[dict], asked: list[dict], shown: list[dict | None]
    ) -> tuple[list[dict], list[dict], list[dict | None], str]:
        try:
            answer = bot_answer(message, history=asked)
            reply = format_reply(answer)
        except Exception:  # the chat must never crash; the log has the details
            logger.exception("answering %r failed", message)
            reply, answer = f"<p>{SORRY}</p>", None
        chat = chat + [
            {"role": "user", "content": format_question(message or "")},
            {"role": "assistant", "content": reply},
        ]
        rated = None
        if answer is not None:
            rated = {"answer": answer, "history": asked, "model": bot.embedder.identity, "generation": bot.generation}
        shown = shown + [None, rated]
        if answer is not None and answer.question:
            turn = [{"role": "user", "content": answer.question}, {"role": "assistant", "content": answer.text}]
            asked = (asked + turn)[-2 * HISTORY_TURNS :]
        return chat, asked, shown, ""

    def rate(shown: list[dict | None], data: gr.LikeData) -> None:
        index = data.index if isinstance(data.index, int) else data.index[0]
        rated = shown[index] if 0 <= index < len(shown) else None
        if rated is None or not isinstance(data.liked, bool):
            return
        line = feedback.entry(rated["answer"], data.liked, rated["history"], rated["model"], rated["generation"])
        try:
            feedback.append(feedback_file, line)
        except OSError as error:
            logger.warning("could not save feedback in %s: %s", feedback_file, error)
            gr.Warning("Your rating could not be saved.")

    def delete_controls(request: gr.Request | None, chosen: str | None = None) -> tuple[Any, Any, Any, Any]:
        """The delete row, shown to an editor only when there is an upload to delete. A file still
        chosen stays chosen (and a question about it stays open); else "Delete…" waits for a choice."""
        choices = uploaded_files(bot)
        kept = chosen if chosen in choices else None
        return (
            gr.update(visible=editor(request) and bool(choices)),
            gr.Dropdown(choices=choices, value=kept),
            gr.update(interactive=kept is not None),
            gr.skip() if kept is not None else gr.update(visible=False),
        )

    def panel(request: gr.Request | None, chosen: str | None = None) -> tuple[Any, ...]:
        """Corpus line, documents table, delete controls, and what `poll` compares with next."""
        line, listing = corpus_line(bot), documents_table(bot.files())
        return line, listing, *delete_controls(request, chosen), line + listing

    def upload(files: list[str] | None, request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        """Save, index, then say what became of these files (and of no others); the box is emptied."""
        if not editor(request):
            gr.Warning("Only editors may add documents.")
            return *panel(request), None
        problems = []
        saved: list[SavedUpload] = []
        for path in progress.tqdm(files or [], desc="Saving"):
            try:
                saved.append(save_upload(bot.corpus, Path(path).name, Path(path)))
            except (UploadError, OSError) as error:
                problems.append(str(error))
        indexed = {info.source for info in bot.files()}
        changed = sum(upload.status != "unchanged" or upload.source not in indexed for upload in saved)
        done: list[str] = []
        try:
            if changed:  # an unchanged file is indexed already, unless an earlier save of the index failed
                progress(0.5, desc=f"Indexing {changed} file{'s' if changed != 1 else ''}")
                bot.refresh()
            done, skipped = upload_outcomes(saved, bot.files())
            problems += skipped
        except IndexWriteError as error:  # a full disk: the index saved before stays in use
            problems.append(str(error))
        if done:  # file names come from the visitor: escaped
            gr.Success("<br>".join(escape(line) for line in done))
        if problems:
            gr.Warning("<br>".join(escape(line) for line in problems))
        return *panel(request), None

    def on_choice(source: str | None) -> tuple[Any, Any, str | None]:
        """A file chosen (or none): "Delete…" may be clicked (or not); an open question is withdrawn;
        the choice is kept in the `choice` State, which the other events read."""
        return gr.update(interactive=bool(source)), gr.update(visible=False), source

    def ask_to_delete(source: str | None) -> tuple[Any, Any]:
        if not source:
            return gr.update(visible=False), gr.skip()
        question = f"Delete <code>{escape(source)}</code>? The file and its sentences are removed; this cannot be undone."
        return gr.update(visible=True), f"<p>{question}</p>"

    def delete(source: str | None, request: gr.Request) -> tuple[Any, ...]:
        if not editor(request):
            gr.Warning("Only editors may delete documents.")
            return panel(request)
        if not source:
            gr.Warning("Choose an uploaded file to delete.")
            return panel(request)
        try:
            bot.delete_upload(source)
            gr.Info(f"Deleted {escape(source)}.")
        except (UploadError, OSError, IndexWriteError) as error:
            gr.Warning(escape(str(error)))
        return panel(request)

    def poll(seen: str, chosen: str | None, request: gr.Request) -> tuple[Any, ...]:
        now = panel(request, chosen)
        if now[-1] == seen:  # unchanged: leave the page alone
            return (gr.skip(),) * (len(now) - 1) + (seen,)
        return now

    def loaded(request: gr.Request) -> tuple[Any, ...]:
        """The page as this visitor sees it now (the page itself was built at start)."""
        return gr.update(visible=editor(request)), *panel(request)

    def chat_api(message: str) -> str:
        """Answer one question; returns the answer sentence and its source as plain text."""
        try:
            return format_plain(bot_answer(message))
        except Exception:
            logger.exception("answering %r failed", message)
            return "Sorry, something went wrong while answering."

    def ask(question: str, top_k: int = 3) -> str:
        """Answer a question from the documents of this qa server, with sentences quoted from them.

        Each call stands alone: put the subject in every question. When the documents hold no
        answer, `found` is false and the passages are only possibly related.

        Args:
            question: the question, in plain words, e.g. "When will US troops leave Niger?"
            top_k: how many passages to return, best first (1 to 50; default 3)

        Returns:
            a JSON object: {"answer": the answer sentence or a "couldn't find" message, "found": whether the documents answer it, "confidence": 0 to 1, "passages": [{"text", "file", "page", "location", "section", "citation", "context", "score"}]}
        """
        try:
            wanted = max(1, min(MAX_TOP_K, int(top_k)))
        except (TypeError, ValueError, OverflowError):
            wanted = 3
        try:
            result = tool_result(bot_answer(question, top_k=wanted))
        except Exception:
            logger.exception("answering %r failed", question)
            result = {"question": question, "answer": SORRY, "found": False, "confidence": None, "passages": []}
        return json.dumps(result, ensure_ascii=False)

    with gr.Blocks(title="qa — ask your documents") as page:
        gr.Markdown("# qa — ask your documents")
        status = gr.HTML(corpus_line(bot), elem_id="corpus-line")
        asked = gr.State([])
        shown = gr.State([])
        chatbot = gr.Chatbot(
            elem_id="chat",
            height=520,
            latex_delimiters=[],
            sanitize_html=True,
            feedback_options=["Like", "Dislike"],
            placeholder="Ask a question about the documents. Answers are sentences from them, with their source.",
        )
        textbox = gr.Textbox(
            placeholder="Ask a question…", show_label=False, submit_btn=True, elem_id="question", autofocus=True
        )
        chat_outputs = [chatbot, asked, shown, textbox]
        textbox.submit(
            respond,
            [textbox, chatbot, asked, shown],
            chat_outputs,
            api_visibility="private",
            concurrency_id="answers",
            concurrency_limit=ANSWER_CONCURRENCY,
        )
        chatbot.like(rate, shown, None, api_visibility="private")
        if (bot.corpus / SEED_FILE).exists():
            with gr.Row(elem_id="examples"):
                for example in SEED_EXAMPLES:
                    button = gr.Button(example, size="sm", variant="secondary")
                    button.click(
                        respond,
                        [gr.State(example), chatbot, asked, shown],
                        chat_outputs,
                        api_visibility="private",
                        concurrency_id="answers",
                        concurrency_limit=ANSWER_CONCURRENCY,
                    )
        files = gr.File(
            label=f"Add documents ({', '.join(sorted(READERS))}; up to {MAX_UPLOAD_BYTES // 2**20} MB each)",
            file_count="multiple",
            elem_id="upload",
            visible=may_edit is None,
        )
        with gr.Accordion("Documents", open=False, elem_id="documents"):
            table = gr.HTML(documents_table(bot.files()), elem_id="documents-table")
            # Shown (by `loaded` and `poll`) to editors when there is an upload to delete. Deleting
            # takes two clicks: "Delete…" asks, naming the file; only "Delete" there deletes.
            with gr.Row(visible=False, elem_id="delete-row") as deleting:
                doomed = gr.Dropdown(
                    choices=uploaded_files(bot), value=None, label="Uploaded file", elem_id="delete-choice", scale=3
                )
                ask_delete = gr.Button("Delete…", interactive=False, elem_id="delete-ask", scale=1)
            with gr.Row(visible=False, elem_id="delete-confirm") as confirming:
                question = gr.HTML(elem_id="delete-question")
                remove = gr.Button("Delete", variant="stop", elem_id="delete", scale=0)
                keep = gr.Button("Cancel", elem_id="delete-cancel", scale=0)
        seen = gr.State("")
        # The events read the chosen file from this copy, not from the dropdown: a timer tick or a
        # second click sent while a delete is under way would carry the deleted file, which the
        # dropdown then refuses ("not in the list of choices") with an error shown to the user.
        choice = gr.State(None)
        controls = [deleting, doomed, ask_delete, confirming]
        private: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
        panel_outputs = [status, table, *controls, seen]
        # Once the load event has run, the page says so (body[data-loaded]): what it showed before
        # was the layout's defaults, not yet what this user may see.
        page.load(loaded, None, [files, *panel_outputs], **private).then(
            None, js="() => { document.body.dataset.loaded = 'true'; }", **private
        )
        gr.Timer(POLL_SECONDS).tick(poll, [seen, choice], panel_outputs, **private)
        files.upload(upload, files, [*panel_outputs, files], api_visibility="private")
        doomed.change(on_choice, doomed, [ask_delete, confirming, choice], **private)
        ask_delete.click(ask_to_delete, choice, [confirming, question], **private)
        keep.click(lambda: gr.update(visible=False), None, confirming, **private)
        remove.click(delete, choice, panel_outputs, api_visibility="private")
        gr.api(
            chat_api,
            api_name="chat",
            api_visibility="undocumented",
            concurrency_id="answers",
            concurrency_limit=ANSWER_CONCURRENCY,
        )
        # Not queued: Gradio's MCP server then calls `ask` in process, with the MCP request. A queued
        # tool goes through an internal gradio_client that first fetches /config without the
        # caller's credentials, which a signed-in server refuses.
        gr.api(ask, api_name="ask", queue=False)
    return page.queue(status_update_rate=STATUS_UPDATE_SECONDS)


def add_source_routes(app: FastAPI, bot: QA) -> None:
    """GET /source/<file>: a PDF inline (the viewer opens at #page=N), any other file as the HTML view
    of its text with `start`..`end` marked; `?download=1` sends the file itself as an attachment.
    Only files of the corpus are served; anything else is 404."""

    @app.get(ROUTE + "/{relative:path}", include_in_schema=False)
    def source(relative: str, request: Request) -> Response:
        try:
            path = resolve(bot.corpus, relative)
        except SourceNotFound:
            raise HTTPException(status_code=404, detail="no such document") from None
        headers = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": FILE_POLICY}
        query = request.query_params
        if query.get("download") == "1" or opens_inline(path):
            disposition = "inline" if query.get("download") != "1" else "attachment"
            return FileResponse(
                path, media_type=media_type(path), headers=headers, filename=path.name, content_disposition_type=disposition
            )
        start, end = _offset(query.get("start")), _offset(query.get("end"))
        view = text_view(bot.corpus, path, start, end, Ocr(cache=bot.index_dir / OCR_FOLDER))
        return HTMLResponse(view, headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": VIEW_POLICY})


def _offset(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() and len(value) < 12 else None


def serve_app(bot: QA, mcp: bool, access: Access | None = None, host: str = "127.0.0.1") -> FastAPI:
    """Gradio's app mounted on a FastAPI app that also serves the cited files; with `access`, only
    its users get anything but the sign-in page, and only its editors may upload and delete.

    Bound to this machine's IPv4 loopback (`host`), requests must name it in their Host header:
    otherwise any web page could reach the chat, the files and MCP through DNS rebinding (a name
    of its own that it points at 127.0.0.1). Starlette's check reads no IPv6 literal, so on `::1`
    and on public addresses (which need sign-in, or --no-auth) every Host is let through."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    gate = Gate(access) if access is not None else None
    if gate is not None:
        add_sign_in(app, gate)
    add_source_routes(app, bot)
    if host in LOCAL_NAMES:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(LOCAL_NAMES))
    return gr.mount_gradio_app(
        app,
        build(bot, feedback.feedback_path(bot.index_dir), may_edit=access.may_edit if access else None),
        path="/",
        max_file_size=MAX_UPLOAD_BYTES,
        footer_links=[],
        css=CSS,
        mcp_server=mcp,
        ssr_mode=False,
        auth_dependency=gradio_user(gate) if gate else None,
    )


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, so the address is printed only once it accepts connections."""
    family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, protocol)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(2048)
    return sock


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Chat with the documents of a folder.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of documents (default: seeds/)")
    parser.add_argument("--index-dir", type=Path, default=None, help="where the index lives (default: user cache)")
    parser.add_argument("--model", default=None, help="sentence-transformers model name or path ($QA_MODEL)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=7860)
    signing = parser.add_mutually_exclusive_group()
    signing.add_argument(
        "--auth", type=Path, metavar="FILE", help="users file: everyone signs in (python -m qa users add NAME --file FILE)"
    )
    signing.add_argument(
        "--no-auth", action="store_true", help="allow a --host other than this machine without --auth (no sign-in)"
    )
    parser.add_argument("--no-mcp", action="store_true", help="do not serve the MCP tool `ask` at /gradio_api/mcp/")
    parser.add_argument("--verbose", action="store_true", help="show every library's log lines")
    args = parser.parse_args(argv)
    quiet(args.verbose, say=lambda line: print(line, flush=True))
    access = load_access(args.auth) if args.auth else None
    if args.host not in LOOPBACK and access is None:
        if not args.no_auth:
            refuse(
                f"binding to {args.host} would let anyone who can reach it read the documents: "
                f"give --auth FILE (users made with: python -m qa users add NAME --file FILE), "
                f"or --no-auth to serve them to anyone anyway"
            )
        print(
            f"WARNING: binding to {args.host}: anyone who can reach this address can read the documents.",
            file=sys.stderr,
        )
    try:
        bot = QA(args.corpus, index_dir=args.index_dir, model=args.model, progress=lambda line: print(line, flush=True))
        sock = listen(args.host, args.port)
    except (FileNotFoundError, NotADirectoryError, ValueError, IndexWriteError) as error:
        sys.exit(f"error: {error}")
    except OSError as error:
        sys.exit(f"error: cannot listen on {args.host}:{args.port}: {error.strerror}")
    app = serve_app(bot, mcp=not args.no_mcp, access=access, host=args.host)
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    if access is not None:
        print(f"Sign-in required: {len(access)} user(s) in {args.auth}", flush=True)
    print(f"Ready: http://{shown_host}:{args.port}/", flush=True)
    if not args.no_mcp:
        print(f"MCP (for assistants): http://{shown_host}:{args.port}/gradio_api/mcp/", flush=True)
    # Open streams (queue updates, MCP sessions) would otherwise hold a stop for as long as they last.
    config = uvicorn.Config(app, log_level="info" if args.verbose else "warning", timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    watcher = FolderWatcher(bot.corpus, on_change=lambda: refresh_quietly(bot), settle_seconds=1.0)
    watcher.start()
    # Files changed while the first index was being built (minutes, for a big or scanned corpus)
    # raised no event yet: one look now, with the watcher already listening for what comes next.
    threading.Thread(target=refresh_quietly, args=(bot,), name="qa-catch-up", daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        watcher.stop()


def load_access(path: Path) -> Access:
    """The users of `path`, or exit 2 with the reason (missing, malformed or empty file)."""
    try:
        users = Users.load(path)
    except UsersFileError as error:
        refuse(str(error))
    if not len(users):
        refuse(f"users file {path} has no users (add one with: python -m qa users add NAME --file {path})")
    return Access(users)


def refuse(message: str) -> NoReturn:
    """Stop before serving anything: the message on stderr, exit status 2 (a usage error)."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def refresh_quietly(bot: QA) -> None:
    """Apply a change of the corpus folder; a failure is logged and the index before stays in use."""
    try:
        bot.refresh()
    except Exception:  # the watcher's thread must keep running
        logger.exception("updating the index of %s failed", bot.corpus)


if __name__ == "__main__":
    main()

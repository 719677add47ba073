"""Command line: `python -m qa ask|index|eval|feedback|users`, a thin layer over `QA.answer`,
`qa.evaluation`, `qa.feedback` and `qa.users`.

As quiet as the chat (`qa.console`): answers and reports on stdout; warnings, errors and the
one-off "Preparing the model (once)…" and "Indexing N sentences…" on stderr; `--verbose` adds
the libraries' logs. `ask` exits 0 when the documents answer, 1 when they do not, 2 on an error.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from pathlib import Path

from qa.chat_format import citation, text_lines
from qa.console import quiet
from qa.engine import DEFAULT_CORPUS, MAX_TOP_K, QA, clean_question, corpus_folder, default_index_dir
from qa.feedback import feedback_path, summarise
from qa.index.indexing import IndexReport
from qa.index.store import IndexWriteError
from qa.search.answer import Answer
from qa.users import Users, add_user, remove_user

ANSWERED, NOT_ANSWERED, FAILED = 0, 1, 2  # exit statuses, as grep's: found, not found (`ask`), error (any command)
ASK_EPILOG = """exit status: 0 when the documents answer the question; 1 when they do not (the closest
passages are still printed, as possibly related); 2 on an error (a missing corpus, a bad option)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa", description="Answer questions from a folder of documents.")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser(
        "ask",
        help="answer one question (exit status 1 when the documents hold no answer)",
        description="Answer one question with a sentence of the documents, its source and a confidence.",
        epilog=ASK_EPILOG,
    )
    ask.add_argument("question")
    ask.add_argument("--top-k", type=int, default=3, help=f"passages to return (default 3; more than {MAX_TOP_K} is capped)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    index = commands.add_parser("index", help="build or update the index of a corpus folder")
    for command in (ask, index):
        command.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of documents (default: seeds/)")
        command.add_argument("--index-dir", type=Path, default=None, help="where the index lives (default: user cache)")
        command.add_argument("--model", default=None, help="sentence-transformers model name or path ($QA_MODEL)")
    _add_cluster_arguments(index)
    evaluate = commands.add_parser("eval", help="ReQA-style retrieval and abstention evaluation on SQuAD-format files")
    evaluate.add_argument(
        "--squad",
        type=Path,
        action="append",
        default=[],
        help="SQuAD v1.1/v2.0 or TyDi GoldP JSON, optionally gzipped; repeat for several files (one section each)",
    )
    evaluate.add_argument(
        "--feedback",
        type=Path,
        action="append",
        default=[],
        help="a feedback.jsonl of the chat's thumbs, replayed on --corpus (liked passages right, disliked wrong)",
    )
    feedback = commands.add_parser("feedback", help="summarise the thumbs up and down given in the chat")
    feedback.add_argument("--file", type=Path, default=None, help="a feedback.jsonl (default: the corpus's index folder)")
    for command in (evaluate, feedback):
        command.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of documents (default: seeds/)")
        command.add_argument("--index-dir", type=Path, default=None, help="where the index lives (default: user cache)")
    evaluate.add_argument(
        "--limit", type=int, default=None, help="the first N answerable and N impossible questions of each file"
    )
    evaluate.add_argument("--model", default=None, help="sentence-transformers model name or path ($QA_MODEL)")
    for command in (ask, index, evaluate, feedback):
        command.add_argument("--verbose", action="store_true", help="also show the libraries' log lines")
    _add_users_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "ask" and not clean_question(args.question):
        ask.error('the question is empty; ask one, e.g. python -m qa ask "When will the troops leave?"')
    quiet(getattr(args, "verbose", False), say=_say)
    if args.command == "users":
        return _users(args)
    try:
        if args.command == "feedback":
            index_dir = args.index_dir or default_index_dir(args.corpus.expanduser().resolve())
            print(summarise(args.file or feedback_path(index_dir)))
            return 0
        if args.command == "eval":
            return _evaluate(args, parser)
        if args.command == "index":
            return _index(args)
        bot = QA(args.corpus, index_dir=args.index_dir, model=args.model, progress=_say)
        result = bot.answer(args.question, top_k=args.top_k)
    except (FileNotFoundError, NotADirectoryError, ValueError, IndexWriteError) as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(result))
    return ANSWERED if result.found else NOT_ANSWERED


def format_answer(answer: Answer) -> str:
    """The answer as the terminal shows it, as the chat does: the sentence, its source and the
    confidence, then the other passages; with no answer, the closest passages as possibly related."""
    lines = text_lines(answer.text)
    if answer.found and answer.passages:
        best, others = answer.passages[0], answer.passages[1:]
        confidence = f" · confidence {answer.confidence:.0%}" if answer.confidence is not None else ""
        lines.append(f"  — {citation(best)}{confidence}")
        title = "Other passages"
    else:
        others = answer.passages
        title = "Possibly related"
    if others:
        lines += ["", f"{title}:"]
        for rank, passage in enumerate(others, 1):
            first, *rest = text_lines(passage.text) or [""]
            lines += [f"  {rank}. {citation(passage)}: {first}", *(f"     {line}" for line in rest)]
    return "\n".join(lines)


def _say(line: str) -> None:
    """A plain progress line, on stderr: stdout holds only the answer (or the JSON)."""
    print(line, file=sys.stderr, flush=True)


def _index(args: argparse.Namespace) -> int:
    """`index`: build or update the index and print what it holds, the skipped files included."""
    if args.scheduler or args.workers:
        return _index_on_cluster(args)
    bot = QA(args.corpus, index_dir=args.index_dir, model=args.model, progress=_say)
    _print_report(bot.report, bot.index_dir)
    return 0


def _add_cluster_arguments(index: argparse.ArgumentParser) -> None:
    """`index --scheduler ADDRESS | --workers N [--shared-folder]`: read and embed on a Dask cluster."""
    where = index.add_mutually_exclusive_group()
    where.add_argument("--scheduler", default=None, help="index on the Dask cluster of this scheduler (tcp://HOST:PORT)")
    where.add_argument(
        "--workers", type=int, default=None, help="index on a local Dask cluster of N worker processes (127.0.0.1)"
    )
    index.add_argument(
        "--shared-folder",
        action="store_true",
        default=None,
        help="with --scheduler: the workers see the corpus at the same path (else the files are sent to them)",
    )


def _index_on_cluster(args: argparse.Namespace) -> int:
    """`index` on a Dask cluster; 2 with a message on stderr when the cluster fails (nothing written)."""
    from qa.index.cluster import Cluster, ClusterError
    from qa.index.embedding import Embedder
    from qa.index.indexing import synchronise

    logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO lines say every connection
    corpus = corpus_folder(args.corpus)
    index_dir = args.index_dir.expanduser().resolve() if args.index_dir else default_index_dir(corpus)
    try:
        cluster = Cluster(args.scheduler, args.workers, args.shared_folder)
        _, report = synchronise(corpus, index_dir, Embedder(args.model), cluster=cluster)
    except ClusterError as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    _print_report(report, index_dir)
    return 0


def _print_report(report: IndexReport, index_dir: Path) -> None:
    print(f"{report.files} files, {report.sentences} sentences in {index_dir}")
    print(f"embedded {len(report.embedded)} files, removed {len(report.removed)}, skipped {len(report.skipped)}")
    for source, encoding in report.encodings.items():
        print(f"  read {source} as {encoding}")
    for skipped in report.skipped:
        print(f"  skipped {skipped.source}: it {skipped.reason}")


def _evaluate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """`eval`: one section per SQuAD-format file, then one per feedback file, each printed when done."""
    from qa.evaluation import evaluate_feedback, evaluate_file

    if not args.squad and not args.feedback:
        parser.error("eval needs --squad FILE or --feedback FILE")
    sections = 0
    for squad in args.squad:
        print(("\n" if sections else "") + evaluate_file(squad, limit=args.limit, model=args.model), flush=True)
        sections += 1
    if args.feedback:
        bot = QA(args.corpus, index_dir=args.index_dir, model=args.model)
        for path in args.feedback:
            print(("\n" if sections else "") + evaluate_feedback(path, bot), flush=True)
            sections += 1
    return 0


def _add_users_parser(commands: argparse._SubParsersAction) -> None:
    """`users add|list|remove`: the users file of the chat's shared use."""
    users = commands.add_parser("users", help="add, list or remove the users who may sign in to the chat")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user or set a new password and role (password read from stdin)")
    add.add_argument("name")
    add.add_argument("--editor", action="store_true", help="may upload and delete documents")
    listing = actions.add_parser("list", help="the users' names and roles")
    remove = actions.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    for action in (add, listing, remove):
        action.add_argument("--file", type=Path, required=True, help="the users file (JSON)")


def _users(args: argparse.Namespace) -> int:
    """Run one `users` action; 2 with a message on stderr when it cannot be done."""
    try:
        if args.action == "add":
            add_user(args.file, args.name, _read_password(args.name), editor=args.editor)
            print(f"saved {args.name} ({'editor' if args.editor else 'reader'}) in {args.file}")
        elif args.action == "list":
            for user in Users.load(args.file):
                print(f"{user.name}\t{'editor' if user.editor else 'reader'}")
        elif remove_user(args.file, args.name):
            print(f"removed {args.name} from {args.file}")
        else:
            raise ValueError(f"there is no user {args.name!r} in {args.file}")
    except (ValueError, EOFError, KeyboardInterrupt) as error:  # UsersFileError is a ValueError
        print(f"error: {error or 'no password given'}", file=sys.stderr)
        return FAILED
    return 0


def _read_password(name: str) -> str:
    """The new password: typed twice without echo at a terminal, else the first line of stdin.
    Raises ValueError when the two differ or none is given."""
    if sys.stdin.isatty():
        password = getpass.getpass(f"Password for {name}: ")
        if password != getpass.getpass("Repeat it: "):
            raise ValueError("the two passwords differ; nothing was saved")
        return password
    line = sys.stdin.readline()
    if not line:
        raise ValueError("no password on standard input (pipe one line, or run this at a terminal)")
    return line.removesuffix("\n").removesuffix("\r")

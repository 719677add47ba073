"""Command line: `python -m qa ask|index|eval`, a thin layer over the same `QA.answer`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from qa.chat_format import citation
from qa.engine import DEFAULT_CORPUS, MAX_TOP_K, QA
from qa.index.store import IndexWriteError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa", description="Answer questions from a folder of documents.")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--top-k", type=int, default=3, help=f"passages to return (default 3; more than {MAX_TOP_K} is capped)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    index = commands.add_parser("index", help="build or update the index of a corpus folder")
    for command in (ask, index):
        command.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of documents (default: seeds/)")
        command.add_argument("--index-dir", type=Path, default=None, help="where the index lives (default: user cache)")
        command.add_argument("--model", default=None, help="sentence-transformers model name or path ($QA_MODEL)")
    evaluate = commands.add_parser("eval", help="ReQA-style retrieval and abstention evaluation on SQuAD-format files")
    evaluate.add_argument(
        "--squad",
        type=Path,
        action="append",
        required=True,
        help="SQuAD v1.1/v2.0 or TyDi GoldP JSON, optionally gzipped; repeat for several files (one section each)",
    )
    evaluate.add_argument(
        "--limit", type=int, default=None, help="the first N answerable and N impossible questions of each file"
    )
    evaluate.add_argument("--model", default=None, help="sentence-transformers model name or path ($QA_MODEL)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        if args.command == "eval":
            from qa.evaluation import evaluate_file

            # Each file's section as soon as it is done; together, the text of run_evaluation.
            for number, squad in enumerate(args.squad):
                print(("\n" if number else "") + evaluate_file(squad, limit=args.limit, model=args.model), flush=True)
            return 0
        bot = QA(args.corpus, index_dir=args.index_dir, model=args.model)
        if args.command == "index":
            report = bot.report
            print(f"{report.files} files, {report.sentences} sentences in {bot.index_dir}")
            print(f"embedded {len(report.embedded)} files, removed {len(report.removed)}, skipped {len(report.skipped)}")
            for source, encoding in report.encodings.items():
                print(f"  read {source} as {encoding}")
            for skipped in report.skipped:
                print(f"  skipped {skipped.source}: it {skipped.reason}")
            return 0
        result = bot.answer(args.question, top_k=args.top_k)
    except (FileNotFoundError, ValueError, IndexWriteError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(result.text)
    for rank, passage in enumerate(result.passages, 1):
        print(f"  {rank}. [{passage.score:.2f}] {citation(passage)}: {passage.text}")
    return 0

"""`python -m qa` as a person uses it, with the real model: the answer with its source and
confidence, an exit status like grep's, plain words for a bad --corpus, and a quiet console."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from seed_questions import SEED_FILE

from qa.cli import format_answer, main
from qa.search.answer import Answer, Passage

FOUND = "When will American troops leave Niger?"
NOT_FOUND = "What is the capital of Australia?"
RAW_SCORE = re.compile(r"\[\d+\.\d+\]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ with an empty (skipped) file."""
    folder = tmp_path_factory.mktemp("cli") / "corpus"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-index")


def _ask(corpus: Path, index_dir: Path, *args: str) -> int:
    return main(["ask", *args, "--corpus", str(corpus), "--index-dir", str(index_dir)])


def test_an_answer_shows_its_source_and_confidence_not_raw_scores(
    corpus: Path, index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _ask(corpus, index_dir, FOUND) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "September 15" in lines[0]
    assert re.fullmatch(rf"  — {re.escape(SEED_FILE)} · confidence \d{{1,3}}%", lines[1]), lines[1]
    assert lines[3] == "Other passages:" and lines[4].startswith(f"  1. {SEED_FILE}: ")
    assert not RAW_SCORE.search("\n".join(lines))


def test_no_answer_labels_the_passages_possibly_related_and_exits_1(
    corpus: Path, index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _ask(corpus, index_dir, NOT_FOUND) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "I couldn't find that in the documents."
    assert lines[2] == "Possibly related:" and lines[3].startswith(f"  1. {SEED_FILE}: ")
    assert "confidence" not in out and not RAW_SCORE.search(out)
    assert _ask(corpus, index_dir, NOT_FOUND, "--json") == 1
    assert '"found": false' in capsys.readouterr().out


def test_help_documents_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["ask", "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "exit status: 0 when the documents answer the question; 1 when they do not" in text
    assert "2 on an error" in text and "--verbose" in text


def test_a_corpus_that_is_a_file_is_called_a_file(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", FOUND, "--corpus", str(corpus / SEED_FILE), "--index-dir", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert f"{corpus / SEED_FILE} is a file" in error and "a folder of documents" in error
    assert "not found" not in error and "create it" not in error
    assert main(["index", "--corpus", str(corpus / SEED_FILE), "--workers", "1"]) == 2
    assert "is a file" in capsys.readouterr().err


def _run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "qa", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, QA_CACHE_DIR=str(cache)),
    )


def test_the_console_is_as_quiet_as_the_chat(corpus: Path, tmp_path: Path) -> None:
    """A first run on a fresh machine (the model is exported): a few plain lines on stderr, each
    warning once; stdout holds the answer only. `index` lists skipped files in its report, also
    those skipped at an earlier run, which the log does not warn about again; --verbose brings the
    libraries' logs back."""
    cache = tmp_path / "fresh-cache"
    first = _run("ask", FOUND, "--corpus", str(corpus), "--index-dir", str(tmp_path / "a"), cache=cache)
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [
        "WARNING: skipped empty.txt: it is empty",
        "Preparing the model (once)…",
        "Indexing 14 sentences…",
    ], first.stderr
    assert "September 15" in first.stdout.splitlines()[0]
    assert not re.search(r"WARNING|DEBUG|INFO|Loading weights|it/s", first.stdout)

    index = _run("index", "--corpus", str(corpus), "--index-dir", str(tmp_path / "b"), cache=cache)
    assert index.returncode == 0, index.stderr
    assert index.stderr.splitlines() == ["WARNING: skipped empty.txt: it is empty", "Indexing 14 sentences…"]
    assert index.stdout.count("skipped empty.txt: it is empty") == 1
    again = _run("index", "--corpus", str(corpus), "--index-dir", str(tmp_path / "b"), cache=cache)
    assert again.returncode == 0 and again.stderr == "", again.stderr
    assert "skipped 1" in again.stdout and again.stdout.count("skipped empty.txt: it is empty") == 1

    verbose = _run("ask", NOT_FOUND, "--verbose", "--corpus", str(corpus), "--index-dir", str(tmp_path / "c"), cache=cache)
    assert verbose.returncode == 1, verbose.stderr
    assert "DEBUG bm25s: Building index" in verbose.stderr  # a library's own log
    assert "WARNING qa.index.indexing: skipped empty.txt: it is empty" in verbose.stderr


def test_a_sentence_of_a_hard_wrapped_file_prints_whole_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "manual"
    folder.mkdir()
    (folder / "manual.txt").write_text(
        "Getting started\n\n"
        "Before first use, rinse the water tank and fill it with fresh cold water up\n"
        "to the MAX line. The tank holds 1.8 litres. Plug the machine into a\n"
        "grounded outlet and press the power button; the indicator blinks while the\n"
        "boiler heats, which takes about 40 seconds.\n",
        encoding="utf-8",
    )
    main(["ask", "What kind of outlet should the machine be plugged into?", "--corpus", str(folder), "--index-dir", str(tmp_path / "index")])
    lines = [line for line in capsys.readouterr().out.splitlines() if "Plug the machine" in line]
    assert len(lines) == 1 and lines[0].endswith(
        "Plug the machine into a grounded outlet and press the power button; the indicator blinks while the boiler heats, which takes about 40 seconds."
    ), lines


def test_a_list_is_printed_one_item_a_line_also_among_the_other_passages() -> None:
    def passage(text: str) -> Passage:
        return Passage(text, "steps.md", 1.0, text, 0, len(text), 0, len(text), section="Reset")

    steps = "To reset the router:\n\n1. Open the cover.\n\n2. Press the button."
    answer = Answer("q", steps, True, [passage(steps), passage("Bring:\n\nPhoto ID\n\nA bill")], confidence=0.8)
    assert format_answer(answer).split("\n") == [
        "To reset the router:",
        "1. Open the cover.",
        "2. Press the button.",
        "  — steps.md — Reset · confidence 80%",
        "",
        "Other passages:",
        "  1. steps.md — Reset: Bring:",
        "     Photo ID",
        "     A bill",
    ]


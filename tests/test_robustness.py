"""Bad questions, bad corpora, damaged indexes and a killed indexer: clear messages, nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa import QA, Answer
from qa.index import indexing as indexing_module
from qa.ingest.formats.markdown import parse_markdown
from qa.ingest.formats.text import parse_text
from qa.ingest.sentences import document_sentences, split_sentences

BAD_QUESTIONS = [
    "",
    " \t\n ",
    "troops " * 15_000,
    "When\x00 will\x07 troops\x1b leave?",
    "🤔🪖✈️ troops leaving when? 🇳🇪",
    "متى ستغادر القوات الأمريكية النيجر؟",
    "?!?!...,;:—",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "Quand les troupes américaines quitteront-elles le Niger ?",
    "美军什么时候离开尼日尔？",
    "\u202etroops\u202c leave \ufeff when\u200b?",
]


@pytest.mark.parametrize("question", BAD_QUESTIONS, ids=range(len(BAD_QUESTIONS)))
def test_bad_questions_get_an_answer_or_a_message(seed_bot: QA, question: str) -> None:
    answer = seed_bot.answer(question)
    assert isinstance(answer, Answer) and answer.text
    if not question.strip() or len(question) > 2000:
        assert not answer.found and not answer.passages


@pytest.mark.parametrize("history", [None, [], "junk", [None, 3, {"role": "user"}], [{"role": "user", "content": ["a", 1]}]])
def test_malformed_history_never_breaks_an_answer(seed_bot: QA, history) -> None:
    assert "September 15" in seed_bot.answer("When will American troops leave Niger?", history=history).text


def test_cli_bad_input(tmp_path: Path) -> None:
    env = dict(os.environ, QA_INDEX_DIR=str(tmp_path))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "qa", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    empty = run("ask", " \x07 ")
    assert empty.returncode == 2 and "the question is empty" in empty.stderr  # an error, not a missing answer
    zero = run("ask", "When?", "--top-k", "0")
    assert zero.returncode == 2 and "top_k must be a whole number of at least 1 (more than 50 is capped), got 0" in zero.stderr
    assert "Traceback" not in zero.stderr + empty.stderr


def test_bad_corpus_files_are_skipped_and_the_rest_indexed(seed_copy: Path, tmp_path: Path, caplog) -> None:
    (seed_copy / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (seed_copy / "latin1.txt").write_bytes("Le café était fermé.".encode("latin-1"))
    (seed_copy / "one-line.txt").write_text("The convoy left the base at dawn. " * 30_000, encoding="utf-8")
    (seed_copy / "huge.txt").write_text("Filler words for a huge file. " * 1_750_000, encoding="utf-8")  # 52 MB
    (seed_copy / "loop").mkdir()
    os.symlink(seed_copy / "loop", seed_copy / "loop" / "again")
    os.symlink(seed_copy / "missing-target.txt", seed_copy / "dangling.txt")
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    reasons = {s.source: s.reason for s in bot.report.skipped}
    assert "binary" in reasons["binary.txt"] and "latin1.txt" not in reasons
    assert "52,500,000 characters" in reasons["huge.txt"] and "the limit is 10,000,000" in reasons["huge.txt"]
    assert bot.report.files == 3  # the seed article, the Latin-1 file and the one-line file
    assert "dawn" in bot.answer("When did the convoy leave the base?").passages[0].text
    assert "September 15" in bot.answer("When will American troops leave Niger?").text
    assert all(name in caplog.text for name in ("binary.txt", "huge.txt"))


def test_a_file_deleted_while_indexing_is_skipped(seed_copy: Path, tmp_path: Path, monkeypatch) -> None:
    (seed_copy / "vanishing.txt").write_text("This file disappears during indexing.", encoding="utf-8")
    real_list_files = indexing_module.list_files

    def list_then_delete(folder: Path):
        files = real_list_files(folder)
        (seed_copy / "vanishing.txt").unlink()
        return files

    monkeypatch.setattr(indexing_module, "list_files", list_then_delete)
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    assert [s.source for s in bot.report.skipped] == ["vanishing.txt"]
    assert "cannot be read" in bot.report.skipped[0].reason
    assert bot.report.files == 1


def test_killed_indexer_leaves_nothing_that_loads_wrong(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        lines = [f"Report {i} line {j}: the crate labelled kz{i}q{j} is stored in depot {i * 100 + j}." for j in range(40)]
        (corpus / f"report-{i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    command = [sys.executable, "-m", "qa", "index", "--corpus", str(corpus), "--index-dir", str(index_dir)]
    for delay in (4.0, 8.0):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    bot = QA(corpus, index_dir=index_dir)
    assert bot.report.files == 40 and bot.report.sentences == 1600
    best = bot.answer("In which depot is the crate labelled kz17q3 stored?").passages[0]
    assert best.source == "report-17.txt" and "depot 1703" in best.text
    assert 1 <= len(list(index_dir.glob("gen-*"))) <= 2  # the current generation, and the one before


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_fuzz_reading_and_splitting_keep_offsets_true(text: str) -> None:
    for document in (parse_text("f.txt", text), parse_markdown("f.md", text)):
        for block in document.blocks:
            assert 0 <= block.start <= block.end <= len(document.text)
        for sentence in document_sentences(document):
            assert document.text[sentence.start : sentence.end] == sentence.text
    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(question=st.text(max_size=300), top_k=st.integers(min_value=1, max_value=60))
def test_fuzz_answer_never_raises(seed_bot: QA, question: str, top_k: int) -> None:
    answer = seed_bot.answer(question, top_k=top_k)
    assert isinstance(answer, Answer) and answer.text
    assert len(answer.passages) <= min(top_k, 14)


def test_app_warns_before_binding_beyond_this_machine_without_sign_in(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "app.py", "--host", "0.0.0.0", "--no-auth", "--corpus", str(tmp_path / "nowhere")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "WARNING: binding to 0.0.0.0" in result.stderr
    assert result.returncode != 0 and "corpus folder not found" in result.stderr and "Traceback" not in result.stderr


def test_a_file_that_breaks_its_parser_is_skipped_not_fatal(seed_copy: Path, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(seed_copy / "cut.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")  # a Word package whose XML stops short
        archive.writestr("word/document.xml", "<w:document")
    (seed_copy / "caf\udce9.txt".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")).write_text(
        "A file whose name is not valid UTF-8 still counts.", encoding="utf-8"
    )
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    assert [s.source for s in bot.report.skipped] == ["cut.docx"]
    assert bot.report.files == 2
    assert QA(seed_copy, index_dir=tmp_path / "index").report.embedded == []

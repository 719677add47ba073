"""Several processes on one index folder: no lost update, no corrupt or half-read generation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from qa import QA
from qa.index import store

# `python -m qa index` that stops after it has loaded the stored index (its comparison's base)
# until a line arrives on its standard input.
PAUSED_AFTER_LOADING = """
import sys
from qa.index import store
from qa.cli import main

real_load = store.load

def load_then_wait(folder):
    stored = real_load(folder)
    store.load = real_load
    print("loaded", flush=True)
    sys.stdin.readline()
    return stored

store.load = load_then_wait
sys.exit(main(sys.argv[1:]))
"""


def _corpus_with_index(tmp_path: Path) -> tuple[Path, Path]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _add(corpus, "a.txt")
    QA(corpus, index_dir=index)
    return corpus, index


def _add(corpus: Path, name: str) -> None:
    (corpus / name).write_text(
        f"The report {name} says the crate {name} is stored in depot {len(name)}.\n", encoding="utf-8"
    )


def _index_command(corpus: Path, index: Path) -> list[str]:
    return ["index", "--corpus", str(corpus), "--index-dir", str(index)]


def _assert_clean_and_complete(corpus: Path, index: Path, names: set[str]) -> None:
    assert set(store.load(index).files) == names
    report = QA(corpus, index_dir=index).report
    assert report.rebuilt_because is None and report.embedded == [] and report.removed == []
    assert 1 <= len(list(index.glob("gen-*"))) <= 2


def test_a_writer_that_compared_against_an_older_generation_does_not_overwrite_a_newer_one(tmp_path: Path) -> None:
    corpus, index = _corpus_with_index(tmp_path)
    _add(corpus, "b.txt")
    first = subprocess.Popen(
        [sys.executable, "-c", PAUSED_AFTER_LOADING, *_index_command(corpus, index)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert first.stdout.readline() == "loaded\n"  # it listed a.txt and b.txt, and loaded the index of a.txt
    _add(corpus, "c.txt")
    second = subprocess.run(
        [sys.executable, "-m", "qa", *_index_command(corpus, index)], check=False, cwd=ROOT, timeout=600
    )
    assert second.returncode == 0  # it saved a.txt, b.txt and c.txt
    output, _ = first.communicate("go on\n", timeout=600)
    assert first.returncode == 0
    assert "embedded 0 files" in output  # it compared again against the newer generation: nothing left to do
    _assert_clean_and_complete(corpus, index, {"a.txt", "b.txt", "c.txt"})


def test_indexers_started_together_lose_no_file_and_readers_meanwhile_read_whole_generations(tmp_path: Path) -> None:
    corpus, index = _corpus_with_index(tmp_path)
    names = ["b.txt", "c.txt", "d.txt"]
    writers = []
    for name in names:
        _add(corpus, name)
        command = [sys.executable, "-m", "qa", *_index_command(corpus, index)]
        writers.append(subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL))
    while any(writer.poll() is None for writer in writers):
        assert {"a.txt"} <= set(store.load(index).files) <= {"a.txt", *names}
    assert [writer.returncode for writer in writers] == [0, 0, 0]
    _assert_clean_and_complete(corpus, index, {"a.txt", *names})

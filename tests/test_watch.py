"""A live corpus folder: files copied in, changed or removed are answered within 10 s, from a
real QA on a copy of seeds/, and never from a half-copied file."""

from __future__ import annotations

import errno
import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from qa import QA
from qa.index.indexing import IndexReport
from qa.ingest import watch
from qa.ingest.watch import FolderWatcher, file_system_type

DEADLINE_SECONDS = 10.0
CONVOY = [
    "The supply convoy for the northern depot leaves from Gate 7 every Tuesday.",
    "Each convoy carries forty crates of spare parts for the water pumps.",
    "The drivers rest overnight at the Agadez waypoint before the last leg.",
    "A mechanic named Idrissa Moussa inspects every truck before departure.",
    "Fuel for the return trip is bought at the depot in Arlit.",
    "The convoy is escorted by two armoured vehicles of the national guard.",
    "Radio checks with the base are made every two hours on channel 12.",
    "The last convoy of the season departs on the first of October.",
]


@dataclass
class Refreshes:
    """What each `on_change` saw: when it started (time.monotonic(), seconds), the report, and
    the sentences the refreshed index holds for each source."""

    started: list[float] = field(default_factory=list)
    reports: list[IndexReport] = field(default_factory=list)
    indexed: list[dict[str, list[str]]] = field(default_factory=list)


def _recorder(bot: QA, refreshes: Refreshes) -> Callable[[], None]:
    def on_change() -> None:
        refreshes.started.append(time.monotonic())
        refreshes.reports.append(bot.refresh())
        indexed: dict[str, list[str]] = {}
        for sentence in bot.retriever.sentences:
            indexed.setdefault(sentence.source, []).append(sentence.text)
        refreshes.indexed.append(indexed)

    return on_change


@pytest.fixture
def bot(seed_copy: Path, tmp_path: Path) -> QA:
    return QA(seed_copy, index_dir=tmp_path / "index")


@pytest.fixture
def watched(bot: QA) -> Iterator[tuple[QA, Refreshes]]:
    refreshes = Refreshes()
    watcher = FolderWatcher(bot.corpus, _recorder(bot, refreshes))
    watcher.start()
    assert watcher.mode == "watchdog"
    yield bot, refreshes
    watcher.stop()


def _eventually(check: Callable[[], bool], seconds: float = DEADLINE_SECONDS) -> float:
    """Seconds until `check()` held, polling every 0.1 s; fails the test after `seconds`."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.1)
    return time.monotonic() - started


def _copy_slowly(path: Path, lines: list[str], seconds: float = 1.6) -> float:
    """Write `lines` one chunk at a time over `seconds`, as a slow copy would; returns when done
    (time.monotonic())."""
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
            handle.flush()
            time.sleep(seconds / len(lines))
    return time.monotonic()


def _best_source(bot: QA, question: str) -> str | None:
    passages = bot.answer(question).passages
    return passages[0].source if passages else None


def test_a_file_copied_in_is_answered_within_10_s_and_never_half_read(watched: tuple[QA, Refreshes]) -> None:
    bot, refreshes = watched
    copied = _copy_slowly(bot.corpus / "convoy.txt", CONVOY)
    _eventually(lambda: "Gate 7" in bot.answer("From which gate does the supply convoy leave?").passages[0].text)
    assert all(start > copied for start in refreshes.started), "a refresh ran while the file was being copied"
    versions = [indexed["convoy.txt"] for indexed in refreshes.indexed if "convoy.txt" in indexed]
    assert versions and all(sentences == CONVOY for sentences in versions)
    assert len(refreshes.reports) == 1 and refreshes.reports[0].embedded == ["convoy.txt"]
    assert "September 15" in bot.answer("When will American troops leave Niger?").text


def test_a_changed_file_gives_the_new_answer(seed_copy: Path, tmp_path: Path) -> None:
    (seed_copy / "convoy.txt").write_text("\n".join(CONVOY) + "\n", encoding="utf-8")
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    question = "Which mechanic inspects every truck before departure?"
    assert "Idrissa Moussa" in bot.answer(question).passages[0].text
    refreshes = Refreshes()
    watcher = FolderWatcher(seed_copy, _recorder(bot, refreshes))
    watcher.start()
    try:
        changed = [line.replace("Idrissa Moussa", "Fatouma Diallo") for line in CONVOY]
        (seed_copy / "convoy.txt").write_text("\n".join(changed) + "\n", encoding="utf-8")
        _eventually(lambda: "Fatouma Diallo" in bot.answer(question).passages[0].text)
    finally:
        watcher.stop()
    assert refreshes.reports[-1].embedded == ["convoy.txt"]


def test_a_removed_file_is_no_longer_answered(seed_copy: Path, tmp_path: Path) -> None:
    (seed_copy / "convoy.txt").write_text("\n".join(CONVOY) + "\n", encoding="utf-8")
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    question = "At which waypoint do the drivers rest overnight?"
    assert _best_source(bot, question) == "convoy.txt"
    watcher = FolderWatcher(seed_copy, bot.refresh)
    watcher.start()
    try:
        (seed_copy / "convoy.txt").unlink()
        _eventually(lambda: bot.report.removed == ["convoy.txt"])
    finally:
        watcher.stop()
    assert _best_source(bot, question) != "convoy.txt" and bot.report.files == 1


def test_a_burst_of_20_files_gives_few_refreshes(watched: tuple[QA, Refreshes], tmp_path: Path) -> None:
    bot, refreshes = watched
    outside = tmp_path / "outside"
    outside.mkdir()
    for number in range(20):
        (outside / f"depot-{number:02d}.txt").write_text(
            f"Depot {number} stores the crate labelled kz{number}q in bay {number + 100}.\n", encoding="utf-8"
        )
    shutil.copytree(outside, bot.corpus / "depots")
    _eventually(lambda: bot.report.files == 21)
    time.sleep(2.5)  # any late refresh would show up by now
    assert 1 <= len(refreshes.reports) <= 3
    assert sorted(s for report in refreshes.reports for s in report.embedded) == [
        f"depots/depot-{number:02d}.txt" for number in range(20)
    ]
    assert "bay 117" in bot.answer("In which bay is the crate labelled kz17q?").passages[0].text


def test_polling_answers_a_new_file_within_10_s(bot: QA) -> None:
    watcher = FolderWatcher(bot.corpus, bot.refresh, polling=True)
    assert watcher.mode == "polling"
    watcher.start()
    try:
        _copy_slowly(bot.corpus / "convoy.txt", CONVOY)
        _eventually(lambda: _best_source(bot, "Who inspects every truck before departure?") == "convoy.txt")
        assert bot.report.embedded == ["convoy.txt"]
    finally:
        watcher.stop()


class _NoInotify(watch.Observer):
    """The native observer failing as it does when the inotify watch limit is reached."""

    def start(self) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


def _counter() -> tuple[threading.Semaphore, Callable[[], None]]:
    calls = threading.Semaphore(0)
    return calls, calls.release


def test_without_inotify_the_watcher_falls_back_to_polling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(watch, "Observer", _NoInotify)
    calls, on_change = _counter()
    watcher = FolderWatcher(tmp_path, on_change)
    with caplog.at_level(logging.WARNING, logger="qa.ingest.watch"):
        watcher.start()
    try:
        assert watcher.mode == "polling" and "inotify watch limit reached" in caplog.text
        (tmp_path / "notes.md").write_text("# Notes\n\nA new note.\n", encoding="utf-8")
        assert calls.acquire(timeout=DEADLINE_SECONDS)
    finally:
        watcher.stop()


def test_hidden_unsupported_and_merely_read_files_are_ignored(seed_copy: Path) -> None:
    calls, on_change = _counter()
    watcher = FolderWatcher(seed_copy, on_change, settle_seconds=0.5)
    watcher.start()
    try:
        (seed_copy / ".draft.txt").write_text("hidden", encoding="utf-8")
        (seed_copy / ".git").mkdir()
        (seed_copy / ".git" / "notes.txt").write_text("hidden folder", encoding="utf-8")
        (seed_copy / "data.json").write_text("{}", encoding="utf-8")
        (seed_copy / "upload.txt.part").write_text("partial", encoding="utf-8")
        for path in seed_copy.iterdir():
            if path.is_file():
                path.read_bytes()
        assert not calls.acquire(timeout=2.0)
        (seed_copy / "data.json").unlink()
        (seed_copy / "upload.txt.part").rename(seed_copy / "upload.txt")  # a finished download counts
        assert calls.acquire(timeout=DEADLINE_SECONDS)
    finally:
        watcher.stop()


def test_a_failing_callback_is_logged_and_watching_goes_on(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    calls = threading.Semaphore(0)

    def on_change() -> None:
        calls.release()
        raise RuntimeError("the disk is full")

    watcher = FolderWatcher(tmp_path, on_change, settle_seconds=0.3)
    watcher.start()
    try:
        (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
        assert calls.acquire(timeout=DEADLINE_SECONDS)
        (tmp_path / "a.txt").unlink()
        assert calls.acquire(timeout=DEADLINE_SECONDS)
    finally:
        watcher.stop()
        watcher.stop()
    assert "reacting to a change in" in caplog.text and "the disk is full" in caplog.text
    assert not any(t.name.startswith("qa-watch") for t in threading.enumerate())


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="folder to watch not found"):
        FolderWatcher(tmp_path / "nowhere", lambda: None)
    with pytest.raises(ValueError, match="settle_seconds must be positive"):
        FolderWatcher(tmp_path, lambda: None, settle_seconds=0)
    watcher = FolderWatcher(tmp_path, lambda: None)
    watcher.start()
    with pytest.raises(RuntimeError, match="starts once"):
        watcher.start()
    watcher.stop()
    stopped = FolderWatcher(tmp_path, lambda: None)
    stopped.stop()  # before start: nothing to stop, and it stays stopped
    with pytest.raises(RuntimeError, match="starts once"):
        stopped.start()


def test_network_file_systems_are_told_apart_by_their_mount() -> None:
    mounts = (
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "server:/export /mnt/shared\\040docs nfs4 rw,relatime 0 0\n"
        "//nas/team /mnt/team cifs rw 0 0\n"
        "tmpfs /mnt/team/scratch tmpfs rw 0 0\n"
    )
    assert file_system_type(Path("/home/ana/docs"), mounts) == "ext4"
    assert file_system_type(Path("/mnt/shared docs/2026"), mounts) == "nfs4"
    assert file_system_type(Path("/mnt/shared"), mounts) == "ext4"
    assert file_system_type(Path("/mnt/team/reports"), mounts) == "cifs"
    assert file_system_type(Path("/mnt/team/scratch/x"), mounts) == "tmpfs"

"""Uploads as the chat makes them, with the real model and real files: a new version of a file
replaces the old one in the answers, and what is said after an upload speaks of its files only."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import QA
from qa.chat_format import upload_outcomes
from qa.ingest.uploads import save_upload

QUESTION = "When does the Tahoua pharmacy open?"


def _version(folder: Path, text: str) -> Path:
    """A file named hours.txt, as a browser sends it (each version from its own folder)."""
    folder.mkdir()
    path = folder / "hours.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_version_replaces_the_old_one_in_the_answers(seed_copy: Path, tmp_path: Path) -> None:
    first = _version(tmp_path / "v1", "The Tahoua pharmacy opens at 6:30 every morning. It closes at noon on Fridays.\n")
    second = _version(tmp_path / "v2", "The Tahoua pharmacy opens at 7:15 every morning. It closes at noon on Fridays.\n")
    bot = QA(seed_copy, index_dir=tmp_path / "index")

    saved = save_upload(bot.corpus, "hours.txt", first)
    bot.refresh()
    assert upload_outcomes([saved], bot.files()) == (["Added uploads/hours.txt: 2 sentences."], [])
    assert "6:30" in bot.answer(QUESTION).passages[0].text

    saved = save_upload(bot.corpus, "hours.txt", second)
    bot.refresh()
    assert upload_outcomes([saved], bot.files()) == (["Replaced uploads/hours.txt with the new version: 2 sentences."], [])
    answer = bot.answer(QUESTION, top_k=5)
    assert "7:15" in answer.passages[0].text
    assert not any("6:30" in passage.text for passage in answer.passages), answer.passages  # no contradicting copy
    assert [info.source for info in bot.files() if info.uploaded] == ["uploads/hours.txt"]

    again = save_upload(bot.corpus, "hours.txt", second)
    assert upload_outcomes([again], bot.files()) == (["uploads/hours.txt is already there, unchanged (2 sentences)."], [])


def test_after_an_upload_only_its_own_files_are_spoken_of(
    seed_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "garbage.pdf").write_bytes(bytes(range(256)) * 12)
    (incoming / "empty.txt").write_text("", encoding="utf-8")
    (incoming / "bakery.txt").write_text("The bakery on Rue Tafadek opens at 6:30. It sells millet bread.\n", encoding="utf-8")
    bot = QA(seed_copy, index_dir=tmp_path / "index")

    bad = [save_upload(bot.corpus, name, incoming / name) for name in ("garbage.pdf", "empty.txt")]
    bot.refresh()
    assert upload_outcomes(bad, bot.files()) == (
        [],
        [
            "uploads/garbage.pdf was skipped: it is a damaged PDF, or not a PDF at all.",
            "uploads/empty.txt was skipped: it is empty.",
        ],
    )

    good = save_upload(bot.corpus, "bakery.txt", incoming / "bakery.txt")
    report = bot.refresh()
    assert {skipped.source for skipped in report.skipped} == {"uploads/garbage.pdf", "uploads/empty.txt"}  # still skipped
    assert upload_outcomes([good], bot.files()) == (["Added uploads/bakery.txt: 2 sentences."], [])  # but not said again
    assert caplog.text.count("skipped uploads/garbage.pdf") == 1  # nor warned about again: the index remembers it

    again = save_upload(bot.corpus, "garbage.pdf", incoming / "garbage.pdf")
    assert upload_outcomes([again], QA(seed_copy, index_dir=tmp_path / "index").files()) == (
        [],
        ["uploads/garbage.pdf is already there, unchanged, and skipped: it is a damaged PDF, or not a PDF at all."],
    )

    emptied = save_upload(bot.corpus, "bakery.txt", incoming / "empty.txt")
    bot.refresh()
    assert upload_outcomes([emptied], bot.files()) == (
        [],
        ["uploads/bakery.txt replaced the earlier version, but was skipped: it is empty."],
    )
    assert "millet" not in bot.answer("What does the bakery on Rue Tafadek sell?").text

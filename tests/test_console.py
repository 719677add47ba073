"""The faces' console (qa.console), with the real model and real files: a skipped file is warned
about once, not at every refresh of the index, and again when it changes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa import QA
from qa.console import INDEXING_LOGGER, SKIPPED, skips_left_to_report, warn_skips_once


@pytest.fixture
def indexing_filters() -> Iterator[None]:
    """The filters a test adds to qa.index.indexing's logger are removed after it."""
    logger = logging.getLogger(INDEXING_LOGGER)
    before = list(logger.filters)
    yield
    logger.filters[:] = before


def _skips(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [str(record.args[0]) for record in caplog.records if record.msg == SKIPPED and record.args]


def test_a_skipped_file_is_warned_about_once_until_it_changes(
    seed_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, indexing_filters: None
) -> None:
    (seed_copy / "empty.txt").write_text("", encoding="utf-8")
    (seed_copy / "garbage.pdf").write_bytes(bytes(range(256)) * 12)
    warn_skips_once(seed_copy)
    with caplog.at_level(logging.WARNING, logger=INDEXING_LOGGER):
        bot = QA(seed_copy, index_dir=tmp_path / "index")
        (seed_copy / "notes.txt").write_text("The well in Agadez was dug in 1931.\n", encoding="utf-8")
        bot.refresh()
        bot.refresh()
        assert {s.source for s in bot.report.skipped} == {"empty.txt", "garbage.pdf"}  # still skipped each time
        assert sorted(_skips(caplog)) == ["empty.txt", "garbage.pdf"]  # but said once

        caplog.clear()
        (seed_copy / "empty.txt").write_text("  \n", encoding="utf-8")  # a new version, skipped again
        bot.refresh()
        bot.refresh()
        assert _skips(caplog) == ["empty.txt"]


def test_a_command_that_reports_skipped_files_keeps_them_out_of_the_log(
    seed_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, indexing_filters: None
) -> None:
    (seed_copy / "empty.txt").write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=INDEXING_LOGGER):
        with skips_left_to_report():
            bot = QA(seed_copy, index_dir=tmp_path / "index")
        assert [s.source for s in bot.report.skipped] == ["empty.txt"] and _skips(caplog) == []
        bot.refresh()  # after the command: not warned about either, as the index remembers it
        assert _skips(caplog) == []

"""Shared fixtures: the real model and real files; the seed corpus is indexed once per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa import QA

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Exports and indexes made by the tests stay out of the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("QA_CACHE_DIR")
    os.environ["QA_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["QA_CACHE_DIR"]
    else:
        os.environ["QA_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def seed_bot(tmp_path_factory: pytest.TempPathFactory) -> QA:
    return QA(SEEDS, index_dir=tmp_path_factory.mktemp("seed-index"))


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/, for tests that edit the corpus."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus

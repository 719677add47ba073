"""Shared fixtures: the real model and real files; the seed corpus is indexed once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa import QA

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_bot(tmp_path_factory: pytest.TempPathFactory) -> QA:
    return QA(SEEDS, index_dir=tmp_path_factory.mktemp("seed-index"))


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/, for tests that edit the corpus."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus

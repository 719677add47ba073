"""Concurrent users through gradio_client, alone and while an upload is indexed: every reply
well-formed, and every answer one that a complete index gives. Correctness only, never speed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import SEEDS

from benchmarks.load_chat import QUESTIONS, Scenario, scenario, start_app, well_formed
from qa import QA

USERS, QUESTIONS_EACH = 8, 5


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """app.py on a copy of seeds/, on a free loopback port: its URL and process id."""
    root = tmp_path_factory.mktemp("load")
    shutil.copytree(SEEDS, root / "corpus")
    process, url = start_app(root / "corpus", root / "index")
    yield url, process.pid
    process.terminate()
    process.wait(timeout=30)


def _check(run: Scenario) -> None:
    assert run.problems == []
    assert len(run.replies) >= USERS * QUESTIONS_EACH
    assert all(well_formed(reply.text) for reply in run.replies)


def test_concurrent_users_all_get_the_answer_asked_alone(served: tuple[str, int]) -> None:
    run = scenario("chat", *served, USERS, QUESTIONS_EACH)
    _check(run)
    assert len(run.replies) == USERS * QUESTIONS_EACH
    assert {reply.question for reply in run.replies} == set(QUESTIONS)


def test_answers_while_an_upload_is_indexed_come_from_a_complete_index(served: tuple[str, int]) -> None:
    """`scenario` also checks that the page then counts one more file and that the new index
    answers the question only the uploaded document holds."""
    run = scenario("chat while uploading", *served, USERS, QUESTIONS_EACH, uploads=1, sentences=150)
    _check(run)
    assert run.during_upload > 0


def test_threads_get_the_same_answers_as_one_at_a_time(tmp_path: Path) -> None:
    """QA.answer from many threads on a fresh index (its caches filling as they ask), with and
    without history, equals the answers given one at a time, scores included."""
    bot = QA(SEEDS, index_dir=tmp_path / "index")
    history = [{"role": "user", "content": "When will US troops leave Niger?"}, {"role": "assistant", "content": "x"}]
    asked = [(q, h) for q in QUESTIONS + ["Which mercenary group did the junta turn to?"] for h in (None, history)]
    fresh = QA(SEEDS, index_dir=tmp_path / "index")

    def ask(number: int) -> dict:
        question, past = asked[number % len(asked)]
        return fresh.answer(question, history=past).to_dict()

    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(ask, range(20 * len(asked))))
    alone = [bot.answer(question, history=past).to_dict() for question, past in asked]
    assert together == [alone[number % len(asked)] for number in range(len(together))]

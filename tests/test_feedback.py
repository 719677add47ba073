"""Ratings: appended whole under concurrency, summarised, and replayed as an evaluation set."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from qa import QA
from qa.evaluation import evaluate_feedback
from qa.feedback import append, entry, feedback_path, read, summarise
from qa.search.answer import Answer, Passage

ROOT = Path(__file__).resolve().parent.parent


def _answer(question: str, text: str = "Troops leave by September 15.", source: str = "a.txt") -> Answer:
    passage = Passage(text, source, 1.0, text, 0, len(text), 0, len(text), section="News", page=None)
    return Answer(question, text, True, [passage], 0.8)


def test_entry_holds_what_a_replay_needs() -> None:
    history = [{"role": "user", "content": "Why?"}, {"role": "assistant", "content": "Because."}]
    line = entry(_answer("When?"), False, history, "model[abc]", "gen-0123456789ab")
    assert line["liked"] is False and line["question"] == "When?" and line["history"] == history
    assert line["passages"][0]["source"] == "a.txt" and line["passages"][0]["section"] == "News"
    assert line["model"] == "model[abc]" and line["generation"] == "gen-0123456789ab"
    json.dumps(line)


def test_feedback_lives_beside_the_generations(tmp_path: Path) -> None:
    assert feedback_path(tmp_path / "index") == tmp_path / "index" / "feedback.jsonl"


def test_concurrent_appends_keep_every_line_whole(tmp_path: Path) -> None:
    path = tmp_path / "index" / "feedback.jsonl"
    long_question = "Why " + "very " * 2000 + "long?"

    def write(number: int) -> None:
        for _ in range(25):
            append(path, entry(_answer(f"{number} {long_question}"), number % 2 == 0, [], "m", None))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ratings, unreadable = read(path)
    assert len(ratings) == 200 and unreadable == 0


def test_summary_counts_shares_and_most_disliked(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    for question, liked in [("A?", True), ("B?", False), ("B?", False), ("C?", False), ("A?", True)]:
        append(path, entry(_answer(question), liked, [], "m", None))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
    summary = summarise(path)
    assert "5 rated answers: 2 liked (40%), 3 disliked (60%)" in summary
    assert "1 unreadable line skipped" in summary
    assert summary.index("2× B?") < summary.index("1× C?")


def test_summary_of_a_missing_file(tmp_path: Path) -> None:
    assert "No feedback yet" in summarise(tmp_path / "none.jsonl")


def test_feedback_replayed_as_an_evaluation_set(seed_bot: QA, tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    right = seed_bot.answer("When will US troops leave Niger?")
    wrong = seed_bot.answer("Who did Niger's military government turn to for security?")
    append(path, entry(right, True, [], seed_bot.embedder.identity, seed_bot.generation))
    append(path, entry(wrong, False, [], seed_bot.embedder.identity, seed_bot.generation))
    append(path, entry(Answer("Hello?", "Please type a question.", False), False, [], "m", None))
    report = evaluate_feedback(path, seed_bot)
    assert report.startswith("## feedback.jsonl (feedback, 3 ratings)")
    assert "| liked (right) | 1 | 100.0% | 100.0% |" in report
    assert "| disliked (wrong) | 1 | 100.0% | 100.0% |" in report
    assert "1 ratings of answers without passages were not asked" in report


def test_cli_summarises_and_replays_a_feedback_file(seed_bot: QA, tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    append(path, entry(seed_bot.answer("When will US troops leave Niger?"), True, [], "m", None))
    append(path, entry(seed_bot.answer("How many American soldiers are in Niger?"), False, [], "m", None))
    command = [sys.executable, "-m", "qa"]
    summary = subprocess.run([*command, "feedback", "--file", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert summary.returncode == 0 and summary.stdout == summarise(path) + "\n"
    replay = subprocess.run(
        [*command, "eval", "--feedback", str(path), "--corpus", str(ROOT / "seeds"), "--index-dir", str(tmp_path / "i")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert replay.returncode == 0, replay.stderr
    assert "## feedback.jsonl (feedback, 2 ratings)" in replay.stdout
    assert "| liked (right) | 1 | 100.0% | 100.0% |" in replay.stdout
    nothing = subprocess.run([*command, "eval"], capture_output=True, text=True, cwd=ROOT)
    assert nothing.returncode == 2 and "eval needs --squad FILE or --feedback FILE" in nothing.stderr

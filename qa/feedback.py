"""Thumbs up and down on answers: one JSON line per rating, appended next to the index.

Each line holds what is needed to replay the rating later (`qa.evaluation.evaluate_feedback`):
the question and the conversation before it, the answer and the passages shown, the model and
the index generation that produced them, and whether the answer was liked.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qa.search.answer import Answer

FEEDBACK_FILE = "feedback.jsonl"
MOST_DISLIKED = 5


def feedback_path(index_dir: Path) -> Path:
    """The feedback file of an index: in its folder, beside (never inside) the generations, which
    are removed when replaced."""
    return index_dir / FEEDBACK_FILE


def entry(
    answer: Answer, liked: bool, history: list[dict[str, Any]], model: str, generation: str | None
) -> dict[str, Any]:
    """One rating as the line written for it."""
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "liked": liked,
        "question": answer.question,
        "history": history,
        "answer": answer.text,
        "found": answer.found,
        "confidence": answer.confidence,
        "passages": [asdict(passage) for passage in answer.passages],
        "model": model,
        "generation": generation,
    }


def append(path: Path, line: dict[str, Any]) -> None:
    """Add one line to the file, whole: under an exclusive lock (other threads and processes write
    too) and in one write to a file opened for appending."""
    data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.write(descriptor, data)
    finally:
        os.close(descriptor)  # closing releases the lock


def read(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The ratings in the file, oldest first, and how many lines could not be read (and were skipped).

    Raises FileNotFoundError when there is no such file.
    """
    ratings, unreadable = [], 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                unreadable += 1
                continue
            if isinstance(value, dict) and isinstance(value.get("liked"), bool) and isinstance(value.get("question"), str):
                ratings.append(value)
            else:
                unreadable += 1
    return ratings, unreadable


def summarise(path: Path) -> str:
    """Counts, the liked and disliked shares, and the most disliked questions, as plain text."""
    try:
        ratings, unreadable = read(path)
    except FileNotFoundError:
        return f"No feedback yet: {path} does not exist."
    lines = [f"Feedback in {path}"]
    if unreadable:
        lines.append(f"{unreadable:,} unreadable line{'s' if unreadable != 1 else ''} skipped")
    if not ratings:
        return "\n".join(lines + ["no ratings yet"])
    liked = sum(rating["liked"] for rating in ratings)
    disliked = len(ratings) - liked
    lines.append(
        f"{len(ratings):,} rated answer{'s' if len(ratings) != 1 else ''}: "
        f"{liked:,} liked ({liked / len(ratings):.0%}), {disliked:,} disliked ({disliked / len(ratings):.0%})"
    )
    worst = Counter(" ".join(rating["question"].split()) for rating in ratings if not rating["liked"])
    if worst:
        lines.append("Most disliked questions:")
        lines += [f"  {count:>3}× {question}" for question, count in worst.most_common(MOST_DISLIKED)]
    return "\n".join(lines)

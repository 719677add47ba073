"""Soak: many questions through QA.answer in one process; resident memory and latency per block.

    .venv/bin/python -m benchmarks.soak [--questions 20000] [--block 2000] [--articles 10]

The corpus is the first --articles articles of the SQuAD v1.1 dev set. Every 20 questions hold
10 SQuAD questions, 3 follow-ups asked with the conversation so far (its last turns, as app.py
keeps them), 2 long ones (five questions in one, one just under the length limit), control characters,
HTML, and 3 bad inputs (empty, white space, 5,000 characters, not a string; some with a
malformed history). The first block is the warm-up: after it, resident memory may grow at most
MAX_GROWTH, and the blocks' p95 latency must not drift up by more than LEVEL (see `verdict`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.load_chat import busy_cpu
from benchmarks.machine import cpu
from benchmarks.speed import DEFAULT_SQUAD, percentiles

if TYPE_CHECKING:
    from qa import QA

MAX_GROWTH = 0.05
LEVEL = 0.25
FOLLOW_UPS = ("When did it happen?", "Who was involved there?", "And how many of them?", "Why did they do that?")
BAD = ("", "   \t\n  ", "x" * 5000, None, 42, b"bytes", ["a", "list"], {"a": 1}, 3.5)
MALFORMED_HISTORY = (
    "junk",
    [None, 7, {"role": "user"}],
    [{"role": "user", "content": [{"type": "text", "text": "parts"}]}],
)
CONVERSATION_TURNS = 10


def rss_mb() -> float:
    """Resident memory of this process, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def turn(number: int, squad: list[str], conversation: list[dict]) -> tuple[Any, Any]:
    """Question and history of turn `number`, in the mix the module docstring describes."""
    question = squad[number % len(squad)]
    kind = number % 20
    if kind < 10:
        return question, conversation
    if kind < 13:
        return FOLLOW_UPS[number % len(FOLLOW_UPS)], conversation
    if kind == 13:
        return " ".join(squad[(number + k) % len(squad)] for k in range(5)), None
    if kind == 14:
        return " ".join([question] * (1990 // (len(question) + 1))), None
    if kind == 15:
        return f"\x00\x07{question}\x1b[31m\x7f\u200b", conversation
    if kind == 16:
        return f"<script>alert(1)</script><b>{question}</b><img src=x onerror=alert(1)>", None
    history = MALFORMED_HISTORY[number % len(MALFORMED_HISTORY)] if kind == 19 else conversation
    return BAD[number % len(BAD)], history


@dataclass(frozen=True)
class Block:
    """One block of questions: resident memory at its end, latencies, CPU per question, exceptions,
    and the cores other processes kept busy meanwhile."""

    rss: float
    timings: list[float]
    cpu_ms: float
    errors: int
    others: float


def run_block(bot: QA, squad: list[str], first: int, size: int, conversation: list[dict]) -> Block:
    """Ask turns first .. first + size - 1; the conversation goes on as app.py's `asked` state does."""
    timings, errors = [], 0
    clock, machine, wall = time.process_time(), busy_cpu(), time.perf_counter()
    for number in range(first, first + size):
        question, history = turn(number, squad, conversation)
        start = time.perf_counter()
        try:
            answer = bot.answer(question, history=history)
        except Exception:  # noqa: BLE001 - counted: bad input must be answered, never raise
            errors, answer = errors + 1, None
        timings.append((time.perf_counter() - start) * 1000)
        if answer is not None and answer.question:
            conversation += [
                {"role": "user", "content": answer.question},
                {"role": "assistant", "content": answer.text},
            ]
            del conversation[: -2 * CONVERSATION_TURNS]
    own, busy = time.process_time() - clock, busy_cpu() - machine
    return Block(rss_mb(), timings, own * 1000 / size, errors, (busy - own) / (time.perf_counter() - wall))


def verdict(blocks: list[Block]) -> tuple[bool, bool, str]:
    """Whether memory and latency stayed level after the warm-up block, and the lines that say so.

    Latency is level when the median p95 of the later half of the blocks is within LEVEL of the
    earlier half's: a drift, not one block slowed by another process on a shared machine.
    """
    warm, after = blocks[0].rss, blocks[1:]
    growth = (max(b.rss for b in after) - warm) / warm
    p95s = [percentiles(b.timings)[1] for b in after]
    half = len(p95s) // 2
    drift = statistics.median(p95s[half:]) / statistics.median(p95s[:half] or p95s) - 1
    memory_ok, latency_ok = growth <= MAX_GROWTH, drift <= LEVEL
    lines = [
        f"memory: {growth:+.1%} after the warm-up block (limit +{MAX_GROWTH:.0%}): {'PASS' if memory_ok else 'FAIL'}",
        (
            f"latency: median block p95 {drift:+.1%} from the earlier to the later half of the blocks (limit "
            f"+{LEVEL:.0%}; block p95 from {min(p95s):.1f} to {max(p95s):.1f} ms): {'PASS' if latency_ok else 'FAIL'}"
        ),
    ]
    return memory_ok, latency_ok, "\n".join(lines)


def table(blocks: list[Block], size: int) -> str:
    """The blocks as a Markdown table."""
    lines = [
        "| block | questions | RSS MB | vs warm-up | p50 ms | p95 ms | CPU ms/question | exceptions | others' cores |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for number, block in enumerate(blocks, start=1):
        p50, p95 = percentiles(block.timings)
        change = "warm-up" if number == 1 else f"{(block.rss - blocks[0].rss) / blocks[0].rss:+.1%}"
        lines.append(
            f"| {number} | {(number - 1) * size + 1:,}–{number * size:,} | {block.rss:.1f} | {change} | {p50:.1f} | "
            f"{p95:.1f} | {block.cpu_ms:.1f} | {block.errors} | {block.others:.2f} |"
        )
    return "\n".join(lines)


def squad_corpus(squad: Path, articles: int, folder: Path) -> list[str]:
    """Write the first `articles` SQuAD articles to `folder`; their questions."""
    from qa.evaluation import load_squad

    files, questions = load_squad(squad)
    chosen = list(files)[:articles]
    folder.mkdir(parents=True)
    for name in chosen:
        (folder / name).write_text(files[name], encoding="utf-8")
    return [q.text for q in questions if q.source in set(chosen)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--block", type=int, default=2_000)
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--squad", type=Path, default=DEFAULT_SQUAD)
    args = parser.parse_args()
    if args.questions < 2 * args.block:
        parser.error("--questions must hold at least two blocks: a warm-up and one to compare")
    from qa import QA

    with tempfile.TemporaryDirectory() as scratch:
        squad = squad_corpus(args.squad, args.articles, Path(scratch) / "corpus")
        bot = QA(Path(scratch) / "corpus", index_dir=Path(scratch) / "index")
        print(
            f"CPU: {cpu()}\nCorpus: {bot.report.files} SQuAD articles, {bot.report.sentences:,} sentences; {len(squad):,} questions\n"
        )
        conversation: list[dict] = []
        blocks = []
        for first in range(0, args.questions - args.block + 1, args.block):
            blocks.append(run_block(bot, squad, first, args.block, conversation))
            print(
                f"block {len(blocks)}: RSS {blocks[-1].rss:.1f} MB, p95 {percentiles(blocks[-1].timings)[1]:.1f} ms",
                file=sys.stderr,
                flush=True,
            )
    memory_ok, latency_ok, lines = verdict(blocks)
    print(table(blocks, args.block) + "\n\n" + lines)
    sys.exit(0 if memory_ok and latency_ok else 1)


if __name__ == "__main__":
    os.environ.update({"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"})
    main()

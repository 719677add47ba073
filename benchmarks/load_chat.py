"""Concurrent chat users against app.py on loopback, through gradio_client.

    .venv/bin/python -m benchmarks.load_chat [--users 50] [--questions 20]

Starts app.py on a free 127.0.0.1 port over a copy of seeds/, runs the users in threads
(each its own gradio_client session), and prints errors and p50/p95 latency. Traffic goes
only to the loopback address; the loop is bounded by --users × --questions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "When will US troops leave Niger?",
    "How many American soldiers are in Niger?",
    "Who did the junta turn to for security?",
    "What did the Afrobarometer survey find?",
    "What is the capital of Australia?",
    "",
    "<script>alert(1)</script>",
    "By when will they be gone?",
]


def start_app(corpus: Path, index_dir: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "app.py", "--corpus", str(corpus), "--index-dir", str(index_dir), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("app.py did not start") from None
            time.sleep(0.5)


def run_load(url: str, users: int, questions: int) -> tuple[list[float], list[str]]:
    """Latencies in ms of every request, and the errors seen."""
    from gradio_client import Client

    def user(number: int) -> tuple[list[float], list[str]]:
        client = Client(url, verbose=False, analytics_enabled=False)
        timings, errors = [], []
        for i in range(questions):
            question = QUESTIONS[(number + i) % len(QUESTIONS)]
            start = time.perf_counter()
            try:
                reply = client.predict(question, api_name="/chat")
                if not isinstance(reply, str) or not reply:
                    errors.append(f"empty reply to {question!r}")
            except Exception as error:  # every failure is counted, none stops the run
                errors.append(f"{type(error).__name__}: {error}")
            timings.append((time.perf_counter() - start) * 1000)
        return timings, errors

    with ThreadPoolExecutor(max_workers=users) as pool:
        results = list(pool.map(user, range(users)))
    return [t for r in results for t in r[0]], [e for r in results for e in r[1]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(ROOT / "seeds", corpus)
        process, url = start_app(corpus, Path(scratch) / "index")
        try:
            start = time.perf_counter()
            timings, errors = run_load(url, args.users, args.questions)
            elapsed = time.perf_counter() - start
        finally:
            process.terminate()
            process.wait(timeout=30)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print("| users | questions each | requests | errors | p50 ms | p95 ms | requests/s |\n|---|---|---|---|---|---|---|")
    print(
        f"| {args.users} | {args.questions} | {len(timings)} | {len(errors)} | {statistics.median(timings):.0f} | "
        f"{p95:.0f} | {len(timings) / elapsed:.1f} |"
    )
    for error in errors[:10]:
        print("error:", error)


if __name__ == "__main__":
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    main()

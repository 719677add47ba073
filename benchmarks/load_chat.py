"""Concurrent chat users against app.py on loopback through gradio_client, alone and while
uploads are indexed, and where the time of one request goes.

    .venv/bin/python -m benchmarks.load_chat [--users 50] [--questions 20] [--uploads 3]

Starts app.py on a free 127.0.0.1 port over a copy of seeds/. Every reply is checked: a failed
request, a malformed reply, or an answer that no complete index gives (each question asked one
at a time before the load, and again after each upload) counts as an error. Uploads go through
the page's upload event, as the browser sends them, and the users go on asking until the last
is indexed. Traffic goes only to the loopback address; every loop ends after --users ×
--questions requests and --uploads uploads.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from benchmarks.machine import cpu
from benchmarks.speed import percentiles

if TYPE_CHECKING:
    from gradio_client import Client

ROOT = Path(__file__).resolve().parent.parent
QUIET = {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
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
# One uploaded document per place: a fact only it holds, and filler that makes indexing take a while.
PLACES = ("Agadez", "Zinder", "Maradi", "Tahoua", "Dosso")
GOODS = ("salt", "millet", "onions", "cotton", "dates", "leather", "tea")
PORTS = ("Cotonou", "Lome", "Lagos", "Dakar", "Abidjan", "Accra")
# What /chat may reply (qa.chat_format.format_plain): an answer sentence and its source, or one
# of QA.answer's messages; "Sorry, something went wrong" (an exception in the app) is neither.
REPLY = re.compile(r"\S.*\n\nSource: \S.*", re.DOTALL)
MESSAGES = (
    "Please type a question.",
    "I couldn't find that in the documents.",
    "That question is ",
    "No documents are indexed",
)
TICKS = os.sysconf("SC_CLK_TCK")


def start_app(corpus: Path, index_dir: Path) -> tuple[subprocess.Popen, str]:
    """app.py over `corpus` on a free loopback port, once its page answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "app.py", "--corpus", str(corpus), "--index-dir", str(index_dir), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, **QUIET),
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("app.py did not start") from None
            time.sleep(0.5)


@dataclass(frozen=True)
class Reply:
    """One request of one user: the reply (or what went wrong) and when it was sent and received."""

    question: str
    text: str
    error: str | None
    start: float
    end: float

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


def client(url: str, ssl_verify: bool = False) -> Client:
    """A gradio_client session. The app is plain HTTP on loopback, so there is nothing to verify;
    with ssl_verify=True (its default) httpx loads the CA bundle twice per request."""
    from gradio_client import Client  # not at the top: benchmarks.soak imports this module

    return Client(url, verbose=False, analytics_enabled=False, ssl_verify=ssl_verify)


def ask(session: Client, question: str) -> Reply:
    start = time.perf_counter()
    try:
        text, error = session.predict(question, api_name="/chat"), None
    except Exception as failure:  # noqa: BLE001 - every failure is counted, none stops the run
        text, error = "", f"{type(failure).__name__}: {failure}"
    return Reply(question, text, error, start, time.perf_counter())


def sessions(url: str, count: int, ssl_verify: bool = False) -> list[Client]:
    """`count` gradio_client sessions, made side by side."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: client(url, ssl_verify), range(count)))


def close(made: list[Client]) -> None:
    """Side by side: each close waits up to a second for the session's heartbeat thread."""
    with ThreadPoolExecutor(max_workers=len(made)) as pool:
        list(pool.map(lambda session: session.close(), made))


def run_users(
    users: list[Client], questions: int, asked: list[str] = QUESTIONS, meanwhile: Callable[[], None] | None = None
) -> list[Reply]:
    """Every session asks `questions` questions in turn, all at once. `meanwhile` runs in one more
    thread from the same moment, and the users go on asking until it has finished."""
    running = threading.Event()

    def user(number: int) -> list[Reply]:
        replies: list[Reply] = []
        while len(replies) < questions or running.is_set():
            replies.append(ask(users[number], asked[(number + len(replies)) % len(asked)]))
        return replies

    def side(task: Callable[[], None]) -> None:
        try:
            task()
        finally:
            running.clear()

    with ThreadPoolExecutor(max_workers=len(users) + 1) as pool:
        if meanwhile is not None:
            running.set()
            pool.submit(side, meanwhile)
        return [reply for replies in pool.map(user, range(len(users))) for reply in replies]


def run_load(url: str, users: int, questions: int) -> tuple[list[float], list[str]]:
    """Latencies in ms of every request, and the failed or malformed replies."""
    made = sessions(url, users)
    try:
        replies = run_users(made, questions)
    finally:
        close(made)
    return [reply.ms for reply in replies], problems(replies)


def well_formed(text: object) -> bool:
    """An answer sentence with its source, or one of QA.answer's messages."""
    return isinstance(text, str) and (text.startswith(MESSAGES) or REPLY.fullmatch(text) is not None)


def problems(replies: list[Reply], allowed: dict[str, set[str]] | None = None) -> list[str]:
    """Failed requests, malformed replies and (given `allowed`) answers that no complete index gives."""
    found = []
    for reply in replies:
        if reply.error:
            found.append(reply.error)
        elif not well_formed(reply.text):
            found.append(f"malformed reply to {reply.question!r}: {reply.text!r}")
        elif allowed is not None and reply.text not in allowed[reply.question]:
            found.append(f"{reply.question!r} got {reply.text!r}, which no complete index gives")
    return found


def references(url: str, asked: list[str]) -> dict[str, str]:
    """Each question's answer, asked one at a time."""
    session = client(url)
    try:
        return {question: ask(session, question).text for question in dict.fromkeys(asked)}
    finally:
        close([session])


def call_event(http: httpx.Client, fn_index: int, data: list, trigger_id: int | None = None) -> dict:
    """One event through Gradio's queue as the page sends it: join, then read the event stream
    to its `process_completed` message, whose output holds the data and the server's duration."""
    session = uuid.uuid4().hex
    body = {"data": data, "fn_index": fn_index, "trigger_id": trigger_id, "session_hash": session, "event_data": None}
    http.post("gradio_api/queue/join", json=body).raise_for_status()
    with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            message = json.loads(line[5:]) if line.startswith("data:") else {}
            if message.get("msg") == "process_completed":
                if not message.get("success"):
                    raise RuntimeError(f"event {fn_index} failed: {message.get('output')}")
                return message["output"]
    raise RuntimeError(f"the event stream of event {fn_index} ended before it completed")


def event_index(http: httpx.Client, test: Callable[[dict], bool]) -> tuple[int, int | None]:
    """fn_index and trigger of the page's first event that passes `test` (read from /config)."""
    for index, event in enumerate(http.get("config").json()["dependencies"]):
        if test(event):
            targets = event.get("targets") or [[None]]
            return event.get("id", index), targets[0][0]
    raise LookupError("no such event on the page")


def opened(place: str) -> int:
    """The year only the document about `place` gives."""
    return 1920 + PLACES.index(place)


def upload_document(place: str, sentences: int) -> str:
    """A fact only this document holds, then `sentences` sentences of filler, ten to a paragraph."""
    lines = [f"The zeppelin hangar at {place} was opened in {opened(place)} by the Sahara Air Company."]
    lines += [
        f"Ledger page {i + 1} lists {7 + i % 13} crates of {GOODS[i % len(GOODS)]} sent from {place} "
        f"to {PORTS[i % len(PORTS)]} in {1850 + i % 97}."
        for i in range(sentences)
    ]
    return "\n\n".join(" ".join(lines[start : start + 10]) for start in range(0, len(lines), 10)) + "\n"


def upload_question(place: str) -> str:
    return f"When was the zeppelin hangar at {place} opened?"


def upload(http: httpx.Client, name: str, text: str) -> str:
    """Send a file as the page's upload box does; the corpus line the page shows afterwards."""
    sent = http.post("gradio_api/upload", files=[("files", (name, text.encode(), "text/plain"))])
    sent.raise_for_status()
    fn_index, trigger = event_index(http, lambda event: any(t[1] == "upload" for t in event.get("targets", [])))
    file = {"path": sent.json()[0], "orig_name": name, "meta": {"_type": "gradio.FileData"}}
    return call_event(http, fn_index, [[file]], trigger)["data"][0]


@dataclass
class Uploads:
    """What an upload thread did: when each upload ran, and every complete index's answers."""

    versions: list[dict[str, str]]
    intervals: list[tuple[float, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def allowed(self) -> dict[str, set[str]]:
        """Each question's answers over all the complete indexes."""
        return {question: {version[question] for version in self.versions} for question in self.versions[0]}


def run_uploads(url: str, places: tuple[str, ...], sentences: int, uploads: Uploads) -> None:
    """Upload one document per place, one after another; after each, ask every question again
    (no other upload runs then, so the answers are the new complete index's)."""
    asked = list(uploads.versions[0])
    with httpx.Client(base_url=url, timeout=600) as http:
        for place in places:
            start = time.perf_counter()
            try:
                line = upload(http, f"hangar-{place.lower()}.txt", upload_document(place, sentences))
            except Exception as failure:  # noqa: BLE001 - counted, like every request's
                uploads.errors.append(f"upload of {place}: {type(failure).__name__}: {failure}")
                return
            uploads.intervals.append((start, time.perf_counter()))
            if "skipped" in line:
                uploads.errors.append(f"after uploading {place} the page shows {line!r}")
            uploads.versions.append(references(url, asked))
            answer = uploads.versions[-1][upload_question(place)]
            if not re.match(
                rf"The zeppelin hangar at {place} was opened in {opened(place)}.*Source: uploads/hangar-",
                answer,
                re.DOTALL,
            ):
                uploads.errors.append(f"the new index does not answer {upload_question(place)!r}: {answer!r}")


def during(replies: list[Reply], intervals: list[tuple[float, float]]) -> int:
    """How many requests were in flight while an upload was being indexed."""
    return sum(any(r.start < end and start < r.end for start, end in intervals) for r in replies)


def process_cpu(pid: int) -> float:
    """Seconds of CPU the process has used (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def busy_cpu() -> float:
    """Seconds of CPU the whole machine has spent busy, all cores together (from /proc/stat)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks[:8]) - ticks[3] - ticks[4]) / TICKS  # all but idle and iowait; guest is in user


@dataclass(frozen=True)
class Scenario:
    """One load run: its replies, what was wrong with them, and what it cost."""

    name: str
    replies: list[Reply]
    problems: list[str]
    elapsed: float
    server_cpu: float
    client_cpu: float
    others_cpu: float
    during_upload: int

    def row(self) -> str:
        p50, p95 = percentiles([reply.ms for reply in self.replies])
        n = len(self.replies)
        return (
            f"| {self.name} | {n} | {len(self.problems)} | {p50:.0f} | {p95:.0f} | {n / self.elapsed:.1f} | "
            f"{1000 * self.server_cpu / n:.1f} | {1000 * self.client_cpu / n:.1f} | "
            f"{self.others_cpu / self.elapsed:.2f} | {self.during_upload} |"
        )


def scenario(
    name: str,
    url: str,
    pid: int,
    users: int,
    questions: int,
    ssl_verify: bool = False,
    uploads: int = 0,
    sentences: int = 400,
) -> Scenario:
    """`users` × `questions` requests. With `uploads`, documents are uploaded one after another
    meanwhile, the users go on asking until the last is indexed, and each answer must be one
    that a complete index (before or after an upload) gives."""
    places = PLACES[:uploads]
    asked = QUESTIONS + [upload_question(place) for place in places]
    done = Uploads([references(url, asked)])
    made = sessions(url, users, ssl_verify)
    server, own, machine, start = process_cpu(pid), _own_cpu(), busy_cpu(), time.perf_counter()
    try:
        replies = run_users(
            made, questions, asked, (lambda: run_uploads(url, places, sentences, done)) if uploads else None
        )
        elapsed = time.perf_counter() - start
        server, own, machine = process_cpu(pid) - server, _own_cpu() - own, busy_cpu() - machine
    finally:
        close(made)
    found = done.errors + problems(replies, done.allowed())
    return Scenario(name, replies, found, elapsed, server, own, machine - server - own, during(replies, done.intervals))


def one_user(url: str, count: int) -> list[tuple[str, list[float]]]:
    """Latencies (ms) of `count` questions asked one after another along each path a request takes."""
    durations, raw = [], []
    with httpx.Client(base_url=url, timeout=60) as http:
        fn_index, _ = event_index(http, lambda event: event.get("api_name") == "chat")
        for i in range(count):
            start = time.perf_counter()
            output = call_event(http, fn_index, [QUESTIONS[i % len(QUESTIONS)]])
            raw.append((time.perf_counter() - start) * 1000)
            durations.append(output["duration"] * 1000)
    paths = [("the event itself, as the server times it (QA.answer + format_plain)", durations)]
    paths.append(("raw HTTP: queue/join, then the event stream (httpx, one connection pool)", raw))
    for verify in (False, True):
        session = client(url, verify)
        timings = [ask(session, QUESTIONS[i % len(QUESTIONS)]).ms for i in range(count)]
        close([session])
        paths.append((f"gradio_client, ssl_verify={verify}", timings))
    return paths


def httpx_client_ms(verify: bool, count: int = 20) -> float:
    """CPU ms to make one httpx.Client, as gradio_client does twice per request."""
    start = time.process_time()
    for _ in range(count):
        httpx.Client(verify=verify).close()
    return (time.process_time() - start) * 1000 / count


def report(paths: list[tuple[str, list[float]]], scenarios: list[Scenario], users: int, questions: int) -> str:
    """The two tables as Markdown, with the CPU they were measured on."""
    lines = [f"CPU: {cpu()}", ""]
    lines += ["One user, one question after another:", "", "| path | p50 ms | p95 ms |", "|---|---|---|"]
    lines += [f"| {name} | {percentiles(t)[0]:.1f} | {percentiles(t)[1]:.1f} |" for name, t in paths]
    lines += [
        "",
        (
            f"httpx.Client() costs {httpx_client_ms(True):.1f} ms of CPU with ssl_verify=True, "
            f"{httpx_client_ms(False):.2f} ms without; gradio_client makes two per request."
        ),
        "",
        (
            f"{users} users × {questions} questions. CPU: ms per request in the app and in this load generator, "
            "and the cores other processes kept busy meanwhile (the machine is shared)."
        ),
        "",
        "| scenario | requests | errors | p50 ms | p95 ms | requests/s | app CPU ms | client CPU ms | others' cores | in flight during re-index |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [s.row() for s in scenarios]
    for s in scenarios:
        lines += [f"error ({s.name}): {problem}" for problem in s.problems[:5]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=3, choices=range(1, len(PLACES) + 1))
    parser.add_argument("--sentences", type=int, default=400, help="filler sentences per uploaded document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(ROOT / "seeds", corpus)
        process, url = start_app(corpus, Path(scratch) / "index")
        try:
            paths = one_user(url, 40)
            load = (url, process.pid, args.users, args.questions)
            scenarios = [
                scenario("chat, gradio_client default (ssl_verify=True)", *load, ssl_verify=True),
                scenario("chat", *load),
                scenario(
                    f"chat while {args.uploads} uploads are indexed",
                    *load,
                    uploads=args.uploads,
                    sentences=args.sentences,
                ),
            ]
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(report(paths, scenarios, args.users, args.questions))


if __name__ == "__main__":
    os.environ.update(QUIET)
    main()

"""The chat as a person uses it: Debian's chromium driven by Playwright, and the API by gradio_client."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from playwright.sync_api import Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
UPLOADED = (
    "The zeppelin hangar at Agadez was opened in 1925 by the Sahara Air Company. "
    "Its sign read <script>alert(1)</script> and <img src=x onerror=alert(1)> in large letters.\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """app.py on a copy of seeds/, on a free loopback port."""
    root = tmp_path_factory.mktemp("app")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    port = _free_port()
    log = (root / "app.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "app.py", "--corpus", str(corpus), "--index-dir", str(root / "index"), "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("app.py did not start:\n" + (root / "app.log").read_text())
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def page(server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser page; a screenshot is kept in test-artifacts/ whatever the outcome."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
        page.goto(server)
        try:
            yield page
        finally:
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
            browser.close()


def _ask(page: Page, question: str) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")


def _last_reply(page: Page):
    return page.locator('[data-testid="bot"]').last


def test_first_load_shows_title_corpus_and_examples(page: Page) -> None:
    expect(page.get_by_role("heading", name="qa — ask your documents")).to_be_visible()
    expect(page.locator("#corpus-line")).to_contain_text("1 file, 14 sentences")
    expect(page.get_by_role("button", name="When will US troops leave Niger?")).to_be_visible()


def test_example_click_and_typed_question_are_answered_with_source(page: Page) -> None:
    page.get_by_role("button", name="When will US troops leave Niger?").click()
    reply = _last_reply(page)
    expect(reply).to_contain_text("September 15", timeout=60_000)
    expect(reply).to_contain_text("000_6a0d2d9b88631f6f.txt")
    expect(reply.locator("mark")).to_contain_text("September 15")
    _ask(page, "Which mercenary group did the junta turn to?")
    expect(page.locator('[data-testid="bot"]')).to_have_count(2, timeout=60_000)
    expect(_last_reply(page)).to_contain_text("Wagner")
    expect(_last_reply(page).locator("details summary")).to_contain_text("Other passages")


def test_off_topic_question_says_not_in_the_documents(page: Page) -> None:
    _ask(page, "What is the capital of Australia?")
    expect(_last_reply(page)).to_contain_text("couldn't find that in the documents", timeout=60_000)


def test_upload_then_ask_and_html_stays_text(page: Page, tmp_path: Path) -> None:
    document = tmp_path / "hangar.txt"
    document.write_text(UPLOADED, encoding="utf-8")
    page.locator('#upload input[type="file"]').set_input_files(str(document))
    expect(page.locator("#corpus-line")).to_contain_text("2 files", timeout=120_000)
    _ask(page, "When was the airship hangar opened?")
    reply = _last_reply(page)
    expect(reply).to_contain_text("1925", timeout=60_000)
    expect(reply).to_contain_text("uploads/hangar.txt")
    _ask(page, "What did the sign of the hangar read? <img src=x onerror=alert(1)>")
    expect(page.locator('[data-testid="bot"]')).to_have_count(2, timeout=60_000)
    expect(_last_reply(page)).to_contain_text("<script>alert(1)</script>")
    expect(_last_reply(page)).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator('[data-testid="user"]').last).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.locator("#chat img[src='x']").count() == 0
    assert page.locator("#chat script").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_api_answers_through_gradio_client(server: str) -> None:
    from gradio_client import Client

    client = Client(server, verbose=False, analytics_enabled=False)
    reply = client.predict("When will American troops leave Niger?", api_name="/chat")
    assert "September 15" in reply and "Source: 000_6a0d2d9b88631f6f.txt" in reply
    assert client.predict("", api_name="/chat") == "Please type a question."


def test_concurrent_users_through_the_api(server: str) -> None:
    from benchmarks.load_chat import run_load

    timings, errors = run_load(server, users=5, questions=4)
    assert errors == [] and len(timings) == 20


@pytest.mark.parametrize("question", ["", "x" * 100_000, "\x00\x01\x02", "🤔 <b>bold</b> ?!"])
def test_api_bad_questions_get_a_reply_not_an_error(server: str, question: str) -> None:
    from gradio_client import Client

    reply = Client(server, verbose=False, analytics_enabled=False).predict(question, api_name="/chat")
    assert isinstance(reply, str) and reply

"""The chat as a person uses it: Debian's chromium driven by Playwright, and the API by gradio_client."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from documents_factory import write_pdf
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
# Screenshots of every browser test, whatever its outcome (ignored by git).
ARTIFACTS = ROOT / "test-artifacts"
SEED_FILE = "000_6a0d2d9b88631f6f.txt"
# A long text whose answer is far below the first screen: the view must scroll to it.
LONG = "".join(f"Paragraph {n} of the logbook records calm seas and light winds.\n\n" for n in range(150))
LONG += "The lighthouse keeper's cat was named Biscuit.\n"
UPLOADED = (
    "The zeppelin hangar at Agadez was opened in 1925 by the Sahara Air Company. "
    "Its sign read <script>alert(1)</script> and <img src=x onerror=alert(1)> in large letters.\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app(root: Path, corpus: Path, *options: str, env: dict[str, str] | None = None) -> tuple[str, subprocess.Popen]:
    """app.py on `corpus`, on a free loopback port, its index in root/index and its log in root/app.log;
    returns its address once it answers."""
    port = _free_port()
    log = (root / "app.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "app.py", "--corpus", str(corpus), "--index-dir", str(root / "index"), "--port", str(port), *options],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, PYTHONUNBUFFERED="1", **(env or {})),
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return url, process
        except urllib.error.HTTPError:  # up, but asking for a login
            return url, process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("app.py did not start:\n" + (root / "app.log").read_text())
            time.sleep(0.5)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def app_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("app")


@pytest.fixture(scope="module")
def server(app_root: Path) -> Iterator[str]:
    """app.py on a copy of seeds/ with a three-page PDF, a long logbook and an empty (skipped) file."""
    corpus = app_root / "corpus"
    shutil.copytree(SEEDS, corpus)
    write_pdf(corpus / "report.pdf")
    (corpus / "logbook.txt").write_text(LONG, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    url, process = start_app(app_root, corpus)
    yield url
    stop(process)


@contextmanager
def browser_page_at(url: str, name: str) -> Iterator[Page]:
    """A fresh chromium page at `url`, recording dialogs it dismisses in `page.dialogs`; a
    screenshot is kept in test-artifacts/`name`.png whatever the outcome."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
        page.goto(url)
        try:
            yield page
        finally:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            browser.close()


@pytest.fixture
def page(server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser page at the server (see `browser_page_at`)."""
    with browser_page_at(server, request.node.name) as opened:
        yield opened


def wait_until_loaded(page: Page) -> None:
    """Wait for the page's load event to have run (app.py marks body[data-loaded]): before it,
    hidden controls are the layout's defaults, not yet what this user may see."""
    expect(page.locator("body[data-loaded]")).to_have_count(1, timeout=30_000)


def _ask(page: Page, question: str) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")


def _last_reply(page: Page):
    return page.locator('[data-testid="bot"]').last


def test_first_load_shows_title_corpus_and_examples(page: Page) -> None:
    expect(page.get_by_role("heading", name="qa — ask your documents")).to_be_visible()
    expect(page.locator("#corpus-line")).to_contain_text("3 files")
    expect(page.locator("#corpus-line")).to_contain_text("1 skipped: empty.txt is empty")
    expect(page.get_by_role("button", name="When will US troops leave Niger?")).to_be_visible()
    page.get_by_text("Documents", exact=True).click()
    expect(page.locator("#documents-table")).to_contain_text(SEED_FILE)
    wait_until_loaded(page)
    expect(page.locator("#delete-row")).to_be_hidden()  # nothing uploaded yet: nothing to delete
    expect(page.locator("#delete")).to_be_hidden()


def test_example_click_and_typed_question_are_answered_with_source(page: Page) -> None:
    page.get_by_role("button", name="When will US troops leave Niger?").click()
    reply = _last_reply(page)
    expect(reply).to_contain_text("September 15", timeout=60_000)
    expect(reply).to_contain_text("000_6a0d2d9b88631f6f.txt")
    expect(reply.locator(".qa-answer")).to_contain_text("September 15")
    expect(reply.locator("blockquote")).to_have_count(0)  # its paragraph is that sentence alone: shown once
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
    expect(page.locator("#corpus-line")).to_contain_text("4 files", timeout=120_000)
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


def _open_citation(page: Page, question: str, expected: str) -> Page:
    """Ask, wait for the answer, click its citation; the tab it opens."""
    _ask(page, question)
    reply = _last_reply(page)
    expect(reply).to_contain_text(expected, timeout=60_000)
    with page.context.expect_page() as opened:
        reply.locator("a.qa-file").first.click()
    view = opened.value
    view.wait_for_load_state()
    return view


def test_citation_opens_the_text_at_the_highlighted_sentence(page: Page) -> None:
    view = _open_citation(page, "What was the name of the lighthouse keeper's cat?", "Biscuit")
    try:
        assert view.url.startswith(page.url.rstrip("/") + "/source/logbook.txt?start=") and view.url.endswith("#answer")
        mark = view.locator("mark#answer")
        expect(mark).to_have_text("The lighthouse keeper's cat was named Biscuit.")
        expect(view.get_by_role("heading", name="logbook.txt")).to_be_attached()
        box = mark.bounding_box()
        viewport = view.viewport_size
        assert box is not None and viewport is not None
        assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box  # scrolled into view
        assert view.evaluate("window.scrollY") > 1000
    finally:
        view.screenshot(path=str(ARTIFACTS / "citation-text-view.png"))


def test_citation_opens_the_pdf_at_its_page(page: Page, server: str) -> None:
    _ask(page, "How much is the whole operation expected to cost?")
    link = _last_reply(page).locator("a.qa-file").first
    expect(link).to_contain_text("report.pdf, p. 3", timeout=60_000)
    href = link.get_attribute("href")
    assert href == "/source/report.pdf#page=3"
    with page.context.expect_page() as opened:
        link.click()
    view = opened.value
    view.wait_for_load_state()
    assert view.url == server.rstrip("/") + href
    with urllib.request.urlopen(server.rstrip("/") + "/source/report.pdf", timeout=10) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("inline")
        assert response.read(5) == b"%PDF-"
    view.screenshot(path=str(ARTIFACTS / "citation-pdf.png"))


def test_like_and_dislike_are_saved_with_the_answer(page: Page, app_root: Path) -> None:
    ratings = app_root / "index" / "feedback.jsonl"
    before = len(ratings.read_text(encoding="utf-8").splitlines()) if ratings.exists() else 0
    page.get_by_role("button", name="When will US troops leave Niger?").click()
    expect(_last_reply(page)).to_contain_text("September 15", timeout=60_000)
    _ask(page, "Which mercenary group did the junta turn to?")
    expect(page.locator('[data-testid="bot"]')).to_have_count(2, timeout=60_000)
    page.get_by_role("button", name="Like", exact=True).first.click()
    page.get_by_role("button", name="Dislike", exact=True).last.click()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        lines = ratings.read_text(encoding="utf-8").splitlines() if ratings.exists() else []
        if len(lines) >= before + 2:
            break
        time.sleep(0.2)
    saved = sorted((json.loads(line) for line in lines[before:]), key=lambda rating: not rating["liked"])
    assert len(saved) == 2, saved  # the two clicks are handled at once: their lines may come in either order
    first, second = saved
    assert first["liked"] is True and first["question"] == "When will US troops leave Niger?"
    assert "September 15" in first["passages"][0]["text"] and first["passages"][0]["source"] == SEED_FILE
    assert first["model"] and first["generation"].startswith("gen-") and first["history"] == []
    assert second["liked"] is False and second["question"] == "Which mercenary group did the junta turn to?"
    assert second["history"][0]["content"] == "When will US troops leave Niger?"


def test_documents_panel_lists_files_and_skipped_reason(page: Page, server: str) -> None:
    page.get_by_text("Documents", exact=True).click()
    table = page.locator("#documents-table")
    expect(table).to_contain_text(SEED_FILE)
    row = table.locator("tr", has_text="empty.txt")
    expect(row).to_contain_text("skipped: it is empty")
    expect(table.locator("tr", has_text=SEED_FILE)).to_contain_text("txt")
    expect(table.locator("tr", has_text=SEED_FILE)).to_contain_text("14")
    href = table.locator("a", has_text=SEED_FILE).get_attribute("href")
    assert href == f"/source/{SEED_FILE}?download=1"
    with urllib.request.urlopen(server.rstrip("/") + href, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/plain")
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.read() == (SEEDS / SEED_FILE).read_bytes()


def test_delete_an_upload_and_it_is_no_longer_answered(page: Page, app_root: Path, tmp_path: Path) -> None:
    document = tmp_path / "windmill.txt"
    document.write_text("The windmill at Tahoua was painted bright purple in 1931.\n", encoding="utf-8")
    page.locator('#upload input[type="file"]').set_input_files(str(document))
    page.get_by_text("Documents", exact=True).click()
    table = page.locator("#documents-table")
    expect(table).to_contain_text("uploads/windmill.txt", timeout=120_000)
    _ask(page, "What colour was the windmill at Tahoua painted?")
    expect(_last_reply(page)).to_contain_text("purple", timeout=60_000)
    expect(page.locator("#delete-ask")).to_be_disabled()  # no file chosen yet
    page.locator("#delete-choice input").click()
    page.get_by_role("option", name="uploads/windmill.txt").click()
    # The folder changes while a file is chosen: the panel is refreshed and the choice kept.
    (app_root / "corpus" / "kiosk.txt").write_text("The kiosk by the bus station opens at six.\n", encoding="utf-8")
    expect(table).to_contain_text("kiosk.txt", timeout=60_000)
    expect(page.locator("#delete-choice input")).to_have_value("uploads/windmill.txt")
    expect(page.locator("#delete-ask")).to_be_enabled()
    page.locator("#delete-ask").click()
    expect(page.locator("#delete-question")).to_contain_text("Delete uploads/windmill.txt?")
    page.locator("#delete-cancel").click()  # asked to confirm, and cancelled: nothing deleted
    expect(page.locator("#delete-confirm")).to_be_hidden()
    page.wait_for_timeout(1000)
    expect(table).to_contain_text("uploads/windmill.txt")
    assert (app_root / "corpus" / "uploads" / "windmill.txt").exists()
    page.locator("#delete-ask").click()
    page.locator("#delete").click()
    expect(table).not_to_contain_text("uploads/windmill.txt", timeout=60_000)
    expect(page.locator(".toast-body", has_text="Deleted uploads/windmill.txt.")).to_be_visible()
    _ask(page, "What colour was the windmill at Tahoua painted?")
    expect(page.locator('[data-testid="bot"]')).to_have_count(2, timeout=60_000)
    expect(_last_reply(page)).not_to_contain_text("purple")
    assert not (app_root / "corpus" / "uploads" / "windmill.txt").exists()


def test_a_file_copied_into_the_folder_is_answered_within_ten_seconds(page: Page, app_root: Path, server: str) -> None:
    from gradio_client import Client

    start = time.monotonic()
    (app_root / "corpus" / "bakery.txt").write_text(
        "The bakery on Rue Tafadek sells millet bread every Tuesday morning.\n", encoding="utf-8"
    )
    client = Client(server, verbose=False, analytics_enabled=False)
    reply = ""
    while time.monotonic() - start < 10 and "millet" not in reply:
        reply = client.predict("What does the bakery on Rue Tafadek sell on Tuesdays?", api_name="/chat")
        time.sleep(0.3)
    assert "millet" in reply and "bakery.txt" in reply, reply
    page.get_by_text("Documents", exact=True).click()
    expect(page.locator("#documents-table")).to_contain_text("bakery.txt", timeout=5_000)


def _toast(page: Page, kind: str, text: str):
    """The toast of this kind ("Success", "Warning", "Info") that says `text`."""
    return page.locator(".toast-body", has_text=kind).filter(has_text=text)


def test_upload_messages_speak_of_the_files_just_uploaded_and_the_log_says_each_skip_once(
    page: Page, app_root: Path, tmp_path: Path
) -> None:
    (tmp_path / "garbage.pdf").write_bytes(bytes(range(256)) * 12)
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    (tmp_path / "well.txt").write_text("The Maradi well was dug in 1931 by hand.\n", encoding="utf-8")
    upload = page.locator('#upload input[type="file"]')
    upload.set_input_files([str(tmp_path / "garbage.pdf"), str(tmp_path / "blank.txt")])
    warning = _toast(page, "Warning", "uploads/garbage.pdf was skipped: it is a damaged PDF, or not a PDF at all.")
    expect(warning).to_be_visible(timeout=120_000)
    expect(warning).to_contain_text("uploads/blank.txt was skipped: it is empty.")
    page.locator(".toast-close").first.click()
    upload.set_input_files(str(tmp_path / "well.txt"))
    expect(_toast(page, "Success", "Added uploads/well.txt: 1 sentence.")).to_be_visible(timeout=120_000)
    # A file copied into the folder afterwards: once the documents panel lists it, the folder
    # watcher has refreshed the index at least once since the uploads.
    (app_root / "corpus" / "late-arrival.txt").write_text("The Agadez well was dug in 1952.\n", encoding="utf-8")
    page.get_by_text("Documents", exact=True).click()
    expect(page.locator("#documents-table")).to_contain_text("late-arrival.txt", timeout=60_000)
    assert page.locator(".toast-body", has_text="Warning").count() == 0  # the earlier skips are not said again
    log = (app_root / "app.log").read_text(encoding="utf-8")
    assert log.count("WARNING: skipped uploads/garbage.pdf: it is a damaged PDF, or not a PDF at all") == 1, log
    assert log.count("WARNING: skipped empty.txt: it is empty") == 1, log  # at start, and never again
    assert "Error" not in log


def test_a_file_uploaded_again_replaces_the_earlier_version(page: Page, app_root: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "v1", tmp_path / "v2"
    first.mkdir()
    second.mkdir()
    (first / "hours.txt").write_text("The Tahoua pharmacy opens at 6:30 every morning.\n", encoding="utf-8")
    (second / "hours.txt").write_text("The Tahoua pharmacy opens at 7:15 every morning.\n", encoding="utf-8")
    upload = page.locator('#upload input[type="file"]')
    upload.set_input_files(str(first / "hours.txt"))
    expect(_toast(page, "Success", "Added uploads/hours.txt: 1 sentence.")).to_be_visible(timeout=120_000)
    upload.set_input_files(str(second / "hours.txt"))
    expect(_toast(page, "Success", "Replaced uploads/hours.txt with the new version: 1 sentence.")).to_be_visible(
        timeout=120_000
    )
    _ask(page, "When does the Tahoua pharmacy open?")
    expect(_last_reply(page)).to_contain_text("7:15", timeout=60_000)
    expect(_last_reply(page)).not_to_contain_text("6:30")
    assert sorted(p.name for p in (app_root / "corpus" / "uploads").glob("hours*")) == ["hours.txt"]
    upload.set_input_files(str(second / "hours.txt"))
    expect(_toast(page, "Success", "uploads/hours.txt is already there, unchanged (1 sentence).")).to_be_visible(
        timeout=120_000
    )


def test_a_refused_file_type_is_explained_and_the_upload_box_is_ready_again(page: Page, tmp_path: Path) -> None:
    (tmp_path / "setup.exe").write_bytes(b"MZ\x90\x00")
    page.locator('#upload input[type="file"]').set_input_files(str(tmp_path / "setup.exe"))
    expect(_toast(page, "Warning", "setup.exe: .exe files are not read (allowed: .csv, .docx")).to_be_visible(
        timeout=60_000
    )
    box = page.locator("#upload")
    expect(box).to_contain_text("Drop File Here")  # emptied, not showing the refused file
    expect(box).not_to_contain_text("setup.exe")
    expect(box.get_by_text("Error", exact=True)).to_have_count(0)
    expect(page.locator(".toast-body", has_text="Error")).to_have_count(0)


def _contrast(page: Page, selector: str) -> float:
    """WCAG contrast ratio of the element's text against the first opaque background behind it."""
    return page.locator(selector).first.evaluate(
        """(element) => {
            const rgba = (css) => { const v = css.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v[3] ?? 1]; };
            let node = element, back = null;
            while (node && !back) {
                const colour = rgba(getComputedStyle(node).backgroundColor);
                if (colour[3] > 0) back = colour;
                node = node.parentElement;
            }
            back = back || [255, 255, 255, 1];
            const [r, g, b, a] = rgba(getComputedStyle(element).color);
            const text = [r, g, b].map((c, i) => c * a + back[i] * (1 - a));
            const luminance = (c) => {
                const [x, y, z] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                return 0.2126 * x + 0.7152 * y + 0.0722 * z;
            };
            const [light, dark] = [luminance(text), luminance(back)].sort((p, q) => q - p);
            return (light + 0.05) / (dark + 0.05);
        }"""
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_source_line_is_readable(page: Page, server: str, theme: str) -> None:
    page.goto(f"{server}?__theme={theme}")
    _ask(page, "When will American troops leave Niger?")
    expect(_last_reply(page).locator(".qa-source")).to_contain_text("confidence", timeout=60_000)
    for selector in (".qa-source", ".qa-source a.qa-file"):
        ratio = _contrast(page, selector)
        assert ratio >= 4.5, f"{selector} in the {theme} theme: {ratio:.2f}:1, below WCAG AA's 4.5:1"

"""Shared use: `app.py --auth FILE` gives strangers nothing (page, API, MCP, files), lets users in by
the sign-in form, gradio_client's `auth=` or HTTP Basic, and lets only editors change the corpus."""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import ROOT, SEEDS
from limits import parse
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client
from playwright.sync_api import Page, expect
from test_browser import ARTIFACTS, SEED_FILE, _free_port, browser_page_at, start_app, stop, wait_until_loaded

from qa.access import Access, CredentialCache, FailedSignIns, Sessions, TooManyFailures, basic_credentials, basic_header
from qa.users import User, Users, add_user

EDITOR = ("ana", "correct horse battery")
READER = ("bo", "Päss wörd: with colon")
GUESSED = ("cy", "a password someone tries to guess")
QUESTION = "When will US troops leave Niger?"
KEPT = "uploads/kept.txt"


def _add_user(users_file: Path, name: str, password: str, *options: str) -> None:
    """`python -m qa users add`, the password piped in."""
    subprocess.run(
        [sys.executable, "-m", "qa", "users", "add", name, "--file", str(users_file), *options],
        cwd=ROOT,
        input=password + "\n",
        text=True,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def app_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("auth")


@pytest.fixture(scope="module")
def users_file(app_root: Path) -> Path:
    path = app_root / "users.json"
    _add_user(path, *EDITOR, "--editor")
    _add_user(path, *READER)
    _add_user(path, *GUESSED)
    return path


@pytest.fixture(scope="module")
def server(app_root: Path, users_file: Path) -> Iterator[str]:
    """app.py --auth on a copy of seeds/ with one file uploaded earlier."""
    corpus = app_root / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "uploads").mkdir()
    (corpus / KEPT).write_text("The lighthouse of Tillabéri was painted green in 1977.\n", encoding="utf-8")
    url, process = start_app(app_root, corpus, "--auth", str(users_file))
    yield url
    stop(process)


def _get(url: str, **options: Any) -> httpx.Response:
    return httpx.get(url, timeout=30, **options)


# The rules, without a server.


def test_basic_credentials_are_parsed_strictly() -> None:
    assert basic_credentials(basic_header("ana", "pa:ss wörd")) == ("ana", "pa:ss wörd")
    assert basic_credentials("basic " + basic_header("ana", "x").split()[1]) == ("ana", "x")
    for header in [None, "", "Bearer abc", "Basic", "Basic !!!", "Basic " + "YW5h", basic_header("ana", "")]:
        assert basic_credentials(header) is None, header
    assert basic_credentials("Basic /w==") is None  # not UTF-8
    assert basic_credentials("Basic \xff\xfe") is None  # not ASCII: b64decode raises a plain ValueError


def test_the_credential_cache_forgets_after_a_minute_and_keeps_a_bounded_number() -> None:
    now = [0.0]
    cache = CredentialCache(seconds=60, size=2, clock=lambda: now[0])
    ana, bo = User("ana", True), User("bo", False)
    cache.put("ana", "pw", ana)
    assert cache.get("ana", "pw") == ana and cache.get("ana", "other") is None and cache.get("ANA", "pw") is None
    now[0] = 59.0
    assert cache.get("ana", "pw") == ana
    now[0] = 60.0
    assert cache.get("ana", "pw") is None
    cache.put("ana", "pw", ana)
    cache.put("bo", "pw", bo)
    cache.put("cy", "pw", bo)
    assert cache.get("ana", "pw") is None and cache.get("bo", "pw") == bo  # the oldest went first


def test_session_tokens_are_signed_and_expire() -> None:
    now = [1000.0]
    sessions = Sessions(seconds=3600, clock=lambda: now[0])
    token = sessions.issue("José.Müller@北京")
    assert sessions.name(token) == "José.Müller@北京"
    payload, mac = token.split(".")
    forged = Sessions().issue("ana")
    for bad in [None, "", payload, f"{payload}.", f"{payload}.{mac[:-2]}AA", forged, f"{forged.split('.')[0]}.{mac}"]:
        assert sessions.name(bad) is None, bad
    now[0] = 1000.0 + 3600
    assert sessions.name(token) is None


def test_access_caches_correct_passwords_only_and_knows_editors(tmp_path: Path) -> None:
    add_user(tmp_path / "users.json", "ana", "pw-a", editor=True)
    add_user(tmp_path / "users.json", "bo", "pw-b")
    access = Access(Users.load(tmp_path / "users.json"))
    assert access.cached("ana", "pw-a") is None
    assert access.verify("ana", "pw-a", "127.0.0.1") == User("ana", True)
    started = time.perf_counter()
    assert access.verify("ana", "pw-a", "127.0.0.1") == User("ana", True)
    assert time.perf_counter() - started < 0.01  # from the cache, not Argon2
    assert access.verify("ana", "wrong", "127.0.0.1") is None and access.cached("ana", "wrong") is None
    assert access.session_user(access.session(User("bo", False))) == User("bo", False)
    assert access.may_edit("ana") and not access.may_edit("bo") and not access.may_edit(None)
    assert not access.may_edit("nobody")


def test_wrong_passwords_from_one_address_are_stopped_for_a_while(tmp_path: Path) -> None:
    add_user(tmp_path / "users.json", "ana", "pw-a", editor=True)
    add_user(tmp_path / "users.json", "bo", "pw-b")
    access = Access(Users.load(tmp_path / "users.json"), failures=FailedSignIns(parse("3/1 minute")))
    for _ in range(3):
        assert access.verify("ana", "guess", "10.0.0.1") is None
    with pytest.raises(TooManyFailures) as stopped:
        access.verify("ana", "pw-a", "10.0.0.1")  # the right password too, until the window moves on
    assert 1 <= stopped.value.retry_after <= 60
    with pytest.raises(TooManyFailures):
        access.refuse_if_throttled("ana", "10.0.0.1")  # asked before a password check is queued
    assert access.verify("ana", "pw-a", "10.0.0.2") == User("ana", True)  # from elsewhere
    assert access.verify("ana", "pw-a", "10.0.0.1") == User("ana", True)  # verified lately: let in
    # Other names from that address are not locked out, however many wrong passwords for made-up
    # names came from it (people behind one NAT or proxy share an address).
    for number in range(30):
        assert access.verify(f"nobody-{number}", "guess", "10.0.0.1") is None
    assert access.verify("bo", "pw-b", "10.0.0.1") == User("bo", False)
    # The right password forgets that name's failures.
    for _ in range(2):
        assert access.verify("bo", "guess", "10.0.0.3") is None
    assert access.verify("bo", "pw-b", "10.0.0.3") == User("bo", False)
    for _ in range(3):
        assert access.verify("bo", "guess again", "10.0.0.3") is None
    with pytest.raises(TooManyFailures):
        access.verify("bo", "one more guess", "10.0.0.3")
    # An IPv6 client counts as its /64: moving to another address in it does not reset the count.
    for host in range(3):
        assert access.verify("ana", "guess", f"2001:db8:1:2::{host + 1}") is None
    with pytest.raises(TooManyFailures):
        access.verify("ana", "guess", "2001:db8:1:2::ffff")
    assert access.verify("ana", "pw-a", "2001:db8:1:3::1") == User("ana", True)


def test_guesses_sent_at_once_are_verified_no_more_than_the_window_allows(tmp_path: Path) -> None:
    add_user(tmp_path / "users.json", "ana", "pw-a", editor=True)
    users = Users.load(tmp_path / "users.json")
    verified = []
    real_verify = users.verify

    def counting_verify(name: str, password: str) -> User | None:
        verified.append(password)
        return real_verify(name, password)

    users.verify = counting_verify  # type: ignore[method-assign]
    access = Access(users, failures=FailedSignIns(parse("3/1 minute")))

    def guess(number: int) -> str:
        try:
            return "refused" if access.verify("ana", f"guess {number}", "10.0.0.9") is None else "let in"
        except TooManyFailures:
            return "stopped"

    with ThreadPoolExecutor(max_workers=12) as pool:
        outcomes = list(pool.map(guess, range(12)))
    assert len(verified) == 3 and sorted(outcomes) == ["refused"] * 3 + ["stopped"] * 9


# Strangers.


def test_strangers_get_the_sign_in_page_and_nothing_else(server: str) -> None:
    page = _get(server)
    assert page.status_code == 401 and SEED_FILE not in page.text and "corpus" not in page.text.lower()
    browser = _get(server, headers={"Accept": "text/html"})
    assert browser.status_code == 303 and browser.headers["location"] == "/login?next=%2F"
    login = _get(server + "login?next=%2F")
    assert login.status_code == 200 and 'name="password"' in login.text and SEED_FILE not in login.text
    assert "corpus-line" not in login.text and "<script" not in login.text
    for path in ["config", "gradio_api/info", "gradio_api/mcp/", "gradio_api/upload_progress", "theme.css", "favicon.ico"]:
        response = _get(server + path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"].startswith('Basic realm="qa"'), path
        assert SEED_FILE not in response.text
    for path in ["gradio_api/call/chat", "gradio_api/queue/join", "gradio_api/upload", "gradio_api/run/ask", "login/../config"]:
        assert httpx.post(server + path, json={"data": [QUESTION]}, timeout=30).status_code == 401, path


def test_source_files_need_credentials(server: str) -> None:
    source = f"{server}source/{SEED_FILE}"
    assert _get(source).status_code == 401
    assert _get(source, headers={"Accept": "text/html"}).headers["location"] == f"/login?next=%2Fsource%2F{SEED_FILE}"
    assert _get(source, auth=(READER[0], "wrong")).status_code == 401
    assert _get(source, auth=("nobody", READER[1])).status_code == 401
    response = _get(source + "?download=1", auth=READER)
    assert response.status_code == 200 and response.content == (SEEDS / SEED_FILE).read_bytes()


def test_basic_credentials_are_checked_once_a_minute_not_each_time(server: str) -> None:
    source = f"{server}source/{SEED_FILE}?download=1"
    with httpx.Client(auth=EDITOR, timeout=30) as client:
        assert client.get(source).status_code == 200
        started = time.perf_counter()
        for _ in range(20):
            assert client.get(source).status_code == 200
    assert time.perf_counter() - started < 1.5  # 20 Argon2 checks alone take about 2 s


def test_sign_in_sets_a_session_cookie_and_sign_out_drops_it(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as client:
        wrong = client.post("login", data={"username": READER[0], "password": "wrong", "next": "/"})
        assert wrong.status_code == 401 and "Wrong name or password" in wrong.text and not client.cookies
        signed = client.post("login", data={"username": READER[0], "password": READER[1], "next": "//evil.example/"})
        assert signed.status_code == 303 and signed.headers["location"] == "/"  # never to another site
        cookie = signed.headers["set-cookie"]
        assert cookie.startswith("qa-session=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert client.get(f"source/{SEED_FILE}").status_code == 200
        assert client.get("config").json()["username"] == READER[0]
        client.cookies.set("qa-session", client.cookies["qa-session"][:-3] + "AAA")
        assert client.get(f"source/{SEED_FILE}").status_code == 401  # an altered cookie is no cookie
        client.post("login", data={"username": READER[0], "password": READER[1], "next": "/"})
        assert client.get("logout").status_code == 303
        assert client.get(f"source/{SEED_FILE}").status_code == 401


def test_a_guessed_name_is_refused_with_how_long_to_wait(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as client:
        for _ in range(5):
            wrong = client.post("login", data={"username": GUESSED[0], "password": "guess", "next": "/"})
            assert wrong.status_code == 401
        stopped = client.post("login", data={"username": GUESSED[0], "password": GUESSED[1], "next": "/"})
        assert stopped.status_code == 429 and "Too many wrong passwords from here. Try again in 15 minutes." in stopped.text
        assert 800 < int(stopped.headers["retry-after"]) <= 900 and not client.cookies
        by_script = client.get(f"source/{SEED_FILE}", auth=GUESSED)
        assert by_script.status_code == 429 and "Try again in" in by_script.json()["detail"]
        other = client.post("login", data={"username": READER[0], "password": READER[1], "next": "/"})
        assert other.status_code == 303  # another name from the same address still signs in


# The API and MCP.


def test_gradio_client_signs_in_with_auth_and_is_refused_without(server: str) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError

    client = Client(server, auth=READER, verbose=False, analytics_enabled=False)
    reply = client.predict("When will American troops leave Niger?", api_name="/chat")
    assert "September 15" in reply and f"Source: {SEED_FILE}" in reply
    with pytest.raises(AuthenticationError):
        Client(server, auth=(READER[0], "wrong"), verbose=False, analytics_enabled=False)
    with pytest.raises(AuthenticationError):
        Client(server, verbose=False, analytics_enabled=False)


def _mcp(url: str, headers: dict[str, str]) -> tuple[list[str], dict]:
    async def run() -> tuple[list[str], dict]:
        async with streamablehttp_client(url, headers=headers) as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                tools = await session.list_tools()
                result = await session.call_tool("ask", {"question": QUESTION})
                assert not result.isError, result
                return [tool.name for tool in tools.tools], json.loads(result.content[0].text)

    return asyncio.run(asyncio.wait_for(run(), 120))


def test_mcp_needs_an_authorization_header(server: str) -> None:
    url = server + "gradio_api/mcp/"
    with pytest.raises(BaseException) as refused:  # the MCP client raises its HTTP error in a task group
        _mcp(url, {})
    assert "401" in repr(refused.value)
    with pytest.raises(BaseException) as wrong:
        _mcp(url, {"Authorization": basic_header(READER[0], "wrong")})
    assert "401" in repr(wrong.value)
    tools, result = _mcp(url, {"Authorization": basic_header(*READER)})
    assert tools == ["ask"]
    assert "September 15" in result["answer"] and result["found"] is True


# Who may change the corpus.


def _event(config: dict, elem_id: str, event: str) -> tuple[int, int]:
    """The fn_index and trigger id of the page's `event` on the component `elem_id`."""
    ids = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
    for index, dependency in enumerate(config["dependencies"]):
        for target, name in dependency["targets"]:
            if ids.get(target) == elem_id and name == event:
                return index, target
    raise LookupError(f"{event} on #{elem_id}")


def _direct_call(server: str, auth: tuple[str, str], elem_id: str, event: str, data: list, session: str | None = None) -> list[dict]:
    """Trigger a page event as the browser does (queue/join, then its event stream), in `session`
    (a new one by default: the page's State starts empty); the messages."""
    session = session or secrets.token_hex(8)
    with httpx.Client(base_url=server, auth=auth, timeout=120) as client:
        fn_index, trigger = _event(client.get("config").json(), elem_id, event)
        body = {"data": data, "fn_index": fn_index, "trigger_id": trigger, "session_hash": session, "event_data": None}
        client.post("gradio_api/queue/join", json=body).raise_for_status()
        messages = []
        with client.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    messages.append(json.loads(line[5:]))
                    if messages[-1].get("msg") == "process_completed":
                        break
    return messages


def _warnings(messages: list[dict]) -> list[str]:
    return [m["log"] for m in messages if m.get("msg") == "log" and m.get("level") == "warning"]


def _uploaded(server: str, auth: tuple[str, str], name: str, text: str) -> dict:
    """A file sent to Gradio's upload route, as the upload box does first; its FileData."""
    response = httpx.post(
        server + "gradio_api/upload", auth=auth, files=[("files", (name, text.encode()))], timeout=30
    )
    response.raise_for_status()
    return {"path": response.json()[0], "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_only_editors_may_upload_and_delete_even_by_direct_calls(server: str, app_root: Path) -> None:
    corpus = app_root / "corpus"
    text = "The Agadez camel market opens at dawn on Mondays.\n"
    refused = _direct_call(server, READER, "upload", "upload", [[_uploaded(server, READER, "camels.txt", text)]])
    assert _warnings(refused) == ["Only editors may add documents."], refused
    assert not (corpus / "uploads" / "camels.txt").exists()
    # "Delete" deletes the file chosen in the dropdown (kept in the page's State), as in a browser.
    reader, editor = secrets.token_hex(8), secrets.token_hex(8)
    _direct_call(server, READER, "delete-choice", "change", [KEPT], reader)
    refused = _direct_call(server, READER, "delete", "click", [None], reader)
    assert _warnings(refused) == ["Only editors may delete documents."], refused
    assert (corpus / KEPT).exists()
    done = _direct_call(server, EDITOR, "upload", "upload", [[_uploaded(server, EDITOR, "camels.txt", text)]])
    assert _warnings(done) == [] and (corpus / "uploads" / "camels.txt").read_text(encoding="utf-8") == text
    _direct_call(server, EDITOR, "delete-choice", "change", [KEPT], editor)
    done = _direct_call(server, EDITOR, "delete", "click", [None], editor)
    assert _warnings(done) == [] and not (corpus / KEPT).exists()


# In the browser.


@pytest.fixture
def browser_page(server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser page at the server (see `test_browser.browser_page_at`)."""
    with browser_page_at(server, request.node.name) as opened:
        yield opened


def _sign_in(page: Page, name: str, password: str) -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_person_signs_in_with_the_form_and_asks(browser_page: Page, server: str) -> None:
    page = browser_page
    expect(page).to_have_url(server + "login?next=%2F")
    assert page.locator("#chat").count() == 0 and SEED_FILE not in page.content()
    _sign_in(page, EDITOR[0], "wrong")
    expect(page.get_by_role("alert")).to_have_text("Wrong name or password.")
    page.screenshot(path=str(ARTIFACTS / "sign-in-refused.png"))
    _sign_in(page, *EDITOR)
    expect(page).to_have_url(server)
    expect(page.locator("#corpus-line")).to_contain_text("files")
    expect(page.locator("#upload")).to_be_visible()  # an editor
    page.get_by_text("Documents", exact=True).click()
    expect(page.locator("#delete-row")).to_be_visible()  # and there is an upload to delete (camels.txt, above)
    box = page.locator("#question textarea")
    box.fill(QUESTION)
    box.press("Enter")
    reply = page.locator('[data-testid="bot"]').last
    expect(reply).to_contain_text("September 15", timeout=60_000)
    with page.context.expect_page() as opened:
        reply.locator("a.qa-file").first.click()
    view = opened.value
    view.wait_for_load_state()
    expect(view.locator("mark#answer")).to_contain_text("September 15")  # the session cookie opens /source too


def test_a_reader_sees_no_upload_box_or_delete_button(browser_page: Page, server: str) -> None:
    page = browser_page
    _sign_in(page, *READER)
    expect(page.locator("#corpus-line")).to_contain_text("files")
    page.get_by_text("Documents", exact=True).click()
    expect(page.locator("#documents-table")).to_contain_text(SEED_FILE)
    wait_until_loaded(page)
    expect(page.locator("#upload")).to_be_hidden()
    expect(page.locator("#delete-row")).to_be_hidden()  # though there is an upload (kept.txt)
    expect(page.locator("#delete")).to_be_hidden()
    expect(page.locator('input[type="file"]')).to_have_count(0)


# Starting.


def _start(*options: str, wait: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "app.py", *options], cwd=ROOT, capture_output=True, text=True, timeout=wait
    )


def test_a_public_host_needs_auth_or_no_auth(tmp_path: Path) -> None:
    refused = _start("--host", "0.0.0.0", "--corpus", str(SEEDS), "--index-dir", str(tmp_path / "index"))
    assert refused.returncode == 2
    assert "binding to 0.0.0.0 would let anyone who can reach it read the documents" in refused.stderr
    assert "--auth FILE" in refused.stderr and "--no-auth" in refused.stderr
    assert not (tmp_path / "index").exists()  # nothing was indexed or served
    both = _start("--auth", str(tmp_path / "users.json"), "--no-auth")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "does not exist"), ("{not json", "is not valid JSON"), ('{"version": 1, "users": {}}', "has no users")],
)
def test_a_missing_or_bad_users_file_stops_the_start(tmp_path: Path, content: str | None, message: str) -> None:
    users_file = tmp_path / "users.json"
    if content is not None:
        users_file.write_text(content, encoding="utf-8")
    result = _start("--auth", str(users_file), "--host", "0.0.0.0", "--corpus", str(SEEDS))
    assert result.returncode == 2 and result.stderr.startswith(f"error: users file {users_file}"), result.stderr
    assert message in result.stderr


def test_no_auth_serves_a_public_host_with_a_warning(tmp_path: Path) -> None:
    """127.0.0.2 is not this machine's usual name, so the rule applies, yet nothing leaves the machine."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "app.py", "--host", "127.0.0.2", "--port", str(port), "--no-auth", "--no-mcp"]
        + ["--corpus", str(SEEDS), "--index-dir", str(tmp_path / "index")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Ready: ") or len(lines) > 30:
                break
        assert lines[-1] == f"Ready: http://127.0.0.2:{port}/", lines
        assert any(re.match(r"WARNING: binding to 127\.0\.0\.2: anyone", line) for line in lines), lines
        assert _get(f"http://127.0.0.2:{port}/").status_code == 200  # open to anyone, as asked
    finally:
        process.terminate()
        process.wait(timeout=30)

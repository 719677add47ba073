"""Users for shared use: the users file, password checks and the `python -m qa users` commands."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.users import User, Users, UsersFileError, add_user, remove_user

ROOT = Path(__file__).resolve().parent.parent


def test_added_users_verify_with_their_own_password_only(tmp_path: Path) -> None:
    users_file = tmp_path / "users.json"
    add_user(users_file, "ana", "correct horse", editor=True)
    add_user(users_file, "bo", "battery staple")
    users = Users.load(users_file)
    assert len(users) == 2
    assert users.verify("ana", "correct horse") == User("ana", editor=True)
    assert users.verify("bo", "battery staple") == User("bo", editor=False)
    assert users.verify("ana", "battery staple") is None
    assert users.verify("ana", "correct horse ") is None
    assert users.verify("ANA", "correct horse") is None
    assert users.verify("nobody", "correct horse") is None
    assert users.verify("ana", "") is None
    assert list(users) == [User("ana", True), User("bo", False)]


def test_the_file_holds_hashes_not_passwords_and_only_its_owner_reads_it(tmp_path: Path) -> None:
    users_file = tmp_path / "users.json"
    add_user(users_file, "ana", "s3cret-Päss", editor=True)
    text = users_file.read_text(encoding="utf-8")
    assert "s3cret" not in text and "Päss" not in text
    data = json.loads(text)
    assert data["version"] == 1 and data["users"]["ana"]["editor"] is True
    assert data["users"]["ana"]["hash"].startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert users_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["users.json"]  # no temporary file left


def test_adding_again_replaces_the_password_and_role(tmp_path: Path) -> None:
    users_file = tmp_path / "users.json"
    add_user(users_file, "ana", "old password", editor=True)
    add_user(users_file, "bo", "bo's password")
    add_user(users_file, "ana", "new password")
    users = Users.load(users_file)
    assert len(users) == 2
    assert users.verify("ana", "old password") is None
    assert users.verify("ana", "new password") == User("ana", editor=False)
    assert users.verify("bo", "bo's password") == User("bo", editor=False)


def test_removing_a_user(tmp_path: Path) -> None:
    users_file = tmp_path / "users.json"
    add_user(users_file, "ana", "pw-a")
    add_user(users_file, "bo", "pw-b")
    assert remove_user(users_file, "ana") is True
    assert remove_user(users_file, "ana") is False
    users = Users.load(users_file)
    assert len(users) == 1 and users.verify("ana", "pw-a") is None and users.verify("bo", "pw-b") is not None


@pytest.mark.parametrize("name", ["", "a b", "tab\there", "new\nline", "x" * 65, "zero\u200bwidth", "bell\a"])
def test_invalid_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="user name"):
        add_user(tmp_path / "users.json", name, "a password")
    assert not (tmp_path / "users.json").exists()


def test_names_of_64_characters_and_any_script_are_accepted(tmp_path: Path) -> None:
    add_user(tmp_path / "users.json", "x" * 64, "pw")
    add_user(tmp_path / "users.json", "José.Müller@北京", "pw")
    assert Users.load(tmp_path / "users.json").verify("José.Müller@北京", "pw") == User("José.Müller@北京", False)


def test_an_empty_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="password is empty"):
        add_user(tmp_path / "users.json", "ana", "")


HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "is not valid JSON (Expecting property name"),
        ("", "is not valid JSON"),
        ("[]", "has version None; this qa reads version 1"),
        ('{"version": 2, "users": {}}', "has version 2; this qa reads version 1"),
        ('{"version": 1}', 'has no "users" object'),
        ('{"version": 1, "users": ["ana"]}', 'has no "users" object'),
        (json.dumps({"version": 1, "users": {"a b": {"hash": HASH, "editor": False}}}), "user name holds no spaces"),
        (json.dumps({"version": 1, "users": {"ana": {"hash": HASH}}}), 'user \'ana\' needs "hash" and "editor"'),
        (json.dumps({"version": 1, "users": {"ana": {"hash": HASH, "editor": "yes"}}}), 'needs "hash" and "editor"'),
        (json.dumps({"version": 1, "users": {"ana": "pw"}}), "user 'ana' needs"),
        (
            json.dumps({"version": 1, "users": {"ana": {"hash": "hunter2", "editor": True}}}),
            "has no Argon2 password hash",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_name_and_problem(tmp_path: Path, content: str, problem: str) -> None:
    users_file = tmp_path / "users.json"
    users_file.write_text(content, encoding="utf-8")
    with pytest.raises(UsersFileError) as raised:
        Users.load(users_file)
    assert str(users_file) in str(raised.value) and problem in str(raised.value)
    with pytest.raises(UsersFileError):
        add_user(users_file, "bo", "pw")
    assert users_file.read_text(encoding="utf-8") == content  # a bad file is never overwritten


def test_a_missing_or_unreadable_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(UsersFileError, match="does not exist.*python -m qa users add NAME --file"):
        Users.load(tmp_path / "nowhere.json")
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(UsersFileError, match=r"folder\.json cannot be read \(Is a directory\)"):
        Users.load(tmp_path / "folder.json")
    (tmp_path / "latin1.json").write_bytes('{"version": 1, "users": {"José": 1}}'.encode("latin-1"))
    with pytest.raises(UsersFileError, match=r"latin1\.json cannot be read"):
        Users.load(tmp_path / "latin1.json")


def test_a_file_that_cannot_be_written_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(UsersFileError, match=r"missing/users\.json cannot be written \(No such file or directory\)"):
        add_user(tmp_path / "missing" / "users.json", "ana", "pw")


def _cli(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "qa", "users", *args],
        cwd=ROOT,
        input=password,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_adds_lists_and_removes_users_with_the_password_piped(tmp_path: Path) -> None:
    users_file = str(tmp_path / "users.json")
    added = _cli("add", "ana", "--editor", "--file", users_file, password="first pass\n")
    assert added.returncode == 0 and "saved ana (editor)" in added.stdout
    assert _cli("add", "bo", "--file", users_file, password="second pass\r\nignored line\n").returncode == 0
    users = Users.load(Path(users_file))
    assert users.verify("ana", "first pass") == User("ana", True)
    assert users.verify("bo", "second pass") == User("bo", False)
    listed = _cli("list", "--file", users_file)
    assert listed.returncode == 0 and listed.stdout == "ana\teditor\nbo\treader\n"
    removed = _cli("remove", "bo", "--file", users_file)
    assert removed.returncode == 0 and _cli("list", "--file", users_file).stdout == "ana\teditor\n"
    for output in (added, listed, removed):
        assert "$argon2" not in output.stdout + output.stderr and "pass" not in output.stdout


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["add", "ana"], "", "no password on standard input"),
        (["add", "ana"], "\n", "the password is empty"),
        (["add", "a b"], "pw\n", "a user name holds no spaces"),
        (["remove", "zed"], None, "there is no user 'zed'"),
        (["list"], None, "users file {file} does not exist"),
    ],
)
def test_cli_refuses_bad_input_with_a_message(
    tmp_path: Path, args: list[str], password: str | None, message: str
) -> None:
    users_file = tmp_path / ("users.json" if args[0] != "list" else "nowhere.json")
    add_user(tmp_path / "users.json", "bo", "pw")
    result = _cli(*args, "--file", str(users_file), password=password)
    expected = "error: " + message.format(file=users_file)
    assert result.returncode == 2 and expected in result.stderr and "Traceback" not in result.stderr
    assert [u.name for u in Users.load(tmp_path / "users.json")] == ["bo"]


def test_cli_needs_a_users_file() -> None:
    result = _cli("add", "ana", password="pw\n")
    assert result.returncode == 2 and "--file" in result.stderr


def _read_until(master: int, marker: bytes, seen: bytearray, timeout: float = 30.0) -> None:
    """Read the terminal's output into `seen` until `marker` shows (or the child closes it)."""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        if select.select([master], [], [], 0.1)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            seen += chunk


@pytest.mark.parametrize(("second", "saved"), [("typed at a tty", True), ("a typo", False)])
def test_cli_at_a_terminal_asks_twice_and_echoes_nothing(tmp_path: Path, second: str, saved: bool) -> None:
    users_file = tmp_path / "users.json"
    master, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "users", "add", "ana", "--file", str(users_file)],
        cwd=ROOT,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    seen = bytearray()
    try:
        _read_until(master, b"Password for ana: ", seen)
        os.write(master, b"typed at a tty\n")
        _read_until(master, b"Repeat it: ", seen)
        os.write(master, second.encode() + b"\n")
        _read_until(master, b"\x00never", seen)  # everything until the child exits
        assert process.wait(timeout=30) == (0 if saved else 2)
    finally:
        process.kill()
        os.close(master)
    output = seen.decode()
    assert "Password for ana: " in output and "Repeat it: " in output
    assert "typed at a tty" not in output and "typo" not in output
    if saved:
        assert "saved ana (reader)" in output
        assert Users.load(users_file).verify("ana", "typed at a tty") == User("ana", False)
    else:
        assert "the two passwords differ; nothing was saved" in output and not users_file.exists()

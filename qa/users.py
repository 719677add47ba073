"""Users for shared use: a JSON file of names, roles and Argon2id password hashes.

The file looks like this (no password text is ever stored, only argon2-cffi's encoded hashes,
which carry their own salt and parameters, so hashes made with other parameters still verify):

    {"version": 1, "users": {"ana": {"hash": "$argon2id$v=19$m=65536,t=3,p=4$...", "editor": true}}}
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

FORMAT_VERSION = 1
MAX_NAME_CHARS = 64


@dataclass(frozen=True)
class User:
    """A user who signed in; editors may upload and delete documents."""

    name: str
    editor: bool


class UsersFileError(ValueError):
    """The users file cannot be read, is malformed or cannot be written; the message names the file."""


def _hasher() -> PasswordHasher:
    """Argon2id with RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes (about 0.1 s)."""
    return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)


def check_name(name: str) -> None:
    """Raise ValueError unless `name` has 1-64 characters, none of them white space or control,
    format (invisible) or unassigned characters."""
    if not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME_CHARS:
        raise ValueError(f"a user name has 1 to {MAX_NAME_CHARS} characters, got {name!r}")
    if any(c.isspace() or unicodedata.category(c).startswith("C") for c in name):
        raise ValueError(f"a user name holds no spaces, tabs or invisible characters, got {name!r}")


@dataclass(frozen=True)
class _Entry:
    hash: str
    editor: bool


class Users:
    """The users of one file, read once by `load`; `verify` checks a name and password."""

    def __init__(self, entries: dict[str, _Entry]) -> None:
        self._entries = dict(entries)
        self._hasher = _hasher()

    @classmethod
    def load(cls, path: Path) -> Users:
        """The users in `path`. Raises UsersFileError, naming the file and the problem, when it is
        missing, unreadable, not JSON, of another version or holds a malformed entry."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsersFileError(
                f"users file {path} does not exist (create it with: python -m qa users add NAME --file {path})"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise UsersFileError(f"users file {path} cannot be read ({_reason(error)})") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise UsersFileError(f"users file {path} is not valid JSON ({error})") from None
        return cls(_entries(path, data))

    def verify(self, name: str, password: str) -> User | None:
        """The user, if `name` is known and `password` is theirs; else None.

        An unknown name costs one hash verification too, so the time taken does not tell
        whether a name exists (about 0.1 s either way).
        """
        entry = self._entries.get(name) if isinstance(name, str) else None
        if not isinstance(password, str) or not password:
            return None
        try:
            self._hasher.verify(entry.hash if entry else self._decoy, password)
        except (VerificationError, InvalidHashError):
            return None
        return User(name, entry.editor) if entry else None

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[User]:
        """The users by name, with their roles (never their hashes)."""
        return (User(name, self._entries[name].editor) for name in sorted(self._entries))

    @cached_property
    def _decoy(self) -> str:
        """A hash no password given to `verify` matches: the cost of checking an unknown name."""
        return self._hasher.hash(os.urandom(32).hex())


def add_user(path: Path, name: str, password: str, editor: bool = False) -> None:
    """Add `name` to the users file at `path`, or replace its entry (new password and role).

    Creates the file (mode 0600) if missing; the file is replaced atomically, so a reader sees the
    old or the new one whole. Raises ValueError for an invalid name or an empty password, and
    UsersFileError when the existing file is malformed or the new one cannot be written.
    """
    check_name(name)
    if not isinstance(password, str) or not password:
        raise ValueError("the password is empty; choose one")
    entries = Users.load(path)._entries if Path(path).exists() else {}
    entries[name] = _Entry(_hasher().hash(password), bool(editor))
    _write(Path(path), entries)


def remove_user(path: Path, name: str) -> bool:
    """Remove `name` from the users file at `path`; False if it had no such user.
    Raises UsersFileError as `Users.load` does, or when the file cannot be written."""
    entries = Users.load(path)._entries
    if entries.pop(name, None) is None:
        return False
    _write(Path(path), entries)
    return True


def _entries(path: Path, data: object) -> dict[str, _Entry]:
    """The entries of a parsed users file; UsersFileError at the first thing that is wrong."""
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        version = data.get("version") if isinstance(data, dict) else None
        raise UsersFileError(f"users file {path} has version {version!r}; this qa reads version {FORMAT_VERSION}")
    users = data.get("users")
    if not isinstance(users, dict):
        raise UsersFileError(f'users file {path} has no "users" object')
    entries = {}
    for name, entry in users.items():
        try:
            check_name(name)
        except ValueError as error:
            raise UsersFileError(f"users file {path}: {error}") from None
        if not isinstance(entry, dict) or not isinstance(entry.get("editor"), bool):
            raise UsersFileError(f'users file {path}: user {name!r} needs "hash" and "editor" (true or false)')
        if not isinstance(entry.get("hash"), str) or not entry["hash"].startswith("$argon2"):
            raise UsersFileError(f"users file {path}: user {name!r} has no Argon2 password hash")
        entries[name] = _Entry(entry["hash"], entry["editor"])
    return entries


def _write(path: Path, entries: dict[str, _Entry]) -> None:
    """Write the file atomically: a 0600 temporary file in the same folder, synced, then renamed."""
    data = {
        "version": FORMAT_VERSION,
        "users": {name: {"hash": e.hash, "editor": e.editor} for name, e in sorted(entries.items())},
    }
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise UsersFileError(f"users file {path} cannot be written ({_reason(error)})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:  # mkstemp made it 0600
            json.dump(data, file, ensure_ascii=False, indent=2)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsersFileError(f"users file {path} cannot be written ({_reason(error)})") from None


def _reason(error: Exception) -> str:
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)

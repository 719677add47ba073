"""Who may use a shared qa: HTTP Basic credentials and signed session cookies, checked against the
users file (`qa.users`). No web framework here: `qa.signin` wires this into the routes.

A person signs in once on the login page and gets a session cookie: the user's name and an expiry,
signed with HMAC-SHA256 under a key made at random when the process starts (a restart signs
everyone out). Scripts and MCP clients send `Authorization: Basic …` with every request; each
check costs an Argon2 verification (~0.1 s), so a correct pair is remembered for a minute, under
an HMAC digest rather than as text. Wrong passwords are counted per client address and name
(limits' moving window, in memory; each try counts before its check, and a right password
forgets them): past FAILURES_PER_NAME, that address's tries for that name are refused without a
check until the window moves on.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import NoReturn

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from qa.users import User, Users

SESSION_COOKIE = "qa-session"
SESSION_SECONDS = 12 * 3600
CACHE_SECONDS = 60.0
CACHE_SIZE = 256
REALM = "qa"
# Wrong passwords heard from one client address for one name, in a moving window: enough for a
# person who mistypes, far too few to guess even a weak password. There is deliberately no window
# for an address across names: everyone behind one NAT or proxy shares an address, and 20 wrong
# passwords for made-up names would lock all of them out.
FAILURES_PER_NAME = parse("5/15 minutes")


class TooManyFailures(Exception):
    """Too many wrong passwords came from one address lately; `retry_after`: whole seconds until
    its next try is checked."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many wrong passwords; try again in {retry_after} s")
        self.retry_after = retry_after


class FailedSignIns:
    """Wrong passwords per client address and name, in limits' moving window (in memory: a restart
    forgets them). An IPv6 address counts as its /64 network, which one client can move around in.
    Safe to use from several threads."""

    def __init__(self, per_name: RateLimitItem = FAILURES_PER_NAME) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_name = per_name

    def check(self, address: str, name: str) -> None:
        """Raise TooManyFailures if `address` used up its window for `name`."""
        keys = _keys(address, name)
        if not self._limiter.test(self._per_name, *keys):
            self._refuse(keys)

    def reserve(self, address: str, name: str) -> None:
        """Count a try for `name` from `address` as wrong until `succeeded` says otherwise, or raise
        TooManyFailures if its window is used up. Test and count are one step (limits' storage
        holds a lock per key), so guesses sent at once never get more checks than the window
        allows."""
        keys = _keys(address, name)
        if not self._limiter.hit(self._per_name, *keys):
            self._refuse(keys)

    def succeeded(self, address: str, name: str) -> None:
        """The right password: that name's failures from `address` are forgotten."""
        self._limiter.clear(self._per_name, *_keys(address, name))

    def _refuse(self, keys: tuple[str, str]) -> NoReturn:
        reset = self._limiter.get_window_stats(self._per_name, *keys).reset_time
        raise TooManyFailures(max(1, math.ceil(reset - time.time())))


def _keys(address: str, name: str) -> tuple[str, str]:
    """The window's identifiers: the client's address (an IPv6 one as its /64) and the name."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address, name  # no address, or a host name a test client gives
    return (str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)), name


def basic_credentials(header: str | None) -> tuple[str, str] | None:
    """The (name, password) of an `Authorization: Basic <base64 of name:password>` header (UTF-8);
    None for a missing, other or malformed header."""
    scheme, _, value = (header or "").strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except ValueError:  # binascii.Error, UnicodeDecodeError, and non-ASCII text given to b64decode
        return None
    name, colon, password = decoded.partition(":")
    return (name, password) if colon and name and password else None


def basic_header(name: str, password: str) -> str:
    """The `Authorization` header value that `basic_credentials` reads back."""
    return "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode("ascii")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class CredentialCache:
    """Pairs of name and password verified lately, for `seconds`, at most `size` of them (the oldest
    go first). Keys are HMAC digests under a per-process random key: no password is held as text.
    Safe to use from several threads."""

    def __init__(self, seconds: float = CACHE_SECONDS, size: int = CACHE_SIZE, clock: Callable[[], float] = time.monotonic):
        self._seconds = seconds
        self._size = size
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._entries: OrderedDict[bytes, tuple[float, User]] = OrderedDict()
        self._lock = threading.Lock()

    def _digest(self, name: str, password: str) -> bytes:
        return hmac.new(self._key, json.dumps([name, password]).encode(), hashlib.sha256).digest()

    def get(self, name: str, password: str) -> User | None:
        """The user of a pair verified less than `seconds` ago, else None."""
        key = self._digest(name, password)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] <= self._clock():
                del self._entries[key]
                return None
            return entry[1]

    def put(self, name: str, password: str, user: User) -> None:
        """Remember a verified pair."""
        key = self._digest(name, password)
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = (self._clock() + self._seconds, user)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


class Sessions:
    """Session tokens: `<base64 of [name, expiry]>.<base64 of its HMAC-SHA256>`, signed under a
    per-process random key."""

    def __init__(self, seconds: float = SESSION_SECONDS, clock: Callable[[], float] = time.time):
        self._seconds = seconds
        self._clock = clock
        self._key = secrets.token_bytes(32)

    def _mac(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())

    def issue(self, name: str) -> str:
        """A token naming `name`, valid for `seconds`."""
        payload = _b64(json.dumps([name, int(self._clock() + self._seconds)]).encode())
        return f"{payload}.{self._mac(payload)}"

    def name(self, token: str | None) -> str | None:
        """The name a token was issued for, if it is this process's, unaltered and unexpired."""
        payload, dot, mac = (token or "").partition(".")
        if not dot or not payload.isascii() or not hmac.compare_digest(mac.encode(), self._mac(payload).encode()):
            return None
        try:
            name, expiry = json.loads(_unb64(payload))
        except (ValueError, TypeError):
            return None
        return name if isinstance(name, str) and isinstance(expiry, int) and self._clock() < expiry else None


class Access:
    """The users of a shared qa and how they prove who they are: password (cached), or session token."""

    def __init__(
        self,
        users: Users,
        cache: CredentialCache | None = None,
        sessions: Sessions | None = None,
        failures: FailedSignIns | None = None,
    ):
        self._users = users
        self._editors = {user.name: user.editor for user in users}
        self._cache = cache or CredentialCache()
        self._sessions = sessions or Sessions()
        self._failures = failures or FailedSignIns()

    def __len__(self) -> int:
        return len(self._editors)

    def cached(self, name: str, password: str) -> User | None:
        """The user, if this pair was verified lately; None says nothing about a pair not seen."""
        return self._cache.get(name, password)

    def refuse_if_throttled(self, name: str, address: str) -> None:
        """Raise TooManyFailures when `address` gave too many wrong passwords for `name` lately."""
        self._failures.check(address, name)

    def verify(self, name: str, password: str, address: str) -> User | None:
        """The user, if `password` is theirs: from the cache, else by Argon2 (~0.1 s; call it off the
        event loop). Only correct pairs are remembered: each wrong guess costs the full check, and
        is counted against `address` (the client's).

        Raises TooManyFailures, without checking the password, once `address` has given too many
        wrong ones for `name` (a pair verified in the last minute is still let in)."""
        user = self._cache.get(name, password)
        if user is not None:
            self._failures.succeeded(address, name)
            return user
        self._failures.reserve(address, name)
        user = self._users.verify(name, password)
        if user is not None:
            self._failures.succeeded(address, name)
            self._cache.put(name, password, user)
        return user

    def session(self, user: User) -> str:
        """A session token for a user who just signed in."""
        return self._sessions.issue(user.name)

    def session_user(self, token: str | None) -> User | None:
        """The user a valid session token names (still in the users file), else None."""
        name = self._sessions.name(token)
        if name is None or name not in self._editors:
            return None
        return User(name, self._editors[name])

    def may_edit(self, name: str | None) -> bool:
        """Whether `name` is an editor: may upload and delete documents."""
        return name is not None and self._editors.get(name, False)

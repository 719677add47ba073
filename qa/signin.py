"""Sign-in for the web faces: the sign-in page, the session cookie, and a check of every request.

`add_sign_in(app, Gate(access))` puts a FastAPI app behind `qa.access`: every path but the
sign-in and sign-out pages needs a user, by session cookie (from the form at /login) or by HTTP
Basic credentials (scripts, MCP clients). Starlette and FastAPI only; no Gradio here.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from html import escape
from urllib.parse import quote

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from qa.access import REALM, SESSION_COOKIE, Access, TooManyFailures, basic_credentials
from qa.users import User

logger = logging.getLogger("qa.signin")

LOGIN = "/login"
LOGOUT = "/logout"
OPEN_PATHS = frozenset({LOGIN, LOGIN + "/", LOGOUT})
# Argon2 checks of passwords not seen lately, at once (each takes 64 MiB for about 0.1 s).
VERIFY_CONCURRENCY = 4
LOGIN_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
LOGIN_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; color: #1f2937; background: #f9fafb; margin: 0; }
main { max-width: 22em; margin: 12vh auto; padding: 2em; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; }
h1 { font-size: 1.25em; margin: 0 0 1em; }
label { display: block; margin: 0.8em 0 0.2em; }
input { box-sizing: border-box; width: 100%; padding: 0.5em; font: inherit; border: 1px solid #d1d5db; border-radius: 4px; }
button { margin-top: 1.2em; width: 100%; padding: 0.6em; font: inherit; color: #fff; background: #ea580c; border: 0; border-radius: 4px; }
.alert { color: #b91c1c; margin: 0; }
"""
WRONG = "Wrong name or password."


def wait_message(error: TooManyFailures) -> str:
    """"Too many wrong passwords from here. Try again in 12 minutes." (or seconds, under a minute)."""
    seconds = error.retry_after
    minutes = -(-seconds // 60)
    wait = f"{seconds} second{'s' * (seconds != 1)}" if seconds < 60 else f"{minutes} minute{'s' * (minutes != 1)}"
    return f"Too many wrong passwords from here. Try again in {wait}."


class Gate:
    """Who sent a request: the user of its session cookie, else of its Basic credentials, else None.

    A password not checked lately costs an Argon2 verification (~0.1 s, 64 MiB): those run in
    threads of their own, VERIFY_CONCURRENCY at once, so a flood of wrong guesses neither fills
    the memory nor holds up the threads that serve files; past a few wrong ones from an address,
    its guesses for a name are refused unchecked (`qa.access.FailedSignIns`).
    """

    def __init__(self, access: Access) -> None:
        self.access = access
        self._limiter = anyio.CapacityLimiter(VERIFY_CONCURRENCY)

    async def verify(self, name: str, password: str, address: str) -> User | None:
        """The user, if `password` is theirs; raises TooManyFailures when `address` must wait."""
        cached = self.access.cached(name, password)
        if cached is not None:
            return cached
        self.access.refuse_if_throttled(name, address)  # before queueing for a check
        return await anyio.to_thread.run_sync(self.access.verify, name, password, address, limiter=self._limiter)

    async def user(self, connection: HTTPConnection) -> User | None:
        """The user a request comes from; None for a stranger. Raises TooManyFailures for Basic
        credentials from an address that must wait."""
        user = self.access.session_user(connection.cookies.get(SESSION_COOKIE))
        if user is not None:
            return user
        credentials = basic_credentials(connection.headers.get("authorization"))
        return await self.verify(*credentials, address=client_address(connection)) if credentials else None


def client_address(connection: HTTPConnection) -> str:
    """The client's IP address as the server saw it (behind a proxy: what uvicorn's proxy headers
    support made of X-Forwarded-For)."""
    return connection.client.host if connection.client else ""


class SignInRequired:
    """ASGI middleware in front of everything (page, Gradio's API and files, MCP, /source): a request
    goes on only from a user, except to the sign-in and sign-out pages (OPEN_PATHS)."""

    def __init__(self, app: ASGIApp, gate: Gate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        try:
            user = await self.gate.user(connection)
        except TooManyFailures as error:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            else:
                await too_many(error)(scope, receive, send)
            return
        if user is not None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await refusal(connection)(scope, receive, send)


def refusal(connection: HTTPConnection) -> Response:
    """A browser opening a page goes to the sign-in page (and back after); anything else gets 401,
    with a Basic challenge unless a browser's script asked (its pop-up would cover the page)."""
    headers = connection.headers
    if connection.scope["method"] in ("GET", "HEAD") and "text/html" in headers.get("accept", ""):
        target = connection.url.path + (f"?{connection.url.query}" if connection.url.query else "")
        return RedirectResponse(f"{LOGIN}?next={quote(target, safe='')}", status_code=303)
    challenge = {} if "sec-fetch-mode" in headers else {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'}
    return JSONResponse({"detail": "Sign in first."}, status_code=401, headers=challenge)


def too_many(error: TooManyFailures) -> Response:
    """429 with Retry-After, for a script or client whose address must wait."""
    return JSONResponse({"detail": wait_message(error)}, status_code=429, headers={"Retry-After": str(error.retry_after)})


def safe_target(target: str | None) -> str:
    """Where to go after signing in: a path on this server, never another site (`//host`, `/\\host`)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return "/" if any(ord(c) < 0x21 or ord(c) == 0x7F for c in target) else target


def login_page(target: str, alert: str = "") -> str:
    """The sign-in form: name and password, posted to /login; `alert` above it; no script."""
    shown = f'<p class="alert" role="alert">{escape(alert)}</p>' if alert else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Sign in — qa</title><style>{LOGIN_STYLE}</style></head><body><main>"
        f'<h1>qa — ask your documents</h1><form method="post" action="{LOGIN}">{shown}'
        '<label for="username">Name</label>'
        '<input id="username" name="username" autocomplete="username" required autofocus>'
        '<label for="password">Password</label>'
        '<input id="password" name="password" type="password" autocomplete="current-password" required>'
        f'<input type="hidden" name="next" value="{escape(target, quote=True)}">'
        '<button type="submit">Sign in</button></form></main></body></html>'
    )


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def add_sign_in(app: FastAPI, gate: Gate) -> None:
    """GET /login: the form; POST /login: check a name and password and set the session cookie
    (a browser's form is sent on to where it was going; gradio_client's `auth=` gets JSON, as from
    Gradio's own /login); GET /logout: drop the cookie. Everything else needs a user. Too many
    wrong passwords from one address: 429 and how long to wait."""

    @app.get(LOGIN, include_in_schema=False)
    async def login_form(request: Request) -> HTMLResponse:
        return HTMLResponse(login_page(safe_target(request.query_params.get("next"))), headers=LOGIN_HEADERS)

    @app.post(LOGIN, include_in_schema=False)
    @app.post(LOGIN + "/", include_in_schema=False)
    async def sign_in(request: Request) -> Response:
        form = await request.form()
        name, password, browser = _field(form, "username").strip(), _field(form, "password"), "next" in form
        target = safe_target(_field(form, "next"))
        try:
            user = await gate.verify(name, password, client_address(request)) if name and password else None
        except TooManyFailures as error:
            logger.warning("sign-in refused for %r from %s: too many wrong passwords", name, client_address(request))
            if browser:
                headers = {**LOGIN_HEADERS, "Retry-After": str(error.retry_after)}
                return HTMLResponse(login_page(target, wait_message(error)), status_code=429, headers=headers)
            return too_many(error)
        if user is None:
            logger.warning("sign-in refused for %r", name)
            if browser:
                return HTMLResponse(login_page(target, WRONG), status_code=401, headers=LOGIN_HEADERS)
            return JSONResponse({"detail": "Incorrect credentials."}, status_code=401)
        response: Response = RedirectResponse(target, status_code=303) if browser else JSONResponse({"success": True})
        response.set_cookie(
            SESSION_COOKIE, gate.access.session(user), httponly=True, samesite="lax", secure=request.url.scheme == "https"
        )
        return response

    @app.get(LOGOUT, include_in_schema=False)
    async def sign_out() -> Response:
        response = RedirectResponse(LOGIN, status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    app.add_middleware(SignInRequired, gate=gate)


def gradio_user(gate: Gate) -> Callable[[Request], Awaitable[str | None]]:
    """Gradio's own check of each request (its API routes; the name becomes gr.Request.username):
    the same as the middleware's."""

    async def signed_in(request: Request) -> str | None:
        try:
            user = await gate.user(request)
        except TooManyFailures:
            return None
        return user.name if user else None

    return signed_in

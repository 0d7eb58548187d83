"""Only she gets in: the secret, the Host and Origin checks, the anti-forgery token, the limits.

Every request needs the secret the start command prints: in the address once (``?token=…``, then
kept in a cookie for this port), or in the ``X-OSL-Token`` header. The Host header must name this
machine and port (against DNS rebinding). A request that changes anything must come from the
editor's own pages (Origin) and carry the anti-forgery token of the page (``_csrf``). Bodies are
bounded; every response says what the page may load (Content-Security-Policy: nothing from
outside the machine, no inline script).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from osl_plan.i18n import _

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest request body: a plan (64 MB at most) is never posted whole; forms are small.
MAX_BODY = 8 * 1024 * 1024
SAFE_METHODS = frozenset({"GET", "HEAD"})
#: For the pages: scripts, styles and images only from the editor itself.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'; "
    "base-uri 'none'"
)
#: For the document preview: the library's HTML has its own <style>; it may run nothing. Its
#: frame keeps the editor's origin (``allow-same-origin``, never with scripts) so that the page's
#: script can put each new preview into it, under this policy, without a second request.
PREVIEW_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; "
    "base-uri 'none'; form-action 'none'; sandbox allow-same-origin"
)
_PLAN_NAME = re.compile(r"[^/\\\x00-\x1f:*?\"<>|]{1,200}\.ya?ml")


class Guard:
    """ASGI middleware that refuses every request breaking one of the rules above."""

    def __init__(self, app: ASGIApp, *, token: str, hosts: frozenset[str], cookie: str) -> None:
        self.app = app
        self.token = token
        self.hosts = hosts
        #: Cookies are shared by every port of a host: each editor names its own.
        self.cookie = cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if host not in self.hosts:
            await _refuse(send, 421, _("This address is not the editor's."))
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if _same(query.get("token"), self.token):
            await _redirect_with_cookie(scope, send, query, self.cookie, self.token)
            return
        if not (
            _same(_cookie(headers, self.cookie), self.token)
            or _same(headers.get("x-osl-token"), self.token)
        ):
            await _refuse(
                send,
                403,
                _("Open the address that „osl-plan edytor” printed (it ends with ?token=…)."),
            )
            return
        if scope["method"] not in SAFE_METHODS:
            if headers.get("origin") not in {f"http://{h}" for h in self.hosts}:
                await _refuse(send, 403, _("This request did not come from the editor's page."))
                return
            if int(headers.get("content-length") or 0) > MAX_BODY:
                await _refuse(send, 413, _("The request is too large."))
                return
            receive = _bounded(receive)
        try:
            await self.app(scope, receive, _with_headers(send))
        except TooLarge:
            await _refuse(send, 413, _("The request is too large."))


def _same(given: str | None, secret: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), secret.encode())


def _cookie(headers: dict[str, str], name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _sep, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _bounded(receive: Receive) -> Receive:
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > MAX_BODY:
            raise TooLarge
        return message

    return bounded


class TooLarge(Exception):
    """A body without a Content-Length that grew past :data:`MAX_BODY`."""


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {name.lower() for name, _value in headers}
            if b"content-security-policy" not in names:
                headers.append((b"content-security-policy", PAGE_POLICY.encode()))
            headers += [
                (b"x-content-type-options", b"nosniff"),
                # "no-referrer" would make the browser send "Origin: null" with her forms
                (b"referrer-policy", b"same-origin"),
                (b"cache-control", b"no-store"),
                (b"cross-origin-opener-policy", b"same-origin"),
                (b"cross-origin-resource-policy", b"same-origin"),
            ]
            message["headers"] = headers
        await send(message)

    return sending


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await _with_headers(send)(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(
    scope: Scope, send: Send, query: dict[str, str], name: str, token: str
) -> None:
    """The secret moves from the address to a cookie, and out of the address bar."""
    rest = urlencode({k: v for k, v in query.items() if k != "token"})
    location = scope["path"] + (f"?{rest}" if rest else "")
    cookie = f"{name}={token}; Path=/; HttpOnly; SameSite=Strict"
    await _with_headers(send)(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("utf-8")),
                (b"set-cookie", cookie.encode()),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def check_csrf(given: object, csrf: str) -> bool:
    """Whether a form's anti-forgery token is the page's."""
    return isinstance(given, str) and _same(given, csrf)


def plan_path(folder: Path, name: str) -> Path | None:
    """The plan file ``name`` directly in ``folder``, or None when the name reaches elsewhere:
    a path, ``..``, an absolute name, a name that is not a YAML file, a link leading out."""
    if not _PLAN_NAME.fullmatch(name) or name.startswith(".") or ".." in name:
        return None
    root = folder.resolve()
    path = root / name
    try:
        real = path.resolve()
    except OSError:
        return None
    if real.parent != root:
        return None
    return path

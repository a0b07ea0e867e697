"""Request guards, outermost first: Bearer-token auth (401), a concurrency limit (503), the body size limit (413).

Each is a plain ASGI middleware, so it answers before FastAPI reads or parses
a body and before a request waits for a worker thread: a request without the
token is refused at once even while the server is busy.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException

from callcenter_ai.core.messages import msg

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = frozenset({"localhost"})
UNAUTHORIZED = str(msg("api.unauthorized"))
BUSY = str(msg("api.busy"))
# Paths anyone may read: liveness and the API's own description.
PUBLIC_PATHS = frozenset({"/api/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback IP address (``127.x.y.z``, ``::1``); a *name* like ``127.evil.com`` is not."""
    if host.strip().lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


async def _send_json(send: Send, status: int, payload: dict[str, Any], headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps(payload).encode()
    all_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]
    await send({"type": "http.response.start", "status": status, "headers": all_headers})
    await send({"type": "http.response.body", "body": body})


class TokenAuth:
    """Answer 401 to a request without a valid ``Authorization: Bearer <token>`` before anything else is done.

    ``required()`` says whether tokens are in use at all (a token set, or API users exist);
    ``valid(token)`` whether a token is the admin token or belongs to a user.  Roles are checked
    later, per route (``api/access.py``); this only keeps unauthenticated requests from any work.
    """

    def __init__(self, app: ASGIApp, required: Callable[[], bool], valid: Callable[[str], bool]) -> None:
        self.app = app
        self.required = required
        self.valid = valid

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in PUBLIC_PATHS or not self.required():
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, given = header.partition(b" ")
        token = given.strip().decode("utf-8", "replace")
        if scheme.lower() != b"bearer" or not token or not self.valid(token):
            payload = {"error": "unauthorized", "message": UNAUTHORIZED, "hint": "", "key": "api.unauthorized"}
            await _send_json(send, 401, payload, [(b"www-authenticate", b"Bearer")])
            return
        await self.app(scope, receive, send)


class ConcurrencyLimit:
    """At most ``max_active`` requests at work and ``max_waiting`` waiting (each up to ``wait_s``); the rest get 503.

    A busy server answers "come back in a second" (``Retry-After``) instead of
    queueing every request behind the others for many seconds.
    """

    def __init__(self, app: ASGIApp, max_active: int, max_waiting: int, wait_s: float = 2.0) -> None:
        self.app = app
        self.max_waiting = max_waiting
        self.wait_s = wait_s
        self._slots = asyncio.Semaphore(max_active)
        self._waiting = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._slots.locked() and self._waiting >= self.max_waiting:
            await self._busy(send)
            return
        self._waiting += 1
        try:
            await asyncio.wait_for(self._slots.acquire(), self.wait_s)
        except TimeoutError:
            await self._busy(send)
            return
        finally:
            self._waiting -= 1
        try:
            await self.app(scope, receive, send)
        finally:
            self._slots.release()

    async def _busy(self, send: Send) -> None:
        payload = {"error": "busy", "message": BUSY, "hint": "", "key": "api.busy"}
        await _send_json(send, 503, payload, [(b"retry-after", b"1")])


class _TooLarge(HTTPException):
    """Raised while reading a body; an HTTPException so FastAPI's body parser passes it on as 413."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(status_code=413, detail=f"request body is larger than {max_bytes} bytes")


class BodySizeLimit:
    """Answer 413 to a request whose body is, or turns out to be, larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_bytes
            except ValueError:
                too_large = False
            if too_large:
                await self._reject(send)
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        body = json.dumps(
            {"error": "too_large", "message": f"request body is larger than {self.max_bytes} bytes", "hint": ""}
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

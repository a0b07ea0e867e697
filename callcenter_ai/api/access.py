"""Who may call what: each request's token names an API user, whose role must allow the route's action.

Operators may search, read and rate; admins may also export (and import,
index and change settings when the API offers those).  With no API users
the single ``api_token`` setting (or none on loopback) works as before, and
keeps working beside users as an admin token.  A route this table does not
know is admin-only.  The user is kept on ``request.state.user``; ratings are
recorded under that user's name, not the name a client sends.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from callcenter_ai.api.guards import PUBLIC_PATHS, UNAUTHORIZED, ASGIApp, Receive, Scope, Send
from callcenter_ai.core.auth import AccessList, ApiUser, open_access_list
from callcenter_ai.core.settings import Settings

LEGACY_USER = "api_token"
# (method, path prefix) -> action; the first match wins.
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("POST", "/api/search", "search"),
    ("GET", "/api/similar/", "search"),
    ("GET", "/api/vector/", "read"),
    ("GET", "/api/learning/stats", "read"),
    ("POST", "/api/feedback", "rate"),
    ("GET", "/api/learning/export", "export"),
)
ADMIN_ONLY = "settings"


def action_for(method: str, path: str) -> str | None:
    """The action a request performs; None for the public paths."""
    if path in PUBLIC_PATHS:
        return None
    for wanted_method, prefix, action in ACTIONS:
        if method == wanted_method and path.startswith(prefix):
            return action
    return ADMIN_ONLY


class AccessControl:
    """The outermost guard: who is calling (token -> API user), and may their role do this?  401 / 403.

    It takes the place of the single-token check (``guards.TokenAuth``) and,
    like it, answers before a body is read.  The single ``api_token`` is an
    admin token.  The user is left in the request's state for the routes.
    """

    def __init__(self, app: ASGIApp, settings: Settings, users: AccessList | None = None) -> None:
        self.app = app
        self.token = settings.api_token.encode()
        self.users = users if users is not None else open_access_list(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        action = action_for(scope.get("method", ""), scope.get("path", "")) if scope["type"] == "http" else None
        if action is None:
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, given = header.partition(b" ")
        token = given.strip() if scheme.lower() == b"bearer" else b""
        user: ApiUser | None = None
        if self.token and token and hmac.compare_digest(token, self.token):
            user = ApiUser(LEGACY_USER, "admin")
        elif token:
            user = await run_in_threadpool(self.users.authenticate, token.decode(errors="replace"))
        if user is None:
            if not self.token and not await run_in_threadpool(self.users.users):
                await self.app(scope, receive, send)  # no token and no users: the loopback-only setup
                return
            payload = {"error": "unauthorized", "message": UNAUTHORIZED, "hint": "", "key": "api.unauthorized"}
            await _send(send, 401, payload, [(b"www-authenticate", b"Bearer")])
            return
        if not user.can(action):
            message = f"user {user.name!r} ({user.role}) may not {action}"
            await _send(send, 403, {"error": "forbidden", "message": message, "hint": ""}, [])
            return
        scope.setdefault("state", {})["user"] = user
        await self.app(scope, receive, send)


async def _send(send: Send, status: int, payload: Mapping[str, object], headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    all_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": all_headers})
    await send({"type": "http.response.body", "body": body})


def rater_name(request: Request, given: str) -> str:
    """The rater of a rating: the authenticated user, else what the client says (no users configured)."""
    user = getattr(request.state, "user", None)
    return user.name if isinstance(user, ApiUser) and user.name != LEGACY_USER else given

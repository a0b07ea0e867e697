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
from collections.abc import Callable

from fastapi import HTTPException, Request

from callcenter_ai.api.guards import PUBLIC_PATHS
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
    # The window as a client (window_routes.py, admin_routes.py).
    ("GET", "/api/whoami", "read"),
    ("GET", "/api/stats", "read"),
    ("GET", "/api/facets", "read"),
    ("GET", "/api/calls/", "read"),
    ("POST", "/api/similar", "search"),
    ("GET", "/api/analytics/dashboard", "read"),
    ("POST", "/api/analytics/drill", "read"),
    ("GET", "/api/topic-summary", "read"),  # the dashboard's duration and outcome table, read when opened
    ("GET", "/api/alerts", "read"),  # the emerging topics a window shows after a write job
    ("POST", "/api/import", "import"),
    ("POST", "/api/index", "index"),
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


def _unauthorized() -> HTTPException:
    return HTTPException(
        status_code=401,
        detail="a valid 'Authorization: Bearer <token>' header is required",
        headers={"WWW-Authenticate": "Bearer"},
    )


def token_is_valid(settings: Settings, access: AccessList, token: str) -> bool:
    """Whether ``token`` is the admin token of the settings or belongs to an API user."""
    if settings.api_token and hmac.compare_digest(token.encode(), settings.api_token.encode()):
        return True
    return access.authenticate(token) is not None


def access_checker(settings: Settings, users: AccessList | None = None) -> Callable[[Request], None]:
    """A dependency that authenticates the request and checks its user's role for the route."""
    access = users if users is not None else open_access_list(settings)

    def check(request: Request) -> None:
        action = action_for(request.method, request.url.path)
        if action is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        token = given.strip() if scheme.lower() == "bearer" else ""
        user: ApiUser | None = None
        if settings.api_token and token and hmac.compare_digest(token.encode(), settings.api_token.encode()):
            user = ApiUser(LEGACY_USER, "admin")
        elif token:
            user = access.authenticate(token)
        if user is None:
            if not settings.api_token and not access.users():
                return  # no token and no users: the loopback-only setup
            raise _unauthorized()
        if not user.can(action):
            raise HTTPException(status_code=403, detail=f"user {user.name!r} ({user.role}) may not {action}")
        request.state.user = user

    return check


def rater_name(request: Request, given: str) -> str:
    """The rater of a rating: the authenticated user, else what the client says (no users configured)."""
    user = getattr(request.state, "user", None)
    return user.name if isinstance(user, ApiUser) and user.name != LEGACY_USER else given

"""The FastAPI application: create_app(settings) -> FastAPI.

Endpoints (all under ``/api``; see docs/API.md and ``/openapi.json``):
``GET /health``, ``POST /search``, ``GET /similar/{dialog_id}``,
``POST /feedback``, ``GET /learning/stats``, ``GET /learning/export``,
``GET /vector/{dialog_id}``.  Errors are JSON ``{"error", "message", "hint"}``
with 401 (token), 404 (unknown id), 409 (no usable index), 413 (body too
large), 422 (malformed or invalid body), 503 (store or model unavailable,
or the server busy: ``Retry-After``).  Error bodies name files by their name
only: full paths stay in the server log.
"""

from __future__ import annotations

import logging
import math
import os
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from callcenter_ai import __version__
from callcenter_ai.api.access import access_checker, token_is_valid
from callcenter_ai.api.admin_routes import router as admin_router
from callcenter_ai.api.analytics_routes import router as analytics_router
from callcenter_ai.api.guards import BodySizeLimit, ConcurrencyLimit, TokenAuth
from callcenter_ai.api.routes import router
from callcenter_ai.api.state import ApiState
from callcenter_ai.api.window_routes import router as window_router
from callcenter_ai.core.auth import open_access_list
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.errors import (
    ConfigError,
    IndexFileError,
    InputError,
    KnownError,
    NotFoundError,
)
from callcenter_ai.core.messages import HINTS, MESSAGES, msg, render
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.database import as_known_error

log = logging.getLogger(__name__)

_STATUS_NAMES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "not_allowed",
    413: "too_large",
}


# Requests at work at once: two per core.  Searches are CPU-bound Python; more threads than that only
# share the GIL, slowing every request and the event loop that answers 401s and 503s.
MAX_ACTIVE_REQUESTS = min(32, 2 * (os.cpu_count() or 2))
MAX_WAITING_REQUESTS = 128  # waiting for a slot, each at most WAIT_S; more get 503 (Retry-After) at once
WAIT_S = 2.0
_PATH_PARAMS = ("path", "folder", "source", "database")
_ABSOLUTE_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/](?:[^\s'\"():,]+[\\/])+([^\s'\"():,/\\]+)")


def _error(status: int, error: str, message: str, hint: str = "", **extra: object) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, "hint": hint, **extra}, status_code=status)


def client_text(exc: KnownError) -> str:
    """The error's message for a client: files by their name only (the full path is for the server log)."""
    if exc.key and not isinstance(exc, InputError):
        params = {k: Path(str(v)).name if k in _PATH_PARAMS else v for k, v in exc.params.items()}
        text = render(MESSAGES[exc.key], params, str)
    else:
        text = exc.message
    return _ABSOLUTE_PATH.sub(r"\1", text)


def _safe(value: Any) -> Any:
    """A validation detail that JSON can carry: no NaN/Infinity, no lone surrogates, no objects."""
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_safe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if value is None or isinstance(value, bool | int | float):
        return value
    return _safe(str(value))


def _known_error_status(exc: KnownError) -> tuple[int, str]:
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, ConfigError | InputError):
        return 422, "invalid_request"
    if isinstance(exc, IndexFileError):
        return 409, "index_unavailable"
    return 503, "unavailable"


def create_app(settings: Settings, *, embedder: Embedder | None = None) -> FastAPI:
    """The API over ``settings.home``; ``embedder`` replaces the lazily created model (tests)."""
    if settings.api_token != settings.api_token.strip():  # "   " would require a blank token and allow 0.0.0.0
        raise ConfigError(msg("config.blank_token"), hint=HINTS["config.token"])
    state = ApiState(settings, embedder)
    access = open_access_list(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="CallCenter AI",
        version=__version__,
        description="Search similar calls, rate results, read learning statistics and export training data.",
        lifespan=lifespan,
        dependencies=[Depends(access_checker(settings, access))],
    )
    app.state.api = state
    app.include_router(router)
    app.include_router(analytics_router)
    app.include_router(window_router)
    app.include_router(admin_router)
    # Added last = outermost: auth first, then the limit on work, then the body size.
    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_bytes)
    app.add_middleware(
        ConcurrencyLimit, max_active=MAX_ACTIVE_REQUESTS, max_waiting=MAX_WAITING_REQUESTS, wait_s=WAIT_S
    )
    app.add_middleware(
        TokenAuth,
        required=lambda: bool(settings.api_token) or bool(access.users()),
        valid=lambda token: token_is_valid(settings, access, token),
    )

    @app.exception_handler(KnownError)
    async def known_error(request: Request, exc: KnownError) -> JSONResponse:
        status, name = _known_error_status(exc)
        log.info("%s %s -> %d: %s", request.method, request.url.path, status, exc.message)
        return _error(status, name, client_text(exc), exc.hint, key=exc.key)

    @app.exception_handler(sqlite3.Error)
    async def store_error(request: Request, exc: sqlite3.Error) -> JSONResponse:
        known = as_known_error(exc, settings.db_path)
        assert isinstance(known, KnownError)
        log.warning("%s %s -> 503: %s", request.method, request.url.path, known.message)
        return _error(503, "unavailable", client_text(known), known.hint, key=known.key)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k not in ("input", "ctx", "url")} for e in exc.errors()]
        detail = _safe(jsonable_encoder(errors, custom_encoder={Exception: str}))
        first = detail[0] if detail else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg", "invalid request"))
        return _error(422, "invalid_request", message, detail=detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = _error(exc.status_code, _STATUS_NAMES.get(exc.status_code, "error"), str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error in %s %s", request.method, request.url.path)
        return _error(500, "internal", "internal error; see the server log")

    return app

"""The FastAPI application: create_app(settings) -> FastAPI.

Endpoints (all under ``/api``; see docs/API.md and ``/openapi.json``):
``GET /health``, ``POST /search``, ``GET /similar/{dialog_id}``,
``POST /feedback``, ``GET /learning/stats``, ``GET /learning/export``,
``GET /vector/{dialog_id}``.  Errors are JSON ``{"error", "message", "hint"}``
with 401 (token), 404 (unknown id), 409 (no usable index), 413 (body too
large), 422 (malformed or invalid body), 503 (store or model unavailable).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from callcenter_ai import __version__
from callcenter_ai.api.analytics_routes import router as analytics_router
from callcenter_ai.api.guards import BodySizeLimit, token_checker
from callcenter_ai.api.routes import router
from callcenter_ai.api.state import ApiState
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.errors import (
    ConfigError,
    IndexFileError,
    InputError,
    KnownError,
    NotFoundError,
)
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)

_STATUS_NAMES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "not_allowed",
    413: "too_large",
}


def _error(status: int, error: str, message: str, hint: str = "", **extra: object) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, "hint": hint, **extra}, status_code=status)


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
    state = ApiState(settings, embedder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="CallCenter AI",
        version=__version__,
        description="Search similar calls, rate results, read learning statistics and export training data.",
        lifespan=lifespan,
        dependencies=[Depends(token_checker(settings.api_token))],
    )
    app.state.api = state
    app.include_router(router)
    app.include_router(analytics_router)
    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_bytes)

    @app.exception_handler(KnownError)
    async def known_error(request: Request, exc: KnownError) -> JSONResponse:
        status, name = _known_error_status(exc)
        log.info("%s %s -> %d: %s", request.method, request.url.path, status, exc.message)
        return _error(status, name, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
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

"""What the window needs of a server beyond search: who am I, a call turn by turn, the filter facets,
the store's counts, «find similar» with every filter, and the analytics dashboard with its drill-down.

The bodies are the core's own records as JSON (:mod:`callcenter_ai.core.remote.codec`), so the
window's remote backend rebuilds exactly what the local core would have returned.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from callcenter_ai.api.access import LEGACY_USER
from callcenter_ai.api.routes import _ERRORS, DialogId, _filters, _run_search, _state
from callcenter_ai.api.schemas import MAX_K, MAX_SMALL_ID, Filters, Mode, RequestBody, SearchResponse
from callcenter_ai.core.analytics.drill import Drill, period_range
from callcenter_ai.core.app import analytics, store_stats
from callcenter_ai.core.auth import PERMISSIONS, ApiUser
from callcenter_ai.core.engines import engine_over
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.remote import to_json
from callcenter_ai.core.search import facets as store_facets

router = APIRouter(prefix="/api", tags=["window"])


def _user(request: Request) -> ApiUser:
    """The request's user; without users and tokens (loopback only) the one local user may do everything."""
    user = getattr(request.state, "user", None)
    return user if isinstance(user, ApiUser) else ApiUser("", "admin")


class WhoAmI(BaseModel):
    user: str = Field(description="the token's user ('' on a loopback server without tokens)")
    role: str = Field(description="operator or admin")
    permissions: list[str] = Field(description="what the role may do: search, read, rate, import, index, ...")


@router.get("/whoami", response_model=WhoAmI, responses=_ERRORS)
def whoami(request: Request) -> WhoAmI:
    """The user the token belongs to and what the role allows (the window hides what it may not do)."""
    user = _user(request)
    name = "admin" if user.name == LEGACY_USER else user.name
    return WhoAmI(user=name, role=user.role, permissions=sorted(PERMISSIONS.get(user.role, ())))


@router.get("/stats", responses=_ERRORS)
def stats(request: Request) -> dict[str, Any]:
    """The ``stats --json`` object: calls, turns, embedded calls, model, index state (files by name only)."""
    state = _state(request)
    with state.store() as store:
        out = store_stats(engine_over(store, state.settings), state.settings)
    out["database"] = FilePath(str(out.get("database", ""))).name
    index = out.get("index")
    if isinstance(index, dict) and index.get("path"):
        index["path"] = FilePath(str(index["path"])).name
    return out


@router.get("/facets", responses=_ERRORS)
def facets(request: Request) -> dict[str, Any]:
    """Calls per operator and per topic, first and last call date: the window's filter choices."""
    with _state(request).store() as engine:
        data: dict[str, Any] = to_json(store_facets(engine.calls))
    return data


@router.get("/calls/{dialog_id:path}", responses=_ERRORS)
def call(dialog_id: DialogId, request: Request) -> dict[str, Any]:
    """One call turn by turn: ``{"id", "dialog_id", "turns": [{"speaker", "text", "start", "end"}], ...}``."""
    state = _state(request)
    with state.store() as store:
        calls = engine_over(store, state.settings).calls
        data: dict[str, Any] = to_json(calls.get_calls([calls.call_id(dialog_id)])[0])
    return data


class SimilarRequest(RequestBody):
    dialog_id: str = Field(..., min_length=1, max_length=200, description="the source call")
    k: int | None = Field(default=None, ge=1, le=MAX_K)
    mode: Mode | None = None
    filters: Filters | None = None
    rerank: bool = True


@router.post("/similar", response_model=SearchResponse, responses=_ERRORS)
def similar(body: SimilarRequest, request: Request) -> SearchResponse:
    """Calls like ``dialog_id`` under every filter of ``POST /api/search`` (``GET /api/similar`` has side only)."""
    return _run_search(
        _state(request),
        k=body.k,
        mode=body.mode,
        filters=_filters(body.filters),
        rerank=body.rerank,
        dialog_id=body.dialog_id,
    )


@router.get("/analytics/dashboard", responses=_ERRORS)
def dashboard(request: Request, rebuild: bool = False) -> dict[str, Any]:
    """Everything the «Аналитика» tab shows; ``rebuild`` (find the topics again) is for admins."""
    if rebuild and not _user(request).can("index"):
        raise HTTPException(status_code=403, detail="finding the topics again is for admins")
    state = _state(request)
    data: dict[str, Any] = to_json(analytics.dashboard(state.settings, rebuild=rebuild, engine=state.shared_engine))
    return data


class DrillIn(RequestBody):
    topic_id: int | None = Field(default=None, ge=-1, le=MAX_SMALL_ID, description="-1: calls in no topic")
    period: str | None = Field(default=None, max_length=20)
    by: Literal["day", "week", "month"] = "day"
    operator: str | None = Field(default=None, max_length=200)
    weekday: int | None = Field(default=None, ge=0, le=6)
    hour: int | None = Field(default=None, ge=0, le=23)
    dialog_ids: list[str] = Field(default_factory=list, max_length=1000)
    saved_search: str | None = Field(default=None, max_length=100, description="the calls a saved search found")


class DrillRequest(RequestBody):
    version: int = Field(ge=0, le=MAX_SMALL_ID, description="the topic model version of the dashboard drilled")
    drill: DrillIn


@router.post("/analytics/drill", responses=_ERRORS)
def drill(body: DrillRequest, request: Request) -> dict[str, Any]:
    """The calls behind a clicked bar, point or row, newest first: ``{"calls": [call, ...]}``."""
    what = Drill(**{**body.drill.model_dump(), "dialog_ids": tuple(body.drill.dialog_ids)})
    if what.period:
        try:
            period_range(what.period, what.by)
        except ValueError as exc:
            raise ConfigError(
                f"drill.period: {what.period!r} is not a {what.by} (e.g. 2026-05-04, 2026-W19, 2026-05)"
            ) from exc
    state = _state(request)
    calls = analytics.drill(state.settings, body.version, what, engine=state.shared_engine)
    return {"calls": to_json(calls) if calls else []}

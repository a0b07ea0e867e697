"""Analytics endpoints: topics, trends, repeat calls, saved searches (same shapes as the CLI's ``--json``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import Field

from callcenter_ai.api.schemas import Mode, RequestBody, Side
from callcenter_ai.api.state import ApiState
from callcenter_ai.core.analytics.topics import topic_by_id
from callcenter_ai.core.app import analytics as service

router = APIRouter(prefix="/api", tags=["analytics"])

SavedName = Annotated[str, Path(min_length=1, max_length=100)]


def _state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


@router.get("/topics")
def topics(
    request: Request,
    rebuild: bool = False,
    k: Annotated[int | None, Query(ge=2, le=500)] = None,
    side: Literal["all", "client"] = "all",
) -> dict[str, Any]:
    """``{"model", "topics": [{"id", "label", "keywords", "size", "examples"}]}``; found on first use."""
    state = _state(request)
    return service.topics(state.settings, rebuild=rebuild, k=k, side=side, engine=state.shared_engine).to_json()


@router.get("/topics/{topic_id}")
def topic(request: Request, topic_id: int) -> dict[str, Any]:
    """One topic; 404 for an unknown id."""
    state = _state(request)
    t = topic_by_id(service.topics(state.settings, engine=state.shared_engine), topic_id)
    return {"id": t.id, "label": t.label, "keywords": t.keywords, "size": t.size, "examples": t.examples}


@router.get("/trends")
def trends(
    request: Request,
    by: Literal["day", "week", "month"] = "day",
    period: Annotated[str | None, Query(max_length=20)] = None,
    outcomes: bool = False,
) -> dict[str, Any]:
    """``{"by", "series": [{"topic_id", "label", "counts": [{"period", "calls"}]}], "emerging": [...]}``.

    ``outcomes=true`` adds ``topic_summary`` (as ``GET /api/topic-summary``)."""
    state = _state(request)
    return service.trends(state.settings, by=by, period=period, outcomes=outcomes, engine=state.shared_engine).to_json()


@router.get("/alerts")
def alerts(request: Request) -> dict[str, Any]:
    """``{"alerts": {"period", "emerging": [...], "calls_not_in_topics"}}``, ``null`` where no topics were found."""
    state = _state(request)
    found = service.import_alerts(state.settings, engine=state.shared_engine)
    return {"alerts": None if found is None else found.to_json()}


@router.get("/topic-summary")
def topic_summary(request: Request) -> dict[str, Any]:
    """``{"topic_summary": [{"topic_id", "label", "calls", "mean_duration_s", "median_duration_s",
    "duration_unknown", "outcomes": {outcome: calls}, "outcome_unknown"}]}`` (as in ``trends``)."""
    state = _state(request)
    return {"topic_summary": [o.to_json() for o in service.topic_summary(state.settings, engine=state.shared_engine)]}


@router.get("/repeats")
def repeats(request: Request, days: Annotated[int, Query(ge=1, le=3650)] = 7) -> dict[str, Any]:
    """``{"repeats": [{"client_id", "calls", "topic_id"}], "near_duplicates": [{"calls", "similarity"}]}``."""
    state = _state(request)
    return service.repeats(state.settings, days=days, engine=state.shared_engine).to_json()


class SavedSearchIn(RequestBody):
    name: str = Field(min_length=1, max_length=100)
    text: str = Field(min_length=1, max_length=2000)
    mode: Mode = "keyword"
    date_from: str | None = None
    date_to: str | None = None
    operators: list[str] = Field(default_factory=list, max_length=100)
    topics: list[str] = Field(default_factory=list, max_length=100)
    min_duration: float | None = None
    max_duration: float | None = None
    side: Side | None = None


@router.get("/saved-searches")
def saved_searches(request: Request) -> dict[str, Any]:
    """``{"saved_searches": [{"name", "query", "mode", "filters", "total", "new", "viewed_at"}]}``, re-run first."""
    state = _state(request)
    return {"saved_searches": [s.to_json() for s in service.saved_list(state.settings, engine=state.shared_engine)]}


@router.post("/saved-searches", status_code=201)
def add_saved_search(request: Request, body: SavedSearchIn) -> dict[str, Any]:
    filters = body.model_dump(exclude={"name", "text", "mode"}, exclude_none=True)
    filters = {k: v for k, v in filters.items() if v != []}
    state = _state(request)
    return service.saved_add(
        state.settings, body.name, body.text, body.mode, filters, engine=state.shared_engine
    ).to_json()


@router.get("/saved-searches/{name}")
def run_saved_search(request: Request, name: SavedName) -> dict[str, Any]:
    """Run it and mark it viewed: the saved search with ``new`` (since the last view) and ``results``."""
    state = _state(request)
    return service.saved_run(state.settings, name, engine=state.shared_engine).to_json()


@router.delete("/saved-searches/{name}", status_code=204)
def remove_saved_search(request: Request, name: SavedName) -> None:
    state = _state(request)
    service.saved_remove(state.settings, name, engine=state.shared_engine)

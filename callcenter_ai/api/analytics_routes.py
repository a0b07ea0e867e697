"""Analytics endpoints: topics, trends, repeat calls, saved searches (same shapes as the CLI's ``--json``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from callcenter_ai.api.schemas import Mode, Side
from callcenter_ai.api.state import ApiState
from callcenter_ai.core.analytics import service
from callcenter_ai.core.analytics.topics import topic_by_id

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
    return service.topics(_state(request).settings, rebuild=rebuild, k=k, side=side).to_json()


@router.get("/topics/{topic_id}")
def topic(request: Request, topic_id: int) -> dict[str, Any]:
    """One topic; 404 for an unknown id."""
    t = topic_by_id(service.topics(_state(request).settings), topic_id)
    return {"id": t.id, "label": t.label, "keywords": t.keywords, "size": t.size, "examples": t.examples}


@router.get("/trends")
def trends(
    request: Request,
    by: Literal["day", "week", "month"] = "day",
    period: Annotated[str | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    """``{"by", "series": [{"topic_id", "label", "counts": [{"period", "calls"}]}], "emerging": [...]}``."""
    return service.trends(_state(request).settings, by=by, period=period).to_json()


@router.get("/alerts")
def alerts(request: Request) -> dict[str, Any]:
    """``{"alerts": {"period", "emerging": [...], "calls_not_in_topics"}}``, ``null`` where no topics were found."""
    found = service.import_alerts(_state(request).settings)
    return {"alerts": None if found is None else found.to_json()}


@router.get("/topic-summary")
def topic_summary(request: Request) -> dict[str, Any]:
    """``{"topic_summary": [{"topic_id", "label", "calls", "mean_duration_s", "median_duration_s",
    "duration_unknown", "outcomes": {outcome: calls}, "outcome_unknown"}]}`` (as in ``trends``)."""
    return {"topic_summary": [o.to_json() for o in service.topic_summary(_state(request).settings)]}


@router.get("/repeats")
def repeats(request: Request, days: Annotated[int, Query(ge=1, le=3650)] = 7) -> dict[str, Any]:
    """``{"repeats": [{"client_id", "calls", "topic_id"}], "near_duplicates": [{"calls", "similarity"}]}``."""
    return service.repeats(_state(request).settings, days=days).to_json()


class SavedSearchIn(BaseModel):
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
    return {"saved_searches": [s.to_json() for s in service.saved_list(_state(request).settings)]}


@router.post("/saved-searches", status_code=201)
def add_saved_search(request: Request, body: SavedSearchIn) -> dict[str, Any]:
    filters = body.model_dump(exclude={"name", "text", "mode"}, exclude_none=True)
    filters = {k: v for k, v in filters.items() if v != []}
    return service.saved_add(_state(request).settings, body.name, body.text, body.mode, filters).to_json()


@router.get("/saved-searches/{name}")
def run_saved_search(request: Request, name: SavedName) -> dict[str, Any]:
    """Run it and mark it viewed: the saved search with ``new`` (since the last view) and ``results``."""
    return service.saved_run(_state(request).settings, name).to_json()


@router.delete("/saved-searches/{name}", status_code=204)
def remove_saved_search(request: Request, name: SavedName) -> None:
    service.saved_remove(_state(request).settings, name)

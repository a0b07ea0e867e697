"""The API's endpoints; the work is done by the core (search service, feedback, store)."""

from __future__ import annotations

import io
import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Path, Query, Request
from fastapi.responses import Response

from callcenter_ai import __version__
from callcenter_ai.api.access import rater_name
from callcenter_ai.api.schemas import (
    MAX_K,
    ErrorResponse,
    FeedbackRequest,
    FeedbackResponse,
    Filters,
    HealthResponse,
    Mode,
    ResultOut,
    SearchRequest,
    SearchResponse,
    Side,
    VectorResponse,
)
from callcenter_ai.api.state import ApiState
from callcenter_ai.core.app import health as app_health
from callcenter_ai.core.app import rate, retrain_if_due, served_model_id
from callcenter_ai.core.errors import NotFoundError
from callcenter_ai.core.feedback import export_pairs, export_ratings_csv, export_triplets, learning_stats

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api")

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (401, "missing or wrong Bearer token"),
        (404, "unknown dialog id"),
        (409, "no usable semantic index"),
        (413, "request body too large"),
        (422, "malformed or invalid request"),
        (503, "store or model unavailable"),
    )
}

DialogId = Annotated[str, Path(min_length=1, max_length=200, description="the call id users see")]


def _state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state


@router.get("/health", response_model=HealthResponse, responses=_ERRORS)
def health(request: Request) -> HealthResponse:
    """Liveness and what is loaded; never loads the model (needs no token)."""
    state = _state(request)
    now = app_health(state.settings, state.shared_engine)
    return HealthResponse(
        status="ok",
        version=__version__,
        dialogs=now.dialogs,
        model_id=now.model_id,
        model_loaded=state.model_loaded,
        rerank_enabled=now.rerank_enabled,
        auth_required=bool(state.settings.api_token),
    )


def _filters(filters: Filters | None, side: Side | None = None) -> Any:
    from callcenter_ai.core.search import build_filters

    f = filters or Filters()
    return build_filters(
        date_from=f.date_from,
        date_to=f.date_to,
        operators=f.operators,
        topics=f.topics,
        min_duration=f.min_duration,
        max_duration=f.max_duration,
        side=side or f.side,
        channels=f.channels,
        outcomes=f.outcomes,
    )


def _run_search(
    state: ApiState,
    *,
    k: int | None,
    mode: str | None,
    filters: Any,
    rerank: bool,
    query: str | None = None,
    dialog_id: str | None = None,
) -> SearchResponse:
    """One search through the shared service, which applies the re-ranking learned from ratings itself."""
    settings = state.settings
    k = k or settings.search_k
    service = state.search_service()  # this worker thread's own: searches run in parallel
    if query is not None:
        results = service.search(query, k, mode, filters, rerank=rerank)
    else:
        assert dialog_id is not None
        results = service.similar(dialog_id, k, filters, mode, rerank=rerank)
    model_id = service.index_model_id
    return SearchResponse(
        query=query,
        dialog_id=dialog_id,
        k=k,
        mode=results[0].mode if results else (mode or settings.search_mode),
        model_id=model_id,
        reranked=any(r.reranked for r in results),
        warnings=[str(w) for w in results.warnings],
        results=[ResultOut.model_validate(r.to_dict()) for r in results],
        total=results.total,
        total_capped=results.total_capped,
    )


@router.post("/search", response_model=SearchResponse, responses=_ERRORS)
def search(body: SearchRequest, request: Request) -> SearchResponse:
    """Calls matching free text, best first, with the turns that matched."""
    return _run_search(
        _state(request), k=body.k, mode=body.mode, filters=_filters(body.filters), rerank=body.rerank, query=body.query
    )


@router.get("/similar/{dialog_id:path}", response_model=SearchResponse, responses=_ERRORS)
def similar(
    dialog_id: DialogId,
    request: Request,
    k: Annotated[int | None, Query(ge=1, le=MAX_K)] = None,
    mode: Mode | None = None,
    side: Side | None = None,
    rerank: bool = True,
) -> SearchResponse:
    """Calls like ``dialog_id`` (left out of the results), best first."""
    return _run_search(
        _state(request), k=k, mode=mode, filters=_filters(None, side), rerank=rerank, dialog_id=dialog_id
    )


def _retrain(state: ApiState, model_id: str) -> None:
    """After the response: train the re-ranker again when it is due (the core's policy)."""
    try:
        with state.store() as store:
            retrain_if_due(store, state.settings, model_id, state.embedder())
    except Exception:  # the store could not even be opened: logged, the rating is stored
        log.exception("re-ranker training failed")


@router.post("/feedback", response_model=FeedbackResponse, status_code=201, responses=_ERRORS)
def feedback(body: FeedbackRequest, request: Request, background: BackgroundTasks) -> FeedbackResponse:
    """Record that ``dialog_id`` was (not) relevant for a query or a source call."""
    state = _state(request)
    with state.store() as store:
        model_id = body.model_id or served_model_id(state.settings, store)
        rated = rate(
            store,
            state.settings,
            result_dialog_id=body.dialog_id,
            relevant=body.relevant,
            model_id=model_id,
            query_text=body.query,
            source_dialog_id=body.source_dialog_id,
            comment=body.comment,
            rater=rater_name(request, body.rater),
            rank=body.rank,
            score=body.score,
            mode=body.mode,
            reranked=body.reranked,
        )
    if rated.rerank.needs_training:
        background.add_task(_retrain, state, model_id)
    return FeedbackResponse(id=rated.rating_id, ratings=rated.ratings, rerank_enabled=rated.rerank.enabled)


@router.get("/learning/stats", responses=_ERRORS)
def stats(
    request: Request,
    k: Annotated[int, Query(ge=1, le=MAX_K)] = 10,
    period: Literal["day", "week", "month"] = "day",
) -> dict[str, Any]:
    """Rated pairs, share positive, precision@k over time, by topic and operator, re-ranking gain."""
    state = _state(request)
    with state.store() as store:
        model_id = served_model_id(state.settings, store)
        return learning_stats(store.feedback(), state.settings, model_id, k=k, period=period)


@router.get(
    "/learning/export",
    responses={
        **_ERRORS,
        200: {
            "content": {"application/x-ndjson": {}, "text/csv": {}},
            "description": "JSONL pairs or triplets, or CSV ratings; personal data redacted",
        },
    },
    response_class=Response,
)
def export(request: Request, kind: Literal["pairs", "triplets", "ratings"] = "pairs") -> Response:
    """Training data from ratings: ``pairs`` / ``triplets`` JSONL (sentence-transformers columns), ``ratings`` CSV."""
    state = _state(request)
    out = io.StringIO()
    with state.store() as store:
        source = store.feedback()
        if kind == "pairs":
            count = export_pairs(source, out)
        elif kind == "triplets":
            count = export_triplets(source, out)
        else:
            count = export_ratings_csv(source, out)
    media = "text/csv" if kind == "ratings" else "application/x-ndjson"
    filename = f"{kind}.csv" if kind == "ratings" else f"{kind}.jsonl"
    headers = {"X-Rows": str(count), "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(out.getvalue(), media_type=f"{media}; charset=utf-8", headers=headers)


@router.get("/vector/{dialog_id:path}", response_model=VectorResponse, responses=_ERRORS)
def vector(
    dialog_id: DialogId,
    request: Request,
    model_id: Annotated[str | None, Query(max_length=500)] = None,
) -> VectorResponse:
    """A call's stored vector as a plain float array (default: the index's vector space)."""
    state = _state(request)
    with state.store() as store:
        space = model_id or served_model_id(state.settings, store)
        values = store.vectors.call_vector(store.calls.call_id(dialog_id), space)
    if values is None:
        raise NotFoundError(f"call {dialog_id!r} has no vector for {space}")
    return VectorResponse(dialog_id=dialog_id, model_id=space, dims=int(values.shape[0]), vector=values.tolist())

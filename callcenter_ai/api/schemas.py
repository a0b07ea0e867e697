"""Request and response bodies of the HTTP API (pydantic models, shown in the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from callcenter_ai.core.search import MatchedTurn

MAX_K = 100
MAX_QUERY_CHARS = 10_000
# Topic ids and model versions: small numbers in both stores (PostgreSQL integer); a larger one matches nothing.
MAX_SMALL_ID = 2**31 - 1

Mode = Literal["semantic", "keyword", "hybrid"]
Side = Literal["client", "operator"]


def _clean_text(value: Any) -> Any:
    """Refuse text JSON can hold but no store or response can: lone surrogates (``"\\ud800"``) and NUL."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and ("\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)):
            raise ValueError("contains a NUL character or an invalid Unicode character (a lone surrogate)")
    return value


class RequestBody(BaseModel):
    """A request body: unknown keys refused, every text checked by :func:`_clean_text`."""

    model_config = ConfigDict(extra="forbid")

    _texts = field_validator("*", mode="after")(_clean_text)


class Filters(RequestBody):
    date_from: str | None = Field(default=None, max_length=40, description="ISO date or date-time, inclusive")
    date_to: str | None = Field(default=None, max_length=40, description="ISO date or date-time, inclusive")
    operators: list[str] = Field(default_factory=list, max_length=100)
    topics: list[str] = Field(default_factory=list, max_length=100)
    min_duration: float | None = Field(default=None, ge=0, le=1e9, allow_inf_nan=False)
    max_duration: float | None = Field(default=None, ge=0, le=1e9, allow_inf_nan=False)
    side: Side | None = None
    channels: list[str] = Field(default_factory=list, max_length=100, description="e.g. телефон, чат")
    outcomes: list[str] = Field(default_factory=list, max_length=100, description="e.g. решено, эскалация")


class SearchRequest(RequestBody):
    query: str = Field(..., min_length=1, max_length=MAX_QUERY_CHARS, description="free text to look for")
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="results wanted (default: settings.search_k)")
    mode: Mode | None = Field(default=None, description="default: settings.search_mode")
    filters: Filters | None = None
    rerank: bool = Field(default=True, description="apply the re-ranking learned from ratings when it is on")


class ResultOut(BaseModel):
    dialog_id: str
    call_id: int | None = Field(default=None, description="the row id of the call in the server's store")
    rank: int
    score: float
    mode: str
    semantic_score: float | None
    keyword_score: float | None
    rerank_score: float | None = Field(default=None, description="adapted score when the result was re-ranked")
    similarity: float | None = Field(
        default=None,
        description="one readable 0..1 measure: the cosine when found by meaning, else the share of query words found",
    )
    below_threshold: bool = Field(
        default=False, description="the cosine is under the calibrated 'nothing close' threshold (docs/SEARCH.md)"
    )
    matched_turns: list[MatchedTurn]
    turns: list[int]
    snippet: str
    started_at: str | None
    duration_s: float | None
    operator: str | None
    topic: str | None


class SearchResponse(BaseModel):
    query: str | None = None
    dialog_id: str | None = None
    k: int
    mode: str
    model_id: str | None = Field(default=None, description="vector space of the semantic index used")
    reranked: bool
    warnings: list[str]
    results: list[ResultOut]
    total: int | None = Field(
        default=None,
        description="calls the query matches in all (by meaning: above the 'nothing close' threshold); null: unknown",
    )
    total_capped: bool = Field(default=False, description="there are at least 'total' matching calls")


class FeedbackRequest(RequestBody):
    dialog_id: str = Field(..., min_length=1, max_length=200, description="the result call judged")
    relevant: bool
    query: str | None = Field(default=None, min_length=1, max_length=MAX_QUERY_CHARS, description="the search text, or")
    source_dialog_id: str | None = Field(default=None, min_length=1, max_length=200, description="the source call")
    comment: str | None = Field(default=None, max_length=2000)
    rater: str = Field(default="", max_length=200, description="who judged (operator login)")
    rank: int | None = Field(default=None, ge=1, le=10_000, description="1-based position the result was served at")
    score: float | None = Field(default=None, allow_inf_nan=False)
    mode: Mode | None = None
    reranked: bool = False
    model_id: str | None = Field(default=None, max_length=500, description="default: the index's model id")

    @model_validator(mode="after")
    def _one_anchor(self) -> FeedbackRequest:
        if (self.query is None) == (self.source_dialog_id is None):
            raise ValueError("give either 'query' or 'source_dialog_id', not both")
        if self.query is not None and not self.query.strip():
            raise ValueError("'query' is blank")
        return self


class FeedbackResponse(BaseModel):
    id: int
    ratings: int
    rerank_enabled: bool


class HealthResponse(BaseModel):
    status: str
    version: str
    dialogs: int | None
    model_id: str | None
    model_loaded: bool
    rerank_enabled: bool
    auth_required: bool


class VectorResponse(BaseModel):
    dialog_id: str
    model_id: str
    dims: int
    vector: list[float] = Field(..., description="L2-normalised float32 values as a plain array")


class ErrorResponse(BaseModel):
    error: str
    message: str
    hint: str = ""
    detail: list[Any] | None = None

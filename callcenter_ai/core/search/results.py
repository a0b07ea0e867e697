"""What a search returns: calls, their scores, and why they matched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from callcenter_ai.core.messages import Message

MatchKind = Literal["semantic", "keyword"]
SearchMode = Literal["semantic", "keyword", "hybrid"]
SEARCH_MODES: tuple[SearchMode, ...] = ("semantic", "keyword", "hybrid")


@dataclass(frozen=True)
class MatchedTurn:
    """A turn that explains a match.  ``turn`` is the 0-based position in the call (``StoredCall.turns[turn]``)."""

    turn: int
    speaker: str
    text: str
    kind: MatchKind
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"turn": self.turn, "speaker": self.speaker, "text": self.text, "kind": self.kind, "score": self.score}


@dataclass(frozen=True)
class MatchedChunk:
    """An embedded chunk that matched: turns ``first_turn..last_turn`` (inclusive) of the call."""

    chunk_id: int
    chunk_no: int
    first_turn: int
    last_turn: int
    side: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "chunk_id": self.chunk_id,
            "chunk_no": self.chunk_no,
            "first_turn": self.first_turn,
            "last_turn": self.last_turn,
            "side": self.side,
            "score": self.score,
        }


@dataclass(frozen=True)
class SearchResult:
    """One call found, best first in a result list.

    ``score`` orders the list: cosine similarity in semantic mode, the summed
    BM25 of matched turns in keyword mode, weighted reciprocal-rank fusion in
    hybrid mode.  ``semantic_score`` / ``keyword_score`` are the parts (None
    when that ranking did not find the call).  When the list was re-ranked
    from operators' ratings (``reranked``), it is ordered by ``rerank_score``
    (the learned adapter's score; None for a call without stored vectors,
    kept after the scored ones) and ``score`` keeps the plain ranking's value.
    """

    dialog_id: str
    call_id: int
    rank: int
    score: float
    mode: SearchMode
    semantic_score: float | None
    keyword_score: float | None
    matched_turns: tuple[MatchedTurn, ...]
    chunks: tuple[MatchedChunk, ...]
    snippet: str
    started_at: str | None = None
    duration_s: float | None = None
    operator: str | None = None
    topic: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    reranked: bool = False
    rerank_score: float | None = None
    similarity: float | None = None  # one readable 0..1 measure in every mode (search/explain.py)
    below_threshold: bool = False  # the embedder's cosine is under the calibrated "nothing close" threshold

    @property
    def turn_numbers(self) -> list[int]:
        return sorted({t.turn for t in self.matched_turns})

    def to_dict(self) -> dict[str, Any]:
        return {
            "dialog_id": self.dialog_id,
            "call_id": self.call_id,
            "rank": self.rank,
            "score": round(self.score, 6),
            "mode": self.mode,
            "semantic_score": None if self.semantic_score is None else round(self.semantic_score, 6),
            "keyword_score": None if self.keyword_score is None else round(self.keyword_score, 6),
            "matched_turns": [t.to_dict() for t in self.matched_turns],
            "turns": self.turn_numbers,
            "chunks": [c.to_dict() for c in self.chunks],
            "snippet": self.snippet,
            "started_at": self.started_at,
            "duration_s": self.duration_s,
            "operator": self.operator,
            "topic": self.topic,
            "reranked": self.reranked,
            "rerank_score": None if self.rerank_score is None else round(self.rerank_score, 6),
            "similarity": self.similarity,
            "below_threshold": self.below_threshold,
        }


class SearchResults(list[SearchResult]):
    """The results of one query, best first, with the notes on how it was served.

    A plain list of :class:`SearchResult` for every caller that only wants the
    calls; ``warnings`` are catalog messages (e.g. "no semantic index yet:
    keyword search only"): English with ``str()``, translated by the window.
    ``total`` is how many calls the query matches, of which these are the
    first (``search/counting.py``; None: not known), ``total_capped`` that
    there are at least that many.
    """

    def __init__(
        self,
        results: Iterable[SearchResult] = (),
        warnings: Iterable[Message] = (),
        total: int | None = None,
        total_capped: bool = False,
    ) -> None:
        super().__init__(results)
        self.warnings: tuple[Message, ...] = tuple(warnings)
        self.total = total
        self.total_capped = total_capped

"""Turning ranked calls into :class:`SearchResult` objects with the turns that explain them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.results import MatchedChunk, MatchedTurn, SearchMode, SearchResult
from callcenter_ai.core.search.text import stems

SNIPPET_CHARS = 240
SEMANTIC_TURNS = 3  # turns shown per semantic match
KEYWORD_TURNS = 5  # turns shown per keyword match


def semantic_turns(
    call: StoredCall, hit: CallHit, query_stems: set[str], side: str | None
) -> tuple[list[MatchedTurn], list[MatchedChunk]]:
    """The best chunk's turns that share most words with the query (all of them when it is short)."""
    chunks = [
        MatchedChunk(ref.chunk_id, ref.chunk_no, ref.first_turn, ref.last_turn, ref.side, score)
        for ref, score in hit.chunks
    ]
    best = hit.chunks[0][0]
    positions = [
        p
        for p in range(best.first_turn, min(best.last_turn, len(call.turns) - 1) + 1)
        if side is None or call.turns[p].speaker == side
    ]

    def overlap(position: int) -> int:
        return len(query_stems.intersection(stems(call.turns[position].text)))

    if len(positions) > SEMANTIC_TURNS:
        positions = sorted(sorted(positions, key=lambda p: (-overlap(p), p))[:SEMANTIC_TURNS])
    turns = [
        MatchedTurn(p, call.turns[p].speaker, call.turns[p].text, "semantic", round(hit.score, 6)) for p in positions
    ]
    return turns, chunks


def keyword_turns(hits: Sequence[MatchedTurn]) -> list[MatchedTurn]:
    best = sorted(hits, key=lambda h: (-h.score, h.turn))[:KEYWORD_TURNS]
    return [replace(h, score=round(h.score, 6)) for h in sorted(best, key=lambda h: h.turn)]


def build_result(
    call: StoredCall,
    rank: int,
    score: float,
    mode: SearchMode,
    *,
    dense: CallHit | None,
    keyword: tuple[float, Sequence[MatchedTurn]] | None,
    query_stems: set[str],
    side: str | None,
) -> SearchResult:
    matched: list[MatchedTurn] = []
    chunks: list[MatchedChunk] = []
    if keyword is not None:
        matched.extend(keyword_turns(keyword[1]))
    if dense is not None:
        turns, chunks = semantic_turns(call, dense, query_stems, side)
        matched.extend(turns)
    return SearchResult(
        dialog_id=call.dialog_id,
        call_id=call.id,
        rank=rank,
        score=score,
        mode=mode,
        semantic_score=None if dense is None else dense.score,
        keyword_score=None if keyword is None else keyword[0],
        matched_turns=tuple(matched),
        chunks=tuple(chunks),
        snippet=_snippet(matched),
        started_at=call.started_at,
        duration_s=call.duration_s,
        operator=call.operator,
        topic=call.topic,
        metadata=call.metadata,
    )


def _snippet(matched: Sequence[MatchedTurn]) -> str:
    if not matched:
        return ""
    best = max(matched, key=lambda t: (t.kind == "keyword", t.score))
    text = " ".join(best.text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"

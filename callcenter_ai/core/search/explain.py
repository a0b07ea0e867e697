"""Turning ranked calls into :class:`SearchResult` objects with the turns that explain them.

Also what the shells show of a match: the words of a turn that matched the
query (:func:`word_spans`), its best sentence (:func:`best_sentence`), a
query-focused snippet, and one readable similarity per result
(:func:`similarity`).  Greetings, thanks and farewells never make a turn a
match on their own (:func:`~callcenter_ai.core.text.is_courtesy`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.query_syntax import parse_query
from callcenter_ai.core.search.results import MatchedChunk, MatchedTurn, SearchMode, SearchResult
from callcenter_ai.core.text import is_courtesy, query_prefix, stem, stems, stop_words

_WORD_SPAN = re.compile(r"[^\W_]+")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")

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
    meaningful = [p for p in positions if not is_courtesy(call.turns[p].text)]
    positions = meaningful or positions

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
        snippet=_snippet(matched, query_stems),
        started_at=call.started_at,
        duration_s=call.duration_s,
        operator=call.operator,
        topic=call.topic,
        metadata=call.metadata,
        similarity=similarity(None if dense is None else dense.score, query_stems, matched),
    )


def similarity(semantic_score: float | None, query_stems: Iterable[str], matched: Sequence[MatchedTurn]) -> float:
    """One readable measure in 0..1 for every mode.

    Closeness in meaning (the cosine, clipped to 0..1) when the call was found
    by meaning; otherwise the share of the query's words that the matched
    turns hold (2 of 3 words: 0.67).
    """
    if semantic_score is not None:
        return round(min(1.0, max(0.0, semantic_score)), 4)
    wanted = set(query_stems)
    if not wanted:
        return 0.0
    found = {q for q in wanted for t in matched if any(_stem_matches(s, q) for s in stems(t.text))}
    return round(len(found) / len(wanted), 4)


def _stem_matches(word_stem: str, query_stem: str) -> bool:
    token, prefix = query_prefix(query_stem)
    return word_stem.startswith(token) if prefix else word_stem == token


def word_spans(text: str, query_stems: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of ``text`` that matches a query stem (stop-words never do)."""
    wanted = set(query_stems)
    if not wanted:
        return []
    stop = stop_words()
    spans = []
    for match in _WORD_SPAN.finditer(text.lower().replace("ё", "е")):
        word = match.group()
        if word not in stop and any(_stem_matches(stem(word), q) for q in wanted):
            spans.append(match.span())
    return spans


def query_word_spans(text: str, query: str) -> list[tuple[int, int]]:
    """:func:`word_spans` for a query as typed (its excluded words are not marked)."""
    return word_spans(text, parse_query(query).stems)


def best_sentence(text: str, query_stems: Iterable[str]) -> tuple[int, int] | None:
    """(start, end) of the sentence of ``text`` holding most query words; the first that is not a
    courtesy formula when none holds any; None when ``text`` is one sentence."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    if len(sentences) < 2:
        return None
    wanted = set(query_stems)
    counts = [len(word_spans(text[a:b], wanted)) for a, b in sentences]
    if max(counts) > 0:
        return sentences[counts.index(max(counts))]
    plain = [span for span in sentences if not is_courtesy(text[span[0] : span[1]])]
    return plain[0] if plain else None


def _snippet(matched: Sequence[MatchedTurn], query_stems: Iterable[str] = ()) -> str:
    """The best matched turn, cut around its first matched word (never a greeting when there is more)."""
    if not matched:
        return ""
    wanted = set(query_stems)
    best = max(
        matched,
        key=lambda t: (not is_courtesy(t.text), len(word_spans(t.text, wanted)), t.kind == "keyword", t.score),
    )
    text = " ".join(best.text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    spans = word_spans(text, wanted)
    sentence = best_sentence(text, wanted)
    start = spans[0][0] if spans else sentence[0] if sentence else 0
    start = max(0, min(start - SNIPPET_CHARS // 4, len(text) - SNIPPET_CHARS + 1))
    while start > 0 and not text[start - 1].isspace():  # begin at a word
        start += 1
    cut = text[start : start + SNIPPET_CHARS - 2].rstrip()
    return ("…" if start else "") + cut + ("…" if start + len(cut) < len(text) else "")

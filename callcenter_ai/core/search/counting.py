"""How many calls a search matches: the total behind «1–10 из 98».

* keyword: the calls the MATCH expression finds (any query word, or what the
  query syntax says), filters applied;
* semantic: the calls whose best passage is at or above the calibrated
  "nothing close" threshold (``similarity/threshold.py``) — the calls the
  window does not hide; unknown (None) for a model without a threshold;
* hybrid: the calls matched either way.

Dense counting reads deeper into the ranking only while every call read is
still close, up to :data:`COUNT_LIMIT` calls (then the total is "at least").
The search that found the hits reads more chunks than they need
(:class:`~callcenter_ai.core.search.dense.ChunkScan`): when the scan reaches
below the line, the close calls are counted from it, without a second
search (at 100,000 calls the second search and the store lookups of its
chunks were 40 ms of a `similar` in about half the queries).  Keyword
matches are counted in SQL first and listed only when both sides must be
united and there are at most :data:`COUNT_LIMIT` of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.search.dense import CHUNKS_PER_CALL, CallHit, ChunkScan, dense_call_hits
from callcenter_ai.core.search.filters import SearchFilters, calls_where
from callcenter_ai.core.search.keyword import CallMatch, match_expression

COUNT_LIMIT = 10_000  # close calls counted at most by meaning (the largest k a search allows)

_COLUMN = {None: "all_turns", "client": "client", "operator": "operator"}


@dataclass(frozen=True)
class DenseQuery:
    """A dense ranking to count: ``hits`` already read (best first, plain cosine) at ``depth``."""

    index: VectorIndex
    vector: FloatArray
    hits: Sequence[CallHit] = ()
    depth: int = 0
    exclude_call: int | None = None
    scan: ChunkScan | None = None


class Total(NamedTuple):
    """``calls`` matching (None: not known); ``capped``: at least that many."""

    calls: int | None = None
    capped: bool = False


def keyword_expression(terms: Sequence[str], *, prefixes: bool, expression: str | None = None) -> str:
    """The MATCH expression whose calls a keyword search ranks ("" matches nothing)."""
    if expression is not None:
        return expression
    return match_expression(terms, prefixes=prefixes) if terms else ""


def count_matches(
    db: sqlite3.Connection,
    filters: SearchFilters,
    *,
    keyword: str | None,
    dense: DenseQuery | None,
    threshold: float | None,
    exclude_call: int | None = None,
) -> Total:
    """The calls matched by the ``keyword`` expression (None: not searched by words) and/or ``dense``."""
    if dense is not None and threshold is None:
        return Total()
    close, capped = close_call_ids(db, dense, filters, threshold or 0.0) if dense is not None else (set(), False)
    if keyword:
        matching = keyword_count(db, keyword, filters, exclude_call)
        if matching > COUNT_LIMIT:
            return Total(max(len(close), COUNT_LIMIT), True)
        if not close:
            return Total(matching, capped)
        close |= set(keyword_ids(db, keyword, filters, exclude_call))
    return Total(len(close), capped)


def _keyword_sql(expression: str, filters: SearchFilters, exclude_call: int | None) -> tuple[str, list[object]]:
    """The query listing the calls the keyword index finds for ``expression``, at most COUNT_LIMIT + 1."""
    args: list[object] = [f"{{{_COLUMN[filters.side]}}} : ({expression})"]
    sql = "SELECT f.rowid FROM calls_fts f"
    if filters.restricts_calls:
        where, params = calls_where(filters)
        sql += f" JOIN calls c ON c.id = f.rowid WHERE calls_fts MATCH ? AND {where}"
        args.extend(params)
    else:
        sql += " WHERE calls_fts MATCH ?"
    if exclude_call is not None:
        sql += " AND f.rowid != ?"
        args.append(exclude_call)
    args.append(COUNT_LIMIT + 1)
    return sql + " LIMIT ?", args


def keyword_count(db: sqlite3.Connection, expression: str, filters: SearchFilters, exclude_call: int | None) -> int:
    """How many calls :func:`keyword_ids` would list, counted by SQLite (a 64-stem ``similar`` query matching every
    call of a 100,000-call store: about 1.5 ms counted, 10–35 ms listed into Python)."""
    sql, args = _keyword_sql(expression, filters, exclude_call)
    return int(db.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0])


def keyword_ids(db: sqlite3.Connection, expression: str, filters: SearchFilters, exclude_call: int | None) -> list[int]:
    """The calls the keyword index finds for ``expression`` within ``filters`` (or the filter's side).

    At most :data:`COUNT_LIMIT` + 1 of them: more than the limit is "at least" (as the other engines count), and
    a similar-call query of 64 stems matched nearly every call of a large store (60 ms to list 100,000).
    """
    sql, args = _keyword_sql(expression, filters, exclude_call)
    return [int(row[0]) for row in db.execute(sql, args)]


def scan_depth(depth: int) -> int:
    """Chunks the search of a ``depth``-call ranking reads for its total: as many as its first deeper read."""
    return max(depth * 4, 64) * CHUNKS_PER_CALL


def close_call_ids(
    db: sqlite3.Connection, dense: DenseQuery, filters: SearchFilters, threshold: float
) -> tuple[set[int], bool]:
    """Calls whose best chunk's cosine is at least ``threshold``; True when :data:`COUNT_LIMIT` stopped the count."""

    def nearest(depth: int) -> list[CallHit]:
        side = filters.side or "all"
        return dense_call_hits(
            db, dense.index, dense.vector, depth, side=side, filters=filters, exclude_call=dense.exclude_call
        )

    return _close_calls(nearest, threshold, dense.hits, dense.depth, dense.scan, dense.exclude_call)


def count_through(
    *,
    words: Callable[[int], Sequence[CallMatch]] | None,
    meaning: Callable[[int], Sequence[CallHit]] | None,
    threshold: float | None,
    hits: Sequence[CallHit] = (),
    depth: int = 0,
) -> Total:
    """The same total through an engine's protocols (the server's search, ``core/engines/search.py``).

    ``words(limit)`` gives the keyword matches (None: not searched by words),
    ``meaning(depth)`` the nearest calls, best first (None: not searched by
    meaning); ``hits`` were already read at ``depth``.  Keyword matches are
    counted up to :data:`COUNT_LIMIT` too.
    """
    if meaning is not None and threshold is None:
        return Total()
    close, capped = _close_calls(meaning, threshold or 0.0, hits, depth) if meaning is not None else (set(), False)
    if words is not None:
        found = words(COUNT_LIMIT + 1)
        close |= {m.call_id for m in found[:COUNT_LIMIT]}
        capped = capped or len(found) > COUNT_LIMIT
    return Total(len(close), capped)


def _close_calls(
    nearest: Callable[[int], Sequence[CallHit]],
    threshold: float,
    hits: Sequence[CallHit],
    depth: int,
    scan: ChunkScan | None = None,
    exclude_call: int | None = None,
) -> tuple[set[int], bool]:
    """From the ``scan`` when it reaches below the line; else read deeper only while every call read is close."""
    read = list(hits)
    counted = None if scan is None else scan.close_calls(threshold, exclude_call)
    if counted is not None:
        if len(counted) > COUNT_LIMIT:
            return set(sorted(counted)[:COUNT_LIMIT]), True
        return counted, False
    while True:
        close = {h.call_id for h in read if _cosine(h) >= threshold}
        if len(read) < depth or len(close) < len(read):
            return close, False  # the ranking ran out, or reached calls that are not close
        if depth >= COUNT_LIMIT:
            return close, True
        depth = min(max(depth * 4, 64), COUNT_LIMIT)  # scan_depth reads this deep
        read = list(nearest(depth))


def _cosine(hit: CallHit) -> float:
    """The plain cosine of a hit's best chunk (what the "nothing close" mark compares)."""
    return max((score for _, score in hit.chunks), default=hit.score)

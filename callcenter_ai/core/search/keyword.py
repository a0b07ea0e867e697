"""Keyword search over the keyword index (:mod:`callcenter_ai.core.store.keywords`): calls ranked by BM25.

The MATCH expressions of a query, the calls that match it, and the stems
that tell a call apart (the query of a keyword ``similar``).  Which turns of
a result explain its match is :mod:`callcenter_ai.core.search.keyword_turns`.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache

from callcenter_ai.core.search.filters import SearchFilters, calls_where
from callcenter_ai.core.search.keyword_stats import call_count, call_counts
from callcenter_ai.core.text import query_prefix


def query_phrases(terms: Sequence[str], *, prefixes: bool = True) -> list[tuple[str, bool]]:
    """The phrases of the MATCH expression for ``terms``: (token, is prefix), in order, one per distinct term."""
    return [query_prefix(term) if prefixes else (term, False) for term in dict.fromkeys(terms)]


def match_expression(terms: Sequence[str], *, prefixes: bool = True, operator: str = "OR") -> str:
    """An FTS5 MATCH expression that ORs (or ANDs) the stems (as prefixes for free-text queries)."""
    tokens: list[str] = []
    for token, is_prefix in query_phrases(terms, prefixes=prefixes):
        quoted = '"' + token.replace('"', '""') + '"'
        tokens.append(quoted + ("*" if is_prefix else ""))
    return f" {operator} ".join(tokens)


_COLUMN = {None: "all_turns", "client": "client", "operator": "operator"}
_WEIGHTS = {None: "1.0, 0.0, 0.0", "client": "0.0, 1.0, 0.0", "operator": "0.0, 0.0, 1.0"}


@dataclass(frozen=True)
class CallMatch:
    call_id: int
    score: float  # -bm25 over the whole call (or its side): higher is better


def keyword_calls(
    db: sqlite3.Connection,
    terms: Sequence[str],
    filters: SearchFilters,
    *,
    limit: int,
    prefixes: bool = True,
    exclude_call: int | None = None,
    all_terms_first: bool = False,
    expression: str | None = None,
) -> list[CallMatch]:
    """Calls passing ``filters`` ranked by BM25 of ``terms`` over their text (or the filter's side).

    With ``all_terms_first`` (free-text queries) the calls holding every term
    come first, each tier by BM25: otherwise one rare word outranks the whole
    query («двойное списание» found «двойной оплаты не будет» in a call about
    moving house before the calls about double charges).
    """
    if expression is not None:  # a query with syntax (query_syntax.py) says itself what must match
        return _ranked_calls(db, expression, filters, limit, exclude_call) if expression else []
    if not terms:
        return []
    if not all_terms_first or len(query_phrases(terms, prefixes=prefixes)) < 2:
        return _ranked_calls(db, match_expression(terms, prefixes=prefixes), filters, limit, exclude_call)
    every = _ranked_calls(db, match_expression(terms, prefixes=prefixes, operator="AND"), filters, limit, exclude_call)
    if len(every) >= limit:
        return every
    seen = {m.call_id for m in every}
    some = _ranked_calls(db, match_expression(terms, prefixes=prefixes), filters, limit, exclude_call)
    return every + [m for m in some if m.call_id not in seen][: limit - len(every)]


def _ranked_calls(
    db: sqlite3.Connection, expression: str, filters: SearchFilters, limit: int, exclude_call: int | None
) -> list[CallMatch]:
    column = _COLUMN[filters.side]
    args: list[object] = [f"{{{column}}} : ({expression})", f"bm25({_WEIGHTS[filters.side]})"]
    if filters.restricts_calls:
        where, params = calls_where(filters)
        sql = (
            "SELECT f.rowid, -f.rank FROM calls_fts f JOIN calls c ON c.id = f.rowid"
            f" WHERE calls_fts MATCH ? AND f.rank MATCH ? AND {where}"
        )
        args.extend(params)
    else:
        # FTS5 orders by its rank itself (no join): much faster on large stores.
        sql = "SELECT f.rowid, -f.rank FROM calls_fts f WHERE calls_fts MATCH ? AND f.rank MATCH ?"
    if exclude_call is not None:
        sql += " AND f.rowid != ?"
        args.append(exclude_call)
    sql += " ORDER BY f.rank LIMIT ?"
    args.append(limit)
    return [CallMatch(int(r[0]), float(r[1])) for r in db.execute(sql, args)]


_PLAIN_TOKEN = re.compile(r"[0-9a-zа-яё]+")


@lru_cache(maxsize=4096)
def fts_token(text: str) -> str:
    """``text`` as the index's unicode61 tokenizer stores it (lower case, Latin diacritics removed).

    Stems of plain Russian and English letters and digits are stored as they
    are; other letters are folded by SQLite itself, so the two always agree.
    """
    if _PLAIN_TOKEN.fullmatch(text):
        return text
    with closing(sqlite3.connect(":memory:")) as scratch:
        scratch.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61')")
        scratch.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        scratch.execute("INSERT INTO t (x) VALUES (?)", (text,))
        return "".join(str(row[0]) for row in scratch.execute("SELECT term FROM v ORDER BY offset"))


def distinctive_terms(db: sqlite3.Connection, call_id: int, *, side: str | None = None, count: int = 64) -> list[str]:
    """The stems that best tell ``call_id`` apart: tf-idf over calls, numbers left out.

    Only stems that some other call also has can find anything, so stems of
    this call alone are skipped; so are stems in more than half of the calls
    (FTS5's bm25 gives them no weight, and they have the longest lists to
    read) unless nothing else is left.  On MultiWOZ-ru (999 dialogs) that
    took precision@10 from 0.411 to 0.415 with fewer terms per query;
    64 terms against 96: 0.415 against 0.430 at about a third more time
    (docs/SEARCH.md).
    """
    row = db.execute(f"SELECT {_COLUMN[side]} FROM calls_fts WHERE rowid = ?", (call_id,)).fetchone()
    if row is None or not row[0]:
        return []
    tf: Counter[str] = Counter(term for term in str(row[0]).split() if not term.isdigit() and len(term) > 1)
    if not tf:
        return []
    total_docs = max(1, call_count(db))
    tokens = {term: fts_token(term) for term in tf}
    df = call_counts(db, tokens.values())  # kept per connection until the store changes (keyword_stats.py)
    return choose_terms(tf, {term: df.get(tokens[term], 0) for term in tf}, total_docs, count)


def choose_terms(tf: Mapping[str, int], df: Mapping[str, int], total_docs: int, count: int = 64) -> list[str]:
    """The ``count`` terms of highest tf-idf among those another call also has (every engine's rule).

    Terms in more than half of the calls are used only when nothing else is left.
    """
    weights: dict[str, float] = {}
    common: dict[str, float] = {}
    for term, freq in tf.items():
        docs = df.get(term, 0)
        if docs < 2:
            continue
        weight = (1.0 + math.log(freq)) * math.log((1 + total_docs) / (1 + docs))
        (common if docs * 2 > total_docs else weights)[term] = weight
    chosen = weights or common
    return [term for term, _ in sorted(chosen.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]

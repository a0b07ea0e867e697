"""Keyword search: SQLite FTS5 over Snowball stems, kept in sync with the store.  Needs no model.

Schema version 2 holds the stems twice: ``calls_fts`` has one row per call
(columns ``all_turns``, ``client``, ``operator``) and ranks calls by BM25;
``turns_fts`` has one row per turn and tells which turns explain a match.
Ranking whole calls measured far better than summing per-turn BM25 on the
dialog sets (docs/SEARCH.md).  Triggers drop the rows of deleted calls and
replaced turns in the same transaction; :func:`sync_keyword_index` stems the
calls that are new or changed since (content hash in ``fts_synced``).
"""

from __future__ import annotations

import logging
import math
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache

from callcenter_ai.core.search.filters import SearchFilters, calls_where
from callcenter_ai.core.search.results import MatchedTurn
from callcenter_ai.core.search.text import query_prefix, stems

log = logging.getLogger(__name__)

_STALE_SQL = (
    "SELECT c.id, c.content_hash FROM calls c LEFT JOIN fts_synced s ON s.call_id = c.id"
    " WHERE s.content_hash IS NULL OR s.content_hash != c.content_hash"
)


def keyword_index_is_stale(db: sqlite3.Connection) -> bool:
    return bool(db.execute(f"SELECT EXISTS ({_STALE_SQL})").fetchone()[0])


def sync_keyword_index(db: sqlite3.Connection, *, batch: int = 500, rebuild: bool = False) -> int:
    """Stem the turns of new and changed calls into ``turns_fts``; returns how many calls were (re)stemmed."""
    started = time.perf_counter()
    if rebuild:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM turns_fts")
            db.execute("DELETE FROM calls_fts")
            db.execute("DELETE FROM fts_synced")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    total = 0
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            stale = db.execute(f"{_STALE_SQL} ORDER BY c.id LIMIT ?", (batch,)).fetchall()
            for call_id, content_hash in stale:
                turns = db.execute("SELECT id, speaker, text FROM turns WHERE call_id = ?", (call_id,)).fetchall()
                stemmed = [(turn_id, speaker, " ".join(stems(text))) for turn_id, speaker, text in turns]
                db.executemany("DELETE FROM turns_fts WHERE rowid = ?", [(row[0],) for row in turns])
                db.executemany("INSERT INTO turns_fts (rowid, stems) VALUES (?, ?)", [(t, x) for t, _, x in stemmed])
                by_side = {side: " ".join(x for _, sp, x in stemmed if sp == side) for side in ("client", "operator")}
                db.execute("DELETE FROM calls_fts WHERE rowid = ?", (call_id,))
                db.execute(
                    "INSERT INTO calls_fts (rowid, all_turns, client, operator) VALUES (?, ?, ?, ?)",
                    (call_id, " ".join(x for _, _, x in stemmed), by_side["client"], by_side["operator"]),
                )
                db.execute(
                    "INSERT OR REPLACE INTO fts_synced (call_id, content_hash) VALUES (?, ?)", (call_id, content_hash)
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        total += len(stale)
        if len(stale) < batch:
            break
    if total:
        log.info("keyword index: stemmed %d calls in %.2f s", total, time.perf_counter() - started)
    return total


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


def matching_turns(
    db: sqlite3.Connection, call_id: int, terms: Sequence[str], *, side: str | None, prefixes: bool = True
) -> list[MatchedTurn]:
    """The turns of ``call_id`` that contain ``terms`` (best first), for explanations.

    For several calls of one query, build one :class:`TurnExplainer` instead.
    """
    return TurnExplainer(db, terms, prefixes=prefixes).turns(call_id, side=side)


class TurnExplainer:
    """Finds and scores the turns of result calls that contain one query's terms.

    The score is FTS5's own ``bm25(turns_fts)`` (k1 1.2, b 0.75, idf over
    all turns), computed here from the index's statistics.  Asking FTS5 per
    call re-counted every term's turns across the whole index for each call
    (about 5 ms per call with 64 terms on 15,000 turns, growing with the
    store); the statistics are now read once per query (the vocabulary and
    the row/token totals) and each call costs one row fetch.
    """

    def __init__(self, db: sqlite3.Connection, terms: Sequence[str], *, prefixes: bool = True) -> None:
        self.db = db
        self.phrases = [(fts_token(token), is_prefix) for token, is_prefix in query_phrases(terms, prefixes=prefixes)]
        self._weights_cache: tuple[dict[str, float], list[tuple[str, float]]] | None = None
        self._avg_tokens = 0.0

    def turns(self, call_id: int, *, side: str | None) -> list[MatchedTurn]:
        """The call's turns holding the terms, best first; ``score`` is -bm25 (higher is better)."""
        if not self.phrases:
            return []
        sql = (
            "SELECT t.position, t.speaker, t.text, f.stems"
            " FROM turns t JOIN turns_fts f ON f.rowid = t.id WHERE t.call_id = ?"
        )
        args: list[object] = [call_id]
        if side:
            sql += " AND t.speaker = ?"
            args.append(side)
        rows = self.db.execute(sql, args).fetchall()
        if not rows:
            return []
        exact, prefixed = self._weights()
        hits: list[MatchedTurn] = []
        for position, speaker, text, stemmed in rows:
            tokens = str(stemmed).split()
            if not _PLAIN_TEXT.fullmatch(stemmed):
                tokens = [fts_token(token) for token in tokens]
            norm = _BM25_K1 * (1.0 - _BM25_B + _BM25_B * len(tokens) / self._avg_tokens)
            score = 0.0
            for token, freq in Counter(tokens).items():
                weight = exact.get(token, 0.0)
                if prefixed:
                    weight += sum(w for prefix, w in prefixed if token.startswith(prefix))
                if weight:
                    score += weight * freq * (_BM25_K1 + 1.0) / (freq + norm)
            if score > 0.0:
                hits.append(MatchedTurn(int(position), str(speaker), str(text), "keyword", score))
        hits.sort(key=lambda h: (-h.score, h.turn))
        return hits

    def _weights(self) -> tuple[dict[str, float], list[tuple[str, float]]]:
        """FTS5's bm25 idf per phrase, ln((N - n + 0.5) / (n + 0.5)) and at least 1e-6, N and n counted in turns.

        Whole tokens are keyed by token (a repeated phrase adds up, as in
        FTS5); prefixes are listed.
        """
        if self._weights_cache is None:
            rows, tokens = _fts_totals(self.db, "turns_fts")
            self._avg_tokens = tokens / rows if rows else 1.0
            exact: dict[str, float] = {}
            prefixed: list[tuple[str, float]] = []
            for (token, is_prefix), n in zip(self.phrases, _turn_counts(self.db, self.phrases), strict=True):
                idf = max(math.log((rows - n + 0.5) / (n + 0.5)), 1e-6)
                if is_prefix:
                    prefixed.append((token, idf))
                else:
                    exact[token] = exact.get(token, 0.0) + idf
            self._weights_cache = (exact, prefixed)
        return self._weights_cache


_BM25_K1 = 1.2  # FTS5's bm25() constants (fts5_aux.c)
_BM25_B = 0.75
_PLAIN_TOKEN = re.compile(r"[0-9a-zа-яё]+")
_PLAIN_TEXT = re.compile(r"[0-9a-zа-яё ]*")


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


def _fts_totals(db: sqlite3.Connection, table: str) -> tuple[int, int]:
    """(rows, tokens in all columns) of an FTS5 table, from its averages record (the totals bm25 uses)."""
    row = db.execute(f"SELECT block FROM {table}_data WHERE id = 1").fetchone()
    if row is None or not row[0]:
        return 0, 0
    values = _varints(bytes(row[0]))
    return values[0], sum(values[1:])


def _varints(data: bytes) -> list[int]:
    """SQLite's big-endian varints (7 bits a byte, the ninth byte whole), as FTS5 writes them."""
    values: list[int] = []
    i = 0
    while i < len(data):
        value = 0
        for n in range(9):
            byte = data[i]
            i += 1
            if n == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        values.append(value)
    return values


def _turn_counts(db: sqlite3.Connection, phrases: Sequence[tuple[str, bool]]) -> list[int]:
    """How many turns contain each phrase: the vocabulary for whole tokens, a MATCH count for prefixes."""
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TURN_VOCAB} USING fts5vocab(main, 'turns_fts', 'row')")
    exact = list({token for token, is_prefix in phrases if not is_prefix})
    docs: dict[str, int] = {}
    for start in range(0, len(exact), 500):
        part = exact[start : start + 500]
        marks = ",".join("?" * len(part))
        sql = f"SELECT term, doc FROM temp.{_TURN_VOCAB} WHERE term IN ({marks})"
        docs.update((str(r[0]), int(r[1])) for r in db.execute(sql, part))
    counts = []
    for token, is_prefix in phrases:
        if is_prefix:
            expression = '"' + token.replace('"', '""') + '"*'
            counts.append(
                int(db.execute("SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?", (expression,)).fetchone()[0])
            )
        else:
            counts.append(docs.get(token, 0))
    return counts


_TURN_VOCAB = "turns_fts_vocab"


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
    total_docs = max(1, int(db.execute("SELECT count(*) FROM fts_synced").fetchone()[0]))
    df: dict[str, int] = {}
    tokens = {term: fts_token(term) for term in tf}
    unique = list(set(tokens.values()))
    for start in range(0, len(unique), 500):
        part = unique[start : start + 500]
        marks = ",".join("?" * len(part))
        df.update(
            (str(r[0]), int(r[1]))
            for r in db.execute(f"SELECT term, doc FROM calls_fts_vocab WHERE term IN ({marks})", part)
        )
    weights: dict[str, float] = {}
    common: dict[str, float] = {}
    for term, freq in tf.items():
        docs = df.get(tokens[term], 0)
        if docs < 2:
            continue
        weight = (1.0 + math.log(freq)) * math.log((1 + total_docs) / (1 + docs))
        (common if docs * 2 > total_docs else weights)[term] = weight
    chosen = weights or common
    return [term for term, _ in sorted(chosen.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]

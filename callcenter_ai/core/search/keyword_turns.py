"""The turns that explain a keyword match: FTS5's own bm25 of each turn of a result call.

Scores are computed here from the keyword index's statistics, read through
FTS5's public ``fts5vocab`` tables (never its private ``_data`` records).
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from contextlib import suppress
from weakref import WeakKeyDictionary

from callcenter_ai.core.search.keyword import fts_token, query_phrases
from callcenter_ai.core.search.keyword_stats import kept_turn_counts
from callcenter_ai.core.search.results import MatchedTurn

_BM25_K1 = 1.2  # FTS5's bm25() constants (fts5_aux.c)
_BM25_B = 0.75
_PLAIN_TEXT = re.compile(r"[0-9a-zа-яё ]*")
_TURN_VOCAB = "turns_fts_vocab"


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
            rows, tokens = turn_totals(self.db)
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


_TOTALS: WeakKeyDictionary[sqlite3.Connection, tuple[tuple[int, int], tuple[int, int]]] = WeakKeyDictionary()


def turn_totals(db: sqlite3.Connection) -> tuple[int, int]:
    """(turns, tokens) in ``turns_fts``: the totals FTS5's bm25 uses for N and the average turn length.

    Counting them reads the whole index (about 20 ms on 15,000 turns), so
    they are kept per connection until the database changes: a commit by
    another connection moves ``PRAGMA data_version``, any write through this
    one moves ``total_changes``.  Connections that take no weak reference
    (plain ``sqlite3.connect``) count every time.
    """
    _ensure_vocab(db)
    key = (int(db.execute("PRAGMA data_version").fetchone()[0]), db.total_changes)
    try:
        cached = _TOTALS.get(db)
    except TypeError:
        cached = None
    if cached is not None and cached[0] == key:
        return cached[1]
    row = db.execute(f"SELECT (SELECT count(*) FROM turns_fts), (SELECT sum(cnt) FROM temp.{_TURN_VOCAB})").fetchone()
    totals = (int(row[0]), int(row[1] or 0))
    with suppress(TypeError):
        _TOTALS[db] = (key, totals)
    return totals


def _ensure_vocab(db: sqlite3.Connection) -> None:
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TURN_VOCAB} USING fts5vocab(main, 'turns_fts', 'row')")


def _turn_counts(db: sqlite3.Connection, phrases: Sequence[tuple[str, bool]]) -> list[int]:
    """How many turns contain each phrase: the vocabulary for whole tokens, a MATCH count for prefixes.

    Kept per connection until the database changes (``keyword_stats.kept_turn_counts``).
    """
    kept = kept_turn_counts(db)
    missing = [phrase for phrase in dict.fromkeys(phrases) if phrase not in kept]
    if missing:
        _ensure_vocab(db)
    exact = [token for token, is_prefix in missing if not is_prefix]
    docs: dict[str, int] = {}
    for start in range(0, len(exact), 500):
        part = exact[start : start + 500]
        marks = ",".join("?" * len(part))
        sql = f"SELECT term, doc FROM temp.{_TURN_VOCAB} WHERE term IN ({marks})"
        docs.update((str(r[0]), int(r[1])) for r in db.execute(sql, part))
    for token, is_prefix in missing:
        if is_prefix:
            expression = '"' + token.replace('"', '""') + '"*'
            sql = "SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?"
            kept[(token, True)] = int(db.execute(sql, (expression,)).fetchone()[0])
        else:
            kept[(token, False)] = docs.get(token, 0)
    return [kept[phrase] for phrase in phrases]

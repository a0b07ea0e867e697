"""Statistics of the keyword index, kept per connection until the database changes.

``similar`` asked the store, on every query, whether the keyword index was
stale (a join over every call: 30–75 ms at 100,000 calls), how many calls
it holds, and in how many calls each stem of the query call occurs (FTS5's
vocabulary walks a stem's whole posting list: 6 ms for a stem in every
call; for the turns that explain a result, in how many turns: 39 ms per
query for two stems in every turn of 100,000 calls).  None of these
changes between queries of a read-only store, so they are read once and
kept until the database changes: a commit by another connection moves
``PRAGMA data_version``, any write through this one moves
``total_changes`` (the rule of ``keyword_turns.turn_totals``).  Connections
that take no weak reference (plain ``sqlite3.connect``) read every time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from callcenter_ai.core.store.keywords import keyword_index_is_stale

MAX_KEPT_TERMS = 200_000  # stem counts kept per connection before the cache starts over


@dataclass
class _Kept:
    stamp: tuple[int, int]
    stale: bool | None = None
    calls: int | None = None  # rows of calls_fts
    tokens: int | None = None  # tokens of calls_fts, every column
    docs: dict[str, int] = field(default_factory=dict)
    turn_docs: dict[tuple[str, bool], int] = field(default_factory=dict)


_KEPT: WeakKeyDictionary[sqlite3.Connection, _Kept] = WeakKeyDictionary()


def change_stamp(db: sqlite3.Connection) -> tuple[int, int]:
    """What moves whenever the database changes: (``PRAGMA data_version``, this connection's ``total_changes``)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0]), db.total_changes


def _kept(db: sqlite3.Connection) -> _Kept:
    stamp = change_stamp(db)
    try:
        kept = _KEPT.get(db)
    except TypeError:
        return _Kept(stamp)
    if kept is None or kept.stamp != stamp:
        kept = _Kept(stamp)
        with suppress(TypeError):
            _KEPT[db] = kept
    return kept


def keywords_stale(db: sqlite3.Connection) -> bool:
    """Whether some call is missing from the keyword index or changed since it was stemmed."""
    kept = _kept(db)
    if kept.stale is None:
        kept.stale = keyword_index_is_stale(db)
    return kept.stale


def call_count(db: sqlite3.Connection) -> int:
    """How many calls the keyword index holds (FTS5's bm25 N)."""
    kept = _kept(db)
    if kept.calls is None:
        kept.calls = int(db.execute("SELECT count(*) FROM fts_synced").fetchone()[0])
    return kept.calls


def call_totals(db: sqlite3.Connection) -> tuple[int, int]:
    """(calls, tokens over all three columns) in ``calls_fts``: FTS5's bm25 N and average row length."""
    calls = call_count(db)
    kept = _kept(db)
    if kept.tokens is None:
        kept.tokens = int(db.execute("SELECT sum(cnt) FROM calls_fts_vocab").fetchone()[0] or 0)
    return calls, kept.tokens


def call_counts(db: sqlite3.Connection, tokens: Iterable[str]) -> dict[str, int]:
    """In how many calls each index token occurs (0 for none), from ``calls_fts_vocab``."""
    kept = _kept(db)
    wanted = set(tokens)
    missing = [token for token in wanted if token not in kept.docs]
    if len(kept.docs) + len(missing) > MAX_KEPT_TERMS:
        kept.docs.clear()
        missing = list(wanted)
    for start in range(0, len(missing), 500):
        part = missing[start : start + 500]
        marks = ",".join("?" * len(part))
        sql = f"SELECT term, doc FROM calls_fts_vocab WHERE term IN ({marks})"
        found = {str(r[0]): int(r[1]) for r in db.execute(sql, part)}
        kept.docs.update((token, found.get(token, 0)) for token in part)
    return {token: kept.docs[token] for token in wanted}


def kept_turn_counts(db: sqlite3.Connection) -> dict[tuple[str, bool], int]:
    """In how many turns each (token, is prefix) occurs, as far as counted since the database last changed.

    The caller fills it (``keyword_turns``); it starts over past :data:`MAX_KEPT_TERMS` entries.
    """
    kept = _kept(db)
    if len(kept.turn_docs) > MAX_KEPT_TERMS:
        kept.turn_docs.clear()
    return kept.turn_docs

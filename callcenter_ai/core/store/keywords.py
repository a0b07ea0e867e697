"""The keyword index: SQLite FTS5 tables of Snowball stems, kept in sync with the calls.  Needs no model.

Schema version 2 holds the stems twice: ``calls_fts`` has one row per call
(columns ``all_turns``, ``client``, ``operator``) and ranks calls by BM25;
``turns_fts`` has one row per turn and tells which turns explain a match.
Ranking whole calls measured far better than summing per-turn BM25 on the
dialog sets (docs/SEARCH.md).  Triggers drop the rows of deleted calls and
replaced turns in the same transaction; :func:`sync_keyword_index` stems the
calls that are new or changed since (content hash in ``fts_synced``).
Searching these tables is :mod:`callcenter_ai.core.search.keyword`.
"""

from __future__ import annotations

import logging
import sqlite3
import time

from callcenter_ai.core.store.database import transaction
from callcenter_ai.core.text import stems

log = logging.getLogger(__name__)

_STALE_SQL = (
    "SELECT c.id, c.content_hash FROM calls c LEFT JOIN fts_synced s ON s.call_id = c.id"
    " WHERE s.content_hash IS NULL OR s.content_hash != c.content_hash"
)


def keyword_index_is_stale(db: sqlite3.Connection) -> bool:
    return bool(db.execute(f"SELECT EXISTS ({_STALE_SQL})").fetchone()[0])


def sync_keyword_index(db: sqlite3.Connection, *, batch: int = 500, rebuild: bool = False) -> int:
    """Stem the turns of new and changed calls into the FTS5 tables; returns how many calls were (re)stemmed.

    Each batch of ``batch`` calls is one store transaction, so a failure
    leaves the calls before it indexed and none half-written.
    """
    started = time.perf_counter()
    if rebuild:
        with transaction(db):
            db.execute("DELETE FROM turns_fts")
            db.execute("DELETE FROM calls_fts")
            db.execute("DELETE FROM fts_synced")
    total = 0
    while True:
        with transaction(db):
            stale = db.execute(f"{_STALE_SQL} ORDER BY c.id LIMIT ?", (batch,)).fetchall()
            for call_id, content_hash in stale:
                _stem_call(db, call_id, content_hash)
        total += len(stale)
        if len(stale) < batch:
            break
    if total:
        log.info("keyword index: stemmed %d calls in %.2f s", total, time.perf_counter() - started)
    return total


def _stem_call(db: sqlite3.Connection, call_id: int, content_hash: str) -> None:
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
    db.execute("INSERT OR REPLACE INTO fts_synced (call_id, content_hash) VALUES (?, ?)", (call_id, content_hash))

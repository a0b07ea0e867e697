"""Did the copy arrive whole?  Counts and SHA-256 checksums of the same canonical rows on both sides.

Rows are keyed by what users see (call ids, turn positions, model ids,
chunk numbers), never by row ids, and read in the same order on both sides
(code-point order of the call id).  Vectors are hashed as their float32
bytes, which pgvector stores exactly.  On the server only the calls of the
copied home are compared, so an archive shared by several homes verifies too.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.core.engines.pg.copy import rating_key
from callcenter_ai.core.engines.sqlite import SqliteEngine

_SQLITE = {
    "calls": "SELECT external_id, content_hash FROM calls ORDER BY external_id",
    "turns": "SELECT c.external_id, t.position, t.speaker, t.start_s, t.end_s, t.text FROM turns t"
    " JOIN calls c ON c.id = t.call_id ORDER BY c.external_id, t.position",
    "chunks": "SELECT c.external_id, ch.model_id, ch.side, ch.chunk_no, ch.first_turn, ch.last_turn, ch.token_count,"
    " ch.dims, ch.vector FROM chunks ch JOIN calls c ON c.id = ch.call_id"
    " ORDER BY c.external_id, ch.model_id, ch.side, ch.chunk_no",
    "call_vectors": "SELECT c.external_id, v.model_id, v.content_hash, v.dims, v.vector FROM call_vectors v"
    " JOIN calls c ON c.id = v.call_id ORDER BY c.external_id, v.model_id",
}
_PG = {
    "calls": 'SELECT external_id, content_hash FROM calls ORDER BY external_id COLLATE "C"',
    "turns": "SELECT c.external_id, t.position, t.speaker, t.start_s, t.end_s, t.text FROM turns t"
    ' JOIN calls c ON c.id = t.call_id ORDER BY c.external_id COLLATE "C", t.position',
    "chunks": "SELECT c.external_id, ch.model_id, ch.side, ch.chunk_no, ch.first_turn, ch.last_turn, ch.token_count,"
    " ch.dims, ch.embedding FROM chunks ch JOIN calls c ON c.id = ch.call_id"
    ' ORDER BY c.external_id COLLATE "C", ch.model_id COLLATE "C", ch.side COLLATE "C", ch.chunk_no',
    "call_vectors": "SELECT c.external_id, v.model_id, v.content_hash, v.dims, v.embedding FROM call_vectors v"
    ' JOIN calls c ON c.id = v.call_id ORDER BY c.external_id COLLATE "C", v.model_id COLLATE "C"',
}
TABLES = (*_SQLITE, "ratings")


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_sha256: str
    target_sha256: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sha256 == self.target_sha256


def _canonical(row: Iterable[Any]) -> bytes:
    """One row as bytes: vectors as float32 little-endian, everything else as JSON."""
    parts: list[Any] = []
    for value in row:
        if isinstance(value, bytes | np.ndarray) or hasattr(value, "to_numpy"):
            array = value.to_numpy() if hasattr(value, "to_numpy") else value
            raw = array if isinstance(array, bytes) else np.asarray(array, dtype="<f4").tobytes()
            parts.append(hashlib.sha256(raw).hexdigest())
        else:
            parts.append(value)
    return json.dumps(parts, ensure_ascii=False, default=str).encode() + b"\n"


def _digest(rows: Iterable[Iterable[Any]], keep: set[str] | None) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        values = list(row)
        if keep is not None and values[0] not in keep:
            continue
        digest.update(_canonical(values))
        count += 1
    return count, digest.hexdigest()


def verify_copy(source: SqliteEngine, target: PgEngine) -> list[TableCheck]:
    """Counts and checksums per table; every check ``ok`` when the target holds exactly the home's data."""
    db: sqlite3.Connection = source.store.db
    home_calls = {str(r[0]) for r in db.execute("SELECT external_id FROM calls")}
    checks = []
    for table, sqlite_sql in _SQLITE.items():
        source_rows, source_sha = _digest(db.execute(sqlite_sql), None)
        with target.database.connection() as conn, conn.cursor(name=f"verify_{table}") as cursor:
            cursor.itersize = 2000
            cursor.execute(_PG[table])
            target_rows, target_sha = _digest(cursor, home_calls)
        checks.append(TableCheck(table, source_rows, target_rows, source_sha, target_sha))
    source_ratings = sorted((rating_key(r) for r in source.ratings.list_ratings()), key=repr)
    target_ratings = sorted(
        (rating_key(r) for r in target.ratings.list_ratings() if r.result_dialog_id in home_calls), key=repr
    )
    source_rows, source_sha = _digest(source_ratings, None)
    target_rows, target_sha = _digest(target_ratings, None)
    checks.append(TableCheck("ratings", source_rows, target_rows, source_sha, target_sha))
    return checks

"""Which calls' vectors changed, and in what order: the log an index update reads instead of every call.

Triggers stamp a call with the next sequence number whenever anything a
vector index depends on changes: its call vector (any model) is written,
replaced or deleted, its chunks are changed or deleted, its content changes
(which makes its vectors stale) or the call is deleted.  New chunks are not
stamped one by one: they are written with their call vector
(``store/vectors.py``), whose stamp covers them (a stamp per chunk cost a
bulk import 22 % instead of 8 %).  One row per call (the latest stamp), so the log grows
with the calls, not with the edits; a deleted call's row stays as its
tombstone.  An index remembers the store's id and the last stamp it read
(:class:`ChangeMark`); the next update reads only the calls stamped after it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from callcenter_ai.core.arrays import IdArray


def _stamp(call: str) -> str:
    return (
        f"INSERT INTO vector_changes (call_id, seq) VALUES ({call}, (SELECT coalesce(max(seq), 0) + 1"
        " FROM vector_changes)) ON CONFLICT (call_id) DO UPDATE SET seq = excluded.seq;"
    )


V7_VECTOR_CHANGES = f"""
        -- The latest change of each call's vectors (core/store/vector_changes.py); no foreign key: a deleted
        -- call's row is its tombstone.
        CREATE TABLE vector_changes (
            call_id INTEGER PRIMARY KEY,
            seq     INTEGER NOT NULL
        );
        CREATE INDEX vector_changes_seq ON vector_changes(seq);
        -- Which store an index's stamp belongs to (a copied store keeps it, with its copied indexes).
        INSERT OR IGNORE INTO store_info (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
        CREATE TRIGGER chunks_changed_out AFTER DELETE ON chunks BEGIN {_stamp("old.call_id")} END;
        CREATE TRIGGER chunks_changed AFTER UPDATE ON chunks BEGIN
            {_stamp("old.call_id")} {_stamp("new.call_id")}
        END;
        CREATE TRIGGER call_vectors_changed_in AFTER INSERT ON call_vectors BEGIN {_stamp("new.call_id")} END;
        CREATE TRIGGER call_vectors_changed_out AFTER DELETE ON call_vectors BEGIN {_stamp("old.call_id")} END;
        CREATE TRIGGER call_vectors_changed AFTER UPDATE ON call_vectors BEGIN
            {_stamp("old.call_id")} {_stamp("new.call_id")}
        END;
        CREATE TRIGGER calls_content_changed AFTER UPDATE OF content_hash ON calls BEGIN {_stamp("new.id")} END;
        CREATE TRIGGER calls_changed_out AFTER DELETE ON calls BEGIN {_stamp("old.id")} END;
"""


@dataclass(frozen=True)
class ChangeMark:
    """A store (its id) and the last change stamp read from it."""

    store_id: str
    seq: int

    def to_json(self) -> list[object]:
        return [self.store_id, self.seq]

    @classmethod
    def from_json(cls, value: object) -> ChangeMark | None:
        """The mark an index saved, or None where it saved none (an index older than the log) or garbage."""
        if not isinstance(value, list) or len(value) != 2:
            return None
        store_id, seq = value
        if not isinstance(store_id, str) or not isinstance(seq, int) or isinstance(seq, bool):
            return None
        return cls(store_id, seq)


def current_mark(db: sqlite3.Connection) -> ChangeMark:
    """The store's id and its latest change stamp (read in the caller's transaction, before what it reads)."""
    row = db.execute("SELECT value FROM store_info WHERE key = 'store_id'").fetchone()
    seq = db.execute("SELECT coalesce(max(seq), 0) FROM vector_changes").fetchone()[0]
    return ChangeMark("" if row is None else str(row[0]), int(seq))


def changed_since(db: sqlite3.Connection, mark: ChangeMark | None, now: ChangeMark) -> IdArray | None:
    """Sorted ids of the calls changed after ``mark``; None where the log cannot tell (read every call instead).

    It cannot tell for an index that saved no mark, one written from another store, or one whose stamp
    is ahead of the store (the store was replaced by an older copy).
    """
    if mark is None or not now.store_id or mark.store_id != now.store_id or mark.seq > now.seq:
        return None
    rows = db.execute("SELECT call_id FROM vector_changes WHERE seq > ? ORDER BY call_id", (mark.seq,)).fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

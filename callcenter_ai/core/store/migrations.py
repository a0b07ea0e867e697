"""Versioned schema of the call store.

Each migration is applied once, in order, inside one transaction, and bumps
``PRAGMA user_version``.  Never edit a released migration: append a new one.
Vectors are stored as little-endian float32 BLOBs (``numpy.tobytes``), never
pickled.
"""

from __future__ import annotations

import sqlite3

_V1_CALLS_AND_TURNS = """
        CREATE TABLE calls (
            id            INTEGER PRIMARY KEY,           -- FAISS-friendly int id
            external_id   TEXT    NOT NULL UNIQUE,       -- the call id users see
            started_at    TEXT,                          -- ISO 8601 with offset
            started_utc   TEXT,                          -- same instant in UTC, for filtering
            duration_s    REAL,
            operator      TEXT,
            topic         TEXT,
            channel       TEXT,
            direction     TEXT,
            outcome       TEXT,
            metadata      TEXT    NOT NULL DEFAULT '{}', -- other keys, JSON object
            content_hash  TEXT    NOT NULL,              -- sha256 of turns + metadata
            turn_count    INTEGER NOT NULL,
            char_count    INTEGER NOT NULL,
            imported_at   TEXT    NOT NULL,
            updated_at    TEXT    NOT NULL
        );
        CREATE INDEX calls_started ON calls(started_utc);
        CREATE INDEX calls_operator ON calls(operator);
        CREATE INDEX calls_topic ON calls(topic);

        CREATE TABLE turns (
            id        INTEGER PRIMARY KEY,
            call_id   INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,                  -- 0-based order in the call
            speaker   TEXT    NOT NULL CHECK (speaker IN ('operator', 'client', 'unknown')),
            start_s   REAL,
            end_s     REAL,
            text      TEXT    NOT NULL,
            UNIQUE (call_id, position)
        );

        -- Chunks of whole turns embedded by one model; their ids are FAISS ids.
        CREATE TABLE chunks (
            id          INTEGER PRIMARY KEY,
            call_id     INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            model_id    TEXT    NOT NULL,
            chunk_no    INTEGER NOT NULL,
            first_turn  INTEGER NOT NULL,                -- turn positions, inclusive
            last_turn   INTEGER NOT NULL,
            side        TEXT    NOT NULL DEFAULT 'all' CHECK (side IN ('all', 'operator', 'client')),
            token_count INTEGER NOT NULL,
            dims        INTEGER NOT NULL,
            vector      BLOB    NOT NULL,                -- float32 little-endian
            UNIQUE (call_id, model_id, side, chunk_no)
        );
        CREATE INDEX chunks_model ON chunks(model_id, call_id);

        -- One row per call and model once all its chunks are stored.
        CREATE TABLE call_vectors (
            call_id      INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            model_id     TEXT    NOT NULL,
            content_hash TEXT    NOT NULL,               -- the call's hash when embedded
            dims         INTEGER NOT NULL,
            vector       BLOB    NOT NULL,               -- normalised mean of its chunks
            embedded_at  TEXT    NOT NULL,
            PRIMARY KEY (call_id, model_id)
        );

        -- Free-form key/value facts about the store (e.g. the demo seed).
        CREATE TABLE store_info (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
"""


# Later issues append here: (version, description, function).
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "calls, turns, chunks, call vectors", _V1_CALLS_AND_TURNS),
]


def latest_version() -> int:
    return MIGRATIONS[-1][0]


def migrate(db: sqlite3.Connection) -> list[int]:
    """Apply pending migrations; return the versions applied."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    applied = []
    for version, _description, script in MIGRATIONS:
        if version <= current:
            continue
        # executescript() would commit a pending transaction first, so the
        # transaction is part of the script itself.
        try:
            db.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {int(version)};\nCOMMIT;")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied

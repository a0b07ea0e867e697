"""Versioned schema of the call store.

Each migration is applied once, in order, inside one transaction, and bumps
``PRAGMA user_version``.  Never edit a released migration: append a new one.
Vectors are stored as little-endian float32 BLOBs (``numpy.tobytes``), never
pickled.
"""

from __future__ import annotations

import sqlite3

from callcenter_ai.core.store.analytics_schema import (
    V4_TOPICS_AND_SAVED_SEARCHES,
    V5_ANALYTICS_INDEXES,
    V6_OPERATOR_TOPIC_COUNTS,
)
from callcenter_ai.core.store.vector_changes import V7_VECTOR_CHANGES

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


_V3_RATINGS = """
        -- Operators' judgements: was a result call relevant for a query text or a source call?
        CREATE TABLE ratings (
            id              INTEGER PRIMARY KEY,
            query_text      TEXT,                          -- the search text, or NULL
            source_call_id  INTEGER REFERENCES calls(id) ON DELETE CASCADE,  -- or the source call
            result_call_id  INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            relevant        INTEGER NOT NULL CHECK (relevant IN (0, 1)),
            comment         TEXT,
            rater           TEXT    NOT NULL DEFAULT '',   -- who rated (operator login)
            model_id        TEXT    NOT NULL,              -- vector space that served the result
            rank            INTEGER,                       -- 1-based position it was served at
            score           REAL,                          -- score it was served with
            mode            TEXT,                          -- search mode that served it
            reranked        INTEGER NOT NULL DEFAULT 0,    -- served after learned re-ranking
            created_at      TEXT    NOT NULL,              -- UTC ISO 8601
            CHECK ((query_text IS NULL) != (source_call_id IS NULL))
        );
        CREATE INDEX ratings_created ON ratings(created_at);
        CREATE INDEX ratings_result ON ratings(result_call_id);

        -- Query texts embedded once per vector space, for training the re-ranker.
        CREATE TABLE rating_query_vectors (
            model_id    TEXT    NOT NULL,
            query_text  TEXT    NOT NULL,
            dims        INTEGER NOT NULL,
            vector      BLOB    NOT NULL,                  -- float32 little-endian
            PRIMARY KEY (model_id, query_text)
        );
"""


_V2_KEYWORD_INDEX = """
        -- Snowball stems for keyword search (core/search/keyword.py).
        -- Whole calls, rowid = calls.id: the ranking (BM25), per side in its own column.
        CREATE VIRTUAL TABLE calls_fts USING fts5(all_turns, client, operator, tokenize = 'unicode61');
        CREATE VIRTUAL TABLE calls_fts_vocab USING fts5vocab(calls_fts, 'row');
        -- Single turns, rowid = turns.id: which turns explain a match.
        CREATE VIRTUAL TABLE turns_fts USING fts5(stems, tokenize = 'unicode61');
        -- Which content of each call the tables hold; stale calls are re-stemmed by search.
        CREATE TABLE fts_synced (
            call_id      INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
            content_hash TEXT    NOT NULL
        );
        -- Deleted calls and replaced turns leave the keyword index in the same transaction.
        CREATE TRIGGER calls_fts_delete AFTER DELETE ON calls BEGIN
            DELETE FROM calls_fts WHERE rowid = old.id;
        END;
        CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns BEGIN
            DELETE FROM turns_fts WHERE rowid = old.id;
        END;
"""


# Later issues append here: (version, description, function).
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "calls, turns, chunks, call vectors", _V1_CALLS_AND_TURNS),
    (2, "keyword index (FTS5 over stemmed turns)", _V2_KEYWORD_INDEX),
    (3, "operator ratings and their query vectors", _V3_RATINGS),
    (4, "topics and saved searches", V4_TOPICS_AND_SAVED_SEARCHES),
    (5, "indexes for analytics at a million calls", V5_ANALYTICS_INDEXES),
    (6, "each operator's calls per topic, kept by triggers", V6_OPERATOR_TOPIC_COUNTS),
    (7, "which calls' vectors changed, in order, kept by triggers", V7_VECTOR_CHANGES),
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

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


_V4_TOPICS_AND_SAVED_SEARCHES = """
        -- One clustering of the calls into topics (core/analytics); a rebuild adds a version.
        CREATE TABLE topic_models (
            version     INTEGER PRIMARY KEY,
            model_id    TEXT    NOT NULL,                  -- vector space the topics live in
            side        TEXT    NOT NULL DEFAULT 'all' CHECK (side IN ('all', 'client')),
            k_requested INTEGER,                           -- NULL: chosen automatically
            created_at  TEXT    NOT NULL,
            changes     TEXT    NOT NULL DEFAULT '{}'      -- JSON: kept/merged/split/new against the previous version
        );
        CREATE TABLE topics (
            model_version INTEGER NOT NULL REFERENCES topic_models(version) ON DELETE CASCADE,
            topic_id      INTEGER NOT NULL,                -- stable across rebuilds when the centroid survives
            label         TEXT    NOT NULL,
            keywords      TEXT    NOT NULL,                -- JSON list of words
            examples      TEXT    NOT NULL,                -- JSON list of call ids nearest the centroid
            floor         REAL    NOT NULL,                -- lowest similarity a new call needs to join
            dims          INTEGER NOT NULL,
            centroid      BLOB    NOT NULL,                -- float32 little-endian, unit length
            PRIMARY KEY (model_version, topic_id)
        );
        CREATE TABLE call_topics (
            call_id       INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            model_version INTEGER NOT NULL REFERENCES topic_models(version) ON DELETE CASCADE,
            topic_id      INTEGER NOT NULL,                -- -1: прочее
            similarity    REAL    NOT NULL,
            content_hash  TEXT    NOT NULL,                -- the call's hash when assigned
            day           TEXT,                            -- the call's local date (started_at), for trends
            PRIMARY KEY (model_version, call_id)
        );
        CREATE INDEX call_topics_topic ON call_topics(model_version, topic_id, day);
        -- Calls per topic per local day, kept by triggers: trends read this, not a million calls.
        CREATE TABLE topic_days (
            model_version INTEGER NOT NULL REFERENCES topic_models(version) ON DELETE CASCADE,
            day           TEXT    NOT NULL,
            topic_id      INTEGER NOT NULL,
            calls         INTEGER NOT NULL,
            PRIMARY KEY (model_version, day, topic_id)
        );
        CREATE TRIGGER call_topics_count_in AFTER INSERT ON call_topics WHEN new.day IS NOT NULL BEGIN
            INSERT INTO topic_days (model_version, day, topic_id, calls)
            VALUES (new.model_version, new.day, new.topic_id, 1)
            ON CONFLICT (model_version, day, topic_id) DO UPDATE SET calls = calls + 1;
        END;
        CREATE TRIGGER call_topics_count_out AFTER DELETE ON call_topics WHEN old.day IS NOT NULL BEGIN
            UPDATE topic_days SET calls = calls - 1
            WHERE model_version = old.model_version AND day = old.day AND topic_id = old.topic_id;
        END;

        -- Named searches re-run after every import (a CallMiner-style category).
        CREATE TABLE saved_searches (
            name        TEXT PRIMARY KEY,
            query       TEXT NOT NULL,
            mode        TEXT NOT NULL,
            filters     TEXT NOT NULL DEFAULT '{}',        -- JSON of the user's filter values
            created_at  TEXT NOT NULL,
            viewed_at   TEXT                               -- when its results were last looked at
        );
        CREATE TABLE saved_search_hits (
            name     TEXT    NOT NULL REFERENCES saved_searches(name) ON DELETE CASCADE,
            call_id  INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            found_at TEXT    NOT NULL,                     -- first run that returned it
            PRIMARY KEY (name, call_id)
        );
"""

_V5_ANALYTICS_INDEXES = """
        -- Drill-downs read an operator's or an hour x weekday cell's newest calls straight off an index
        -- (the expressions are core/analytics/drill.py's, character for character); the operators'
        -- calls and mean durations are counted off the first one alone.
        CREATE INDEX calls_operator_started ON calls(operator, started_utc, duration_s);
        DROP INDEX calls_operator;
        CREATE INDEX calls_weekday_hour ON calls(
            (CAST(strftime('%w', substr(started_at, 1, 10)) AS INTEGER) + 6) % 7,
            CAST(substr(started_at, 12, 2) AS INTEGER),
            started_utc
        );
        -- Topic sizes: dated calls are counted in topic_days, undated ones here.
        CREATE INDEX call_topics_undated ON call_topics(model_version, topic_id) WHERE day IS NULL;
        -- Calls embedded since a topic version last placed new calls (its placed_through mark).
        CREATE INDEX call_vectors_embedded ON call_vectors(model_id, embedded_at);
        ALTER TABLE topic_models ADD COLUMN placed_through TEXT;
        -- Each operator's calls per topic, kept by triggers like topic_days: the dashboard's topic mix
        -- reads this, not a join of every placed call with its call.
        ALTER TABLE call_topics ADD COLUMN operator TEXT;  -- the call's operator when placed
        UPDATE call_topics SET operator = (SELECT operator FROM calls WHERE calls.id = call_topics.call_id);
        CREATE TABLE topic_operators (
            model_version INTEGER NOT NULL REFERENCES topic_models(version) ON DELETE CASCADE,
            operator      TEXT    NOT NULL,
            topic_id      INTEGER NOT NULL,
            calls         INTEGER NOT NULL,
            PRIMARY KEY (model_version, operator, topic_id)
        );
        INSERT INTO topic_operators (model_version, operator, topic_id, calls)
            SELECT model_version, operator, topic_id, count(*) FROM call_topics
            WHERE operator IS NOT NULL GROUP BY model_version, operator, topic_id;
        CREATE TRIGGER call_topics_operator_in AFTER INSERT ON call_topics WHEN new.operator IS NOT NULL BEGIN
            INSERT INTO topic_operators (model_version, operator, topic_id, calls)
            VALUES (new.model_version, new.operator, new.topic_id, 1)
            ON CONFLICT (model_version, operator, topic_id) DO UPDATE SET calls = calls + 1;
        END;
        CREATE TRIGGER call_topics_operator_out AFTER DELETE ON call_topics WHEN old.operator IS NOT NULL BEGIN
            UPDATE topic_operators SET calls = calls - 1
            WHERE model_version = old.model_version AND operator = old.operator AND topic_id = old.topic_id;
        END;
"""


# Later issues append here: (version, description, function).
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "calls, turns, chunks, call vectors", _V1_CALLS_AND_TURNS),
    (2, "keyword index (FTS5 over stemmed turns)", _V2_KEYWORD_INDEX),
    (3, "operator ratings and their query vectors", _V3_RATINGS),
    (4, "topics and saved searches", _V4_TOPICS_AND_SAVED_SEARCHES),
    (5, "indexes for analytics at a million calls", _V5_ANALYTICS_INDEXES),
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

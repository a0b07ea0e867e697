"""The analytics steps of the call store's schema (migrations 4-6): topics, saved searches, their counts.

Released migrations: never edit one, append a new step in ``migrations.py``.  Migration 6 rebuilds
``call_topics`` and so repeats 5's triggers on the new table.
"""

from __future__ import annotations

V4_TOPICS_AND_SAVED_SEARCHES = """
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

V5_ANALYTICS_INDEXES = """
        -- Drill-downs read an operator's or an hour x weekday cell's newest calls straight off an index
        -- (the expressions are core/analytics/drill.py's, character for character).
        CREATE INDEX calls_operator_started ON calls(operator, started_utc);
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
"""

V6_OPERATOR_TOPIC_COUNTS = """
        -- Operators' calls and mean durations off this index alone; each placed call keeps its operator and
        -- triggers keep topic_operators as topic_days (rebuilt whole: a draft of migration 5 added the column).
        DROP INDEX IF EXISTS calls_operator_started;
        CREATE INDEX calls_operator_started ON calls(operator, started_utc, duration_s);
        CREATE TABLE call_topics_new (
            call_id       INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            model_version INTEGER NOT NULL REFERENCES topic_models(version) ON DELETE CASCADE,
            topic_id      INTEGER NOT NULL,
            similarity    REAL    NOT NULL,
            content_hash  TEXT    NOT NULL,
            day           TEXT,
            operator      TEXT,                            -- the call's operator when placed
            PRIMARY KEY (model_version, call_id)
        );
        INSERT INTO call_topics_new (call_id, model_version, topic_id, similarity, content_hash, day, operator)
            SELECT t.call_id, t.model_version, t.topic_id, t.similarity, t.content_hash, t.day,
                   (SELECT operator FROM calls WHERE calls.id = t.call_id)
            FROM call_topics t;
        DROP TABLE call_topics;
        ALTER TABLE call_topics_new RENAME TO call_topics;
        CREATE INDEX call_topics_topic ON call_topics(model_version, topic_id, day);
        CREATE INDEX call_topics_undated ON call_topics(model_version, topic_id) WHERE day IS NULL;
        CREATE TRIGGER call_topics_count_in AFTER INSERT ON call_topics WHEN new.day IS NOT NULL BEGIN
            INSERT INTO topic_days (model_version, day, topic_id, calls)
            VALUES (new.model_version, new.day, new.topic_id, 1)
            ON CONFLICT (model_version, day, topic_id) DO UPDATE SET calls = calls + 1;
        END;
        CREATE TRIGGER call_topics_count_out AFTER DELETE ON call_topics WHEN old.day IS NOT NULL BEGIN
            UPDATE topic_days SET calls = calls - 1
            WHERE model_version = old.model_version AND day = old.day AND topic_id = old.topic_id;
        END;
        DROP TABLE IF EXISTS topic_operators;
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

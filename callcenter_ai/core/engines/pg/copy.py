"""Copying one desktop's SQLite home into the PostgreSQL archive (``migrate --to URL``); rerunnable.

Calls go over in batches, each batch with its vectors in one transaction:
a copy that stops half-way keeps whole batches, and running it again skips
what is already there (same content hash, same vectors, same ratings) and
copies the rest.  Ratings, the ratings' query vectors, the re-ranker state,
the store's facts, ``settings.json`` and the saved searches follow (topics are
found again on the server by the next ``topics``).  :mod:`.verify` then
compares counts and checksums of both sides.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.feedback.ratings import NewRating, Rating
from callcenter_ai.core.records import CallRecord, Chunk
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.vectors import from_blob

log = logging.getLogger(__name__)

BATCH = 500
Progress = Callable[[str], None]


@dataclass
class CopyReport:
    calls: dict[str, int] = field(default_factory=lambda: {"inserted": 0, "updated": 0, "unchanged": 0})
    vectors_copied: int = 0  # calls whose vectors of one model id were (re)written
    vectors_kept: int = 0
    ratings_copied: int = 0
    ratings_kept: int = 0
    query_vectors: int = 0
    rerankers: int = 0
    settings: int = 0
    facts: int = 0
    saved_searches: int = 0


def copy_home(
    source: SqliteEngine, target: PgEngine, settings: Settings, progress: Progress | None = None
) -> CopyReport:
    """Copy everything the home holds into ``target``; safe to run again after a failure or a change."""
    say = progress or (lambda _text: None)
    report = CopyReport()
    total = source.calls.count("calls")
    done = 0
    for ids in source.calls.iter_call_ids(batch=BATCH):
        calls = source.calls.get_calls(ids)
        with target.calls.transaction():
            records = [
                CallRecord(
                    dialog_id=call.dialog_id,
                    turns=call.turns,
                    started_at=call.started_at,
                    duration_s=call.duration_s,
                    operator=call.operator,
                    topic=call.topic,
                    channel=call.channel,
                    direction=call.direction,
                    outcome=call.outcome,
                    metadata=call.metadata,
                )
                for call in calls
            ]
            targets: dict[int, int] = {}
            for call, (outcome, target_id) in zip(calls, target.calls.upsert_calls(records), strict=True):
                report.calls[outcome] += 1
                targets[call.id] = target_id
            _copy_vectors(source.store.db, target, targets, report)
        done += len(ids)
        say(f"calls: {done} of {total}")
    _copy_ratings(source, target, report)
    say(f"ratings: {report.ratings_copied} copied, {report.ratings_kept} already there")
    _copy_query_vectors(source.store.db, target, report)
    for model_id in source.vectors.embedded_models():
        state = source.rerankers.load_reranker(model_id)
        if state is not None:
            target.rerankers.save_reranker(model_id, state[0], state[1])
            report.rerankers += 1
    for key, value in source.store.db.execute("SELECT key, value FROM store_info ORDER BY key"):
        target.calls.set_info(str(key), str(value))
        report.facts += 1
    report.settings = _copy_settings(settings, target)
    report.saved_searches = _copy_saved_searches(source.store.db, target)
    return report


def _copy_saved_searches(db: sqlite3.Connection, target: PgEngine) -> int:
    """Saved searches with the calls they found (when first found, so «new» counts stay); one kept is not changed."""
    searches = db.execute("SELECT name, query, mode, filters, created_at, viewed_at FROM saved_searches").fetchall()
    hits = db.execute(
        "SELECT h.name, c.external_id, h.found_at FROM saved_search_hits h JOIN calls c ON c.id = h.call_id"
    ).fetchall()
    with target.sql.transaction():
        target.sql.executemany(
            "INSERT INTO saved_searches (name, query, mode, filters, created_at, viewed_at) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT (name) DO NOTHING",
            searches,
        )
        target.sql.executemany(
            "INSERT INTO saved_search_hits (name, call_id, found_at) SELECT ?, id, ? FROM calls WHERE external_id = ?"
            " ON CONFLICT DO NOTHING",
            [(name, found_at, dialog_id) for name, dialog_id, found_at in hits],
        )
    return len(searches)


def _copy_vectors(db: sqlite3.Connection, target: PgEngine, targets: dict[int, int], report: CopyReport) -> None:
    """The batch's chunk and call vectors, unless the target already holds the same ones."""
    marks = ",".join("?" * len(targets))
    source_ids = list(targets)
    present = {
        (int(r[0]), str(r[1])): (str(r[2]), int(r[3]))
        for r in target.database.execute(
            "SELECT v.call_id, v.model_id, v.content_hash, (SELECT count(*) FROM chunks ch WHERE ch.call_id = v.call_id"
            " AND ch.model_id = v.model_id) FROM call_vectors v WHERE v.call_id = ANY(%s)",
            (list(targets.values()),),
        )
    }
    chunks: dict[tuple[int, str], list[tuple[Chunk, FloatArray]]] = {}
    for call_id, model_id, chunk_no, first, last, side, tokens, dims, blob in db.execute(
        "SELECT call_id, model_id, chunk_no, first_turn, last_turn, side, token_count, dims, vector FROM chunks"
        f" WHERE call_id IN ({marks}) ORDER BY call_id, model_id, side, chunk_no",
        source_ids,
    ):
        chunk = Chunk(chunk_no, first, last, tokens, side)
        chunks.setdefault((call_id, model_id), []).append((chunk, from_blob(blob, dims)))
    for call_id, model_id, content_hash, dims, blob in db.execute(
        f"SELECT call_id, model_id, content_hash, dims, vector FROM call_vectors WHERE call_id IN ({marks})",
        source_ids,
    ):
        own = chunks.get((call_id, model_id), [])
        if present.get((targets[call_id], model_id)) == (content_hash, len(own)):
            report.vectors_kept += 1
            continue
        vectors = np.stack([v for _, v in own]) if own else np.zeros((0, dims), dtype=np.float32)
        target.vectors.save_call_embedding(
            targets[call_id], model_id, content_hash, [c for c, _ in own], vectors, from_blob(blob, dims)
        )
        report.vectors_copied += 1


def rating_key(rating: Rating) -> tuple[Any, ...]:
    """What makes two ratings the same judgement, whatever their row ids."""
    return (
        rating.query_text,
        rating.source_dialog_id,
        rating.result_dialog_id,
        rating.relevant,
        rating.comment,
        rating.rater,
        rating.model_id,
        rating.rank,
        rating.score,
        rating.mode,
        rating.reranked,
        rating.created_at,
    )


def _copy_ratings(source: SqliteEngine, target: PgEngine, report: CopyReport) -> None:
    there = {rating_key(r) for r in target.ratings.list_ratings()}
    for rating in source.ratings.list_ratings():
        if rating_key(rating) in there:
            report.ratings_kept += 1
            continue
        target.ratings.add_rating(
            NewRating(
                result_dialog_id=rating.result_dialog_id,
                relevant=rating.relevant,
                model_id=rating.model_id,
                query_text=rating.query_text,
                source_dialog_id=rating.source_dialog_id,
                comment=rating.comment,
                rater=rating.rater,
                rank=rating.rank,
                score=rating.score,
                mode=rating.mode,
                reranked=rating.reranked,
                created_at=rating.created_at,
            )
        )
        report.ratings_copied += 1


def _copy_query_vectors(db: sqlite3.Connection, target: PgEngine, report: CopyReport) -> None:
    rows: Sequence[tuple[Any, ...]] = db.execute(
        "SELECT model_id, query_text, dims, vector FROM rating_query_vectors ORDER BY model_id, query_text"
    ).fetchall()
    with target.database.transaction() as conn:
        for model_id, text, dims, blob in rows:
            conn.execute(
                "INSERT INTO rating_query_vectors (model_id, query_text, dims, embedding) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (model_id, query_text) DO UPDATE SET dims = EXCLUDED.dims,"
                " embedding = EXCLUDED.embedding",
                (model_id, text, dims, np.asarray(from_blob(blob, dims), dtype=np.float32)),
            )
    report.query_vectors = len(rows)


def _copy_settings(settings: Settings, target: PgEngine) -> int:
    """The options written in the home's settings.json (not the version marker, not the server's own URL)."""
    if not settings.settings_path.exists():
        return 0
    data = json.loads(settings.settings_path.read_text(encoding="utf-8"))
    options = {name: value for name, value in data.items() if name not in ("version", "database_url")}
    with target.database.transaction() as conn:
        for name, value in sorted(options.items()):
            conn.execute(
                "INSERT INTO app_settings (name, value) VALUES (%s, %s::jsonb)"
                " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                (name, json.dumps(value, ensure_ascii=False)),
            )
    return len(options)

"""Topic tables in the store: versions, topics with their centroids, each call's topic."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.records import utc_now
from callcenter_ai.core.store.sql import Sql, is_postgres
from callcenter_ai.core.store.vectors import from_blob, to_blob

MARK_SLACK = timedelta(hours=1)


@dataclass(frozen=True)
class StoredTopic:
    topic_id: int
    label: str
    keywords: list[str]
    examples: list[int]  # call ids
    floor: float
    centroid: FloatArray


@dataclass(frozen=True)
class Version:
    version: int
    model_id: str
    side: str
    k_requested: int | None
    created_at: str
    changes: dict[str, object]
    placed_through: str | None = None  # embedded_at of the newest vector it has placed (see unassigned_calls)


def latest_version(db: Sql, model_id: str | None = None) -> Version | None:
    sql = "SELECT version, model_id, side, k_requested, created_at, changes, placed_through FROM topic_models"
    params: tuple[object, ...] = ()
    if model_id is not None:
        sql += " WHERE model_id = ?"
        params = (model_id,)
    row = db.execute(sql + " ORDER BY version DESC LIMIT 1", params).fetchone()
    if row is None:
        return None
    return Version(int(row[0]), str(row[1]), str(row[2]), row[3], str(row[4]), json.loads(row[5]), row[6])


def add_version(db: Sql, model_id: str, side: str, k_requested: int | None) -> int:
    row = db.execute(
        "INSERT INTO topic_models (model_id, side, k_requested, created_at) VALUES (?,?,?,?) RETURNING version",
        (model_id, side, k_requested, utc_now()),
    ).fetchone()
    return int(row[0])


def set_changes(db: Sql, version: int, changes: dict[str, object]) -> None:
    db.execute("UPDATE topic_models SET changes = ? WHERE version = ?", (json.dumps(changes), version))


def save_topics(db: Sql, version: int, topics: Iterable[StoredTopic]) -> None:
    db.executemany(
        "INSERT INTO topics (model_version, topic_id, label, keywords, examples, floor, dims, centroid)"
        " VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                version,
                t.topic_id,
                t.label,
                json.dumps(t.keywords, ensure_ascii=False),
                json.dumps(t.examples),
                t.floor,
                int(t.centroid.shape[0]),
                to_blob(t.centroid),
            )
            for t in topics
        ],
    )


def load_topics(db: Sql, version: int) -> list[StoredTopic]:
    rows = db.execute(
        "SELECT topic_id, label, keywords, examples, floor, dims, centroid FROM topics"
        " WHERE model_version = ? ORDER BY topic_id",
        (version,),
    )
    return [
        StoredTopic(
            int(r[0]), str(r[1]), json.loads(r[2]), json.loads(r[3]), float(r[4]), from_blob(bytes(r[6]), int(r[5]))
        )
        for r in rows
    ]


def save_assignments(
    db: Sql,
    version: int,
    call_ids: Sequence[int],
    topic_ids: Sequence[int],
    similarities: Sequence[float],
    hashes: Sequence[str],
) -> None:
    """Place calls (replacing earlier places; the per-day and per-operator counts follow by trigger)."""
    rows = list(
        zip(
            (int(c) for c in call_ids),
            (int(t) for t in topic_ids),
            (float(s) for s in similarities),
            hashes,
            strict=True,
        )
    )
    db.executemany("DELETE FROM call_topics WHERE model_version = ? AND call_id = ?", [(version, r[0]) for r in rows])
    db.executemany(
        "INSERT INTO call_topics (call_id, model_version, topic_id, similarity, content_hash, day, operator)"
        " SELECT ?, ?, ?, ?, ?, substr(started_at, 1, 10), operator FROM calls WHERE id = ?",
        [(c, version, t, s, h, c) for c, t, s, h in rows],
    )


def embedded_mark(db: Sql, model_id: str) -> str | None:
    """When the newest vector of ``model_id`` was stored (off the call_vectors_embedded index)."""
    row = db.execute("SELECT max(embedded_at) FROM call_vectors WHERE model_id = ?", (model_id,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def set_placed_through(db: Sql, version: int, mark: str | None) -> None:
    db.execute("UPDATE topic_models SET placed_through = ? WHERE version = ?", (mark, version))


def unassigned_calls(db: Sql, version: Version) -> list[int]:
    """Calls with current vectors that the version has not placed (or placed when their text was different).

    Only vectors stored since the version's ``placed_through`` mark (less
    :data:`MARK_SLACK`, for clocks set back a little) are looked at, off an
    index: a million placed calls are not joined again on every look.
    """
    params: list[object] = [version.version, version.model_id]
    vectors = "call_vectors v JOIN calls c"
    since = ""
    if version.placed_through:
        # SQLite's planner would rather walk every vector in call-id order than sort a few: name the index.
        if not is_postgres(db):
            vectors = "call_vectors v INDEXED BY call_vectors_embedded CROSS JOIN calls c"
        since = " AND v.embedded_at >= ?"
        params.append((datetime.fromisoformat(version.placed_through) - MARK_SLACK).isoformat(timespec="seconds"))
    rows = db.execute(
        f"SELECT v.call_id FROM {vectors} ON c.id = v.call_id AND c.content_hash = v.content_hash"
        " LEFT JOIN call_topics t ON t.call_id = v.call_id AND t.model_version = ?"
        f" WHERE v.model_id = ?{since} AND (t.content_hash IS NULL OR t.content_hash != c.content_hash)",
        params,
    )
    return sorted(int(r[0]) for r in rows)


def topic_sizes(db: Sql, version: int) -> dict[int, int]:
    """Calls per topic: the dated ones from the per-day counts, the undated ones off their partial index."""
    sizes: dict[int, int] = {}
    for topic_id, calls in db.execute(
        "SELECT topic_id, sum(calls) FROM topic_days WHERE model_version = ? GROUP BY topic_id"
        " UNION ALL SELECT topic_id, count(*) FROM call_topics WHERE model_version = ? AND day IS NULL"
        " GROUP BY topic_id",
        (version, version),
    ):
        sizes[int(topic_id)] = sizes.get(int(topic_id), 0) + int(calls)
    return {t: n for t, n in sizes.items() if n > 0}


def call_topic_pairs(db: Sql, version: int) -> list[tuple[str, int]]:
    """(dialog id, topic id) of every call the version placed, by dialog id."""
    rows = db.execute(
        "SELECT c.external_id, t.topic_id FROM call_topics t JOIN calls c ON c.id = t.call_id"
        " WHERE t.model_version = ? ORDER BY c.external_id",
        (version,),
    )
    return [(str(r[0]), int(r[1])) for r in rows]


def member_ids(db: Sql, version: int) -> dict[int, np.ndarray]:
    """Call ids of each topic of the version."""
    out: dict[int, list[int]] = {}
    for call_id, topic_id in db.execute(
        "SELECT call_id, topic_id FROM call_topics WHERE model_version = ?", (version,)
    ):
        out.setdefault(int(topic_id), []).append(int(call_id))
    return {k: np.array(v, dtype=np.int64) for k, v in out.items()}


def dialog_ids_of(db: Sql, call_ids: Sequence[int]) -> dict[int, str]:
    if not call_ids:
        return {}
    marks = ",".join("?" * len(call_ids))
    rows = db.execute(f"SELECT id, external_id FROM calls WHERE id IN ({marks})", [int(c) for c in call_ids])
    return {int(r[0]): str(r[1]) for r in rows}

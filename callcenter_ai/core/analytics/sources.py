"""What topics are found from: call vectors (or client-side chunk vectors) and the calls' texts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.store.sql import Sql, is_postgres
from callcenter_ai.core.store.vectors import embedded_models, from_blob

SIDES = ("all", "client")
_BATCH = 900  # ids per IN (...) list: under SQLite's default 999 variables


def topic_model_id(db: Sql, preferred: str) -> str:
    """``preferred`` when it has vectors in the store, else the model with the most embedded calls."""
    models = embedded_models(db)
    if not models:
        raise ConfigError(msg("topics.no_vectors"))
    if preferred in models:
        return preferred
    return max(models, key=lambda m: (models[m], m))


def load_vectors(
    db: Sql, model_id: str, side: str = "all", call_ids: Sequence[int] | None = None
) -> tuple[np.ndarray, FloatArray, list[str]]:
    """(call ids, unit vectors, content hashes) of calls with current vectors, by call id.

    ``side="client"`` uses the mean of each call's client-side chunks (what
    customers ask); calls without a client chunk are left out.
    """
    if side not in SIDES:
        raise ConfigError(msg("topics.bad_side", side=side, sides=", ".join(SIDES)))
    rows: list[tuple[int, str, FloatArray]] = []
    for batch in _batches(call_ids):
        where = "" if batch is None else f" AND v.call_id IN ({','.join('?' * len(batch))})"
        params: list[object] = [model_id, *(batch or [])]
        if side == "all":
            sql = (
                f"SELECT v.call_id, c.content_hash, v.dims, v.{_vector_column(db)} FROM call_vectors v"
                " JOIN calls c ON c.id = v.call_id AND c.content_hash = v.content_hash"
                f" WHERE v.model_id = ?{where} ORDER BY v.call_id"
            )
            rows.extend((int(r[0]), str(r[1]), _vector(r[3], int(r[2]))) for r in db.execute(sql, params))
        else:
            rows.extend(_client_rows(db, where, params))
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32), []
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    vectors = np.vstack([r[2] for r in rows]).astype(np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return ids, vectors, [r[1] for r in rows]


def _client_rows(db: Sql, where: str, params: list[object]) -> list[tuple[int, str, FloatArray]]:
    sql = (
        f"SELECT v.call_id, c.content_hash, ch.dims, ch.{_vector_column(db)} FROM call_vectors v"
        " JOIN calls c ON c.id = v.call_id AND c.content_hash = v.content_hash"
        " JOIN chunks ch ON ch.call_id = v.call_id AND ch.model_id = v.model_id AND ch.side = 'client'"
        f" WHERE v.model_id = ?{where} ORDER BY v.call_id, ch.chunk_no"
    )
    sums: dict[int, tuple[str, FloatArray]] = {}
    for call_id, content_hash, dims, stored in db.execute(sql, params):
        vector = _vector(stored, int(dims))
        old = sums.get(int(call_id))
        sums[int(call_id)] = (str(content_hash), vector if old is None else old[1] + vector)
    return [(k, v[0], v[1]) for k, v in sums.items()]


def load_texts(db: Sql, call_ids: Sequence[int], side: str = "all") -> list[str]:
    """Each call's turns as one text (client turns only for ``side="client"``), in ``call_ids`` order."""
    found: dict[int, list[str]] = {}
    speaker = " AND speaker = 'client'" if side == "client" else ""
    for batch in _batches(call_ids):
        assert batch is not None
        marks = ",".join("?" * len(batch))
        rows = db.execute(
            f"SELECT call_id, text FROM turns WHERE call_id IN ({marks}){speaker} ORDER BY call_id, position", batch
        )
        for call_id, text in rows:
            found.setdefault(int(call_id), []).append(str(text))
    return ["\n".join(found.get(int(c), [])) for c in call_ids]


def _vector_column(db: Sql) -> str:
    return "embedding" if is_postgres(db) else "vector"


def _vector(stored: Any, dims: int) -> FloatArray:
    """A stored vector: SQLite's float32 blob, or pgvector's ``Vector``."""
    if isinstance(stored, bytes | memoryview):
        return from_blob(bytes(stored), dims)
    return np.asarray(stored.to_numpy(), dtype=np.float32)


def _batches(call_ids: Sequence[int] | None) -> list[list[int] | None]:
    if call_ids is None:
        return [None]
    ids = [int(c) for c in call_ids]
    return [ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH)]

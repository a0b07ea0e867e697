"""Chunk and call vectors in the store, as float32 BLOBs (never pickled).

A *model id* names one vector space, e.g. ``Qwen/Qwen3-Embedding-0.6B@1024``:
the model and the number of dims kept.  Vectors of two model ids are never
mixed.  A call is *pending* for a model id until ``call_vectors`` holds a row
for it with the call's current content hash.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.records import Chunk, Side, utc_now
from callcenter_ai.core.store.sql import Sql


@dataclass(frozen=True)
class StoredChunk:
    """Where a stored chunk (row ``chunk_id``, the FAISS id) sits: turns ``first_turn..last_turn`` of a call."""

    chunk_id: int
    call_id: int
    chunk_no: int
    first_turn: int
    last_turn: int
    side: Side


def to_blob(vector: FloatArray) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def from_blob(blob: bytes, dims: int) -> FloatArray:
    vector = np.frombuffer(blob, dtype="<f4")
    if vector.shape != (dims,):
        raise ValueError(f"stored vector has {vector.size} values, expected {dims}")
    return vector.astype(np.float32)


def from_blobs(blobs: Sequence[bytes], dims: int) -> FloatArray:
    """:func:`from_blob` of many at once, as one matrix (one conversion, not one per vector)."""
    if any(len(blob) != 4 * dims for blob in blobs):
        return np.stack([from_blob(blob, dims) for blob in blobs])  # raises on the first bad one, as one by one
    matrix: FloatArray = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), dims).astype(np.float32)
    return matrix


def pending_calls(db: sqlite3.Connection, model_id: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(call id, content hash) of calls with no current vectors for ``model_id``, by id."""
    sql = (
        "SELECT c.id, c.content_hash FROM calls c LEFT JOIN call_vectors v"
        " ON v.call_id = c.id AND v.model_id = ? WHERE v.content_hash IS NULL"
        " OR v.content_hash != c.content_hash ORDER BY c.id"
    )
    params: tuple[object, ...] = (model_id,)
    if limit is not None:
        sql += " LIMIT ?"
        params += (limit,)
    return [(int(r[0]), str(r[1])) for r in db.execute(sql, params)]


def save_call_embedding(
    db: sqlite3.Connection,
    call_id: int,
    model_id: str,
    content_hash: str,
    chunks: Sequence[Chunk],
    vectors: FloatArray,
    call_vector: FloatArray,
) -> list[int]:
    """Replace the call's chunks for ``model_id`` (``vectors[i]`` is ``chunks[i]``'s); call inside a transaction.

    Returns the new chunk ids (the FAISS ids), in chunk order.
    """
    dims = int(call_vector.shape[0])
    if len(vectors) != len(chunks):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    db.execute("DELETE FROM chunks WHERE call_id = ? AND model_id = ?", (call_id, model_id))
    ids = []
    for chunk, vector in zip(chunks, vectors, strict=True):
        if vector.shape != (dims,):
            raise ValueError(f"chunk {chunk.chunk_no} has shape {vector.shape}, expected ({dims},)")
        cursor = db.execute(
            "INSERT INTO chunks (call_id, model_id, chunk_no, first_turn, last_turn, side, token_count, dims,"
            " vector) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                call_id,
                model_id,
                chunk.chunk_no,
                chunk.first_turn,
                chunk.last_turn,
                chunk.side,
                chunk.token_count,
                dims,
                to_blob(vector),
            ),
        )
        assert cursor.lastrowid is not None
        ids.append(int(cursor.lastrowid))
    db.execute(
        "INSERT OR REPLACE INTO call_vectors (call_id, model_id, content_hash, dims, vector, embedded_at)"
        " VALUES (?,?,?,?,?,?)",
        (call_id, model_id, content_hash, dims, to_blob(call_vector), utc_now()),
    )
    return ids


def iter_chunk_vectors(
    db: sqlite3.Connection, model_id: str, batch: int = 4096, after_id: int = -1
) -> Iterator[tuple[IdArray, FloatArray]]:
    """All chunk vectors of ``model_id`` in id order, ``batch`` at a time."""
    last = after_id
    while True:
        rows = db.execute(
            "SELECT id, dims, vector FROM chunks NOT INDEXED WHERE model_id = ? AND id > ? ORDER BY id LIMIT ?",
            (model_id, last, batch),
        ).fetchall()
        if not rows:
            return
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        vectors = np.stack([from_blob(r[2], r[1]) for r in rows])
        yield ids, vectors
        last = int(ids[-1])


def chunk_ids(db: sqlite3.Connection, model_id: str) -> IdArray:
    rows = db.execute("SELECT id FROM chunks WHERE model_id = ? ORDER BY id", (model_id,)).fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


def chunk_refs(db: sqlite3.Connection, ids: Sequence[int]) -> dict[int, StoredChunk]:
    """Where each chunk id points: call, chunk number and turn range."""
    out: dict[int, StoredChunk] = {}
    for start in range(0, len(ids), 500):
        part = [int(i) for i in ids[start : start + 500]]
        marks = ",".join("?" * len(part))
        for row in db.execute(
            f"SELECT id, call_id, chunk_no, first_turn, last_turn, side FROM chunks WHERE id IN ({marks})", part
        ):
            out[int(row[0])] = StoredChunk(*row)
    return out


def call_vector(db: sqlite3.Connection, call_id: int, model_id: str) -> FloatArray | None:
    row = db.execute(
        "SELECT dims, vector FROM call_vectors WHERE call_id = ? AND model_id = ?", (call_id, model_id)
    ).fetchone()
    return None if row is None else from_blob(row[1], row[0])


def call_chunk_vectors(db: sqlite3.Connection, call_id: int, model_id: str) -> tuple[list[StoredChunk], FloatArray]:
    rows = db.execute(
        "SELECT id, call_id, chunk_no, first_turn, last_turn, side, dims, vector FROM chunks"
        " WHERE call_id = ? AND model_id = ? ORDER BY side, chunk_no",
        (call_id, model_id),
    ).fetchall()
    refs = [StoredChunk(*r[:6]) for r in rows]
    if not rows:
        return refs, np.zeros((0, 0), dtype=np.float32)
    return refs, np.stack([from_blob(r[7], r[6]) for r in rows])


def embedded_models(db: Sql) -> dict[str, int]:
    """Model ids with stored vectors, and how many calls each has (current or not)."""
    return {
        str(r[0]): int(r[1])
        for r in db.execute("SELECT model_id, count(*) FROM call_vectors GROUP BY model_id ORDER BY model_id")
    }


def embedded_count(db: sqlite3.Connection, model_id: str) -> int:
    """Calls whose vectors for ``model_id`` match their current content."""
    return int(
        db.execute(
            "SELECT count(*) FROM call_vectors v JOIN calls c ON c.id = v.call_id"
            " WHERE v.model_id = ? AND v.content_hash = c.content_hash",
            (model_id,),
        ).fetchone()[0]
    )

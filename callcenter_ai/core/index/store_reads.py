"""Reading what the index needs from the store: per-call signatures, chunk vectors by side, counts."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator, Sequence

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray, locate
from callcenter_ai.core.records import SIDES
from callcenter_ai.core.store.vector_changes import ChangeMark, changed_since, current_mark
from callcenter_ai.core.store.vectors import from_blobs

_SIGNATURES = (
    "SELECT ch.call_id, v.content_hash, min(ch.id), max(ch.id), count(*) FROM chunks ch"
    " JOIN call_vectors v ON v.call_id = ch.call_id AND v.model_id = ch.model_id"
    " JOIN calls c ON c.id = ch.call_id AND c.content_hash = v.content_hash"
    " WHERE ch.model_id = ? {only} GROUP BY ch.call_id ORDER BY ch.call_id"
)


def call_signatures(db: sqlite3.Connection, model_id: str, only: IdArray | None = None) -> tuple[IdArray, IdArray]:
    """Sorted call ids with current vectors for ``model_id`` and a 64-bit signature of each call's chunks.

    ``only``: of these calls alone (sorted), the others are not read.
    """
    if only is None:
        rows = db.execute(_SIGNATURES.format(only=""), (model_id,)).fetchall()
    else:
        rows = []
        for start in range(0, len(only), 500):
            part = [int(i) for i in only[start : start + 500]]
            sql = _SIGNATURES.format(only=f"AND ch.call_id IN ({','.join('?' * len(part))})")
            rows += db.execute(sql, (model_id, *part)).fetchall()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    sigs = np.fromiter((_signature(r[1:]) for r in rows), dtype=np.int64, count=len(rows))
    return ids, sigs


def store_signatures(
    db: sqlite3.Connection, model_id: str, indexed: tuple[IdArray, IdArray] | None, since: ChangeMark | None
) -> tuple[IdArray, IdArray, ChangeMark]:
    """:func:`call_signatures` of every call, and the store's change mark they were read at.

    ``indexed``: the (call ids, signatures) an index read at change mark ``since``; then only the calls
    the store changed after it are read, and ``indexed`` is patched with them (same result).
    """
    now = current_mark(db)
    touched = None if indexed is None else changed_since(db, since, now)
    if indexed is None or touched is None:
        return (*call_signatures(db, model_id), now)
    ids, sigs = indexed
    fresh_ids, fresh_sigs = call_signatures(db, model_id, touched)  # sorted by id, as ``ids``
    at, there = locate(ids, touched)
    keep = np.ones(len(ids), dtype=bool)
    keep[at[there]] = False
    ids, sigs = ids[keep], sigs[keep]
    into = np.searchsorted(ids, fresh_ids)  # the touched calls still stored go back in order: nothing re-sorted
    return np.insert(ids, into, fresh_ids), np.insert(sigs, into, fresh_sigs), now


def _signature(parts: Sequence[object]) -> int:
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def iter_side_vectors(
    db: sqlite3.Connection, model_id: str, side: str, call_ids: IdArray | None, dims: int, batch: int = 500
) -> Iterator[tuple[IdArray, IdArray, FloatArray]]:
    """(chunk ids, their call ids, vectors) of one side, for ``call_ids`` or for every call."""

    def fetch(sql: str, params: Sequence[object]) -> tuple[IdArray, IdArray, FloatArray] | None:
        rows = db.execute(sql, params).fetchall()
        if not rows:
            return None
        return (
            np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
            np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)),
            from_blobs([r[2] for r in rows], dims),
        )

    base = "SELECT id, call_id, vector FROM chunks WHERE model_id = ? AND side = ?"
    if call_ids is None:
        # by id range: through the model's index each batch would scan (and sort) every chunk again
        every = "SELECT id, call_id, vector FROM chunks NOT INDEXED WHERE model_id = ? AND side = ?"
        last = -1
        while True:
            got = fetch(every + " AND id > ? ORDER BY id LIMIT ?", (model_id, side, last, batch * 8))
            if got is None:
                return
            yield got
            last = int(got[0][-1])
    else:
        for start in range(0, len(call_ids), batch):
            part = [int(i) for i in call_ids[start : start + batch]]
            got = fetch(base + f" AND call_id IN ({','.join('?' * len(part))}) ORDER BY id", (model_id, side, *part))
            if got is not None:
                yield got


def collect_vectors(
    chunks: Iterator[tuple[IdArray, IdArray, FloatArray]], dims: int
) -> tuple[IdArray, IdArray, FloatArray]:
    ids, owners, vectors = [], [], []
    for chunk_ids, call_ids, vecs in chunks:
        ids.append(chunk_ids)
        owners.append(call_ids)
        vectors.append(vecs)
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, dims), np.float32)
    return np.concatenate(ids), np.concatenate(owners), np.concatenate(vectors)


def count_side_chunks(db: sqlite3.Connection, model_id: str, call_ids: IdArray, batch: int = 500) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(SIDES, 0)
    for start in range(0, len(call_ids), batch):
        part = [int(i) for i in call_ids[start : start + batch]]
        rows = db.execute(
            f"SELECT side, count(*) FROM chunks WHERE model_id = ? AND call_id IN ({','.join('?' * len(part))})"
            " GROUP BY side",
            (model_id, *part),
        )
        for side, count in rows:
            if side in counts:
                counts[side] += int(count)
    return counts

"""A call's *profile*: its whole-call vector fused with its client's and operator's side vectors.

``profile = normalise([all, 1.0 * client, 0.5 * operator])`` (each part a unit
vector, a missing side left zero), so the cosine of two profiles is a
weighted sum of the three cosines.  The client's own words say what the call
is about: on the dev sets the client side added more than the operator's
(docs/SEARCH.md).  Works for any embedder width; calls embedded without side
vectors have the whole-call part only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.store.vectors import from_blob

SIDE_WEIGHTS = (("all", 1.0), ("client", 1.0), ("operator", 0.5))


def call_profiles(db: sqlite3.Connection, model_id: str, call_ids: IdArray, dims: int) -> FloatArray:
    """Unit profiles of ``call_ids`` (rows of zeros for calls with no vectors), from the chunk vectors."""
    rows = {int(c): i for i, c in enumerate(call_ids)}
    sums = np.zeros((len(SIDE_WEIGHTS), len(call_ids), dims), dtype=np.float32)
    slot = {side: i for i, (side, _) in enumerate(SIDE_WEIGHTS)}
    wanted = sorted(rows)
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        for call_id, side, blob in db.execute(
            f"SELECT call_id, side, vector FROM chunks WHERE model_id = ? AND call_id IN ({','.join('?' * len(part))})",
            (model_id, *part),
        ):
            if side in slot:
                sums[slot[side], rows[int(call_id)]] += from_blob(blob, dims)
    return _fused(sums)


@dataclass(frozen=True)
class ReadChunks:
    """Every chunk vector of ``calls`` (sorted) the index job has just read, per side: (owning call, vector)
    in chunk id order; a side missing here has no chunks of these calls."""

    calls: IdArray
    chunks: Mapping[str, tuple[IdArray, FloatArray]]


def profiles_from_chunks(call_ids: IdArray, read: ReadChunks, dims: int) -> FloatArray:
    """:func:`call_profiles` of sorted ``call_ids`` (all among ``read.calls``) from chunks already read:
    the same sums in the same order (chunk id order), so the same profiles, without the store."""
    sums = np.zeros((len(SIDE_WEIGHTS), len(call_ids), dims), dtype=np.float32)
    for i, (side, _) in enumerate(SIDE_WEIGHTS):
        owners, vectors = read.chunks.get(side, (np.zeros(0, np.int64), np.zeros((0, dims), np.float32)))
        at = np.minimum(np.searchsorted(call_ids, owners), max(len(call_ids) - 1, 0))
        mine = np.flatnonzero(call_ids[at] == owners) if len(call_ids) else np.zeros(0, dtype=np.int64)
        mine = mine[np.argsort(at[mine], kind="stable")]  # grouped by call, chunk id order kept within a call
        if not len(mine):
            continue
        _, first, counts = np.unique(at[mine], return_index=True, return_counts=True)
        rank = np.arange(len(mine)) - np.repeat(first, counts)  # a chunk's place among its call's chunks
        for r in range(int(rank.max()) + 1):  # each call's first chunks, then its second ones...: added in order
            take = mine[rank == r]
            sums[i, at[take]] += vectors[take]
    return _fused(sums)


def _fused(sums: FloatArray) -> FloatArray:
    """Each part of ``sums`` scaled to ``weight`` (a zero part stays zero), the whole scaled to unit length:
    one scale per row and part, written straight into the profile (no float32 temporaries of its size)."""
    n, dims = sums.shape[1], sums.shape[2]
    norms = np.sqrt(np.einsum("pij,pij->pi", sums, sums))  # (parts, rows)
    weights = np.array([w for _, w in SIDE_WEIGHTS], dtype=np.float32)[:, None]
    scale = np.divide(weights, norms, out=np.zeros_like(norms), where=norms > 0)
    total = np.sqrt(((norms > 0) * weights**2).sum(axis=0))  # each present part has its weight's length
    scale = np.divide(scale, total, out=np.zeros_like(scale), where=total > 0)
    out = np.empty((n, len(SIDE_WEIGHTS) * dims), dtype=np.float32)
    for i in range(len(SIDE_WEIGHTS)):
        np.multiply(sums[i], scale[i][:, None], out=out[:, i * dims : (i + 1) * dims])
    return out


def query_profile(query: FloatArray) -> FloatArray:
    """A free-text query's vector in profile space: the same vector against every part."""
    unit = query / max(float(np.linalg.norm(query)), 1e-12)
    fused = np.concatenate([weight * unit for _, weight in SIDE_WEIGHTS])
    return (fused / float(np.linalg.norm(fused))).astype(np.float32)

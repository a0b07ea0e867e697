"""Dense (semantic) retrieval: chunk hits from the FAISS index, re-ranked exactly, aggregated per call.

A call's score is its best chunk's cosine (``max`` over chunks).  On the
short dialogs of ../shared/data every call is one chunk, so no other rule
could be measured there; ``max`` keeps one strong passage of a long call
from being diluted by the rest of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.kinds import EXACT_KINDS
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.search.filters import SearchFilters, calls_where
from callcenter_ai.core.store.vectors import StoredChunk, chunk_refs, from_blob

# Filtered candidate sets up to this size are scored exactly from the store instead of an IVF index.
EXACT_SUBSET_MAX = 20_000
CHUNKS_PER_CALL = 4  # chunks fetched per wanted call before aggregating


@dataclass(frozen=True)
class CallHit:
    call_id: int
    score: float
    chunks: list[tuple[StoredChunk, float]]  # best first


def allowed_chunk_ids(db: sqlite3.Connection, model_id: str, side: str, filters: SearchFilters) -> IdArray | None:
    """Chunk ids of calls that pass the call-level filters (None: no such filter)."""
    if not filters.restricts_calls:
        return None
    where, params = calls_where(filters)
    rows = db.execute(
        "SELECT ch.id FROM chunks ch JOIN calls c ON c.id = ch.call_id"
        f" WHERE ch.model_id = ? AND ch.side = ? AND {where}",
        (model_id, side, *params),
    ).fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


def exact_scores(db: sqlite3.Connection, ids: Sequence[int], query: FloatArray) -> dict[int, float]:
    """Cosine of ``query`` with the stored float32 vectors of ``ids``."""
    out: dict[int, float] = {}
    dims = int(query.shape[0])
    for start in range(0, len(ids), 500):
        part = [int(i) for i in ids[start : start + 500]]
        rows = db.execute(f"SELECT id, vector FROM chunks WHERE id IN ({','.join('?' * len(part))})", part).fetchall()
        if rows:
            matrix = np.stack([from_blob(r[1], dims) for r in rows])
            for (chunk_id, _), score in zip(rows, matrix @ query, strict=True):
                out[int(chunk_id)] = float(score)
    return out


def dense_call_hits(
    db: sqlite3.Connection,
    index: VectorIndex,
    query: FloatArray,
    k: int,
    *,
    side: str = "all",
    filters: SearchFilters,
    exclude_call: int | None = None,
) -> list[CallHit]:
    """The ``k`` best calls for ``query`` (best chunk per call), exact scores."""
    allowed = allowed_chunk_ids(db, index.model_id, side, filters)
    total = index.count(side) if allowed is None else len(allowed)
    if total == 0:
        return []
    fetch = max(k * CHUNKS_PER_CALL, 32)
    kind = index.manifest.parts[side].kind
    # IVF probes a few lists only: a small filtered subset is scored exactly instead.
    from_store = allowed is not None and kind == "ivf_fp16" and len(allowed) <= EXACT_SUBSET_MAX
    while True:
        if from_store and allowed is not None:
            scores = exact_scores(db, allowed.tolist(), query)
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
            exhausted = True
        else:
            found_scores, found_ids = index.search(side, query, min(fetch, total), allowed)
            pairs = [(int(i), float(s)) for i, s in zip(found_ids[0], found_scores[0], strict=True) if i >= 0]
            if kind not in EXACT_KINDS:
                exact = exact_scores(db, [i for i, _ in pairs], query)
                pairs = [(i, exact[i]) for i, _ in pairs if i in exact]  # ids gone from the store are dropped
            ranked = sorted(pairs, key=lambda kv: (-kv[1], kv[0]))
            exhausted = fetch >= total
        hits = _aggregate(db, ranked, exclude_call)
        if len(hits) >= k or exhausted:
            return hits[:k]
        fetch *= 4


def _aggregate(db: sqlite3.Connection, ranked: list[tuple[int, float]], exclude_call: int | None) -> list[CallHit]:
    refs = chunk_refs(db, [i for i, _ in ranked])
    by_call: dict[int, CallHit] = {}
    for chunk_id, score in ranked:
        ref = refs.get(chunk_id)
        if ref is None or ref.call_id == exclude_call:
            continue  # deleted since the index was saved, or the query call itself
        hit = by_call.get(ref.call_id)
        if hit is None:
            by_call[ref.call_id] = CallHit(ref.call_id, score, [(ref, score)])
        elif len(hit.chunks) < 3:
            hit.chunks.append((ref, score))
    return sorted(by_call.values(), key=lambda h: (-h.score, h.call_id))

"""Dense (semantic) retrieval: chunk hits from the FAISS index, re-ranked exactly, aggregated per call.

A call's score is its best chunk's cosine (``max`` over chunks), or, with the
store's neighbour graph, its augmented profile's cosine (``similarity/``).  On the
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
from callcenter_ai.core.index.neighbours import NeighbourGraph
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.search.filters import SearchFilters, calls_where
from callcenter_ai.core.search.similarity.augment import RESCORE_POOL, rescore
from callcenter_ai.core.store.vectors import StoredChunk, chunk_refs, from_blobs

# Filtered candidate sets up to this size are scored exactly from the store instead of an IVF index.
EXACT_SUBSET_MAX = 20_000
CHUNKS_PER_CALL = 4  # chunks fetched per wanted call before aggregating


@dataclass(frozen=True)
class CallHit:
    call_id: int
    score: float
    chunks: list[tuple[StoredChunk, float]]  # best first


@dataclass(frozen=True)
class ChunkScan:
    """Every chunk one index search returned, for counting: ``calls`` owns each (-1: not in the index's state).

    ``floor`` is the lowest score the search returned, ``complete`` whether it
    returned every chunk it could; so the scan holds every chunk scoring at
    least ``t`` when ``complete or floor < t``.  Scores are exact for kinds
    in ``EXACT_KINDS`` and for the chunks re-ranked into the hits; the others
    keep the index's float16 scores.
    """

    ids: IdArray
    calls: IdArray
    scores: FloatArray
    floor: float
    complete: bool

    def close_calls(self, threshold: float, exclude_call: int | None) -> set[int] | None:
        """The calls with a chunk at or above ``threshold`` (None: the scan stopped above it, so it cannot tell)."""
        if not self.complete and self.floor >= threshold:
            return None
        owners = self.calls[(self.scores >= threshold) & (self.calls >= 0)]
        close = {int(c) for c in np.unique(owners)}
        close.discard(-1 if exclude_call is None else exclude_call)
        return close


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
            matrix = from_blobs([r[1] for r in rows], dims)
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
    graph: NeighbourGraph | None = None,
) -> list[CallHit]:
    """The ``k`` best calls for ``query`` (best chunk per call), exact scores (:func:`dense_scan` without the scan).

    With the store's neighbour ``graph`` (whole-call searches only), the best
    ``RESCORE_POOL`` calls are re-scored by augmented profiles
    (:func:`~callcenter_ai.core.search.similarity.augment.rescore`); the query
    call of a ``similar`` search is ``exclude_call``.
    """
    if graph is not None and side == "all":
        hits = dense_call_hits(
            db, index, query, max(k, RESCORE_POOL), side=side, filters=filters, exclude_call=exclude_call
        )
        return rescore(db, index.model_id, graph, hits, query, exclude_call)[:k]
    return dense_scan(db, index, query, k, side=side, filters=filters, exclude_call=exclude_call)[0]


def dense_scan(
    db: sqlite3.Connection,
    index: VectorIndex,
    query: FloatArray,
    k: int,
    *,
    side: str = "all",
    filters: SearchFilters,
    exclude_call: int | None = None,
    scan_chunks: int = 0,
) -> tuple[list[CallHit], ChunkScan]:
    """The ``k`` best calls for ``query`` (best chunk per call, exact scores) and the chunks the search read.

    The index is searched for at least ``scan_chunks`` chunks, so that the
    total (``counting.py``) can be counted from the same search; only the
    chunks the hits need are looked up in the store.
    """
    allowed = allowed_chunk_ids(db, index.model_id, side, filters)
    total = index.count(side) if allowed is None else len(allowed)
    if total == 0:
        return [], ChunkScan(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32), 0.0, True)
    fetch = max(k * CHUNKS_PER_CALL, 32)
    kind = index.manifest.parts[side].kind
    # IVF probes a few lists only: a small filtered subset is scored exactly instead.
    from_store = allowed is not None and kind == "ivf_fp16" and len(allowed) <= EXACT_SUBSET_MAX
    while True:
        if from_store and allowed is not None:
            scores = exact_scores(db, allowed.tolist(), query)
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
            read, exhausted = ranked, True
            floor = ranked[-1][1] if ranked else 0.0
        else:
            found_scores, found_ids = index.search(side, query, min(max(fetch, scan_chunks), total), allowed)
            read = [(int(i), float(s)) for i, s in zip(found_ids[0], found_scores[0], strict=True) if i >= 0]
            floor = read[-1][1] if read else 0.0  # the index's own score of the last chunk it returned
            pairs = read[:fetch]
            if kind not in EXACT_KINDS:
                exact = exact_scores(db, [i for i, _ in pairs], query)
                pairs = [(i, exact[i]) for i, _ in pairs if i in exact]  # ids gone from the store are dropped
                read = pairs + read[fetch:]
            ranked = sorted(pairs, key=lambda kv: (-kv[1], kv[0]))
            exhausted = fetch >= total
        scan = _scan(index, side, read, floor, complete=len(read) >= total or exhausted)
        chosen = _first_calls(ranked, scan, k, exclude_call)
        hits = _aggregate(db, chosen, exclude_call)
        if len(hits) < k and len(chosen) < len(ranked):  # a chosen call is gone from the store: the others fill in
            hits = _aggregate(db, ranked, exclude_call)
        if len(hits) >= k or exhausted:
            return hits[:k], scan
        fetch *= 4


def _scan(index: VectorIndex, side: str, read: list[tuple[int, float]], floor: float, *, complete: bool) -> ChunkScan:
    """The chunks read, each with the call that owns it in the index's state (in memory: no store lookup)."""
    ids = np.fromiter((i for i, _ in read), dtype=np.int64, count=len(read))
    scores = np.fromiter((s for _, s in read), dtype=np.float32, count=len(read))
    known, owners = index.state.chunk_ids.get(side), index.state.chunk_calls.get(side)
    calls = np.full(len(ids), -1, dtype=np.int64)
    if known is not None and owners is not None and len(known) and len(ids):
        at = np.minimum(np.searchsorted(known, ids), len(known) - 1)
        found = known[at] == ids
        calls[found] = owners[at[found]]
    return ChunkScan(ids, calls, scores, floor, complete)


def _first_calls(
    ranked: list[tuple[int, float]], scan: ChunkScan, k: int, exclude_call: int | None
) -> list[tuple[int, float]]:
    """The chunks of ``ranked`` the best ``k`` calls keep (3 each), by the owners the scan knows: only those are
    looked up in the store (all of them when some owner is unknown)."""
    owner = dict(zip(scan.ids[: len(ranked)].tolist(), scan.calls[: len(ranked)].tolist(), strict=True))
    if len(owner) < len(ranked) or any(owner.get(chunk_id, -1) < 0 for chunk_id, _ in ranked):
        return ranked
    kept: list[tuple[int, float]] = []
    per_call: dict[int, int] = {}
    last = float("inf")  # the k-th call's score: calls tied with it are kept too
    for chunk_id, score in ranked:
        call = owner[chunk_id]
        if call == exclude_call:
            continue
        seen = per_call.get(call, 0)
        if seen == 0 and len(per_call) >= k and score < last:
            continue
        if seen < 3:
            per_call[call] = seen + 1
            kept.append((chunk_id, score))
            if seen == 0 and len(per_call) == k:
                last = score
    return kept


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

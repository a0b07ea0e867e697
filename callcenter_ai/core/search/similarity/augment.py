"""Database-side augmentation (DBA) at query time: re-score dense hits with neighbour-augmented profiles.

A call's augmented profile is the normalised sum of its profile
(``core/index/profiles.py``: whole-call and side vectors fused) and its
neighbours' profiles (``core/index/neighbours.py``).  The query side is
augmented the same way when the query is a stored call (``similar``); a
free-text query would be its own vector in profile space, but the service
keeps the plain cosine for free text (augmentation lowered its MRR).  Only the best
``RESCORE_POOL`` calls of the plain ranking are re-scored: on the dev sets
re-scoring the top 50 matched scoring every call (docs/SEARCH.md).

Only stores with flat neighbourhoods are augmented (``FLAT_FALLOFF``,
``core/index/falloff.py``); the others keep the plain cosine."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.neighbours import NeighbourGraph, graph_path, load_graph
from callcenter_ai.core.index.profiles import call_profiles, query_profile

if TYPE_CHECKING:
    from callcenter_ai.core.search.dense import CallHit

RESCORE_POOL = 50  # plain hits re-scored per query
# Below this many calls a call's neighbours are much of the store, and augmentation would blur every call
# into the same average: the plain cosine is kept (the smallest dev set, MINDS-14, has 140).
MIN_CALLS = 100
# Augment only when the store's neighbourhood falloff is under this: dialog stores measured 0.42-0.59 (augmentation
# gained 0.05-0.10 P@10), intent stores 1.17-1.87 (it cost MRR: the nearest paraphrase was pushed down); 0.8 is
# the geometric middle of that gap, not a fit to either side (docs/SEARCH.md).
FLAT_FALLOFF = 0.8


def augmented_profiles(
    db: sqlite3.Connection, model_id: str, graph: NeighbourGraph, call_ids: IdArray, dims: int
) -> FloatArray:
    """Unit augmented profiles of ``call_ids``, one row each.

    Profiles come from the graph's memory-mapped file; a call indexed since the
    graph was saved has its own profile only (read from the store).
    """
    rows, known = graph.rows(call_ids)
    total = np.zeros((len(call_ids), graph.profiles.shape[1]), dtype=np.float32)
    if known.any():
        neighbours = graph.links.ids(rows[known])
        neighbour_rows, found = graph.rows(neighbours.ravel())
        found &= neighbours.ravel() >= 0
        # one gather from the memory map: each known call's own row, then its neighbours' rows
        gathered = np.asarray(graph.profiles[np.concatenate([rows[known], neighbour_rows])], dtype=np.float32)
        own, others = gathered[: len(neighbours)], gathered[len(neighbours) :]
        others[~found] = 0.0
        total[known] = own + others.reshape(len(neighbours), -1, total.shape[1]).sum(axis=1)
    if not known.all():
        fresh = call_profiles(db, model_id, call_ids[~known], dims)
        if fresh.shape[1] == total.shape[1]:
            total[~known] = fresh
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    out: FloatArray = np.divide(total, norms, out=np.zeros_like(total), where=norms > 0)
    return out


def rescore(
    db: sqlite3.Connection,
    model_id: str,
    graph: NeighbourGraph,
    hits: list[CallHit],
    query: FloatArray,
    query_call: int | None,
) -> list[CallHit]:
    """``hits`` scored by augmented cosine, best first (a hit keeps its chunks and their plain scores)."""
    if not hits:
        return hits
    dims = int(query.shape[0])
    ids = np.array([h.call_id for h in hits], dtype=np.int64)
    if query_call is None:
        augmented = augmented_profiles(db, model_id, graph, ids, dims)
        anchor = query_profile(query)
    else:  # one read for the query call and the hits
        both = augmented_profiles(db, model_id, graph, np.append(ids, query_call), dims)
        augmented, anchor = both[:-1], both[-1]
        if not anchor.any():
            anchor = query_profile(query)
    scores = augmented @ anchor
    rescored = [replace(h, score=float(s)) if s != 0 else h for h, s in zip(hits, scores, strict=True)]
    return sorted(rescored, key=lambda h: (-h.score, h.call_id))


class GraphCache:
    """The neighbour graph of each model id, read again when its file changes."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._cached: dict[str, tuple[int, NeighbourGraph | None]] = {}

    def get(self, model_id: str) -> NeighbourGraph | None:
        path = graph_path(self.index_dir, model_id)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            self._cached.pop(model_id, None)
            return None
        cached = self._cached.get(model_id)
        if cached is None or cached[0] != stamp:
            cached = (stamp, load_graph(path))
            self._cached[model_id] = cached
        graph = cached[1]
        return graph if graph is not None and augments(graph) else None


def augments(graph: NeighbourGraph) -> bool:
    """Whether ``similar`` re-scores by this graph: enough calls, and flat neighbourhoods."""
    return len(graph.call_ids) >= MIN_CALLS and graph.falloff < FLAT_FALLOFF

"""The store's neighbour graph: each call's nearest calls by cosine of their profiles.

A call's profile (:mod:`.profiles`) fuses its whole-call and side vectors.
Database-side augmentation (``core/search/similarity/augment.py``) scores a
call by the normalised sum of its profile and its ``NEIGHBOURS`` nearest
calls' profiles, which pulls calls of one topic together without any label.
The graph is fitted on the store itself, kept beside the index
(``indexes/<slug>.neighbours.npz`` and the calls' profiles in float16,
``<slug>.neighbours.<token>.npy``, memory-mapped by search; no pickle) and updated with it by the
index job: new or changed calls get their lists, kept calls take in a new
call closer than their current last neighbour, and calls that lost a
neighbour (deleted or changed) are searched again.  ``--rebuild`` refits it.
The graph also carries its store's neighbourhood ``falloff`` (:mod:`.falloff`):
search augments only stores whose neighbourhoods are flat."""

from __future__ import annotations

import io
import logging
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.falloff import neighbourhood_falloff, pair_spread
from callcenter_ai.core.index.files import atomic_write_bytes
from callcenter_ai.core.index.manifest import index_slug
from callcenter_ai.core.index.nearest import BLOCK, Rows, as_f32, nearest_rows, top
from callcenter_ai.core.index.profiles import SIDE_WEIGHTS, call_profiles
from callcenter_ai.core.index.store_reads import call_signatures

log = logging.getLogger(__name__)

NEIGHBOURS = 12  # measured: 8-12 gain on every dialog set (docs/SEARCH.md); steep stores are not augmented
FORMAT = 2  # 2: with the falloff
PROFILE_BATCH = 5_000  # calls whose profiles are built (float32) at once


@dataclass
class NeighbourGraph:
    """``call_ids`` sorted; row i holds call i's signature and its neighbours (call ids, cosines; best first)."""

    call_ids: IdArray
    signatures: IdArray
    neighbours: IdArray  # (N, NEIGHBOURS), -1 where the store had fewer calls
    cosines: FloatArray  # (N, NEIGHBOURS), -inf where empty
    profiles: npt.NDArray[np.float16]  # (N, profile width): the calls' profiles, memory-mapped once saved
    falloff: float  # the store's neighbourhood falloff (falloff.py); inf when unknown

    def rows(self, call_ids: IdArray) -> tuple[IdArray, npt.NDArray[np.bool_]]:
        """Rows of ``call_ids`` in the graph, and which of them it knows."""
        if not len(self.call_ids):
            return np.zeros(len(call_ids), dtype=np.int64), np.zeros(len(call_ids), dtype=bool)
        rows = np.minimum(np.searchsorted(self.call_ids, call_ids), len(self.call_ids) - 1)
        return rows.astype(np.int64), self.call_ids[rows] == call_ids

    def of(self, call_ids: IdArray) -> IdArray:
        """Neighbour ids of ``call_ids`` (rows of -1 for calls the graph does not know)."""
        rows, known = self.rows(call_ids)
        out = np.full((len(call_ids), self.neighbours.shape[1]), -1, dtype=np.int64)
        out[known] = self.neighbours[rows[known]]
        return out


def graph_path(index_dir: Path, model_id: str) -> Path:
    return index_dir / f"{index_slug(model_id)}.neighbours.npz"


def _graph(
    call_ids: IdArray, signatures: IdArray, neighbours: IdArray, cosines: FloatArray, vectors: Rows
) -> NeighbourGraph:
    falloff = neighbourhood_falloff(cosines, pair_spread(vectors))
    profiles = np.asarray(vectors, dtype=np.float16)
    return NeighbourGraph(call_ids.copy(), signatures.copy(), neighbours, cosines, profiles, falloff)


def fit_graph(call_ids: IdArray, signatures: IdArray, vectors: Rows, k: int = NEIGHBOURS) -> NeighbourGraph:
    """The whole graph from scratch (``vectors``: unit profiles in ``call_ids`` order, float16 or float32)."""
    cols, vals = nearest_rows(vectors, np.arange(len(call_ids)), k)
    neighbours = np.where(cols >= 0, call_ids[np.maximum(cols, 0)], -1)
    return _graph(call_ids, signatures, neighbours.astype(np.int64), vals, vectors)


def update_graph(
    old: NeighbourGraph, call_ids: IdArray, signatures: IdArray, vectors: Rows, k: int = NEIGHBOURS
) -> tuple[NeighbourGraph, int]:
    """``old`` brought in line with the store's calls; returns the graph and how many rows were searched again.

    Exact up to ``EXACT_MAX_CALLS`` calls: the result equals :func:`fit_graph` of the same vectors (up to ties).
    """
    if old.neighbours.shape[1] != k:
        return fit_graph(call_ids, signatures, vectors, k), len(call_ids)
    rows = np.searchsorted(old.call_ids, call_ids)
    rows_c = np.minimum(rows, max(len(old.call_ids) - 1, 0))
    kept = (old.call_ids[rows_c] == call_ids) & (old.signatures[rows_c] == signatures) if len(old.call_ids) else None
    if kept is None:
        return fit_graph(call_ids, signatures, vectors, k), len(call_ids)
    neighbours = np.full((len(call_ids), k), -1, dtype=np.int64)
    cosines = np.full((len(call_ids), k), -np.inf, dtype=np.float32)
    neighbours[kept] = old.neighbours[rows_c[kept]]
    cosines[kept] = old.cosines[rows_c[kept]]
    valid_ids = call_ids[kept]
    # a kept call whose neighbour was deleted or changed is searched again
    lost = kept & ~np.all(np.isin(neighbours, valid_ids) | (neighbours < 0), axis=1)
    fresh = np.flatnonzero(~kept | lost)
    if len(fresh) == 0:
        return _graph(call_ids, signatures, neighbours, cosines, vectors), 0
    cols, vals = nearest_rows(vectors, fresh, k)
    neighbours[fresh] = np.where(cols >= 0, call_ids[np.maximum(cols, 0)], -1)
    cosines[fresh] = vals
    # new or changed calls enter the lists of kept calls they are closer to than those calls' last neighbour
    entered = np.flatnonzero(~kept)
    others = np.flatnonzero(kept & ~lost)
    if len(entered) and len(others):
        newcomers = as_f32(vectors[entered])  # new or changed calls only
        for at in range(0, len(others), BLOCK):
            block = others[at : at + BLOCK]
            scores = as_f32(vectors[block]) @ newcomers.T
            last = cosines[block, -1]
            if not np.any(scores.max(axis=1) > last):
                continue
            merged_vals = np.concatenate([cosines[block], scores], axis=1)
            merged_ids = np.concatenate([neighbours[block], np.broadcast_to(call_ids[entered], scores.shape)], axis=1)
            cols_b, vals_b = top(merged_vals, k)
            neighbours[block] = np.take_along_axis(merged_ids, cols_b, axis=1)
            cosines[block] = vals_b
    return _graph(call_ids, signatures, neighbours, cosines, vectors), len(fresh)


def save_graph(path: Path, graph: NeighbourGraph) -> None:
    """The profiles to a new ``.npy`` first, then the graph naming it (atomic), then older profile files go."""
    profiles_file = path.with_name(f"{path.name.removesuffix('.npz')}.{secrets.token_hex(4)}.npy")
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(graph.profiles, dtype=np.float16))
    atomic_write_bytes(profiles_file, buffer.getbuffer())
    buffer = io.BytesIO()
    np.savez(
        buffer,
        format=np.int64(FORMAT),
        call_ids=graph.call_ids,
        signatures=graph.signatures,
        neighbours=graph.neighbours,
        cosines=graph.cosines,
        falloff=np.float64(graph.falloff),
        profiles_file=np.array(profiles_file.name),
    )
    atomic_write_bytes(path, buffer.getbuffer())
    for old in path.parent.glob(f"{path.name.removesuffix('.npz')}.*.npy"):
        if old != profiles_file:
            try:
                old.unlink(missing_ok=True)
            except OSError:  # still mapped by a search (Windows): the next save removes it
                log.debug("could not remove %s yet", old)


def load_graph(path: Path) -> NeighbourGraph | None:
    """The saved graph (profiles memory-mapped), or None when there is none or it cannot be read.

    Search then goes on with the plain cosine, and the next index run writes the graph again.
    """
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != FORMAT:
                return None
            profiles_file = path.with_name(str(data["profiles_file"]))
            graph = NeighbourGraph(
                data["call_ids"].astype(np.int64),
                data["signatures"].astype(np.int64),
                data["neighbours"].astype(np.int64),
                data["cosines"].astype(np.float32),
                np.load(profiles_file, mmap_mode="r", allow_pickle=False),
                float(data["falloff"]),
            )
    except (OSError, ValueError, KeyError) as exc:
        log.warning("neighbour graph %s unreadable (%s): search goes on without it until the next index run", path, exc)
        return None
    n = len(graph.call_ids)
    shapes_agree = graph.signatures.shape == (n,) and graph.neighbours.shape == graph.cosines.shape
    if not shapes_agree or len(graph.neighbours) != n or len(graph.profiles) != n:
        log.warning("neighbour graph %s has inconsistent shapes: ignored until the next index run", path)
        return None
    return graph


def _profiles(
    db: sqlite3.Connection, model_id: str, dims: int, old: NeighbourGraph | None, call_ids: IdArray, signatures: IdArray
) -> npt.NDArray[np.float16]:
    """Profiles of ``call_ids`` in float16: unchanged calls' from the saved graph, the others' read from the store.

    Read ``PROFILE_BATCH`` calls at a time, so only the float16 result grows with the store.
    """
    out = np.empty((len(call_ids), len(SIDE_WEIGHTS) * dims), dtype=np.float16)
    known = np.zeros(len(call_ids), dtype=bool)
    if old is not None and old.profiles.shape[1:] == out.shape[1:]:
        rows, known = old.rows(call_ids)
        known &= old.signatures[rows] == signatures
        out[known] = old.profiles[rows[known]]
    missing = np.flatnonzero(~known)
    for start in range(0, len(missing), PROFILE_BATCH):
        batch = missing[start : start + PROFILE_BATCH]
        out[batch] = call_profiles(db, model_id, call_ids[batch], dims)
    return out


def refresh_neighbours(
    db: sqlite3.Connection, model_id: str, dims: int, index_dir: Path, *, rebuild: bool = False
) -> int:
    """Bring the saved graph of ``model_id`` in line with the store; returns the calls searched (0: up to date)."""
    started = time.perf_counter()
    path = graph_path(index_dir, model_id)
    call_ids, signatures = call_signatures(db, model_id)
    old = None if rebuild else load_graph(path)
    if old is not None and np.array_equal(old.call_ids, call_ids) and np.array_equal(old.signatures, signatures):
        return 0
    vectors = _profiles(db, model_id, dims, old, call_ids, signatures)
    if old is None:
        graph, searched = fit_graph(call_ids, signatures, vectors), len(call_ids)
    else:
        graph, searched = update_graph(old, call_ids, signatures, vectors)
    save_graph(path, graph)
    log.info(
        "neighbour graph %s: %d calls, %d searched, %.2f s",
        model_id,
        len(call_ids),
        searched,
        time.perf_counter() - started,
    )
    return searched

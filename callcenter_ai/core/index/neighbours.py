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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.falloff import neighbourhood_falloff, pair_spread
from callcenter_ai.core.index.files import atomic_write_bytes
from callcenter_ai.core.index.manifest import index_slug
from callcenter_ai.core.index.profiles import SIDE_WEIGHTS, call_profiles
from callcenter_ai.core.index.store_reads import call_signatures

log = logging.getLogger(__name__)

NEIGHBOURS = 12  # measured: 8-12 gain on every dialog set (docs/SEARCH.md); steep stores are not augmented
BLOCK = 256  # query rows per similarity block (BLOCK x N float32 in memory)
# Past this many calls, searching more than EXACT_MAX_ROWS of them is approximate (FAISS IVF): an exact
# fit costs N^2 products (about 30 minutes at 100k calls on 2 cores), the IVF one about N^1.5.
EXACT_MAX_CALLS = 20_000
EXACT_MAX_ROWS = 2_000
IVF_PROBES = 8
FORMAT = 2  # 2: with the falloff


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
    call_ids: IdArray, signatures: IdArray, neighbours: IdArray, cosines: FloatArray, vectors: FloatArray
) -> NeighbourGraph:
    falloff = neighbourhood_falloff(cosines, pair_spread(vectors))
    return NeighbourGraph(call_ids.copy(), signatures.copy(), neighbours, cosines, vectors.astype(np.float16), falloff)


def _top(scores: FloatArray, k: int) -> tuple[IdArray, FloatArray]:
    """Columns and values of the ``k`` largest per row, best first."""
    k = min(k, scores.shape[1])
    part = (
        np.argpartition(-scores, k - 1, axis=1)[:, :k]
        if k < scores.shape[1]
        else np.tile(np.arange(k), (len(scores), 1))
    )
    values = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(values, order, axis=1)


def _blocks(rows: IdArray) -> Iterator[IdArray]:
    for start in range(0, len(rows), BLOCK):
        yield rows[start : start + BLOCK]


def _search(vectors: FloatArray, rows: IdArray, k: int) -> tuple[IdArray, FloatArray]:
    """The ``k`` nearest rows of ``vectors`` for each of ``rows`` (itself left out)."""
    if len(vectors) > EXACT_MAX_CALLS and len(rows) > EXACT_MAX_ROWS:
        return _search_ivf(vectors, rows, k)
    cols = np.full((len(rows), k), -1, dtype=np.int64)
    vals = np.full((len(rows), k), -np.inf, dtype=np.float32)
    at = 0
    for block in _blocks(rows):
        scores = vectors[block] @ vectors.T
        scores[np.arange(len(block)), block] = -np.inf
        got_cols, got_vals = _top(scores, k)
        width = got_cols.shape[1]
        cols[at : at + len(block), :width] = got_cols
        vals[at : at + len(block), :width] = got_vals
        at += len(block)
    cols[~np.isfinite(vals)] = -1
    return cols, vals


def _search_ivf(vectors: FloatArray, rows: IdArray, k: int) -> tuple[IdArray, FloatArray]:
    """Approximate :func:`_search` for big stores: FAISS IVF, sqrt(N) lists, ``IVF_PROBES`` probed."""
    import faiss

    n, dims = vectors.shape
    nlist = int(np.sqrt(n))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dims), dims, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = np.random.default_rng(0).choice(n, size=min(n, 40 * nlist), replace=False)
    index.train(np.ascontiguousarray(vectors[np.sort(sample)]))
    index.add(np.ascontiguousarray(vectors))
    index.nprobe = IVF_PROBES
    found_vals, found_cols = index.search(np.ascontiguousarray(vectors[rows]), k + 1)
    found_vals[found_cols == rows[:, None]] = -np.inf  # the row itself
    found_vals[found_cols < 0] = -np.inf
    order = np.argsort(-found_vals, axis=1, kind="stable")[:, :k]
    vals = np.take_along_axis(found_vals, order, axis=1).astype(np.float32)
    cols = np.take_along_axis(found_cols, order, axis=1).astype(np.int64)
    cols[~np.isfinite(vals)] = -1
    return cols, vals


def fit_graph(call_ids: IdArray, signatures: IdArray, vectors: FloatArray, k: int = NEIGHBOURS) -> NeighbourGraph:
    """The whole graph from scratch (``vectors``: unit call vectors in ``call_ids`` order)."""
    cols, vals = _search(vectors, np.arange(len(call_ids)), k)
    neighbours = np.where(cols >= 0, call_ids[np.maximum(cols, 0)], -1)
    return _graph(call_ids, signatures, neighbours.astype(np.int64), vals, vectors)


def update_graph(
    old: NeighbourGraph, call_ids: IdArray, signatures: IdArray, vectors: FloatArray, k: int = NEIGHBOURS
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
    cols, vals = _search(vectors, fresh, k)
    neighbours[fresh] = np.where(cols >= 0, call_ids[np.maximum(cols, 0)], -1)
    cosines[fresh] = vals
    # new or changed calls enter the lists of kept calls they are closer to than those calls' last neighbour
    entered = np.flatnonzero(~kept)
    others = np.flatnonzero(kept & ~lost)
    if len(entered) and len(others):
        for block in _blocks(others):
            scores = vectors[block] @ vectors[entered].T
            last = cosines[block, -1]
            if not np.any(scores.max(axis=1) > last):
                continue
            merged_vals = np.concatenate([cosines[block], scores], axis=1)
            merged_ids = np.concatenate([neighbours[block], np.broadcast_to(call_ids[entered], scores.shape)], axis=1)
            cols_b, vals_b = _top(merged_vals, k)
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
) -> FloatArray:
    """Profiles of ``call_ids``: unchanged calls' from the saved graph, the others' read from the store."""
    if old is None or old.profiles.shape[1:] != (len(SIDE_WEIGHTS) * dims,):
        return call_profiles(db, model_id, call_ids, dims)
    rows, known = old.rows(call_ids)
    known &= old.signatures[rows] == signatures
    out = np.empty((len(call_ids), len(SIDE_WEIGHTS) * dims), dtype=np.float32)
    out[known] = old.profiles[rows[known]]
    if not known.all():
        out[~known] = call_profiles(db, model_id, call_ids[~known], dims)
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

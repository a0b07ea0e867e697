"""The store's neighbour graph: each call's nearest calls by cosine of their profiles.

A call's profile (:mod:`.profiles`) fuses its whole-call and side vectors.
Database-side augmentation (``core/search/similarity/augment.py``) scores a
call by the normalised sum of its profile and its ``NEIGHBOURS`` nearest
calls' profiles, which pulls calls of one topic together without any label.
The graph is fitted on the store itself, kept beside the index
(``indexes/<slug>.neighbours.npz``; the calls' profiles in float16 and their
links in ``<slug>.neighbours.<token>.npy`` segments, memory-mapped; no pickle;
:mod:`.graph_files`) and updated with it by the index job at a cost that
follows the change: new or changed calls get their lists, kept calls take in
a new call closer than their current last neighbour, and calls that lost a
neighbour (deleted or changed) are searched again; only the new calls'
profiles (:mod:`.profile_rows`) and the changed rows' links
(:mod:`.graph_links`) are written.  Up to ``EXACT_MAX_CALLS``
calls the search is exact (an update equals a fit); past it, the rows are
grouped by centroid and compared within their nearest lists (:mod:`.coarse`),
and the update searches only for the new calls, finding the kept calls they
enter from the same scores.  ``--rebuild`` refits it.
The graph also carries its store's neighbourhood ``falloff`` (:mod:`.falloff`):
search augments only stores whose neighbourhoods are flat."""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray, locate
from callcenter_ai.core.index import coarse, nearest
from callcenter_ai.core.index.falloff import neighbourhood_falloff, pair_spread
from callcenter_ai.core.index.graph_files import graph_path, load_graph, save_graph
from callcenter_ai.core.index.graph_links import LinkRows, Records, no_records, records
from callcenter_ai.core.index.nearest import ids_of, nearest_rows, offer, update_exact
from callcenter_ai.core.index.profile_rows import ProfileRows
from callcenter_ai.core.index.profiles import SIDE_WEIGHTS, ReadChunks, call_profiles, profiles_from_chunks
from callcenter_ai.core.index.store_reads import call_signatures

__all__ = ["NEIGHBOURS", "NeighbourGraph", "fit_graph", "graph_path", "load_graph", "refresh_neighbours", "save_graph"]

log = logging.getLogger(__name__)

NEIGHBOURS = 12  # measured: 8-12 gain on every dialog set (docs/SEARCH.md); steep stores are not augmented
PROFILE_BATCH = 5_000  # calls whose profiles are built (float32) at once
SPREAD_DRIFT = 0.1  # the falloff's pair spread is sampled again when the store grew or shrank by this share
REFIT_GROWTH = 2.0  # past this many times the calls of the last fit, the centroids are trained again (a fit)
Profiles = ProfileRows | npt.NDArray[np.floating]


@dataclass
class NeighbourGraph:
    """``call_ids`` sorted; row i holds call i's signature and its neighbours (call ids, cosines; best first)."""

    call_ids: IdArray
    signatures: IdArray
    links: LinkRows  # each row's neighbours (call ids; -1 where the store had fewer calls) and cosines (-inf there)
    profiles: ProfileRows  # (N, profile width) float16: the calls' profiles, memory-mapped once saved
    falloff: float  # the store's neighbourhood falloff (falloff.py); inf when unknown
    spread: float = 0.0  # the falloff's pair spread, sampled at ``spread_calls`` calls
    spread_calls: int = 0
    fitted_calls: int = 0  # calls at the last fit
    centroids: FloatArray | None = None  # the coarse lists' centroids (coarse.py); None: exact search
    lists: npt.NDArray[np.int32] | None = None  # each row's list

    @property
    def neighbours(self) -> IdArray:
        """Every row's neighbour ids, (N, k), gathered whole (small graphs, tests); search reads rows (:meth:`of`)."""
        return self.links.ids(slice(None))

    @property
    def cosines(self) -> FloatArray:
        return self.links.cosines(slice(None))

    def rows(self, call_ids: IdArray) -> tuple[IdArray, npt.NDArray[np.bool_]]:
        """Rows of ``call_ids`` in the graph, and which of them it knows."""
        return locate(self.call_ids, call_ids)

    def of(self, call_ids: IdArray) -> IdArray:
        """Neighbour ids of ``call_ids`` (rows of -1 for calls the graph does not know)."""
        rows, known = self.rows(call_ids)
        out = np.full((len(call_ids), self.links.k), -1, dtype=np.int64)
        out[known] = self.links.ids(rows[known])
        return out


def fit_graph(call_ids: IdArray, signatures: IdArray, vectors: Profiles, k: int = NEIGHBOURS) -> NeighbourGraph:
    """The whole graph from scratch (``vectors``: unit profiles in ``call_ids`` order)."""
    profiles = ProfileRows.of(vectors)
    n = len(call_ids)
    centroids, lists = None, None
    if n <= nearest.EXACT_MAX_CALLS:
        cols, vals = nearest_rows(profiles, np.arange(n), k)
    else:
        centroids = coarse.train_centroids(profiles, coarse.list_count(n))
        probes = coarse.probes(centroids, profiles, np.arange(n))
        lists = probes[:, 0].astype(np.int32)
        profiles = profiles.folded(0, lists)  # saved in list order: a list's rows are then read as one run
        cols, vals = coarse.nearest_in_lists(profiles, np.arange(n), probes, lists, k)
    spread = pair_spread(profiles)
    links = LinkRows.of(ids_of(call_ids, cols), vals)
    graph = NeighbourGraph(call_ids.copy(), signatures.copy(), links, profiles, 0.0, spread, n, n)
    graph.falloff, graph.centroids, graph.lists = neighbourhood_falloff(vals, spread), centroids, lists
    return graph


def update_graph(
    old: NeighbourGraph, call_ids: IdArray, signatures: IdArray, vectors: Profiles, k: int = NEIGHBOURS
) -> tuple[NeighbourGraph, int]:
    """``old`` brought in line with the store's calls; returns the graph and how many rows were searched again.

    Up to ``EXACT_MAX_CALLS`` calls the result equals :func:`fit_graph` of the same vectors (up to ties).
    """
    profiles = ProfileRows.of(vectors)
    n = len(call_ids)
    exact = n <= nearest.EXACT_MAX_CALLS
    refit = (
        old.links.k != k
        or not len(old.call_ids)
        or exact != (old.centroids is None)
        or (not exact and n > REFIT_GROWTH * old.fitted_calls)
    )
    if refit:
        return fit_graph(call_ids, signatures, profiles, k), n
    rows, known = old.rows(call_ids)
    kept = known & (old.signatures[rows] == signatures)
    # a kept call whose neighbour was deleted or changed is searched again
    still_there = np.zeros(len(old.call_ids), dtype=bool)
    still_there[rows[kept]] = True
    gone = old.call_ids[~still_there]
    lost = np.zeros(n, dtype=bool)
    if len(gone):
        lost[kept] = np.isin(old.links.ids(rows[kept]), gone).any(axis=1)
    fresh = np.flatnonzero(~kept | lost)
    graph = NeighbourGraph(call_ids.copy(), signatures.copy(), old.links, profiles, old.falloff)
    graph.spread, graph.spread_calls, graph.fitted_calls = old.spread, old.spread_calls, old.fitted_calls
    graph.centroids = old.centroids
    if exact:
        neighbours, cosines = old.links.ids(rows), old.links.cosines(rows)  # whole: at most EXACT_MAX_CALLS rows
        neighbours[~kept], cosines[~kept] = -1, -np.inf
        if len(fresh):
            update_exact(profiles, call_ids, neighbours, cosines, kept, lost, fresh, k)
        graph.links = LinkRows.of(neighbours, cosines)
    else:
        assert old.centroids is not None and old.lists is not None
        graph.lists = np.zeros(n, dtype=np.int32)
        graph.lists[kept] = old.lists[rows[kept]]
        changed, block = (
            _update_in_lists(graph, old.links, rows, kept, lost, fresh, k) if len(fresh) else (fresh, no_records(k))
        )
        old_rows = np.where(kept, rows, -1)
        old_rows[changed] = -1
        graph.links = old.links.then(old_rows, block)
    if abs(n - graph.spread_calls) > SPREAD_DRIFT * max(graph.spread_calls, 1):
        graph.spread, graph.spread_calls = pair_spread(profiles), n
    graph.falloff = neighbourhood_falloff(_first_and_last(graph.links), graph.spread)
    return graph, len(fresh)


def _first_and_last(links: LinkRows) -> FloatArray:
    """Each row's nearest and k-th cosine: all the falloff reads, without a copy of every row."""
    if links.k < 2:
        return links.cosines(slice(None))
    return np.stack([links.column(0), links.column(-1)], axis=1)


def _update_in_lists(
    graph: NeighbourGraph,
    old_links: LinkRows,
    rows: IdArray,
    kept: npt.NDArray[np.bool_],
    lost: npt.NDArray[np.bool_],
    fresh: IdArray,
    k: int,
) -> tuple[IdArray, Records]:
    """Search only ``fresh`` rows in their lists; kept rows a new row beats their last neighbour in take it in.

    Returns the rows whose links changed (sorted) and their new links; the others keep theirs.
    """
    assert graph.centroids is not None and graph.lists is not None
    probes = coarse.probes(graph.centroids, graph.profiles, fresh)
    entering = ~kept[fresh]  # new or changed rows (the others are kept rows searched again)
    graph.lists[fresh[entering]] = probes[entering, 0]
    open_rows = kept & ~lost  # rows that keep their list and may take a new row in
    last = np.full(len(kept), np.inf, dtype=np.float32)
    last[open_rows] = old_links.column(-1)[rows[open_rows]]
    found: list[tuple[IdArray, IdArray, FloatArray]] = []

    def entrants(who: IdArray, members: IdArray, scores: FloatArray) -> None:  # on a worker thread
        hits = (scores > last[members][None, :]) & entering[who][:, None]
        hit_r, hit_c = np.nonzero(hits)
        if len(hit_r):
            found.append((members[hit_c], fresh[who[hit_r]], scores[hit_r, hit_c]))  # list.append: thread-safe

    cols, vals = coarse.nearest_in_lists(graph.profiles, fresh, probes, graph.lists, k, entrants)
    if not found:
        return fresh, records(ids_of(graph.call_ids, cols), vals)
    members, newcomers, scores = (np.concatenate(p) for p in zip(*found, strict=True))
    taking = np.unique(members)  # kept rows a new row enters: they keep their links and take it in
    changed = np.union1d(fresh, taking)
    ids = np.empty((len(changed), k), dtype=np.int64)
    cosines = np.empty((len(changed), k), dtype=np.float32)
    at_fresh, at_taking = np.searchsorted(changed, fresh), np.searchsorted(changed, taking)
    ids[at_fresh], cosines[at_fresh] = ids_of(graph.call_ids, cols), vals
    ids[at_taking], cosines[at_taking] = old_links.ids(rows[taking]), old_links.cosines(rows[taking])
    offer(ids, cosines, np.searchsorted(changed, members), graph.call_ids[newcomers], scores)
    return changed, records(ids, cosines)


def _profiles(
    db: sqlite3.Connection,
    model_id: str,
    dims: int,
    old: NeighbourGraph | None,
    call_ids: IdArray,
    signatures: IdArray,
    read: ReadChunks | None,
) -> ProfileRows:
    """Profiles of ``call_ids``: unchanged calls' stay in the saved segments, the others are built from the
    chunks the index job has just read (``read``) or else read from the store.

    Read ``PROFILE_BATCH`` calls at a time; the new ones become one more (in-memory) segment.
    """
    width = len(SIDE_WEIGHTS) * dims
    old_rows = np.full(len(call_ids), -1, dtype=np.int64)
    if old is not None and old.profiles.width == width:
        rows, known = old.rows(call_ids)
        known &= old.signatures[rows] == signatures
        old_rows[known] = rows[known]
    missing = np.flatnonzero(old_rows < 0)
    fresh = np.empty((len(missing), width), dtype=np.float16)
    just_read = np.isin(call_ids[missing], read.calls) if read is not None else np.zeros(len(missing), dtype=bool)
    for source in (np.flatnonzero(just_read), np.flatnonzero(~just_read)):
        for start in range(0, len(source), PROFILE_BATCH):
            batch = source[start : start + PROFILE_BATCH]
            ids = call_ids[missing[batch]]
            if read is not None and just_read[batch[0]]:
                fresh[batch] = profiles_from_chunks(ids, read, dims)
            else:
                fresh[batch] = call_profiles(db, model_id, ids, dims)
    if old is None or old.profiles.width != width:
        return ProfileRows.of(fresh)
    return old.profiles.then(old_rows, fresh)


def refresh_neighbours(
    db: sqlite3.Connection,
    model_id: str,
    dims: int,
    index_dir: Path,
    *,
    rebuild: bool = False,
    calls: tuple[IdArray, IdArray] | None = None,
    read: ReadChunks | None = None,
) -> int:
    """Bring the saved graph of ``model_id`` in line with the store; returns the calls searched (0: up to date).

    ``calls``: the store's (call ids, signatures) when the caller has just read them (the index job);
    ``read``: the chunk vectors of the new and changed calls, when it has read them too.
    """
    started = time.perf_counter()
    path = graph_path(index_dir, model_id)
    call_ids, signatures = calls if calls is not None else call_signatures(db, model_id)
    old = None if rebuild else load_graph(path, to_update=True)
    if old is not None and np.array_equal(old.call_ids, call_ids) and np.array_equal(old.signatures, signatures):
        return 0
    vectors = _profiles(db, model_id, dims, old, call_ids, signatures, read)
    if old is None:
        graph, searched = fit_graph(call_ids, signatures, vectors), len(call_ids)
    else:
        graph, searched = update_graph(old, call_ids, signatures, vectors)
    graph.profiles, graph.links = graph.profiles.tidied(graph.lists), graph.links.tidied()
    save_graph(path, graph)
    log.info(
        "neighbour graph %s: %d calls, %d searched, %.2f s",
        model_id,
        len(call_ids),
        searched,
        time.perf_counter() - started,
    )
    return searched

"""Approximate nearest rows for big stores: rows grouped by their nearest centroid, scored exactly per group.

``sqrt(N)`` centroids are trained (FAISS spherical k-means on a sample); each
row belongs to its nearest centroid's *list* and a query row is compared
with the members of its ``NPROBE`` nearest lists only (an inverted file, as
FAISS IVF).  The comparison runs list by list as one matrix product of the
queries probing a list against that list's members (float32, BLAS), so the
cosines are exact and a fit costs about ``N * NPROBE * sqrt(N)`` products
instead of ``N^2``; measured recall@12 against the exact search is in
docs/PERFORMANCE.md.  The centroids and each row's list are saved with the
graph, so an update assigns only its new rows and probes only for them.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol, TypeVar

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.nearest import Rows, as_f32, best_unordered, rows_f32, top
from callcenter_ai.core.index.profile_rows import ProfileRows

NPROBE = 8  # lists searched per row
SAMPLE_PER_LIST = 40  # training rows per centroid
TRAIN_ITERATIONS = 10
ROWS_AT_ONCE = 20_000  # rows assigned (and held as float32) at once
QUERIES_HELD = 64 << 20  # bytes of float32 query rows decoded once for every list (an update's few queries)
OFFERED_AT_ONCE = 4_000_000  # up to this many candidates (queries x probes x k) kept for one top at the end
ListArray = npt.NDArray[np.int32]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def list_count(n: int) -> int:
    return max(1, round(float(np.sqrt(n))))


def train_centroids(vectors: Rows, n_lists: int) -> FloatArray:
    """``n_lists`` unit centroids of a fixed sample of ``vectors`` (spherical k-means)."""
    import faiss

    n = len(vectors)
    sample = np.sort(np.random.default_rng(0).choice(n, size=min(n, SAMPLE_PER_LIST * n_lists), replace=False))
    rows = as_f32(vectors[sample])
    kmeans = faiss.Kmeans(rows.shape[1], n_lists, niter=TRAIN_ITERATIONS, spherical=True, seed=1234, verbose=False)
    kmeans.train(rows)
    centroids: FloatArray = np.ascontiguousarray(kmeans.centroids, dtype=np.float32)
    return centroids


def probes(centroids: FloatArray, vectors: Rows, rows: IdArray, nprobe: int = NPROBE) -> IdArray:
    """The ``nprobe`` nearest lists of each of ``rows``, nearest first (column 0: the row's own list)."""
    import faiss

    index = faiss.IndexFlatIP(centroids.shape[1])
    index.add(centroids)
    nprobe = min(nprobe, len(centroids))
    out = np.empty((len(rows), nprobe), dtype=np.int64)
    for at in range(0, len(rows), ROWS_AT_ONCE):
        chunk = rows[at : at + ROWS_AT_ONCE]
        out[at : at + len(chunk)] = index.search(as_f32(vectors[chunk]), nprobe)[1]
    return out


def scored_lists(
    vectors: Rows, queries: IdArray, query_probes: IdArray, lists: ListArray, reduce: Reduce[T]
) -> Iterator[T]:
    """Per list, ``reduce(who, probe, members, cosines)``: the positions in ``queries`` probing it and which of
    their probes it is, its member rows, their cosines (a row never with itself), reduced on the worker thread
    that scored the list.

    Lists are scored on one thread per core, each with single-threaded BLAS: the products are small,
    and BLAS's own threads waiting on each other cost ten times the work on a busy machine (measured).
    Whatever does not depend on the list's scores is worked out for every list at once beforehand: an
    update's few queries per list made each list's own small array operations a fifth of its time.
    """
    held = rows_f32(vectors, queries) if len(queries) * vectors.shape[1] * 4 <= QUERIES_HELD else None
    n_lists = int(max(int(lists.max(initial=0)), int(query_probes.max(initial=0)))) + 1
    # a list's members in file order: a base saved in list order (fit_graph) is then read run by run
    members = np.lexsort((vectors.at, lists)) if isinstance(vectors, ProfileRows) else np.argsort(lists, kind="stable")
    member_bounds = np.searchsorted(lists[members], np.arange(n_lists + 1)).tolist()
    column = np.empty(len(lists), dtype=np.int64)  # each row's column among its list's members
    column[members] = np.arange(len(members)) - np.asarray(member_bounds)[lists[members]]
    flat = query_probes.ravel()
    asking = np.argsort(flat, kind="stable")  # (query, probe) pairs by list
    ask_bounds = np.searchsorted(flat[asking], np.arange(n_lists + 1)).tolist()
    asking_who, asking_probe = np.divmod(asking, query_probes.shape[1])
    asking_who, asking_probe = asking_who.astype(np.int32), asking_probe.astype(np.int16)  # a fit has 8 pairs a row
    asking_rows = queries[asking_who]
    # the pair's own column where its query is a member of the list it probes (its own list), else -1
    own_column = np.where(lists[asking_rows] == flat[asking], column[asking_rows], -1).astype(np.int32)
    del asking, asking_rows, column  # only what each list reads is kept

    def score(m: int) -> T:
        inside = members[member_bounds[m] : member_bounds[m + 1]]
        lo, hi = ask_bounds[m], ask_bounds[m + 1]
        who = asking_who[lo:hi]
        asked = held[who] if held is not None else as_f32(vectors[queries[who]])
        their = rows_f32(vectors, inside, ascending=True)
        live = live_columns(their)  # a side none of them has (one-line calls: no operator) adds nothing
        if not live.all():
            asked, their = asked[:, live], their[:, live]
        scores = asked @ their.T
        own = np.flatnonzero(own_column[lo:hi] >= 0)
        scores[own, own_column[lo:hi][own]] = -np.inf
        return reduce(who, asking_probe[lo:hi], inside, scores)

    todo = [m for m in range(n_lists) if member_bounds[m + 1] > member_bounds[m] and ask_bounds[m + 1] > ask_bounds[m]]
    workers = max(1, os.cpu_count() or 1)
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
        pending: deque[Future[T]] = deque()
        for m in todo:
            pending.append(pool.submit(score, m))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def live_columns(rows: FloatArray, first: int = 8) -> npt.NDArray[np.bool_]:
    """Columns not zero in every row.  A nonzero among the first ``first`` rows settles a column; only the
    columns zero there are checked further down, so a list with every side costs a few rows, not all of them."""
    live: npt.NDArray[np.bool_] = np.any(rows[:first] != 0, axis=0)
    unsettled = np.flatnonzero(~live)
    if len(unsettled) and len(rows) > first:
        live[unsettled] = np.any(rows[first:, unsettled] != 0, axis=0)
    return live


def nearest_in_lists(
    vectors: Rows,
    queries: IdArray,
    query_probes: IdArray,
    lists: ListArray,
    k: int,
    on_scores: OnScores | None = None,
) -> tuple[IdArray, FloatArray]:
    """The ``k`` nearest rows (cosines, best first) of ``queries`` among their probed lists; -1 / -inf where none.

    ``on_scores(who, members, scores)`` sees every list's scores too, on the worker thread that scored
    it (the update finds kept rows a query enters with it).  Each list's ``k`` best are taken there too.
    """
    width = query_probes.shape[1]
    slotted = len(queries) * width * k <= OFFERED_AT_ONCE  # an update: every list's best kept, one top at the end
    if slotted:
        slot_cols = np.full((len(queries), width, k), -1, dtype=np.int64)
        slot_vals = np.full((len(queries), width, k), -np.inf, dtype=np.float32)

    def best_of_list(
        who: IdArray, probe: IdArray, inside: IdArray, scores: FloatArray
    ) -> tuple[IdArray, IdArray, FloatArray]:
        if on_scores is not None:
            on_scores(who, inside, scores)
        best, best_vals = (best_unordered if slotted else top)(scores, k)  # slots are ordered once, at the end
        if slotted:  # each (query, probe) slot is this list's alone: written here, on its worker thread
            slot_cols[who, probe, : best.shape[1]] = inside[best]
            slot_vals[who, probe, : best.shape[1]] = best_vals
        return who, inside[best], best_vals

    found = scored_lists(vectors, queries, query_probes, lists, best_of_list)
    if slotted:
        deque(found, maxlen=0)  # every list scored (and slotted)
        picked, vals = top(slot_vals.reshape(len(queries), -1), k)
        cols = np.take_along_axis(slot_cols.reshape(len(queries), -1), picked, axis=1)
        cols[~np.isfinite(vals)] = -1
        return cols, vals
    cols = np.full((len(queries), k), -1, dtype=np.int64)
    vals = np.full((len(queries), k), -np.inf, dtype=np.float32)
    for who, ids, values in found:  # a fit: merged list by list, so memory stays bounded
        # only rows with a member beating their k-th so far (every row, the first time it is seen) are merged
        better = np.flatnonzero(values[:, 0] > vals[who, -1])
        if len(better):
            rows = who[better]
            merged_vals = np.concatenate([vals[rows], values[better]], axis=1)
            merged_cols = np.concatenate([cols[rows], ids[better]], axis=1)
            picked, vals[rows] = top(merged_vals, k)
            cols[rows] = np.take_along_axis(merged_cols, picked, axis=1)
    cols[~np.isfinite(vals)] = -1
    return cols, vals


class Reduce(Protocol[T_co]):
    def __call__(self, who: IdArray, probe: IdArray, members: IdArray, scores: FloatArray, /) -> T_co: ...


class OnScores(Protocol):
    def __call__(self, who: IdArray, members: IdArray, scores: FloatArray, /) -> None: ...

"""The k nearest rows of a matrix of unit rows (float16 profiles), within the matrix, itself left out.

Exact in blocks: ``BLOCK`` query rows against ``COLUMNS`` rows at a time, so
memory stays bounded whatever the store's size (the profiles stay float16;
only a block of them is float32 at once).  Used up to ``EXACT_MAX_CALLS``
rows: an exact fit costs N^2 products (about 30 minutes at 100k calls on 2
cores); past it the graph uses coarse lists (``coarse.py``), about N^1.5.
Columns that are zero in
every row (a side no call has: one-line calls have no operator) are left out
of both: the same cosines for a third less work.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.profile_rows import ProfileRows, decode_into

Matrix = npt.NDArray[np.float16] | FloatArray
Rows = Matrix | ProfileRows  # profiles by row, in memory or in saved segments
BLOCK = 256  # query rows per block
COLUMNS = 20_000  # rows compared (and held as float32) at once
EXACT_MAX_CALLS = 20_000  # past this many calls the graph is searched by coarse lists (coarse.py)


def top(scores: FloatArray, k: int) -> tuple[IdArray, FloatArray]:
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


def best_unordered(scores: FloatArray, k: int) -> tuple[IdArray, FloatArray]:
    """Columns and values of the ``k`` largest per row, in no particular order (:func:`top` without its sort)."""
    k = min(k, scores.shape[1])
    if k == scores.shape[1]:
        return np.tile(np.arange(k), (len(scores), 1)), scores.copy()
    part = np.argpartition(scores, scores.shape[1] - k, axis=1)[:, -k:]
    return part, np.take_along_axis(scores, part, axis=1)


def offer(cols: IdArray, vals: FloatArray, rows: IdArray, new_cols: IdArray, new_vals: FloatArray) -> None:
    """Each (row, column, value) offered to its row of the running best ``cols`` / ``vals`` (best first), in place.

    A row may be offered many at once: each keeps its best ``k`` of its current and offered ones.
    """
    if not len(rows):
        return
    k = cols.shape[1]
    order = np.lexsort((-new_vals, rows))
    rows, new_cols, new_vals = rows[order], new_cols[order], new_vals[order]
    block, first, counts = np.unique(rows, return_index=True, return_counts=True)
    rank = np.arange(len(rows)) - np.repeat(first, counts)
    width = int(min(int(counts.max()), k))
    take = rank < width
    where = np.repeat(np.arange(len(block)), counts)[take]
    pad_cols = np.full((len(block), width), -1, dtype=np.int64)
    pad_vals = np.full((len(block), width), -np.inf, dtype=np.float32)
    pad_cols[where, rank[take]] = new_cols[take]
    pad_vals[where, rank[take]] = new_vals[take]
    merged_cols = np.concatenate([cols[block], pad_cols], axis=1)
    picked, vals[block] = top(np.concatenate([vals[block], pad_vals], axis=1), k)
    cols[block] = np.take_along_axis(merged_cols, picked, axis=1)


def as_f32(rows: Matrix) -> FloatArray:
    """``rows`` as float32 (float16 rows through :func:`~.profile_rows.decode_into`)."""
    if rows.dtype == np.float16 and rows.ndim == 2 and rows.size:
        out = np.empty(rows.shape, dtype=np.float32)
        decode_into(out, rows.view(np.float16))
        return out
    return np.ascontiguousarray(rows, dtype=np.float32)


def rows_f32(vectors: Rows, rows: IdArray, *, ascending: bool = False) -> FloatArray:
    """``as_f32(vectors[rows])``; saved profiles in file order are decoded without a gather (ProfileRows.decoded;
    ``ascending``: the caller knows ``rows`` lie in file order)."""
    return vectors.decoded(rows, ascending=ascending) if isinstance(vectors, ProfileRows) else as_f32(vectors[rows])


def nearest_rows(vectors: Rows, rows: IdArray, k: int) -> tuple[IdArray, FloatArray]:
    """The ``k`` nearest rows of ``vectors`` (cosines, best first) for each of ``rows``; -1 / -inf where none."""
    columns = live_columns(vectors)
    cols = np.full((len(rows), k), -1, dtype=np.int64)
    vals = np.full((len(rows), k), -np.inf, dtype=np.float32)
    queries = as_f32(vectors[rows][:, columns])  # at most EXACT_MAX_CALLS rows (the graph's exact path)
    for start in range(0, len(vectors), COLUMNS):
        part = as_f32(vectors[start : start + COLUMNS][:, columns])
        for at in range(0, len(rows), BLOCK):
            block = slice(at, at + BLOCK)
            scores = queries[block] @ part.T
            own = rows[block] - start
            inside = (own >= 0) & (own < len(part))
            scores[np.flatnonzero(inside), own[inside]] = -np.inf
            best, best_vals = top(scores, k)  # this part's k best first: the merge then sorts 2k per row, not 20,000
            merged_vals = np.concatenate([vals[block], best_vals], axis=1)
            merged_cols = np.concatenate([cols[block], best + start], axis=1)
            picked, vals[block] = top(merged_vals, k)
            cols[block] = np.take_along_axis(merged_cols, picked, axis=1)
    cols[~np.isfinite(vals)] = -1
    return cols, vals


def live_columns(vectors: Rows) -> IdArray:
    """Columns that are not zero in every row: a side no call has (one-line calls have no operator) adds nothing."""
    live = np.zeros(vectors.shape[1], dtype=bool)
    for start in range(0, len(vectors), COLUMNS):
        live |= np.any(vectors[start : start + COLUMNS] != 0, axis=0)
    return np.flatnonzero(live) if live.any() else np.arange(vectors.shape[1])


def ids_of(call_ids: IdArray, cols: IdArray) -> IdArray:
    """Call ids of row numbers ``cols`` (-1 stays -1)."""
    return np.where(cols >= 0, call_ids[np.maximum(cols, 0)], -1).astype(np.int64)


def update_exact(
    profiles: ProfileRows,
    call_ids: IdArray,
    neighbours: IdArray,
    cosines: FloatArray,
    kept: npt.NDArray[np.bool_],
    lost: npt.NDArray[np.bool_],
    fresh: IdArray,
    k: int,
) -> None:
    """Rows ``fresh`` of (``neighbours``, ``cosines``), in place: searched exactly; new or changed rows
    (``~kept``) enter the lists of kept rows (not ``lost``) they are closer to than those rows' last neighbour."""
    cols, vals = nearest_rows(profiles, fresh, k)
    neighbours[fresh], cosines[fresh] = ids_of(call_ids, cols), vals
    entered = np.flatnonzero(~kept)
    others = np.flatnonzero(kept & ~lost)
    if not len(entered) or not len(others):
        return
    newcomers = as_f32(profiles[entered])
    for at in range(0, len(others), BLOCK):
        block = others[at : at + BLOCK]
        scores = as_f32(profiles[block]) @ newcomers.T
        if np.any(scores.max(axis=1) > cosines[block, -1]):
            _merge(neighbours, cosines, block, np.broadcast_to(call_ids[entered], scores.shape), scores, k)


def _merge(neighbours: IdArray, cosines: FloatArray, block: IdArray, ids: IdArray, scores: FloatArray, k: int) -> None:
    """Rows ``block`` keep their ``k`` best of their current neighbours and ``ids`` (scored ``scores``)."""
    merged_vals = np.concatenate([cosines[block], scores], axis=1)
    merged_ids = np.concatenate([neighbours[block], ids], axis=1)
    cols, vals = top(merged_vals, k)
    neighbours[block] = np.take_along_axis(merged_ids, cols, axis=1)
    cosines[block] = vals

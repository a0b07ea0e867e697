"""The k nearest rows of a matrix of unit rows (float16 profiles), within the matrix, itself left out.

Exact in blocks: ``BLOCK`` query rows against ``COLUMNS`` rows at a time, so
memory stays bounded whatever the store's size (the profiles stay float16;
only a block of them is float32 at once).  Past ``EXACT_MAX_CALLS`` rows,
searching more than ``EXACT_MAX_ROWS`` of them is approximate (FAISS IVF
with float16 codes): an exact fit costs N^2 products (about 30 minutes at
100k calls on 2 cores), the IVF one about N^1.5.  Columns that are zero in
every row (a side no call has: one-line calls have no operator) are left out
of both: the same cosines for a third less work.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray

Rows = npt.NDArray[np.float16] | FloatArray
BLOCK = 256  # query rows per block
COLUMNS = 20_000  # rows compared (and held as float32) at once
EXACT_MAX_CALLS = 20_000
EXACT_MAX_ROWS = 2_000
IVF_PROBES = 8


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


def as_f32(rows: Rows) -> FloatArray:
    return np.ascontiguousarray(rows, dtype=np.float32)


def nearest_rows(vectors: Rows, rows: IdArray, k: int) -> tuple[IdArray, FloatArray]:
    """The ``k`` nearest rows of ``vectors`` (cosines, best first) for each of ``rows``; -1 / -inf where none."""
    if len(vectors) > EXACT_MAX_CALLS and len(rows) > EXACT_MAX_ROWS:
        return _nearest_ivf(vectors, rows, k)
    columns = live_columns(vectors)
    cols = np.full((len(rows), k), -1, dtype=np.int64)
    vals = np.full((len(rows), k), -np.inf, dtype=np.float32)
    queries = as_f32(vectors[rows][:, columns])  # at most EXACT_MAX_CALLS or EXACT_MAX_ROWS rows
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


def _nearest_ivf(vectors: Rows, rows: IdArray, k: int) -> tuple[IdArray, FloatArray]:
    """Approximate :func:`nearest_rows`: FAISS IVF (float16 codes), sqrt(N) lists, ``IVF_PROBES`` probed."""
    import faiss

    columns = live_columns(vectors)
    n, dims = len(vectors), len(columns)

    def block(start: int, stop: int) -> FloatArray:
        return as_f32(vectors[start:stop][:, columns])

    nlist = int(np.sqrt(n))
    index = faiss.IndexIVFScalarQuantizer(
        faiss.IndexFlatIP(dims), dims, nlist, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
    )
    sample = np.random.default_rng(0).choice(n, size=min(n, 40 * nlist), replace=False)
    index.train(as_f32(vectors[np.sort(sample)][:, columns]))
    for start in range(0, n, COLUMNS):
        index.add(block(start, start + COLUMNS))
    index.nprobe = IVF_PROBES
    cols = np.full((len(rows), k), -1, dtype=np.int64)
    vals = np.full((len(rows), k), -np.inf, dtype=np.float32)
    for at in range(0, len(rows), COLUMNS):
        chunk = rows[at : at + COLUMNS]
        found_vals, found_cols = index.search(as_f32(vectors[chunk][:, columns]), k + 1)
        found_vals[found_cols == chunk[:, None]] = -np.inf  # the row itself
        found_vals[found_cols < 0] = -np.inf
        order = np.argsort(-found_vals, axis=1, kind="stable")[:, :k]
        vals[at : at + len(chunk)] = np.take_along_axis(found_vals, order, axis=1)
        cols[at : at + len(chunk)] = np.take_along_axis(found_cols, order, axis=1)
    cols[~np.isfinite(vals)] = -1
    return cols, vals

"""Delta segments: a small part beside each side's base, tombstones over the base, search across both.

Lucene and Milvus keep an index cheap to update the same way: new and
changed vectors go to a small *delta* part written beside an untouched base;
removed ids become *tombstones* that the base's search skips; a merge folds
both into a new base once they pass a share of it (``update.py``).

A delta has the kind of its base, so it costs per vector what the base
costs: the flat kinds scan it the same way, and an IVF delta shares its
base's trained coarse centroids (same lists probed, no training).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.kinds import build_index, ivf_nprobe

if TYPE_CHECKING:
    import faiss

# A side's delta and tombstones are merged into a new base once they hold more than this share of the base.
# Search scans the delta as well as the base, so a 5 % delta costs at most about 5 % more per query.
MERGE_SHARE = 0.05
_NO_SCORE = float(np.finfo(np.float32).min)  # FAISS's score for a missing result under inner product


def build_delta(kind: str, vectors: FloatArray, ids: IdArray, ivf: faiss.Index | None = None) -> faiss.Index:
    """A delta part of ``kind`` holding ``vectors`` under ``ids``; an IVF delta takes the trained centroids of ``ivf``.

    ``ivf`` is the base part (its inverted lists are not read) and is required for the IVF kind.
    """
    import faiss

    if kind != "ivf_fp16":
        return build_index(kind, vectors, ids)
    if not isinstance(ivf, faiss.IndexIVF):
        raise ValueError("an IVF delta needs its base's IVF index for the centroids")
    quantizer = faiss.clone_index(ivf.quantizer)
    delta = faiss.IndexIVFScalarQuantizer(
        quantizer, ivf.d, ivf.nlist, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT, False
    )
    delta.is_trained = True  # the centroids are trained; fp16 codes need no training
    delta.nprobe = ivf_nprobe(int(ivf.nlist))
    if len(ids):
        delta.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.ascontiguousarray(ids, np.int64))
    built: faiss.Index = delta
    return built


class DeadSelector:
    """A reusable FAISS selector that skips a base part's tombstones."""

    def __init__(self, dead: IdArray) -> None:
        import faiss

        self.dead = dead
        self._batch = faiss.IDSelectorBatch(np.ascontiguousarray(dead, dtype=np.int64))
        self.selector = faiss.IDSelectorNot(self._batch)


def search_part(
    index: faiss.Index,
    queries: FloatArray,
    k: int,
    selector: Any | None,
    *,
    widen: bool = False,
    lists: tuple[FloatArray, IdArray] | None = None,
) -> tuple[FloatArray, IdArray]:
    """Top ``k`` of one part, restricted by a FAISS ``selector``; ``widen`` probes 4 x the IVF lists (filters).

    ``lists`` (IVF only): the probed lists and their centroid scores, already found by the base's quantizer.
    """
    import faiss

    k = max(1, min(k, max(int(index.ntotal), 1)))
    if selector is None and lists is None:
        scores, ids = index.search(queries, k)
        return scores, ids
    if isinstance(index, faiss.IndexIVF):
        params: Any = faiss.SearchParametersIVF()
        params.nprobe = probes(index, widen)
    else:
        params = faiss.SearchParameters()
    params.sel = selector
    if lists is None:
        scores, ids = index.search(queries, k, params=params)
        return scores, ids
    n, ptr = len(queries), faiss.swig_ptr
    scores, ids = np.empty((n, k), np.float32), np.empty((n, k), np.int64)
    centroid, probed = lists
    ivf: Any = index  # the Python wrapper of search_preassigned refuses params (selectors): FAISS's own call
    ivf.search_preassigned_c(n, ptr(queries), k, ptr(probed), ptr(centroid), ptr(scores), ptr(ids), False, params)
    return scores, ids


def probes(index: faiss.IndexIVF, widen: bool) -> int:
    return int(min(index.nlist, index.nprobe * 4) if widen else index.nprobe)


def search_base_and_delta(
    base: faiss.Index,
    delta: faiss.Index | None,
    dead: DeadSelector | None,
    queries: FloatArray,
    k: int,
    allowed: IdArray | None,
) -> tuple[FloatArray, IdArray]:
    """Top ``k`` over a base (minus its tombstones) and its delta, best first; missing results have id -1."""
    import faiss

    keep: list[Any] = []  # FAISS selectors must outlive the searches that use them
    if allowed is None:
        base_selector = dead.selector if dead is not None else None
    else:
        allowed_base = allowed if dead is None else np.setdiff1d(allowed, dead.dead)
        keep.append(faiss.IDSelectorBatch(np.ascontiguousarray(allowed_base, dtype=np.int64)))
        base_selector = keep[-1]
    widen = allowed is not None
    lists = None
    if delta is not None and delta.ntotal > 0 and isinstance(base, faiss.IndexIVF):
        # An IVF delta shares its base's centroids (build_delta): one coarse search serves both parts.
        scores, probed = base.quantizer.search(queries, probes(base, widen))
        lists = (np.ascontiguousarray(scores), np.ascontiguousarray(probed))
    found = [search_part(base, queries, k, base_selector, widen=widen, lists=lists)]
    if delta is not None and delta.ntotal > 0:
        delta_selector = None
        if allowed is not None:
            keep.append(faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64)))
            delta_selector = keep[-1]
        found.append(search_part(delta, queries, k, delta_selector, widen=widen, lists=lists))
    return merge_top(found, k)


def merge_top(found: list[tuple[FloatArray, IdArray]], k: int) -> tuple[FloatArray, IdArray]:
    """The best ``k`` per query row of several (scores, ids) results, missing ones (id -1) last."""
    if len(found) == 1:
        return found[0]
    scores = np.concatenate([s for s, _ in found], axis=1)
    ids = np.concatenate([i for _, i in found], axis=1)
    scores = np.where(ids < 0, _NO_SCORE, scores).astype(np.float32)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(scores, order, axis=1), np.take_along_axis(ids, order, axis=1)

"""Search across one side's base part (minus its tombstones) and its delta part, as cheaply as the base alone.

A query with a delta present costs what the base alone costs plus the
delta's few vectors (docs/PERFORMANCE.md, "Re-indexing with delta
segments"): everything that does not depend on the query is made once per
loaded side, not per query:

* the FAISS search parameters (probe count, the tombstones' selector);
* for an IVF base, one coarse search serves both parts (the delta shares the
  base's centroids, ``segments.build_delta``);
* the delta is scanned first, while the caches still hold the coarse search's work, and the two
  top-k lists are merged, or not at all when no delta result beats the base's k-th: for one query in
  plain Python (numpy's small operations, right after the base's scan, cost 20 us each), for a batch
  by one stable sort of 2k scores.

Tombstones are a FAISS selector (``IDSelectorNot`` over an
``IDSelectorBatch``: a Bloom filter, then a hash set): the base's scan skips
them, so a result list is never short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray

if TYPE_CHECKING:
    import faiss

_NO_SCORE = float(np.finfo(np.float32).min)  # FAISS's score for a missing result under inner product


class SideSearch:
    """Top-k search of one side: its base part minus ``dead`` ids, plus its ``delta`` part (either may be absent)."""

    def __init__(self, base: faiss.Index, delta: faiss.Index | None, dead: IdArray | None) -> None:
        import faiss

        self.base = base
        self.delta = delta if delta is not None and delta.ntotal > 0 else None
        self.dead = dead if dead is not None and len(dead) > 0 else None
        self._keep: list[Any] = []  # FAISS selectors must outlive the parameters that point at them
        dead_selector = None
        if self.dead is not None:
            batch = faiss.IDSelectorBatch(np.ascontiguousarray(self.dead, dtype=np.int64))
            dead_selector = faiss.IDSelectorNot(batch)
            self._keep += [batch, dead_selector]
        # An IVF base: the probe counts of the base rule both parts (the delta shares its centroids).
        self.ivf_quantizer = faiss.downcast_index(base.quantizer) if isinstance(base, faiss.IndexIVF) else None
        ivf: Any = base
        self.probes = (0, 0)  # lists probed: unfiltered, filtered (4 x)
        if self.ivf_quantizer is not None:
            self.probes = (int(ivf.nprobe), int(min(ivf.nlist, ivf.nprobe * 4)))
        self._base_params = _params(base, dead_selector, self.probes[0])
        self._delta_params = _params(self.delta, None, self.probes[0]) if self.delta is not None else None

    def search(self, queries: FloatArray, k: int, allowed: IdArray | None = None) -> tuple[FloatArray, IdArray]:
        """Top ``k`` scores and ids per query row, best first; missing results have id -1.

        ``queries`` must be C-contiguous float32; ``allowed`` (sorted ids) restricts
        the candidates and probes 4 x the IVF lists.
        """
        if allowed is None:
            base_params, delta_params, nprobe = self._base_params, self._delta_params, self.probes[0]
        else:
            base_params, delta_params = self._filtered_params(allowed)
            nprobe = self.probes[1]
        if self.ivf_quantizer is None:
            found = _search(self.base, queries, k, base_params)
            if self.delta is None:
                return found
            return _merge(found, _search(self.delta, queries, k, delta_params), k)
        # One coarse search for both parts, then FAISS's scan of the probed lists: the same work as
        # ``index.search`` without its Python wrapper (and a memory-mapped part's prefetch threads).
        coarse_scores, probed = self._coarse_search(queries, nprobe)
        if self.delta is None:
            return _search_lists(self.base, queries, k, base_params, coarse_scores, probed)
        # the delta first: after the base's scan of a few MB, everything after it starts from cold caches
        in_delta = _search_lists(self.delta, queries, k, delta_params, coarse_scores, probed)
        return _merge(_search_lists(self.base, queries, k, base_params, coarse_scores, probed), in_delta, k)

    def _coarse_search(self, queries: FloatArray, nprobe: int) -> tuple[FloatArray, IdArray]:
        """The base's ``nprobe`` nearest lists per query and their centroid scores."""
        import faiss

        quantizer: Any = self.ivf_quantizer
        n, ptr = len(queries), faiss.swig_ptr
        scores, probed = np.empty((n, nprobe), np.float32), np.empty((n, nprobe), np.int64)
        quantizer.search_c(n, ptr(queries), nprobe, ptr(scores), ptr(probed))
        return scores, probed

    def _filtered_params(self, allowed: IdArray) -> tuple[Any, Any]:
        """Parameters restricting both parts to ``allowed`` (the base's tombstones taken out), probing wider."""
        import faiss

        allowed = np.ascontiguousarray(allowed, dtype=np.int64)
        allowed_base = allowed if self.dead is None else np.setdiff1d(allowed, self.dead, assume_unique=True)
        base_selector = faiss.IDSelectorBatch(allowed_base)
        params = _params(self.base, base_selector, self.probes[1])
        params.keep = base_selector  # a SWIG object keeps what is set on it as an attribute
        if self.delta is None:
            return params, None
        delta_selector = faiss.IDSelectorBatch(allowed)
        delta_params = _params(self.delta, delta_selector, self.probes[1])
        delta_params.keep = delta_selector
        return params, delta_params


def _params(index: faiss.Index, selector: Any | None, nprobe: int) -> Any:
    """FAISS search parameters for ``index``: ``nprobe`` lists (IVF) and ``selector``; None if neither applies."""
    import faiss

    if isinstance(index, faiss.IndexIVF):
        params: Any = faiss.SearchParametersIVF()
        params.nprobe = nprobe
    elif selector is None:
        return None
    else:
        params = faiss.SearchParameters()
    params.sel = selector
    return params


def _search(index: faiss.Index, queries: FloatArray, k: int, params: Any) -> tuple[FloatArray, IdArray]:
    k = max(1, min(k, max(int(index.ntotal), 1)))
    if params is None:
        scores, ids = index.search(queries, k)
    else:
        scores, ids = index.search(queries, k, params=params)
    return scores, ids


def _search_lists(
    index: faiss.Index, queries: FloatArray, k: int, params: Any, coarse_scores: FloatArray, probed: IdArray
) -> tuple[FloatArray, IdArray]:
    """Top ``k`` of an IVF part over lists already chosen by the base's quantizer (FAISS's search_preassigned)."""
    import faiss

    n, ptr = len(queries), faiss.swig_ptr
    scores, ids = np.empty((n, k), np.float32), np.empty((n, k), np.int64)
    ivf: Any = index  # the Python wrapper of search_preassigned refuses selectors: FAISS's own call
    ivf.search_preassigned_c(n, ptr(queries), k, ptr(probed), ptr(coarse_scores), ptr(scores), ptr(ids), False, params)
    return scores, ids


def _merge(base: tuple[FloatArray, IdArray], delta: tuple[FloatArray, IdArray], k: int) -> tuple[FloatArray, IdArray]:
    """The best ``k`` per query row of the base's and the delta's results, missing ones (id -1) last; on equal
    scores the base's first."""
    if len(base[0]) == 1:
        return _merge_one(base, delta, k)
    if base[1].shape[1] == k and (base[1][:, -1] >= 0).all() and (delta[0][:, 0] < base[0][:, -1]).all():
        return base  # no delta result beats the base's k-th (most queries: the delta is a few % of the store)
    scores = np.concatenate((base[0], delta[0]), axis=1)
    ids = np.concatenate((base[1], delta[1]), axis=1)
    scores[ids < 0] = _NO_SCORE
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(scores, order, axis=1), np.take_along_axis(ids, order, axis=1)


Found = tuple[FloatArray, IdArray]  # a search's scores and ids, (queries, k) each


def _merge_one(base: Found, delta: Found, k: int) -> Found:
    """:func:`_merge` of one query, in plain Python: it runs right after the base's scan has pushed numpy out of
    the CPU's caches, where each array operation cost 20 microseconds instead of 3 (measured)."""
    (base_scores, base_ids), (delta_scores, delta_ids) = base, delta
    found = base_ids.shape[1]
    if found == k and base_ids.item(k - 1) >= 0 and delta_scores.item(0) < base_scores.item(k - 1):
        return base  # no delta result beats the base's k-th (most queries: the delta is a few % of the store)
    ours, our_ids = base_scores[0].tolist(), base_ids[0].tolist()
    theirs, their_ids = delta_scores[0].tolist(), delta_ids[0].tolist()
    ours = [s if i >= 0 else _NO_SCORE for s, i in zip(ours, our_ids, strict=True)]
    theirs = [s if i >= 0 else _NO_SCORE for s, i in zip(theirs, their_ids, strict=True)]
    scores: list[float] = []
    ids: list[int] = []
    a = b = 0
    while len(ids) < k and (a < len(ours) or b < len(theirs)):
        if b == len(theirs) or (a < len(ours) and ours[a] >= theirs[b]):
            scores.append(ours[a])
            ids.append(our_ids[a])
            a += 1
        else:
            scores.append(theirs[b])
            ids.append(their_ids[b])
            b += 1
    return np.array([scores], dtype=np.float32), np.array([ids], dtype=np.int64)

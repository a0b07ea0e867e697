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

from typing import TYPE_CHECKING

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.kinds import build_index, ivf_nprobe

if TYPE_CHECKING:
    import faiss

# A side's delta and tombstones are merged into a new base once they hold more than this share of the base.
# Search scans the delta's probed lists in a second pass and merges: at 1M vectors a 4.9 % delta made p99
# 1.105 x a merged index's, a 1 % delta 1.03-1.06 x (docs/PERFORMANCE.md, tenth session); past 4 % the
# target of 10 % would no longer hold.
MERGE_SHARE = 0.04


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

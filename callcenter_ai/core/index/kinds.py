"""Which FAISS index to build for how many vectors, and building it.

All kinds hold L2-normalised float32 vectors under inner product (cosine) and
carry int64 ids (the store's chunk row ids).  Every kind supports adding and
removing ids, so an index can be updated incrementally.

Thresholds come from measurements on our 2-core CPU with clustered 1024-d
vectors (docs/SEARCH.md, ``benchmarks/measure_index_kinds.py``):

* ``flat``      exact float32 scan; up to :data:`FLAT_MAX_VECTORS`.
* ``flat_fp16`` scan of float16 codes (half the memory traffic), then exact
                re-ranking from the store; up to :data:`FP16_MAX_VECTORS`.
* ``ivf_fp16``  inverted lists over float16 codes, :func:`ivf_nprobe` lists
                probed, then exact re-ranking; beyond that.

The thresholds scale with ``1024 / dims``: the scan cost is ``n * dims``.

IVF parameters (measured at 100k and 1M with ``benchmarks/bench_search.py
--nprobes``, docs/SEARCH.md): about ``2 * sqrt(n)`` lists (2,000 at 1M),
k-means with 10 iterations on 40 sampled points per list (FAISS warns below
39), and :data:`NPROBE_MIN` lists probed: twice the smallest probe count that
gave recall@10 >= 0.98 after the exact re-rank at 1M (16; 8 at 100k).  At 1M
the build took 51 s on 2 cores instead of 27 minutes (4,000 lists, 256k
training points, 25 iterations), and a single query 4-6 ms at p99 with one
FAISS thread.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray

if TYPE_CHECKING:
    import faiss

log = logging.getLogger(__name__)

IndexKind = Literal["flat", "flat_fp16", "ivf_fp16"]
INDEX_KINDS: tuple[IndexKind, ...] = ("flat", "flat_fp16", "ivf_fp16")
EXACT_KINDS: frozenset[str] = frozenset({"flat"})

# Measured at 1024 dims (docs/SEARCH.md): the largest sizes whose single-query
# latency stays under about 20 ms on 2 cores.
FLAT_MAX_VECTORS = 50_000
FP16_MAX_VECTORS = 100_000
REFERENCE_DIMS = 1024
# IVF build (docs/SEARCH.md): lists = IVF_LISTS_PER_SQRT * sqrt(n), k-means on
# IVF_TRAIN_PER_LIST sampled points per list for IVF_KMEANS_ITERATIONS rounds.
IVF_LISTS_PER_SQRT = 2.0
IVF_TRAIN_PER_LIST = 40
IVF_KMEANS_ITERATIONS = 10
IVF_ADD_BATCH = 100_000
# Lists probed per query: NPROBE_MIN (2x the smallest count that reached
# recall@10 0.98 at 1M, docs/SEARCH.md), or 1/64 of the lists when there are
# more than 2,048 of them (beyond about 1M vectors: not measured).
NPROBE_MIN = 32
NPROBE_SHARE = 1 / 64


def choose_index_kind(n_vectors: int, dims: int) -> IndexKind:
    """The index kind for ``n_vectors`` of ``dims``: exact while it is fast enough."""
    scale = REFERENCE_DIMS / max(dims, 1)
    if n_vectors <= FLAT_MAX_VECTORS * scale:
        return "flat"
    if n_vectors <= FP16_MAX_VECTORS * scale:
        return "flat_fp16"
    return "ivf_fp16"


def ivf_nlist(n_vectors: int) -> int:
    """Inverted lists for an IVF index of ``n_vectors``: about 2 * sqrt(n), with enough points to train each."""
    by_size = int(IVF_LISTS_PER_SQRT * math.sqrt(max(n_vectors, 1)))
    return max(16, min(by_size, n_vectors // IVF_TRAIN_PER_LIST))


def ivf_nprobe(nlist: int) -> int:
    """Lists probed per query: recall@10 >= 0.98 after the exact re-rank with a 2x margin (docs/SEARCH.md)."""
    return min(nlist, max(NPROBE_MIN, math.ceil(nlist * NPROBE_SHARE)))


def tune_for_search(index: faiss.Index) -> None:
    """Apply the current probe rule to a loaded IVF index (FAISS saves ``nprobe`` with the index).

    A memory-mapped IVF part (``OnDiskInvertedLists``) would start up to 32
    threads per query to page its probed lists in: 1.8 ms of a 2.8 ms query
    at 100k on our 2 cores (docs/PERFORMANCE.md).  The lists are read by the
    scan itself, from the OS cache, so none are started.
    """
    import faiss

    if isinstance(index, faiss.IndexIVF):
        index.nprobe = ivf_nprobe(int(index.nlist))
        lists = faiss.downcast_InvertedLists(index.invlists) if index.invlists is not None else None
        if isinstance(lists, faiss.OnDiskInvertedLists):
            lists.prefetch_nthread = 0


def build_index(
    kind: str, vectors: FloatArray, ids: IdArray, on_added: Callable[[int, int], None] | None = None
) -> faiss.Index:
    """A new index of ``kind`` holding ``vectors`` under ``ids`` (trained on them when needed).

    ``on_added(done, total)`` is called after each batch of :data:`IVF_ADD_BATCH` vectors.
    """
    import faiss

    if kind not in INDEX_KINDS:
        raise ValueError(f"unknown index kind {kind!r}")
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    ids = np.ascontiguousarray(ids, dtype=np.int64)
    if vectors.ndim != 2 or vectors.shape[0] != ids.shape[0]:
        raise ValueError(f"vectors {vectors.shape} and ids {ids.shape} do not match")
    dims = int(vectors.shape[1])
    index: Any
    if kind == "flat":
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(dims))
    elif kind == "flat_fp16":
        codes = faiss.IndexScalarQuantizer(dims, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
        index = faiss.IndexIDMap2(codes)
    else:
        nlist = ivf_nlist(len(vectors))
        quantizer = faiss.IndexFlatIP(dims)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, dims, nlist, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT, False
        )
        index.cp.niter = IVF_KMEANS_ITERATIONS
        train = vectors
        if len(vectors) > nlist * IVF_TRAIN_PER_LIST:
            pick = np.random.default_rng(0).choice(len(vectors), nlist * IVF_TRAIN_PER_LIST, replace=False)
            train = vectors[np.sort(pick)]
        started = time.perf_counter()
        index.train(train)
        log.info("IVF: %d lists trained on %d vectors in %.1f s", nlist, len(train), time.perf_counter() - started)
        index.nprobe = ivf_nprobe(nlist)
    for start in range(0, len(vectors), IVF_ADD_BATCH):
        stop = min(len(vectors), start + IVF_ADD_BATCH)
        index.add_with_ids(vectors[start:stop], ids[start:stop])
        if on_added is not None:
            on_added(stop, len(vectors))
    built: faiss.Index = index
    return built


def index_kind_of(index: faiss.Index) -> IndexKind:
    """The kind of a loaded index, from its FAISS classes."""
    import faiss

    if isinstance(index, faiss.IndexIVF):
        return "ivf_fp16"
    inner = faiss.downcast_index(index.index) if isinstance(index, faiss.IndexIDMap) else index
    if isinstance(inner, faiss.IndexFlat):
        return "flat"
    if isinstance(inner, faiss.IndexScalarQuantizer):
        return "flat_fp16"
    raise ValueError(f"unsupported index class {type(inner).__name__}")


def index_ids(index: faiss.Index) -> IdArray:
    """Every id the index holds, sorted."""
    import faiss

    if isinstance(index, faiss.IndexIDMap):
        ids = faiss.vector_to_array(index.id_map).astype(np.int64)
    elif isinstance(index, faiss.IndexIVF):
        invlists: Any = index.invlists
        parts = []
        for list_no in range(index.nlist):
            size = invlists.list_size(list_no)
            if size:
                parts.append(faiss.rev_swig_ptr(invlists.get_ids(list_no), size).copy())
        ids = np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)
    else:
        raise ValueError(f"index of class {type(index).__name__} has no ids")
    return np.sort(ids)


def remove_ids(index: faiss.Index, ids: IdArray) -> int:
    """Remove ``ids`` (those present); returns how many were removed."""
    import faiss

    if len(ids) == 0:
        return 0
    selector = faiss.IDSelectorBatch(np.ascontiguousarray(ids, dtype=np.int64))
    return int(index.remove_ids(selector))


def gpu_available() -> bool:
    """True when the installed faiss has GPU support and sees a GPU."""
    try:
        import faiss
    except ImportError:  # pragma: no cover - faiss is a requirement
        return False
    return hasattr(faiss, "StandardGpuResources") and int(faiss.get_num_gpus()) > 0


def to_search_device(index: faiss.Index) -> faiss.Index:
    """A GPU copy of ``index`` for unfiltered search when a GPU is usable, else the index itself."""
    if not gpu_available():
        return index
    import faiss

    try:
        resources = faiss.StandardGpuResources()
        gpu_index: Any = faiss.index_cpu_to_gpu(resources, 0, index)
        gpu_index.referenced_resources = resources  # keep them alive with the index
        log.info("index copied to GPU 0")
        on_gpu: faiss.Index = gpu_index
        return on_gpu
    except (RuntimeError, AttributeError) as exc:
        log.warning("GPU FAISS unavailable, searching on the CPU: %s", exc)
        return index

"""The dense ranking of a ``similar`` query, and the plain ranking its total is counted from, in one search.

The total behind «1–10 из N» counts the calls whose plain cosine is at or
above the "nothing close" line (``counting.py``).  With the neighbour graph
the ranking shown is re-scored, so the count used to search the index a
second time for the plain ranking (about 15 ms at 100,000 calls); the plain
hits the re-scoring starts from are that ranking already, and the search
reads deep enough for the count (``counting.scan_depth``): a second search
was needed in about half the queries of a 100,000-call store.
"""

from __future__ import annotations

import sqlite3

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.index.neighbours import NeighbourGraph
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.search.counting import DenseQuery, scan_depth
from callcenter_ai.core.search.dense import CallHit, dense_scan
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.similarity.augment import RESCORE_POOL, rescore


def similar_call_hits(
    db: sqlite3.Connection,
    index: VectorIndex,
    vector: FloatArray,
    depth: int,
    filters: SearchFilters,
    call_id: int,
    graph: NeighbourGraph | None,
) -> tuple[list[CallHit], DenseQuery]:
    """The ``depth`` calls nearest ``call_id`` (re-scored by ``graph`` for whole calls) and the plain ranking read.

    The same ranking as ``dense_call_hits(..., graph=graph)``; the filters' side (if any) is searched.
    """
    side = filters.side or "all"
    if side != "all":
        graph = None  # whole-call searches only
    read = depth if graph is None else max(depth, RESCORE_POOL)
    plain, scan = dense_scan(
        db, index, vector, read, side=side, filters=filters, exclude_call=call_id, scan_chunks=scan_depth(read)
    )
    hits = plain if graph is None else rescore(db, index.model_id, graph, plain, vector, call_id)[:depth]
    return hits, DenseQuery(index, vector, plain, read, exclude_call=call_id, scan=scan)

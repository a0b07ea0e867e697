"""The engine search's results re-ranked from ratings (the rating-trained adapter over the calls' vectors)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.feedback.adapter import LinearAdapter
from callcenter_ai.core.search.results import SearchResult


def rerank(
    engine: Engine, model_id: str, adapter: LinearAdapter, anchor: FloatArray, results: list[SearchResult], k: int
) -> list[SearchResult]:
    """The best ``k`` by the learned score (calls without a vector keep their order after the scored ones)."""
    vectors: dict[int, FloatArray] = {}
    for r in results:
        vector = engine.vectors.call_vector(r.call_id, model_id)
        if vector is not None and vector.shape[0] == adapter.dims:
            vectors[r.call_id] = vector
    known = [r for r in results if r.call_id in vectors]
    scores = (
        adapter.scores(np.asarray(anchor, dtype=np.float32), np.stack([vectors[r.call_id] for r in known]))
        if known
        else np.zeros(0, dtype=np.float32)
    )
    order = [(known[i], float(scores[i])) for i in np.argsort(-scores, kind="stable")]
    scored = {r.call_id for r in known}
    rest = [(r, math.nan) for r in results if r.call_id not in scored]
    return [
        dataclasses.replace(r, rank=n, reranked=True, rerank_score=None if math.isnan(s) else s)
        for n, (r, s) in enumerate((order + rest)[:k], start=1)
    ]

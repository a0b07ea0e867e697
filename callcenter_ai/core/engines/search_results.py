"""From the engine's rankings to the result list: fuse, cut to ``k``, explain, re-rank from ratings."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from typing import cast

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.interface import Engine, TurnMatch
from callcenter_ai.core.feedback.adapter import LinearAdapter
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.explain import build_result
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.fusion import weighted_rrf
from callcenter_ai.core.search.keyword import CallMatch
from callcenter_ai.core.search.results import MatchedTurn, SearchMode, SearchResult
from callcenter_ai.core.settings import Settings

TurnsOf = Callable[[int], list[TurnMatch]]  # a result call's turns that explain its keyword match


def assemble(
    engine: Engine,
    settings: Settings,
    k: int,
    mode: str,
    dense: list[CallHit],
    keyword: list[CallMatch],
    terms: Sequence[str],
    filters: SearchFilters,
    turns_of: TurnsOf,
) -> list[SearchResult]:
    dense_by_call = {h.call_id: h for h in dense}
    keyword_by_call = {m.call_id: m.score for m in keyword}
    ranked: list[tuple[int, float]]
    if mode == "semantic":
        ranked = [(h.call_id, h.score) for h in dense]
    elif mode == "keyword":
        ranked = [(m.call_id, m.score) for m in keyword]
    else:
        ranked = weighted_rrf(
            [
                ([h.call_id for h in dense], settings.dense_weight),
                ([m.call_id for m in keyword], settings.keyword_weight),
            ],
            settings.rrf_k,
        )
    ranked = ranked[:k]
    calls = {c.id: c for c in engine.calls.get_calls([c for c, _ in ranked])}
    results: list[SearchResult] = []
    for call_id, score in ranked:
        call = calls.get(call_id)
        if call is None:
            continue  # deleted meanwhile
        keyword_score = keyword_by_call.get(call_id)
        explained = None
        if keyword_score is not None:
            hits = [
                MatchedTurn(t.turn, t.speaker, call.turns[t.turn].text, "keyword", t.score)
                for t in turns_of(call_id)
                if t.turn < len(call.turns) and (filters.side is None or t.speaker == filters.side)
            ]
            explained = (keyword_score, hits)
        results.append(
            build_result(
                call,
                len(results) + 1,
                score,
                cast(SearchMode, mode),
                dense=dense_by_call.get(call_id),
                keyword=explained,
                query_stems=set(terms),
                side=filters.side,
            )
        )
    return results


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

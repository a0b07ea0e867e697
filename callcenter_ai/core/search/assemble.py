"""From the dense and keyword rankings to the result list: fuse, cut to ``k``, explain each call."""

from __future__ import annotations

from collections.abc import Sequence

from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.explain import build_result
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.fusion import weighted_rrf
from callcenter_ai.core.search.keyword import CallMatch
from callcenter_ai.core.search.keyword_turns import TurnExplainer
from callcenter_ai.core.search.results import SearchMode, SearchResult
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore


def assemble_results(
    store: CallStore,
    settings: Settings,
    k: int,
    mode: SearchMode,
    dense: list[CallHit],
    keyword: list[CallMatch],
    terms: Sequence[str],
    filters: SearchFilters,
    *,
    prefixes: bool,
) -> list[SearchResult]:
    """The best ``k`` calls of ``mode``'s ranking (hybrid: weighted RRF of both), with their matched turns."""
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
    calls = {c.id: c for c in store.get_calls([c for c, _ in ranked])}
    explainer = TurnExplainer(store.db, terms, prefixes=prefixes)  # one query's turn statistics
    results: list[SearchResult] = []
    for call_id, score in ranked:
        call = calls.get(call_id)
        if call is None:
            continue  # deleted since the index was saved
        keyword_score = keyword_by_call.get(call_id)
        turns = None
        if keyword_score is not None:
            turns = (keyword_score, explainer.turns(call_id, side=filters.side))
        results.append(
            build_result(
                call,
                len(results) + 1,
                score,
                mode,
                dense=dense_by_call.get(call_id),
                keyword=turns,
                query_stems=set(terms),
                side=filters.side,
            )
        )
    return results

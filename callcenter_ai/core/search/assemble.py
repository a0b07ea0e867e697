"""From the dense and keyword rankings to the result list: fuse, cut to ``k``, explain each call.

One rule for both stores: the desktop's :class:`SearchService` and the server's
engine search pass how they fetch calls and how they find a call's matched turns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.explain import build_result
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.fusion import weighted_rrf
from callcenter_ai.core.search.keyword import CallMatch
from callcenter_ai.core.search.keyword_turns import TurnExplainer
from callcenter_ai.core.search.results import MatchedTurn, SearchMode, SearchResult
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

CallsOf = Callable[[Sequence[int]], list[StoredCall]]  # calls with their turns, unknown ids skipped
TurnsOf = Callable[[StoredCall], list[MatchedTurn]]  # a result call's turns explaining its keyword match, best first


def ranked_calls(
    settings: Settings, mode: SearchMode, dense: list[CallHit], keyword: list[CallMatch]
) -> list[tuple[int, float]]:
    """``mode``'s ranking of call ids with scores (hybrid: weighted RRF of both sides)."""
    if mode == "semantic":
        return [(h.call_id, h.score) for h in dense]
    if mode == "keyword":
        return [(m.call_id, m.score) for m in keyword]
    return weighted_rrf(
        [
            ([h.call_id for h in dense], settings.dense_weight),
            ([m.call_id for m in keyword], settings.keyword_weight),
        ],
        settings.rrf_k,
    )


def assemble_results(
    calls_of: CallsOf,
    settings: Settings,
    k: int,
    mode: SearchMode,
    dense: list[CallHit],
    keyword: list[CallMatch],
    terms: Sequence[str],
    side: str | None,
    turns_of: TurnsOf,
) -> list[SearchResult]:
    """The best ``k`` calls of ``mode``'s ranking, each explained (calls deleted meanwhile are skipped)."""
    dense_by_call = {h.call_id: h for h in dense}
    keyword_by_call = {m.call_id: m.score for m in keyword}
    ranked = ranked_calls(settings, mode, dense, keyword)[:k]
    calls = {c.id: c for c in calls_of([c for c, _ in ranked])}
    results: list[SearchResult] = []
    for call_id, score in ranked:
        call = calls.get(call_id)
        if call is None:
            continue
        keyword_score = keyword_by_call.get(call_id)
        results.append(
            build_result(
                call,
                len(results) + 1,
                score,
                mode,
                dense=dense_by_call.get(call_id),
                keyword=None if keyword_score is None else (keyword_score, turns_of(call)),
                query_stems=set(terms),
                side=side,
            )
        )
    return results


def store_results(
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
    """:func:`assemble_results` over the desktop's store, its turns explained by FTS5's statistics."""
    explainer = TurnExplainer(store.db, terms, prefixes=prefixes)  # one query's turn statistics

    def turns_of(call: StoredCall) -> list[MatchedTurn]:
        return explainer.turns(call.id, side=filters.side)

    return assemble_results(store.get_calls, settings, k, mode, dense, keyword, terms, filters.side, turns_of)

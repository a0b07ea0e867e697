"""Search over the stored calls: semantic, keyword and hybrid, with re-ranking and explanations.

The shells use :class:`SearchService` and the filters and results below; the
modules of this package are its own.
"""

from __future__ import annotations

from callcenter_ai.core.search.explain import best_sentence, query_word_spans
from callcenter_ai.core.search.facets import Facets, facets
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters, build_filters, check_k, check_query
from callcenter_ai.core.search.results import (
    SEARCH_MODES,
    MatchedChunk,
    MatchedTurn,
    SearchMode,
    SearchResult,
    SearchResults,
)
from callcenter_ai.core.search.service import SearchService, preferred_model_id, resolve_index_model_id

__all__ = [
    "NO_FILTERS",
    "SEARCH_MODES",
    "Facets",
    "MatchedChunk",
    "MatchedTurn",
    "SearchFilters",
    "SearchMode",
    "SearchResult",
    "SearchResults",
    "SearchService",
    "best_sentence",
    "build_filters",
    "check_k",
    "check_query",
    "facets",
    "preferred_model_id",
    "query_word_spans",
    "resolve_index_model_id",
]

"""A search request's defaults and checks, and how deep each ranking goes: one rule for both search services."""

from __future__ import annotations

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters, check_k
from callcenter_ai.core.search.results import SEARCH_MODES
from callcenter_ai.core.settings import Settings

FUSION_DEPTH = 3  # each ranking contributes k * FUSION_DEPTH calls (at least 30) to hybrid fusion


def request_defaults(
    settings: Settings, k: int | None, mode: str | None, filters: SearchFilters | None
) -> tuple[int, str, SearchFilters]:
    """``k``, ``mode`` and ``filters`` checked, with the settings' defaults where not given."""
    k = check_k(settings.search_k if k is None else k)
    mode = mode or settings.search_mode
    if mode not in SEARCH_MODES:
        raise ConfigError(msg("search.bad_mode", modes=list(SEARCH_MODES), mode=mode))
    return k, mode, filters or NO_FILTERS


def ranking_depth(k: int, mode: str) -> int:
    """How many calls each ranking gives: ``k``, or for hybrid fusion ``k * FUSION_DEPTH`` and at least 30."""
    return max(k * FUSION_DEPTH, 30) if mode == "hybrid" else k

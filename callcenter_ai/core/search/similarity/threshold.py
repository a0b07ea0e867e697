"""The "nothing close" mark: results whose embedder cosine is under the line are ``below_threshold``.

The line a search uses (``SearchService._threshold``): the setting
``nothing_close_below`` when it is a cosine (>= -1); else the store's own
line, measured from content-free probes (``null_probes.py``, kept per index
generation by ``store_line.py``); else, until that is measured (``similar``
before any free-text search, the server engine), the fixed value calibrated
per model id below on the dev sets of ../shared/data (``bench_quality.py``'s
``threshold:`` lines).  A fixed cosine does not carry between stores (it hid
the demo set's real answers, docs/SEARCH.md "Nothing close").  Keyword-only
results have no cosine and are never marked; nor is a hybrid result that
holds the query's words (``keyword_score``): it matched, however far its meaning.
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

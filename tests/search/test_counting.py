"""How many calls a search matches (``SearchResults.total``): the «из 98» of «1–10 из 98»; on both engines."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.search import SearchFilters, counting
from callcenter_ai.core.settings import Settings
from tests.calls import DIMS, MODEL, add_call, unit


@pytest.fixture
def vectors(engine: Engine) -> np.ndarray:
    """40 calls: the even ones speak of «списание», every fourth is Анна's, each its own random vector."""
    rows = np.stack([unit(i) for i in range(40)])
    for i in range(40):
        client = "у меня двойное списание с карты" if i % 2 == 0 else "хочу сменить тариф"
        add_call(
            engine,
            f"c{i}",
            (("client", client), ("operator", "сейчас проверю")),
            vector=rows[i],
            seed=i,
            operator="Анна" if i % 4 == 0 else "Борис",
        )
    engine.vectors.update_index(MODEL, DIMS)
    return rows


def _between(cosines: np.ndarray, close: int) -> float:
    """A threshold that ``close`` of ``cosines`` pass (half-way to the next one)."""
    ordered = np.sort(cosines)
    return float(ordered[-close] + ordered[-close - 1]) / 2


def test_keyword_total_counts_every_matching_call_not_just_the_shown(
    engine: Engine, settings: Settings, vectors: np.ndarray
) -> None:
    service = engine.search_service(settings, model_id=MODEL)
    results = service.search("списание", k=5, mode="keyword")
    assert len(results) == 5 and results.total == 20 and not results.total_capped
    assert service.search("списание", k=5, mode="keyword", filters=SearchFilters(operators=("Анна",))).total == 10
    assert service.search("списание", k=5, mode="keyword", filters=SearchFilters(side="operator")).total == 0
    assert service.search("списание -карты", k=5, mode="keyword").total == 0  # the query syntax is counted too
    assert service.search("абракадабра", k=5, mode="keyword").total == 0


def test_semantic_total_counts_the_calls_above_the_nothing_close_threshold(
    engine: Engine, settings: Settings, vectors: np.ndarray
) -> None:
    cosines = vectors[1:] @ vectors[0]
    cut = _between(cosines, 12)
    service = engine.search_service(replace(settings, nothing_close_below=cut, similarity="plain"), model_id=MODEL)
    results = service.similar("c0", k=3, mode="semantic")
    assert len(results) == 3 and results.total == 12  # counted deeper than the 3 shown
    close = [r for r in service.similar("c0", k=30, mode="semantic") if not r.below_threshold]
    assert len(close) == 12
    unknown = engine.search_service(settings, model_id=MODEL).similar("c0", k=3, mode="semantic")
    assert unknown.total is None  # the test model has no calibrated threshold: not known


def test_hybrid_total_is_the_union_of_both(engine: Engine, settings: Settings, vectors: np.ndarray) -> None:
    cosines = vectors[1:] @ vectors[0]
    cut = _between(cosines, 6)
    service = engine.search_service(replace(settings, nothing_close_below=cut, similarity="plain"), model_id=MODEL)
    by_meaning = {r.call_id for r in service.similar("c0", k=39, mode="semantic") if not r.below_threshold}
    by_words = service.similar("c0", k=39, mode="keyword")
    assert by_words.total is not None and len(by_meaning) == 6
    hybrid = service.similar("c0", k=2, mode="hybrid")
    expected = len(by_meaning | {r.call_id for r in service.similar("c0", k=39, mode="keyword")})
    assert hybrid.total == expected


def test_dense_counting_stops_at_the_limit(
    engine: Engine, settings: Settings, vectors: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counting, "COUNT_LIMIT", 8)
    service = engine.search_service(replace(settings, nothing_close_below=-1.0, similarity="plain"), model_id=MODEL)
    results = service.similar("c0", k=3, mode="semantic")
    assert results.total == 8 and results.total_capped


def test_hybrid_results_found_by_their_words_are_never_judged_unrelated(
    engine: Engine, settings: Settings, vectors: np.ndarray
) -> None:
    service = engine.search_service(replace(settings, nothing_close_below=0.99, similarity="plain"), model_id=MODEL)
    results = service.similar("c0", k=10, mode="hybrid")
    by_words = [r for r in results if r.keyword_score is not None]
    assert by_words and not any(r.below_threshold for r in by_words)
    assert all(r.below_threshold for r in results if r.keyword_score is None and r.chunks)
    assert results.total == len(service.similar("c0", k=39, mode="keyword"))  # nothing is close by meaning

"""The search service over hand-made vectors: similar, filters, hybrid fusion, index updates; on both engines
(``test_semantic_without_index_says_so`` is about the home's FAISS files and stays on SQLite)."""

from __future__ import annotations

import numpy as np
import pytest

from callcenter_ai.core.engines import Engine, Searcher
from callcenter_ai.core.errors import ConfigError, IndexFileError, NotFoundError
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.fusion import weighted_rrf
from callcenter_ai.core.search.service import SearchService
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL, add_call, unit

BASE = unit(1)


def near(step: float, seed: int) -> np.ndarray:
    """A vector whose cosine to BASE falls as ``step`` grows."""
    away = unit(seed) - float(unit(seed) @ BASE) * BASE
    v = BASE + step * away / np.linalg.norm(away)
    return (v / np.linalg.norm(v)).astype(np.float32)


@pytest.fixture
def service(engine: Engine, settings: Settings) -> Searcher:
    add_call(
        engine,
        "query",
        (("client", "дважды списали деньги"), ("operator", "проверю списание")),
        vector=BASE,
        seed=1,
        operator="Анна",
        topic="списание",
        started_at="2026-01-10T10:00:00+03:00",
        duration_s=100.0,
    )
    rows = [
        ("a", "Анна", "списание", "2026-01-15T10:00:00+00:00", 60.0),
        ("b", "Борис", "списание", "2026-02-15T10:00:00+00:00", 200.0),
        ("c", "Анна", "интернет", "2026-03-15T10:00:00+00:00", 300.0),
        ("d", "Вера", "тариф", "2026-04-15T10:00:00+00:00", 400.0),
    ]
    for step, (name, operator, topic, started, duration) in enumerate(rows, start=1):
        add_call(
            engine,
            name,
            (("client", f"клиент {name} говорит про списание"), ("operator", f"оператор {name} отвечает")),
            vector=near(step * 0.4, 100 + step),
            seed=100 + step,
            operator=operator,
            topic=topic,
            started_at=started,
            duration_s=duration,
        )
    engine.vectors.update_index(MODEL, DIMS)
    engine.keyword.sync()
    return engine.search_service(settings, model_id=MODEL)


def names(results: list) -> list[str]:  # type: ignore[type-arg]
    return [r.dialog_id for r in results]


def test_similar_uses_stored_vectors_and_leaves_the_call_out(service: Searcher, engine: Engine) -> None:
    results = service.similar("query", k=10, mode="semantic")
    assert names(results) == ["a", "b", "c", "d"]
    assert [r.rank for r in results] == [1, 2, 3, 4]
    assert results[0].score > results[-1].score and results[0].semantic_score == results[0].score
    top = results[0]
    assert top.chunks and top.chunks[0].first_turn == 0 and top.chunks[0].last_turn == 1
    (call,) = engine.calls.get_calls([top.call_id])
    assert all(call.turns[t.turn].text == t.text and t.kind == "semantic" for t in top.matched_turns)


def test_each_filter(service: Searcher) -> None:
    def similar(**kw: object) -> list[str]:
        return names(service.similar("query", k=10, mode="semantic", filters=SearchFilters(**kw)))  # type: ignore[arg-type]

    assert similar(date_from="2026-02-01", date_to="2026-03-31") == ["b", "c"]
    assert similar(date_to="2026-01-15") == ["a"]  # a bare end date covers its whole day
    assert similar(date_from="2026-03-15T10:00:00+00:00") == ["c", "d"]
    assert similar(operators=("Анна",)) == ["a", "c"]
    assert similar(operators=("Анна", "Вера")) == ["a", "c", "d"]
    assert similar(topics=("списание",)) == ["a", "b"]
    assert similar(min_duration=150, max_duration=350) == ["b", "c"]
    assert similar(topics=("списание",), operators=("Борис",)) == ["b"]
    assert similar(operators=("Никто",)) == []
    client = service.similar("query", k=10, mode="semantic", filters=SearchFilters(side="client"))
    assert names(client) == ["a", "b", "c", "d"]
    assert all(c.side == "client" for r in client for c in r.chunks)
    assert all(t.speaker == "client" for r in client for t in r.matched_turns)
    keyword = service.search("списание", k=10, mode="keyword", filters=SearchFilters(side="operator"))
    assert names(keyword) == ["query"]  # only its operator turn says it
    assert names(service.search("списание", k=10, mode="keyword", filters=SearchFilters(topics=("тариф",)))) == ["d"]


def test_bad_filters_and_arguments() -> None:
    with pytest.raises(ConfigError, match="ISO date"):
        SearchFilters(date_from="15.01.2026")
    with pytest.raises(ConfigError, match="negative"):
        SearchFilters(min_duration=-1)


def test_bad_queries(service: Searcher) -> None:
    with pytest.raises(NotFoundError):
        service.similar("nope")
    with pytest.raises(ConfigError, match="mode"):
        service.similar("query", mode="fuzzy")
    with pytest.raises(ConfigError, match="k must be"):
        service.similar("query", k=0)
    with pytest.raises(ConfigError, match="empty"):
        service.search("  ")


def test_hybrid_fuses_both_rankings(service: Searcher) -> None:
    results = service.similar("query", k=4, mode="hybrid")
    assert sorted(names(results)) == ["a", "b", "c", "d"]
    top = results[0]
    assert top.semantic_score is not None and top.keyword_score is not None
    assert {t.kind for t in top.matched_turns} == {"semantic", "keyword"}
    semantic = names(service.similar("query", k=4, mode="semantic"))
    keyword = names(service.similar("query", k=4, mode="keyword"))
    rrf_k = service.settings.rrf_k
    weighted = ((semantic, service.settings.dense_weight), (keyword, service.settings.keyword_weight))
    for r in results:
        expected = sum(
            weight / (rrf_k + ranking.index(r.dialog_id) + 1) for ranking, weight in weighted if r.dialog_id in ranking
        )
        assert r.score == pytest.approx(expected)


def test_weighted_rrf() -> None:
    fused = weighted_rrf([([1, 2, 3], 1.0), ([3, 2], 1.0)], rrf_k=60)
    assert [i for i, _ in fused] == [3, 2, 1]
    assert dict(fused)[2] == pytest.approx(1 / 62 + 1 / 62)
    assert weighted_rrf([([1, 2], 3.0), ([2, 1], 1.0)], rrf_k=60)[0][0] == 1  # the heavier ranking wins
    assert weighted_rrf([([1, 2], 1.0), ([2, 1], 3.0)], rrf_k=60)[0][0] == 2
    assert weighted_rrf([([1], 1.0), ([2], 0.0)], rrf_k=60) == [(1, pytest.approx(1 / 61))]
    assert [i for i, _ in weighted_rrf([([5, 6], 1.0), ([6, 5], 1.0)], rrf_k=60)] == [5, 6]  # ties: first seen


def test_semantic_without_index_says_so(store: CallStore, settings: Settings) -> None:
    add_call(store, "x", seed=1)
    service = SearchService(settings, store, model_id=MODEL)
    with pytest.raises(IndexFileError, match="no semantic index"):
        service.similar("x", mode="semantic")
    results = service.similar("x", mode="hybrid")
    assert results == [] and [w.key for w in results.warnings] == ["search.note.no_index"]
    assert str(results.warnings[0]) == "no semantic index yet: keyword search only"
    assert service.similar("x", mode="keyword").warnings == ()  # notes belong to one query, not the service


def test_index_updates_are_picked_up(service: Searcher, engine: Engine) -> None:
    assert len(service.similar("query", k=10, mode="semantic")) == 4
    add_call(engine, "e", vector=near(0.1, 7), seed=7)
    engine.calls.delete_calls(["d"])
    engine.vectors.update_index(MODEL, DIMS)
    assert names(service.similar("query", k=10, mode="semantic"))[:1] == ["e"]
    assert "d" not in names(service.similar("query", k=10, mode="semantic"))


def test_similar_many_loads_once(service: Searcher) -> None:
    out = service.similar_many(["a", "b", "query"], k=2, mode="semantic")
    assert [q for q, _ in out] == ["a", "b", "query"]
    assert all(q not in names(r) and len(r) == 2 for q, r in out)

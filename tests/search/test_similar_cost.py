"""What keeps ``similar`` cheap on a large store: statistics kept between queries, the keyword side scored
on the dense candidates only, the keyword total counted up to the limit, one index search per query."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from callcenter_ai.core.index import vector_index
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.search import SearchService, counting
from callcenter_ai.core.search import service as service_module
from callcenter_ai.core.search.filters import NO_FILTERS
from callcenter_ai.core.search.keyword import distinctive_terms, keyword_calls
from callcenter_ai.core.search.keyword_candidates import candidate_keyword_calls
from callcenter_ai.core.search.keyword_stats import call_counts, keywords_stale
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.keywords import sync_keyword_index
from tests.calls import DIMS, MODEL, add_call

TOPICS = [
    ("у меня дважды списали деньги за покупку", "вижу двойное списание, оформлю возврат"),
    ("не работает интернет, роутер мигает", "перезагрузите роутер и проверьте кабель"),
    ("хочу сменить тариф на безлимитный", "тариф сменён, списание будет завтра"),
    ("I was charged twice at the café", "the café charge will be refunded"),
]


@pytest.fixture
def calls(store: CallStore, settings: Settings) -> CallStore:
    """120 calls on four topics (each with its own words and a number), vectors near their topic's centre."""
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((len(TOPICS), DIMS))
    for i in range(120):
        client, operator = TOPICS[i % len(TOPICS)]
        vector = centres[i % len(TOPICS)] + 0.8 * rng.standard_normal(DIMS)
        vector /= np.linalg.norm(vector)
        extra = " ".join(["снова"] * (i % 5))  # rows of different lengths
        turns = (("client", f"{client} {extra} заказ {i % 7}"), ("operator", operator))
        add_call(store, f"c{i}", turns, vector=vector.astype(np.float32), seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    sync_keyword_index(store.db)
    return store


def test_candidate_scores_are_fts5_bm25(calls: CallStore) -> None:
    for source in (1, 2, 4, 7):
        terms = distinctive_terms(calls.db, source)
        ranked = keyword_calls(calls.db, terms, NO_FILTERS, limit=200, prefixes=False, exclude_call=source)
        assert len(ranked) > 20
        candidates = [m.call_id for m in ranked[::3]] + [source + 1000]  # a third of them, and an unknown id
        scored = candidate_keyword_calls(calls.db, terms, candidates[::-1])
        expected = [m for m in ranked if m.call_id in set(candidates)]
        assert [m.call_id for m in scored] == [m.call_id for m in expected]
        assert [m.score for m in scored] == pytest.approx([m.score for m in expected], rel=1e-9)


def test_statistics_are_read_again_after_a_write(calls: CallStore) -> None:
    token = "роутер"
    before = call_counts(calls.db, [token])[token]
    assert not keywords_stale(calls.db)
    add_call(calls, "new", (("client", "роутер сгорел"), ("operator", "пришлём мастера")), seed=999)
    assert keywords_stale(calls.db)
    sync_keyword_index(calls.db)
    assert not keywords_stale(calls.db) and call_counts(calls.db, [token])[token] == before + 1


def test_hybrid_similar_scores_only_the_dense_candidates(
    calls: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = SearchService(replace(settings, similarity="plain"), calls, model_id=MODEL)
    dense = service.similar("c0", k=30, mode="semantic")

    def whole_store(*args: object, **kwargs: object) -> object:
        raise AssertionError("the whole store was ranked by keywords")

    monkeypatch.setattr(service_module, "keyword_calls", whole_store)
    results = service.similar("c0", k=10, mode="hybrid")
    assert len(results) == 10 and {r.call_id for r in results} <= {r.call_id for r in dense}
    terms = distinctive_terms(calls.db, int(calls.call_id("c0")))
    by_words = {m.call_id: m.score for m in candidate_keyword_calls(calls.db, terms, [r.call_id for r in dense])}
    assert by_words and all(r.keyword_score == pytest.approx(by_words[r.call_id]) for r in results if r.keyword_score)


def test_keyword_total_is_counted_up_to_the_limit(
    calls: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = SearchService(settings, calls, model_id=MODEL)
    full = service.similar("c0", k=3, mode="keyword")
    assert full.total == 59 and not full.total_capped  # the calls sharing a stem with c0
    monkeypatch.setattr(counting, "COUNT_LIMIT", 20)
    results = service.similar("c0", k=3, mode="keyword")
    assert results.total == 20 and results.total_capped


def test_similar_searches_the_index_once(calls: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[int] = []
    original = vector_index.VectorIndex.search

    def counted(self: vector_index.VectorIndex, *args: object, **kwargs: object) -> object:
        searched.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    plain = SearchService(replace(settings, similarity="plain"), calls, model_id=MODEL).similar(
        "c1", 40, None, "semantic"
    )
    cut = (plain[19].score + plain[20].score) / 2  # 20 calls are close: fewer than the 50 re-scored
    monkeypatch.setattr(vector_index.VectorIndex, "search", counted)
    service = SearchService(replace(settings, nothing_close_below=cut), calls, model_id=MODEL)
    service.similar("c0", k=5, mode="semantic")  # loads the index
    searched.clear()
    results = service.similar("c1", k=5, mode="hybrid")
    assert len(results) == 5 and results.total is not None and results.total >= 20 and len(searched) == 1


def test_graph_search_leaves_out_columns_no_call_has(monkeypatch: pytest.MonkeyPatch) -> None:
    from callcenter_ai.core.index import nearest

    rng = np.random.default_rng(5)
    rows = rng.standard_normal((600, 3 * DIMS)).astype(np.float32)
    rows[:, 2 * DIMS :] = 0.0  # one-line calls: no operator side
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    assert list(nearest.live_columns(rows)) == list(range(2 * DIMS))
    cosines = rows @ rows.T
    np.fill_diagonal(cosines, -np.inf)
    expected = np.argsort(-cosines, axis=1, kind="stable")[:, :5]
    cols, vals = nearest.nearest_rows(rows.astype(np.float16), np.arange(600), 5)
    assert np.mean([set(a) == set(b) for a, b in zip(cols, expected, strict=True)]) > 0.99  # float16 ties aside
    assert vals[:, 0] == pytest.approx(np.take_along_axis(cosines, expected[:, :1], axis=1)[:, 0], abs=2e-3)
    from callcenter_ai.core.index.neighbours import fit_graph

    monkeypatch.setattr(nearest, "EXACT_MAX_CALLS", 100)  # the coarse lists' search (coarse.py)
    ids = np.arange(600, dtype=np.int64)
    approximate = fit_graph(ids, ids, rows.astype(np.float16), k=5).neighbours
    assert not np.any(approximate == ids[:, None]) and np.all(approximate >= 0)


def test_a_deep_total_is_counted_from_the_one_search(
    calls: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[int] = []
    original = vector_index.VectorIndex.search

    def counted(self: vector_index.VectorIndex, *args: object, **kwargs: object) -> object:
        searched.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    plain = SearchService(replace(settings, similarity="plain"), calls, model_id=MODEL).similar(
        "c1", 119, None, "semantic"
    )
    cut = (plain[69].score + plain[70].score) / 2  # 70 calls are close: more than the 50 the ranking reads
    monkeypatch.setattr(vector_index.VectorIndex, "search", counted)
    for mode in ("semantic", "hybrid"):
        service = SearchService(replace(settings, nothing_close_below=cut), calls, model_id=MODEL)
        service.similar("c0", k=5, mode=mode)  # loads the index
        searched.clear()
        results = service.similar("c1", k=5, mode=mode)
        assert len(results) == 5 and len(searched) == 1
        assert results.total is not None and results.total >= 70 and not results.total_capped
        if mode == "semantic":
            assert results.total == 70


def test_a_keyword_total_alone_is_counted_without_listing_the_calls(
    calls: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def listed(*args: object, **kwargs: object) -> object:
        raise AssertionError("the matching calls were listed to be counted")

    monkeypatch.setattr(counting, "keyword_ids", listed)
    service = SearchService(settings, calls, model_id=MODEL)
    assert service.similar("c0", k=3, mode="keyword").total == 59
    assert service.search("роутер", k=3, mode="keyword").total == 30


def test_turn_statistics_are_kept_between_queries(calls: CallStore, settings: Settings) -> None:
    service = SearchService(settings, calls, model_id=MODEL)
    statements: list[str] = []
    first = service.similar("c0", k=5, mode="keyword")
    calls.db.set_trace_callback(statements.append)
    try:
        again = service.similar("c20", k=5, mode="keyword")  # the same words as c0
    finally:
        calls.db.set_trace_callback(None)
    assert [r.matched_turns for r in again] and first.total == again.total
    assert not [s for s in statements if "turns_fts_vocab WHERE term" in s or "count(*) FROM turns_fts" in s]


def test_keyword_similar_past_the_budget_reads_only_the_rare_stems(
    calls: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callcenter_ai.core.search import keyword_candidates

    service = SearchService(settings, calls, model_id=MODEL)
    whole = [r.call_id for r in service.similar("c0", k=10, mode="keyword")]
    terms = distinctive_terms(calls.db, int(calls.call_id("c0")))
    counts = call_counts(calls.db, terms)
    ranked: list[list[str]] = []
    original = keyword_candidates.keyword_calls

    def recorded(db: object, terms: list[str], *args: object, **kwargs: object) -> object:
        ranked.append(list(terms))
        return original(db, terms, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keyword_candidates, "keyword_calls", recorded)
    monkeypatch.setattr(keyword_candidates, "POSTINGS_BUDGET", min(counts.values()) * 2)
    results = service.similar("c0", k=10, mode="keyword")
    assert len(ranked) == 1 and 0 < len(ranked[0]) < len(terms)
    assert max(counts[t] for t in ranked[0]) <= min(counts[t] for t in terms if t not in ranked[0])
    assert [r.call_id for r in results] == whole  # the rare stems found the same best calls here


def test_a_call_deleted_since_the_index_was_saved_leaves_no_gap(calls: CallStore, settings: Settings) -> None:
    service = SearchService(replace(settings, similarity="plain"), calls, model_id=MODEL)
    before = [r.dialog_id for r in service.similar("c0", k=30, mode="semantic")]  # the search reads every chunk
    calls.delete_calls([before[0]])  # not indexed again
    after = [r.dialog_id for r in service.similar("c0", k=30, mode="semantic")]
    assert len(after) == 30 and after[:29] == before[1:]

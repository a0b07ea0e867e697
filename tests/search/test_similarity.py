"""The store's neighbour graph (fit, exact incremental update, files) and augmented re-scoring in the service.

SQLite + FAISS only: the neighbour graph's files beside the FAISS index."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from callcenter_ai.core.index.falloff import neighbourhood_falloff, pair_spread
from callcenter_ai.core.index.neighbours import (
    NEIGHBOURS,
    fit_graph,
    graph_path,
    load_graph,
    update_graph,
)
from callcenter_ai.core.index.profiles import call_profiles
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.search.service import SearchService
from callcenter_ai.core.search.similarity.augment import FLAT_FALLOFF
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL, add_call, unit


def _unit_rows(n: int, seed: int) -> np.ndarray:
    m = np.random.default_rng(seed).standard_normal((n, 6)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_update_equals_a_fresh_fit() -> None:
    vectors = _unit_rows(60, 0)
    ids = np.arange(10, 70, dtype=np.int64)
    sigs = ids * 7
    old = fit_graph(ids, sigs, vectors)
    # drop 5 calls, change 3, add 8
    keep = np.ones(60, bool)
    keep[[3, 17, 22, 40, 59]] = False
    changed = [5, 30, 31]
    vectors2 = vectors.copy()
    vectors2[changed] = _unit_rows(3, 1)
    sigs2 = sigs.copy()
    sigs2[changed] += 1
    new_ids = np.arange(100, 108, dtype=np.int64)
    ids3 = np.concatenate([ids[keep], new_ids])
    sigs3 = np.concatenate([sigs2[keep], new_ids * 7])
    vectors3 = np.concatenate([vectors2[keep], _unit_rows(8, 2)])
    updated, searched = update_graph(old, ids3, sigs3, vectors3)
    fresh = fit_graph(ids3, sigs3, vectors3)
    assert 0 < searched < len(ids3)  # incremental: not every call was searched again
    np.testing.assert_array_equal(updated.neighbours, fresh.neighbours)
    np.testing.assert_allclose(updated.cosines, fresh.cosines, rtol=1e-5)
    assert update_graph(fresh, ids3, sigs3, vectors3)[1] == 0


def _clustered(n: int, topics: int, noise: float, seed: int = 0) -> np.ndarray:
    """``n`` unit vectors (DIMS wide) around ``topics`` random centres, call i in topic i % topics."""
    centres = np.stack([unit(1000 + t) for t in range(topics)])
    noisy = centres[np.arange(n) % topics] + noise * np.random.default_rng(seed).standard_normal((n, DIMS))
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


def _store_of_calls(store: CallStore, n: int, vectors: np.ndarray | None = None) -> np.ndarray:
    vectors = np.stack([unit(i) for i in range(n)]) if vectors is None else vectors
    for i in range(n):
        add_call(store, f"c{i}", (("client", f"вопрос {i}"), ("operator", f"ответ {i}")), vector=vectors[i], seed=i)
    return vectors


def test_index_job_fits_and_service_rescores_with_augmented_profiles(store: CallStore, settings: Settings) -> None:
    _store_of_calls(store, 130, _clustered(130, 4, 0.6))  # topics far bigger than a neighbour list: flat
    update_index(store, MODEL, DIMS, settings.index_dir)
    graph = load_graph(graph_path(settings.index_dir, MODEL))
    assert graph is not None and graph.neighbours.shape == (130, NEIGHBOURS)
    assert graph.falloff < FLAT_FALLOFF

    ids = graph.call_ids
    profiles = call_profiles(store.db, MODEL, ids, DIMS)
    augmented = profiles.copy()
    for row, nbrs in enumerate(graph.neighbours):
        augmented[row] += profiles[np.searchsorted(ids, nbrs)].sum(axis=0)
    augmented /= np.linalg.norm(augmented, axis=1, keepdims=True)
    query = int(store.call_id("c0"))
    q_row = int(np.searchsorted(ids, query))
    scores = augmented @ augmented[q_row]
    scores[q_row] = -np.inf
    expected = [int(ids[i]) for i in np.argsort(-scores)[:10]]

    results = SearchService(settings, store, model_id=MODEL).similar("c0", k=10, mode="semantic")
    assert [r.call_id for r in results] == expected
    assert results[0].semantic_score == pytest.approx(float(scores[np.argsort(-scores)[0]]), abs=1e-3)

    plain = SearchService(replace(settings, similarity="plain"), store, model_id=MODEL).similar(
        "c0", k=10, mode="semantic"
    )
    assert [r.call_id for r in plain] != expected  # the plain cosine ranks differently


def test_small_store_keeps_the_plain_cosine(store: CallStore, settings: Settings) -> None:
    _store_of_calls(store, 20)
    update_index(store, MODEL, DIMS, settings.index_dir)
    assert graph_path(settings.index_dir, MODEL).exists()
    neighbours = SearchService(settings, store, model_id=MODEL).similar("c0", k=5, mode="semantic")
    plain = SearchService(replace(settings, similarity="plain"), store, model_id=MODEL).similar(
        "c0", k=5, mode="semantic"
    )
    assert [(r.call_id, r.score) for r in neighbours] == [(r.call_id, r.score) for r in plain]


def test_store_with_steep_neighbourhoods_keeps_the_plain_cosine(store: CallStore, settings: Settings) -> None:
    # 65 pairs of near-twins: each call's nearest is its twin, its 12th an unrelated call (an intent-like store)
    _store_of_calls(store, 130, _clustered(130, 65, 0.05))
    update_index(store, MODEL, DIMS, settings.index_dir)
    graph = load_graph(graph_path(settings.index_dir, MODEL))
    assert graph is not None and len(graph.call_ids) == 130 and graph.falloff > FLAT_FALLOFF
    neighbours = SearchService(settings, store, model_id=MODEL).similar("c0", k=10, mode="semantic")
    plain = SearchService(replace(settings, similarity="plain"), store, model_id=MODEL).similar(
        "c0", k=10, mode="semantic"
    )
    assert [(r.call_id, r.score) for r in neighbours] == [(r.call_id, r.score) for r in plain]


def test_falloff_is_the_median_drop_in_units_of_the_pair_spread() -> None:
    cosines = np.array([[0.9, 0.8, 0.5], [0.7, 0.6, 0.5], [0.9, 0.1, -np.inf]], dtype=np.float32)
    assert neighbourhood_falloff(cosines, 0.1) == pytest.approx(3.0)  # drops 0.4 and 0.2; the short row left out
    assert neighbourhood_falloff(cosines[2:], 0.1) == float("inf")
    vectors = _unit_rows(50, 7)
    pairs = (vectors @ vectors.T)[np.triu_indices(50, 1)]
    assert pair_spread(vectors) == pytest.approx(float(pairs.std()), rel=1e-5)
    graph = fit_graph(np.arange(50, dtype=np.int64), np.arange(50, dtype=np.int64), vectors)
    stored = vectors.astype(np.float16)  # the graph keeps (and samples the spread of) float16 profiles
    assert graph.falloff == pytest.approx(neighbourhood_falloff(graph.cosines, pair_spread(stored)))


def test_unreadable_graph_is_ignored_then_refitted(store: CallStore, settings: Settings) -> None:
    _store_of_calls(store, 110)
    update_index(store, MODEL, DIMS, settings.index_dir)
    path = graph_path(settings.index_dir, MODEL)
    path.write_bytes(b"not a zip")
    plain = SearchService(replace(settings, similarity="plain"), store, model_id=MODEL).similar(
        "c1", k=5, mode="semantic"
    )
    got = SearchService(settings, store, model_id=MODEL).similar("c1", k=5, mode="semantic")
    assert [r.call_id for r in got] == [r.call_id for r in plain]
    update_index(store, MODEL, DIMS, settings.index_dir)  # the next index run writes it again
    assert load_graph(path) is not None


def test_new_calls_update_the_saved_graph(store: CallStore, settings: Settings) -> None:
    _store_of_calls(store, 30)
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "late", vector=unit(5), seed=5)  # the same vector as c5: each other's nearest
    update_index(store, MODEL, DIMS, settings.index_dir)
    graph = load_graph(graph_path(settings.index_dir, MODEL))
    assert graph is not None and len(graph.call_ids) == 31
    late, c5 = store.call_id("late"), store.call_id("c5")
    assert graph.of(np.array([c5]))[0][0] == late
    assert graph.of(np.array([late]))[0][0] == c5
    stem = graph_path(settings.index_dir, MODEL).name.removesuffix(".npz")
    assert len(graph.profiles.segments) == 2  # the profiles' base, untouched, and the new call's delta
    assert len(list(settings.index_dir.glob(f"{stem}.*.npy"))) == 3  # and the links (rewritten whole at this size)


def test_results_under_the_threshold_are_marked(store: CallStore, settings: Settings) -> None:
    vectors = _store_of_calls(store, 12)
    update_index(store, MODEL, DIMS, settings.index_dir)
    cosines = vectors @ vectors[0]
    cut = float(np.median(cosines[1:]))
    service = SearchService(replace(settings, nothing_close_below=cut), store, model_id=MODEL)
    results = service.similar("c0", k=11, mode="semantic")
    assert {r.below_threshold for r in results} == {True, False}
    for r in results:
        assert r.below_threshold == (max(c.score for c in r.chunks) < cut)
        assert r.to_dict()["below_threshold"] is r.below_threshold
    unmarked = SearchService(settings, store, model_id=MODEL).similar("c0", k=11, mode="semantic")
    assert not any(r.below_threshold for r in unmarked)  # the test model has no calibrated threshold


def test_big_stores_use_an_approximate_search_close_to_the_exact_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from callcenter_ai.core.index import nearest as nb

    rng = np.random.default_rng(3)
    centres = _unit_rows(20, 4)
    vectors = centres[rng.integers(0, 20, 800)] + 0.3 * _unit_rows(800, 5)
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    ids = np.arange(800, dtype=np.int64)
    exact = fit_graph(ids, ids, vectors)
    monkeypatch.setattr(nb, "EXACT_MAX_CALLS", 100)
    approximate = fit_graph(ids, ids, vectors)
    assert not np.any(approximate.neighbours == ids[:, None])  # never its own neighbour
    overlap = np.mean(
        [len(set(a) & set(e)) / NEIGHBOURS for a, e in zip(approximate.neighbours, exact.neighbours, strict=True)]
    )
    assert overlap > 0.8


def test_the_offline_embedder_has_a_calibrated_threshold_and_the_setting_overrides_it() -> None:
    from callcenter_ai.core.search.similarity.threshold import threshold_for

    assert threshold_for("offline/usem3@512", -2.0) == pytest.approx(0.51)
    assert threshold_for("offline/usem3@512", 0.3) == 0.3
    assert threshold_for("Qwen/Qwen3-Embedding-0.6B@1024", -2.0) is None  # not calibrated: nothing marked


def test_nearest_rows_in_small_blocks_equal_one_full_product(monkeypatch: pytest.MonkeyPatch) -> None:
    from callcenter_ai.core.index import nearest

    vectors = _unit_rows(40, 9).astype(np.float16)
    rows = np.array([0, 3, 17, 39], dtype=np.int64)
    scores = vectors[rows].astype(np.float32) @ vectors.astype(np.float32).T
    scores[np.arange(len(rows)), rows] = -np.inf
    expected = np.argsort(-scores, axis=1, kind="stable")[:, :5]
    monkeypatch.setattr(nearest, "COLUMNS", 7)  # several column chunks, the last one partial
    monkeypatch.setattr(nearest, "BLOCK", 3)
    cols, vals = nearest.nearest_rows(vectors, rows, 5)
    np.testing.assert_array_equal(cols, expected)
    np.testing.assert_allclose(vals, np.take_along_axis(scores, expected, axis=1), rtol=1e-6)

"""The rating-trained adapter: its training on its own, then trained from a store's ratings, saved and its state,
on both engines. ``test_saved_adapter_reranks_from_the_home_files`` stays on SQLite: the adapter's files in the
home (``indexes/rerank``) are the embedded store's; the server keeps it in a table (read back here on both)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from callcenter_ai.core.app import rerank_state_in
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.feedback import load_reranker, maybe_retrain, train_reranker
from callcenter_ai.core.feedback.adapter import (
    LinearAdapter,
    TrainConfig,
    build_pairs,
    pair_accuracy,
    train_adapter,
)
from callcenter_ai.core.feedback.learning import adapter_paths, collect_examples, query_vectors
from callcenter_ai.core.settings import Settings
from tests.calls import DIMS, MODEL, add_call, rate, talk


def clustered(n: int, seed: int, noise_dims: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Vectors whose label lives in 2 dims while 6 loud noise dims dominate the cosine."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    signal = np.where(labels[:, None] == 0, [1.0, 0.0], [0.0, 1.0]) * 0.6
    noise = rng.standard_normal((n, noise_dims)) * 1.0
    x = np.hstack([signal, noise]).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True), labels


def precision_at(x: np.ndarray, labels: np.ndarray, adapter: LinearAdapter, k: int = 5) -> float:
    t = adapter.transform(x)
    s = t @ t.T
    np.fill_diagonal(s, -np.inf)
    top = np.argsort(-s, axis=1)[:, :k]
    return float(np.mean(labels[top] == labels[:, None]))


def test_identity_adapter_is_the_plain_dot_product() -> None:
    x, _ = clustered(20, 0)
    adapter = LinearAdapter.identity(DIMS)
    assert np.allclose(adapter.scores(x[0], x), x @ x[0], atol=1e-6)
    assert adapter.scores(x[0], x[:0]).shape == (0,)
    with pytest.raises(ValueError):
        LinearAdapter(np.zeros((3, 4), np.float32))


def test_build_pairs_combines_within_anchor_only() -> None:
    anchors = np.eye(4, dtype=np.float32)[[0, 0, 0, 1, 1]]
    results = np.eye(4, dtype=np.float32)[[1, 2, 3, 1, 2]]
    pairs = build_pairs(anchors, results, np.array([True, True, False, True, True]), np.array([0, 0, 0, 1, 1]))
    assert len(pairs) == 2  # anchor 0: 2 positives x 1 negative; anchor 1 has no negative
    assert np.array_equal(pairs.negatives, results[[2, 2]])


def test_training_learns_what_ratings_say_and_generalises_to_unseen_vectors() -> None:
    x, labels = clustered(300, 1)
    # ratings: each of the first 150 items judges 10 random others by label
    rng = np.random.default_rng(2)
    a, r, rel, g = [], [], [], []
    for i in range(150):
        for j in rng.choice(150, 10, replace=False):
            a.append(x[i])
            r.append(x[j])
            rel.append(labels[i] == labels[j])
            g.append(i)
    pairs = build_pairs(np.array(a), np.array(r), np.array(rel), np.array(g))
    group_of_pair = np.repeat(
        np.arange(150),
        [int(sum(rel[i * 10 : i * 10 + 10]) * (10 - sum(rel[i * 10 : i * 10 + 10]))) for i in range(150)],
    )
    adapter, report = train_adapter(pairs, TrainConfig(steps=150, learning_rate=1e-2), group_of_pair=group_of_pair)
    held_out = (x[150:], labels[150:])
    before = precision_at(*held_out, LinearAdapter.identity(DIMS))
    after = precision_at(*held_out, adapter)
    assert after > before + 0.1, (before, after)
    assert report.validation_accuracy_after is not None and report.validation_accuracy_before is not None
    assert report.validation_accuracy_after > report.validation_accuracy_before
    assert pair_accuracy(adapter, pairs) > pair_accuracy(LinearAdapter.identity(DIMS), pairs)


def test_adapter_saves_as_plain_npy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    adapter = LinearAdapter(np.arange(16, dtype=np.float32).reshape(4, 4))
    adapter.save(str(tmp_path / "a.npy"))
    assert np.array_equal(np.load(tmp_path / "a.npy", allow_pickle=False), adapter.matrix)
    assert np.array_equal(LinearAdapter.load(str(tmp_path / "a.npy")).matrix, adapter.matrix)


def make_rated_store(store: Engine, n_anchors: int = 30) -> None:
    x, labels = clustered(n_anchors + 20, 3)
    for i, v in enumerate(x):
        add_call(store, f"c{i}", talk(), vector=v, side_vectors=False, topic=f"t{labels[i]}")
    rng = np.random.default_rng(4)
    for i in range(n_anchors):
        for j in rng.choice(np.arange(n_anchors, n_anchors + 20), 4, replace=False):
            relevant = bool(labels[i] == labels[j])
            when = f"2026-03-01T10:{i:02d}:00+00:00"
            rate(store, f"c{j}", relevant, source_dialog_id=f"c{i}", now=when)


def test_reranker_is_off_until_enough_ratings_then_trains_and_saves(engine: Engine, settings: Settings) -> None:
    make_rated_store(engine)
    strict = replace(settings, rerank_min_ratings=1000)
    assert train_reranker(engine.feedback(), strict, MODEL) is None
    assert rerank_state_in(engine, strict, MODEL).enabled is False
    assert engine.rerankers.load_reranker(MODEL) is None

    on = replace(settings, rerank_min_ratings=50)
    assert rerank_state_in(engine, on, MODEL).needs_training is True
    info = maybe_retrain(engine.feedback(), on, MODEL, embed_queries=None)
    assert info is not None and info["ratings_used"] == 120 and info["dims"] == DIMS
    held = info["held_out"]
    assert held["held_out_anchors"] == 6 and held["plain"]["anchors"] >= 1
    saved = engine.rerankers.load_reranker(MODEL)
    assert saved is not None and saved[0].shape == (DIMS, DIMS) and saved[1]["model_id"] == MODEL
    status = rerank_state_in(engine, on, MODEL)
    assert status.enabled is True and status.needs_training is False
    assert maybe_retrain(engine.feedback(), on, MODEL) is None  # nothing new since
    assert engine.rerankers.load_reranker("other@8") is None  # another vector space has no re-ranker


def test_saved_adapter_reranks_from_the_home_files(settings: Settings) -> None:
    sqlite = SqliteEngine(settings)
    make_rated_store(sqlite)
    store = sqlite.store
    on = replace(settings, rerank_min_ratings=50)
    assert load_reranker(on, MODEL, store) is None
    assert maybe_retrain(store, on, MODEL, embed_queries=None) is not None
    matrix_path, info_path = adapter_paths(on, MODEL)
    assert np.load(matrix_path, allow_pickle=False).shape == (DIMS, DIMS)
    assert json.loads(info_path.read_text())["model_id"] == MODEL

    reranker = load_reranker(on, MODEL, store)
    assert reranker is not None
    ids = [store.call_id(f"c{j}") for j in range(30, 50)]
    query = store.db.execute("SELECT id FROM calls WHERE external_id='c0'").fetchone()[0]
    from callcenter_ai.core.store import vectors as vec

    qv = vec.call_vector(store.db, query, MODEL)
    assert qv is not None
    ranked = reranker.rerank(store, qv, [*ids, 999_999])
    assert sorted(c for c, _ in ranked) == sorted([*ids, 999_999])
    assert ranked[-1][0] == 999_999 and np.isnan(ranked[-1][1])  # unknown: kept, last
    scores = [s for _, s in ranked[:-1]]
    assert scores == sorted(scores, reverse=True)
    assert load_reranker(on, "other@8", store) is None
    sqlite.close()


def test_query_texts_are_embedded_once_and_cached(engine: Engine) -> None:
    add_call(engine, "a", talk(), vector=[1, 0, 0, 0, 0, 0, 0, 0], side_vectors=False)
    rate(engine, "a", True, query_text="карта")
    calls: list[list[str]] = []

    def embed(texts: object) -> np.ndarray:
        calls.append(list(texts))  # type: ignore[call-overload]
        return np.ones((len(calls[-1]), DIMS), np.float32) / np.sqrt(DIMS)

    source = engine.feedback()
    assert len(collect_examples(source, MODEL)) == 0  # no embedder, nothing cached: skipped
    assert len(collect_examples(source, MODEL, embed_queries=embed)) == 1
    assert len(collect_examples(source, MODEL, embed_queries=embed)) == 1
    assert calls == [["карта"]]
    assert set(query_vectors(source, MODEL, ["карта"], None)) == {"карта"}

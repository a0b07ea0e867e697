"""SideSearch: base minus tombstones plus delta answers like an exact scan of the live vectors, one query or many.

SQLite + FAISS only: FAISS base and delta segments."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from callcenter_ai.core.index.kinds import build_index
from callcenter_ai.core.index.segment_search import SideSearch
from callcenter_ai.core.index.segments import build_delta

DIMS = 16
K = 7


def vectors(n: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, DIMS)).astype(np.float32)
    out: np.ndarray = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def exact(live: dict[int, np.ndarray], queries: np.ndarray, k: int, allowed: np.ndarray | None) -> list[set[int]]:
    ids = np.array(sorted(i for i in live if allowed is None or i in set(allowed.tolist())), dtype=np.int64)
    scores = queries @ np.stack([live[int(i)] for i in ids]).T
    return [set(ids[np.argsort(-row, kind="stable")[:k]].tolist()) for row in scores]


@pytest.mark.parametrize("kind", ["flat", "flat_fp16", "ivf_fp16"])
def test_base_minus_tombstones_plus_delta_is_an_exact_scan_of_the_live_vectors(kind: str) -> None:
    base_vectors, delta_vectors = vectors(400, 1), vectors(30, 2)
    base_ids = np.arange(400, dtype=np.int64)
    delta_ids = np.concatenate([np.arange(400, 427), [5, 17, 230]]).astype(np.int64)  # 27 new, 3 changed
    dead = np.union1d(np.arange(0, 400, 9), [5, 17, 230]).astype(np.int64)  # a changed id dies in the base
    base = build_index(kind, base_vectors, base_ids)
    if kind == "ivf_fp16":
        base.nprobe = base.nlist  # every list probed: the scan is exact up to fp16
    delta = build_delta(kind, delta_vectors, delta_ids, base)
    if kind == "ivf_fp16":
        delta.nprobe = delta.nlist
    live = {int(i): v for i, v in zip(base_ids, base_vectors, strict=True) if i not in set(dead.tolist())}
    live.update({int(i): v for i, v in zip(delta_ids, delta_vectors, strict=True)})
    search = SideSearch(base, delta, dead)
    queries = np.ascontiguousarray(np.concatenate([delta_vectors[:5], base_vectors[[5, 9, 17, 40]], vectors(6, 3)]))
    allowed = np.sort(np.random.default_rng(4).choice(np.array(sorted(live)), 90, replace=False)).astype(np.int64)
    allowed = np.union1d(allowed, [5, 9, 230])  # tombstoned in the base: only the delta's copy may answer
    for subset in (None, allowed):
        want = exact(live, queries, K, subset)
        _, batch_ids = search.search(queries, K, subset)
        for row, query in enumerate(queries):
            scores, ids = search.search(np.ascontiguousarray(query[None, :]), K, subset)
            assert ids.shape == (1, K) and np.array_equal(ids[0], batch_ids[row])
            assert set(ids[0].tolist()) == want[row], (kind, row)
            assert np.all(np.diff(scores[0]) <= 1e-6)  # best first
    assert 9 not in search.search(np.ascontiguousarray(base_vectors[[9]]), K)[1][0]  # a tombstone never answers


def test_concurrent_single_queries_get_their_own_answers() -> None:
    """The API searches from several threads; FAISS releases the GIL, so no buffer may be shared between calls."""
    base = build_index("ivf_fp16", vectors(2000, 5), np.arange(2000, dtype=np.int64))
    delta = build_delta("ivf_fp16", vectors(50, 6), np.arange(2000, 2050, dtype=np.int64), base)
    search = SideSearch(base, delta, np.arange(0, 2000, 7, dtype=np.int64))
    queries = np.ascontiguousarray(vectors(64, 7))
    want = [search.search(np.ascontiguousarray(q[None, :]), K)[1][0].tolist() for q in queries]
    wrong: list[int] = []

    def run(offset: int) -> None:
        for _ in range(20):
            for row in range(offset, len(queries), 4):
                got = search.search(np.ascontiguousarray(queries[row][None, :]), K)[1][0].tolist()
                if got != want[row]:
                    wrong.append(row)

    threads = [threading.Thread(target=run, args=(offset,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_merging_a_delta_that_beats_nothing_returns_the_base_as_a_full_merge_would() -> None:
    from callcenter_ai.core.index.segment_search import _merge

    rng = np.random.default_rng(3)
    base_scores = -np.sort(-rng.random((4, 5), dtype=np.float32), axis=1) + 1.0  # all in (1, 2)
    base = (base_scores, rng.integers(0, 100, (4, 5)).astype(np.int64))
    for delta_scores in (np.full((4, 5), 0.5, np.float32), -np.sort(-rng.random((4, 5), dtype=np.float32) * 2, axis=1)):
        delta = (delta_scores, rng.integers(100, 200, (4, 5)).astype(np.int64))
        scores = np.concatenate((base[0], delta[0]), axis=1)
        ids = np.concatenate((base[1], delta[1]), axis=1)
        order = np.argsort(-scores, axis=1, kind="stable")[:, :5]
        merged = _merge(base, delta, 5)
        np.testing.assert_array_equal(merged[1], np.take_along_axis(ids, order, axis=1))
        np.testing.assert_array_equal(merged[0], np.take_along_axis(scores, order, axis=1))
    short = (base[0][:, :3], base[1][:, :3])  # a base with fewer than k results always merges
    got = _merge(short, (np.full((4, 5), 0.5, np.float32), np.arange(20).reshape(4, 5)), 5)
    assert got[1].shape == (4, 5) and (got[1][:, 3:] < 20).all()


def test_one_querys_merge_places_each_delta_result_as_the_stable_sort_of_both_lists_would() -> None:
    from callcenter_ai.core.index.segment_search import _NO_SCORE, _merge

    rng = np.random.default_rng(11)
    for trial in range(300):
        k, k_delta = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        n_base, n_delta = int(rng.integers(0, k + 1)), int(rng.integers(0, k_delta + 1))  # found; the rest missing
        levels = rng.integers(0, 6, n_base + n_delta).astype(np.float32) / 5  # few values: many ties across parts
        base_scores = np.full((1, k), _NO_SCORE, np.float32)
        base_ids = np.full((1, k), -1, np.int64)
        base_scores[0, :n_base], base_ids[0, :n_base] = -np.sort(-levels[:n_base]), np.arange(n_base)
        delta_scores = np.full((1, k_delta), _NO_SCORE if trial % 2 else -1e30, np.float32)  # missing: any score
        delta_ids = np.full((1, k_delta), -1, np.int64)
        delta_scores[0, :n_delta], delta_ids[0, :n_delta] = -np.sort(-levels[n_base:]), 100 + np.arange(n_delta)
        scores = np.concatenate((base_scores, np.where(delta_ids >= 0, delta_scores, _NO_SCORE)), axis=1)
        ids = np.concatenate((base_ids, delta_ids), axis=1)
        order = np.argsort(-scores[0], kind="stable")[:k]
        got_scores, got_ids = _merge((base_scores, base_ids), (delta_scores, delta_ids), k)
        np.testing.assert_array_equal(got_ids[0], ids[0, order])
        np.testing.assert_array_equal(got_scores[0], scores[0, order])

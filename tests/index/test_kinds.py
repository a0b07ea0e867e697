"""IVF parameters of callcenter_ai.core.index.kinds: list count, probe rule, batched build, recall, filtered search.

SQLite + FAISS only: FAISS index kinds (PostgreSQL uses pgvector's HNSW)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.index import kinds
from callcenter_ai.core.index.kinds import build_index, index_ids, ivf_nlist, ivf_nprobe, tune_for_search
from callcenter_ai.core.index.part_io import read_part, write_part
from callcenter_ai.core.index.vector_index import IndexState, VectorIndex, save_generation
from callcenter_ai.core.records import SIDES

DIMS = 48
MODEL = "test/ivf@48"


def clustered(n: int, seed: int) -> np.ndarray:
    """Unit vectors around 60 topics with a shared 6-d continuous variation (neighbours cross list borders)."""
    base = np.random.default_rng(7)
    centers = base.standard_normal((60, DIMS)).astype(np.float32)
    basis = base.standard_normal((6, DIMS)).astype(np.float32) * np.float32(0.25)
    rng = np.random.default_rng(seed)
    x = centers[rng.integers(0, 60, n)] / np.sqrt(DIMS)
    x += rng.standard_normal((n, 6)).astype(np.float32) @ basis / np.sqrt(DIMS) * 4
    x += rng.standard_normal((n, DIMS)).astype(np.float32) * np.float32(0.3 / np.sqrt(DIMS))
    out: np.ndarray = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    return out


def reranked_recall(index: object, data: np.ndarray, queries: np.ndarray, fetch: int = 40) -> float:
    """Recall@10 after the exact re-rank of ``fetch`` candidates, as the search service does."""
    truth = np.argsort(-(queries @ data.T), axis=1)[:, :10]
    hits = 0
    for q, expected in zip(queries, truth, strict=True):
        _, got = index.search(q[None, :], fetch)  # type: ignore[attr-defined]
        candidates = got[0][got[0] >= 0]
        top = candidates[np.argsort(-(data[candidates] @ q))[:10]]
        hits += len(np.intersect1d(top, expected))
    return hits / (10 * len(queries))


def test_list_count_follows_two_sqrt_n_with_enough_training_points() -> None:
    assert ivf_nlist(1_000_000) == 2000
    assert ivf_nlist(100_000) == 632
    assert ivf_nlist(4_000) == 100  # 40 training points per list at most
    assert ivf_nlist(100) == 16


def test_probe_count_is_the_measured_minimum_then_a_share_of_large_list_counts() -> None:
    assert ivf_nprobe(16) == 16  # never more than the lists
    assert ivf_nprobe(632) == kinds.NPROBE_MIN == 32
    assert ivf_nprobe(2000) == 32
    assert ivf_nprobe(8192) == 128


def test_ivf_build_adds_in_batches_and_keeps_every_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds, "IVF_ADD_BATCH", 1_500)
    data = clustered(4_000, 1)
    ids = np.arange(10, 4_010, dtype=np.int64)
    progress: list[tuple[int, int]] = []
    index = build_index("ivf_fp16", data, ids, on_added=lambda done, total: progress.append((done, total)))
    assert progress == [(1_500, 4_000), (3_000, 4_000), (4_000, 4_000)]
    assert index.ntotal == 4_000 and np.array_equal(index_ids(index), ids)
    assert index.nlist == ivf_nlist(4_000) and index.nprobe == ivf_nprobe(index.nlist)
    assert index.cp.niter == kinds.IVF_KMEANS_ITERATIONS


def test_chosen_probe_count_reaches_recall_098_after_rerank_and_one_probe_does_not() -> None:
    data = clustered(30_000, 2)
    queries = clustered(60, 3)
    index = build_index("ivf_fp16", data, np.arange(len(data), dtype=np.int64))
    assert index.nlist == 346 and index.nprobe == 32
    assert reranked_recall(index, data, queries) >= 0.98
    index.nprobe = 1
    assert reranked_recall(index, data, queries) < 0.9  # the data is hard enough for the probe count to matter


def test_tune_for_search_replaces_the_probe_count_saved_with_an_older_index() -> None:
    import faiss

    data = clustered(3_000, 4)
    index = build_index("ivf_fp16", data, np.arange(3_000, dtype=np.int64))
    index.nprobe = 7  # an index saved under an older rule keeps its nprobe in the file
    loaded = faiss.deserialize_index(faiss.serialize_index(index))
    assert loaded.nprobe == 7
    tune_for_search(loaded)
    assert loaded.nprobe == ivf_nprobe(loaded.nlist)
    flat = build_index("flat", data, np.arange(3_000, dtype=np.int64))
    tune_for_search(flat)  # other kinds are left alone
    assert flat.ntotal == 3_000


def test_a_memory_mapped_ivf_part_starts_no_prefetch_threads(tmp_path: Path) -> None:
    """FAISS pages a mapped part's probed lists in with up to 32 new threads per query unless told not to."""
    import faiss

    data = clustered(3_000, 4)
    index = build_index("ivf_fp16", data, np.arange(3_000, dtype=np.int64))
    sha = write_part(tmp_path / "part.faiss", index)
    mapped = read_part(tmp_path / "part.faiss", sha, mapped=True)
    lists = faiss.downcast_InvertedLists(mapped.invlists)
    assert isinstance(lists, faiss.OnDiskInvertedLists) and lists.prefetch_nthread > 0  # FAISS's default
    tune_for_search(mapped)
    assert lists.prefetch_nthread == 0
    _, ids = mapped.search(data[:5], 3)
    assert ids[:, 0].tolist() == [0, 1, 2, 3, 4]
    tune_for_search(index)  # an IVF part read into memory has array lists: nothing to tune
    assert index.ntotal == 3_000


def test_filtered_ivf_search_returns_only_allowed_ids_with_good_recall(tmp_path: Path) -> None:
    data = clustered(20_000, 5)
    ids = np.arange(1, 20_001, dtype=np.int64)
    part = build_index("ivf_fp16", data, ids)
    none = np.zeros(0, np.int64)
    state = IndexState(ids[:1], ids[:1], {s: ids for s in SIDES}, {s: ids for s in SIDES})
    state.chunk_ids["client"] = state.chunk_calls["client"] = none
    empty = build_index("flat", np.zeros((0, DIMS), np.float32), none)
    save_generation(
        tmp_path, MODEL, DIMS, {"all": part, "client": empty, "operator": empty}, state, store_schema_version=1
    )
    index = VectorIndex.load(tmp_path, MODEL, DIMS)
    allowed = np.sort(np.random.default_rng(0).choice(ids, 4_000, replace=False))
    queries = clustered(30, 6)
    hits = 0
    for q in queries:
        _scores, found = index.search("all", q, 40, allowed_ids=allowed)
        got = found[0][found[0] >= 0]
        assert len(got) == 40 and np.isin(got, allowed).all()
        top = got[np.argsort(-(data[got - 1] @ q))[:10]]
        expected = allowed[np.argsort(-(data[allowed - 1] @ q))[:10]]
        hits += len(np.intersect1d(top, expected))
    assert hits / (10 * len(queries)) >= 0.95

"""The neighbour graph's cost follows the change: profile segments, kills mid-save, coarse lists, one signature pass."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.index import files, nearest, segmented_rows
from callcenter_ai.core.index.neighbours import (
    NEIGHBOURS,
    fit_graph,
    graph_path,
    load_graph,
    refresh_neighbours,
    save_graph,
    update_graph,
)
from callcenter_ai.core.index.profiles import call_profiles
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL, add_call, unit


def _clustered(n: int, topics: int, dims: int, noise: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((topics, dims))
    rows = centres[rng.integers(0, topics, n)] + noise * rng.standard_normal((n, dims))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _recall(got: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(e)) / exact.shape[1] for a, e in zip(got, exact, strict=True)]))


def _calls(store: CallStore, names: range) -> None:
    for i in names:
        add_call(store, f"c{i}", (("client", f"вопрос {i}"), ("operator", f"ответ {i}")), vector=unit(i), seed=i)


def _segments(index_dir: Path) -> dict[str, bytes]:
    """Every segment file of the graph (profiles and links)."""
    stem = graph_path(index_dir, MODEL).name.removesuffix(".npz")
    return {p.name: p.read_bytes() for p in index_dir.glob(f"{stem}.*.npy")}


def _profile_segments(index_dir: Path) -> dict[str, bytes]:
    """The profile segment files the saved graph names."""
    graph = load_graph(graph_path(index_dir, MODEL))
    assert graph is not None
    return {n: (index_dir / n).read_bytes() for n in graph.profiles.names if n is not None}


def test_an_update_writes_only_the_new_calls_profiles(store: CallStore, settings: Settings) -> None:
    _calls(store, range(40))
    update_index(store, MODEL, DIMS, settings.index_dir)
    before = _profile_segments(settings.index_dir)
    _calls(store, range(40, 43))
    update_index(store, MODEL, DIMS, settings.index_dir)
    after = _profile_segments(settings.index_dir)
    assert len(before) == 1 and set(before) < set(after)  # the base file is kept as it was
    (base,) = before
    assert after[base] == before[base]
    (delta,) = set(after) - set(before)
    assert np.load(settings.index_dir / delta).shape[0] == 3  # only the three new calls' profiles were written
    graph = load_graph(graph_path(settings.index_dir, MODEL))
    assert graph is not None
    ids = np.array([store.call_id(f"c{i}") for i in range(43)], dtype=np.int64)
    expected = call_profiles(store.db, MODEL, np.sort(ids), DIMS).astype(np.float16)
    np.testing.assert_array_equal(graph.profiles[np.arange(43)], expected)


def test_updates_with_folded_segments_equal_a_fit(
    store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segmented_rows, "MAX_SEGMENTS", 2)
    _calls(store, range(30))
    update_index(store, MODEL, DIMS, settings.index_dir)
    for step in range(4):  # new calls, a changed call, a deleted call: the deltas fold as they pile up
        _calls(store, range(30 + 2 * step, 32 + 2 * step))
        add_call(store, f"c{step}", (("client", "другой вопрос"),), vector=unit(100 + step), seed=100 + step)
        store.delete_calls([f"c{10 + step}"])
        update_index(store, MODEL, DIMS, settings.index_dir)
        graph = load_graph(graph_path(settings.index_dir, MODEL))
        assert graph is not None and len(graph.profiles.segments) <= 3
        ids, sigs = graph.call_ids, graph.signatures
        fresh = fit_graph(ids, sigs, call_profiles(store.db, MODEL, ids, DIMS))
        np.testing.assert_array_equal(graph.neighbours, fresh.neighbours)
        np.testing.assert_allclose(graph.cosines, fresh.cosines, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(graph.profiles[np.arange(len(ids))], fresh.profiles[np.arange(len(ids))])
    named = len(graph.profiles.segments) + len(graph.links.segments)
    assert len(_segments(settings.index_dir)) == named  # no file left that no graph names


def test_a_kill_during_the_save_leaves_the_previous_graph(
    store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _calls(store, range(30))
    update_index(store, MODEL, DIMS, settings.index_dir)
    path = graph_path(settings.index_dir, MODEL)
    old = load_graph(path)
    assert old is not None
    _calls(store, range(30, 35))

    def killed(tmp: Path, target: Path) -> None:
        if target == path:  # the new segment is written; the kill comes before the graph names it
            raise KeyboardInterrupt

    monkeypatch.setattr(files, "before_replace", killed)
    with pytest.raises(KeyboardInterrupt):
        refresh_neighbours(store.db, MODEL, DIMS, settings.index_dir)
    monkeypatch.setattr(files, "before_replace", None)
    kept = load_graph(path)
    assert kept is not None
    np.testing.assert_array_equal(kept.call_ids, old.call_ids)
    np.testing.assert_array_equal(kept.profiles[np.arange(30)], old.profiles[np.arange(30)])
    assert len(_segments(settings.index_dir)) == 4  # the orphaned new segments (profiles, links), until the next save
    assert refresh_neighbours(store.db, MODEL, DIMS, settings.index_dir) > 0
    graph = load_graph(path)
    assert graph is not None and len(graph.call_ids) == 35
    assert len(graph.profiles.segments) == 2  # base + the new delta
    assert len(_segments(settings.index_dir)) == 3  # and the links, rewritten whole at this size (exact search)


def test_coarse_lists_fit_and_update_close_to_the_exact_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = _clustered(3000, 60, 32, 0.5, 1)
    ids = np.arange(3000, dtype=np.int64) * 3
    exact = fit_graph(ids, ids, vectors)
    monkeypatch.setattr(nearest, "EXACT_MAX_CALLS", 1000)
    approximate = fit_graph(ids[:2900], ids[:2900], vectors[:2900])
    assert approximate.centroids is not None and approximate.lists is not None
    assert not np.any(approximate.neighbours == ids[:2900, None])
    # the last 100 calls arrive: only they are searched; kept calls take them in from the same scores
    updated, searched = update_graph(approximate, ids, ids, vectors)
    assert searched == 100
    assert _recall(updated.neighbours, exact.neighbours) > 0.95
    refit = fit_graph(ids, ids, vectors)
    assert _recall(refit.neighbours, exact.neighbours) > 0.95


def test_a_duplicate_enters_the_lists_of_the_call_it_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = _clustered(1500, 30, 16, 0.6, 2)
    ids = np.arange(1500, dtype=np.int64)
    monkeypatch.setattr(nearest, "EXACT_MAX_CALLS", 500)
    old = fit_graph(ids, ids, vectors)
    copies = vectors[[7, 300, 1200]]
    grown = np.concatenate([vectors, copies])
    new_ids = np.arange(1503, dtype=np.int64)
    updated, _ = update_graph(old, new_ids, new_ids, grown)
    for original, copy in zip((7, 300, 1200), (1500, 1501, 1502), strict=True):
        assert updated.neighbours[original, 0] == copy
        assert updated.neighbours[copy, 0] == original
    assert updated.neighbours.shape == (1503, NEIGHBOURS)


def test_the_index_job_reads_the_call_signatures_once(
    store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callcenter_ai.core.index import neighbours, store_reads

    _calls(store, range(20))
    update_index(store, MODEL, DIMS, settings.index_dir)
    _calls(store, range(20, 22))
    passes: list[int | None] = []  # calls asked for per pass (None: every call)
    for module in (store_reads, neighbours):
        real = module.call_signatures

        def counted(db: object, model_id: str, only: object = None, _real: object = real) -> object:
            passes.append(None if only is None else len(only))  # type: ignore[arg-type]
            return _real(db, model_id, only)  # type: ignore[operator]

        monkeypatch.setattr(module, "call_signatures", counted)
    update_index(store, MODEL, DIMS, settings.index_dir)
    assert passes == [2]  # one pass, of the two new calls only (the store's change log)
    graph = load_graph(graph_path(settings.index_dir, MODEL))
    assert graph is not None and len(graph.call_ids) == 22


def test_saving_an_unchanged_graph_writes_no_profiles(tmp_path: Path) -> None:
    vectors = _clustered(50, 5, 8, 0.3, 3)
    ids = np.arange(50, dtype=np.int64)
    path = tmp_path / "g.neighbours.npz"
    save_graph(path, fit_graph(ids, ids, vectors))
    loaded = load_graph(path)
    assert loaded is not None
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("g.neighbours.*.npy")}
    save_graph(path, loaded)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("g.neighbours.*.npy")} == before


def test_search_reads_profiles_across_segments_as_from_one_file(store: CallStore, settings: Settings) -> None:
    from callcenter_ai.core.search.service import SearchService
    from callcenter_ai.core.search.similarity.augment import augments

    centres = np.stack([unit(1000 + t) for t in range(4)])
    noisy = centres[np.arange(130) % 4] + 0.6 * np.random.default_rng(0).standard_normal((130, DIMS))
    vectors = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
    for i in range(130):
        add_call(store, f"c{i}", (("client", f"вопрос {i}"),), vector=vectors[i], seed=i)
        if i in (109, 119):  # three index runs: a base and two delta segments
            update_index(store, MODEL, DIMS, settings.index_dir)
    update_index(store, MODEL, DIMS, settings.index_dir)
    graph = load_graph(graph_path(settings.index_dir, MODEL))
    assert graph is not None and len(graph.profiles.segments) == 3 and augments(graph)
    got = SearchService(settings, store, model_id=MODEL).similar("c1", k=8, mode="semantic")
    refresh_neighbours(store.db, MODEL, DIMS, settings.index_dir, rebuild=True)
    refitted = load_graph(graph_path(settings.index_dir, MODEL))
    assert refitted is not None and len(refitted.profiles.segments) == 1
    again = SearchService(settings, store, model_id=MODEL).similar("c1", k=8, mode="semantic")
    assert [(r.call_id, round(r.score, 5)) for r in got] == [(r.call_id, round(r.score, 5)) for r in again]


def test_float16_rows_convert_to_the_same_float32_as_numpy() -> None:
    """Every finite float16 (subnormals and -0 too), through the fast path, bit for bit; other dtypes as before."""
    from callcenter_ai.core.index.nearest import as_f32

    halves = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
    finite = halves[np.isfinite(halves)]
    rows = finite[: len(finite) // 64 * 64].reshape(-1, 64)
    for matrix in (rows, rows[:, ::2], rows[:0]):
        converted = as_f32(matrix)
        assert converted.dtype == np.float32 and converted.flags.c_contiguous
        np.testing.assert_array_equal(converted.view(np.uint32), matrix.astype(np.float32).view(np.uint32))
    singles = rows.astype(np.float32)
    assert as_f32(singles) is singles


def test_an_update_builds_new_profiles_from_the_chunks_the_index_read(
    store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several chunks per side (a long call): the same sums, in the same order, as read from the store."""
    from callcenter_ai.core.index import neighbours
    from callcenter_ai.core.records import Chunk
    from callcenter_ai.core.store.vectors import save_call_embedding

    _calls(store, range(30))
    update_index(store, MODEL, DIMS, settings.index_dir)
    rng = np.random.default_rng(5)
    for i in range(30, 34):
        call_id = add_call(store, f"c{i}", (("client", "а"), ("operator", "б"), ("client", "в")), embed=False)
        chunks = [Chunk(n, 0, 2, 10, side) for side in ("all", "client", "operator") for n in range(3)]
        vectors = rng.standard_normal((len(chunks), DIMS)).astype(np.float32)
        with store.transaction():
            (content_hash,) = store.db.execute("SELECT content_hash FROM calls WHERE id = ?", (call_id,)).fetchone()
            save_call_embedding(store.db, call_id, MODEL, content_hash, chunks, vectors, unit(i))
    from_store: list[int] = []
    real = neighbours.call_profiles
    monkeypatch.setattr(
        neighbours, "call_profiles", lambda db, m, ids, d: from_store.append(len(ids)) or real(db, m, ids, d)
    )
    update_index(store, MODEL, DIMS, settings.index_dir)
    assert from_store == []  # no second read of the new calls' chunks
    graph = load_graph(graph_path(settings.index_dir, MODEL))
    assert graph is not None and len(graph.call_ids) == 34
    np.testing.assert_array_equal(
        graph.profiles[np.arange(34)], real(store.db, MODEL, graph.call_ids, DIMS).astype(np.float16)
    )


def test_profiles_from_read_chunks_add_each_calls_chunks_in_order() -> None:
    """Chunks of many calls interleaved, up to a dozen per call and side, some of other calls: the same float32
    sums, bit for bit, as adding each call's chunks one by one in the order read (what the store path does)."""
    from callcenter_ai.core.index.profiles import SIDE_WEIGHTS, ReadChunks, _fused, profiles_from_chunks

    rng = np.random.default_rng(0)
    calls = np.sort(rng.choice(10_000, 300, replace=False)).astype(np.int64)
    chunks, expected = {}, np.zeros((len(SIDE_WEIGHTS), len(calls), DIMS), np.float32)
    for i, (side, _) in enumerate(SIDE_WEIGHTS):
        owners = rng.choice(np.append(calls, 99_999), 1_000).astype(np.int64)
        vectors = rng.standard_normal((1_000, DIMS)).astype(np.float32)
        chunks[side] = (owners, vectors)
        for owner, vector in zip(owners, vectors, strict=True):
            if owner in calls:
                expected[i, np.searchsorted(calls, owner)] += vector
    got = profiles_from_chunks(calls, ReadChunks(calls, chunks), DIMS)
    np.testing.assert_array_equal(got, _fused(expected))


def test_the_index_save_beside_the_graph_leaves_the_graphs_files_in_progress_alone(
    store: CallStore, settings: Settings
) -> None:
    """The index's files are saved while the graph is refreshed: cleaning up after one must not delete the
    other's temporary files mid-write; the graph cleans up its own after a killed save."""
    from callcenter_ai.core.index.generation import remove_unnamed_files
    from callcenter_ai.core.index.manifest import manifest_path, read_manifest

    _calls(store, range(30))
    update_index(store, MODEL, DIMS, settings.index_dir)
    stem = graph_path(settings.index_dir, MODEL).name.removesuffix(".npz")
    writing = settings.index_dir / f".{stem}.npz.4242.tmp"  # a graph save in progress (or killed)
    writing.write_bytes(b"half")
    index_leftover = settings.index_dir / f".{stem.removesuffix('.neighbours')}.all.g9.faiss.4242.tmp"
    index_leftover.write_bytes(b"half")
    remove_unnamed_files(settings.index_dir, read_manifest(manifest_path(settings.index_dir, MODEL)))
    assert writing.exists() and not index_leftover.exists()
    _calls(store, range(30, 32))
    update_index(store, MODEL, DIMS, settings.index_dir)  # the graph's own save removes what a killed one left
    assert not writing.exists()


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="the OS takes no read-ahead advice (Windows)")
def test_an_update_asks_the_os_to_read_the_graphs_segments_before_it_scans_them(
    store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _calls(store, range(30))
    update_index(store, MODEL, DIMS, settings.index_dir)
    advised: list[str] = []
    real = os.posix_fadvise

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        if advice == os.POSIX_FADV_WILLNEED:
            advised.append(os.readlink(f"/proc/self/fd/{fd}") if Path("/proc/self/fd").exists() else str(fd))
        real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", advise)
    segments = set(_segments(settings.index_dir))
    _calls(store, range(30, 32))
    update_index(store, MODEL, DIMS, settings.index_dir)
    assert len(advised) == len(segments) and {Path(a).name for a in advised} == segments

"""Cheap re-indexing: kind hysteresis, unchanged parts kept as they are, update == rebuild, crash safety.

SQLite + FAISS only: the FAISS files' re-indexing (the server's HNSW index is kept by PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.errors import IndexCorruptError
from callcenter_ai.core.index import kinds
from callcenter_ai.core.index.manifest import manifest_path, read_manifest
from callcenter_ai.core.index.neighbours import graph_path
from callcenter_ai.core.index.update import KIND_SWITCH_UP, kind_to_keep, update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL, add_call, unit

from .helpers import crash_at_each_save_step

SCALE = kinds.REFERENCE_DIMS / DIMS  # the limits scale with 1024 / dims


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """At DIMS: flat up to 20 vectors, flat_fp16 up to 40, ivf_fp16 beyond."""
    monkeypatch.setattr(kinds, "FLAT_MAX_VECTORS", 20 / SCALE)
    monkeypatch.setattr(kinds, "FP16_MAX_VECTORS", 40 / SCALE)


def test_kind_to_keep_hysteresis() -> None:
    assert kind_to_keep("flat_fp16", 100_000 + 1_000, 1024) == "flat_fp16"  # 1 % over the limit: kept
    assert kind_to_keep("flat_fp16", 125_000, 1024) == "flat_fp16"
    assert kind_to_keep("flat_fp16", 125_001, 1024) == "ivf_fp16"  # past 1.25 x the limit
    assert kind_to_keep("ivf_fp16", 90_000, 1024) == "ivf_fp16"  # shrinking: kept down to 0.8 x
    assert kind_to_keep("ivf_fp16", 80_001, 1024) == "ivf_fp16"
    assert kind_to_keep("ivf_fp16", 80_000, 1024) == "flat_fp16"
    assert kind_to_keep("ivf_fp16", 30_000, 1024) == "flat"  # far below: the exact choice
    assert kind_to_keep("flat", 60_000, 1024) == "flat"
    assert kind_to_keep("flat", 130_000, 1024) == "ivf_fp16"
    assert kind_to_keep("flat_fp16", 39_000, 1024) == "flat"
    assert kind_to_keep("", 101_000, 1024) == "ivf_fp16"  # no part yet: the exact choice
    assert kind_to_keep("flat_fp16", 101_000, 256) == "flat"  # limits scale with dims (flat up to 200k at 256)


def index_files(index_dir: Path) -> dict[str, int]:
    """The FAISS files, state and manifest (the neighbour graph beside them is search's, see tests/search)."""
    graph = graph_path(index_dir, MODEL).name.removesuffix(".npz")
    return {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir() if not p.name.startswith(graph)}


def assert_live_files_only(index_dir: Path) -> None:
    manifest = read_manifest(manifest_path(index_dir, MODEL))
    assert set(index_files(index_dir)) == {
        manifest_path(index_dir, MODEL).name,
        manifest.state_file,
        *(p.file for p in manifest.parts.values()),
    }


def test_part_past_the_limit_keeps_its_kind(store: CallStore, settings: Settings, small_limits: None) -> None:
    for i in range(20):
        add_call(store, f"c{i}", seed=i)
    assert update_index(store, MODEL, DIMS, settings.index_dir).kinds["all"] == "flat"
    for i in range(20, 23):  # 23 vectors: over the flat limit of 20, within 1.25 x
        add_call(store, f"c{i}", seed=i)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.rebuilt == [] and report.kinds == {"all": "flat", "client": "flat", "operator": "flat"}
    assert report.added_calls == 3 and report.vectors["all"] == 23
    index = VectorIndex.load(settings.index_dir, MODEL, DIMS)
    assert kinds.index_kind_of(index.part("all")) == "flat" and index.part("all").ntotal == 23
    _, ids = index.search("all", unit(21), 1)
    assert int(ids[0][0]) in index.state.chunk_ids["all"]
    for i in range(23, 20 * int(KIND_SWITCH_UP) + 6):  # 26 vectors: past 1.25 x 20, the part switches
        add_call(store, f"c{i}", seed=i)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert set(report.rebuilt) == {"all", "client", "operator"} and report.kinds["all"] == "flat_fp16"
    # A full rebuild uses the exact choice.
    rebuilt = update_index(store, MODEL, DIMS, settings.index_dir, rebuild=True)
    assert rebuilt.kinds["all"] == "flat_fp16"


def test_rebuild_of_a_kept_size_uses_the_exact_kind(store: CallStore, settings: Settings, small_limits: None) -> None:
    for i in range(20):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "c20", seed=20)
    assert update_index(store, MODEL, DIMS, settings.index_dir).kinds["all"] == "flat"
    assert update_index(store, MODEL, DIMS, settings.index_dir, rebuild=True).kinds["all"] == "flat_fp16"


def test_unchanged_parts_are_not_rewritten(store: CallStore, settings: Settings) -> None:
    for i in range(5):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    before = read_manifest(manifest_path(settings.index_dir, MODEL))
    mtimes = index_files(settings.index_dir)
    add_call(store, "only-all", seed=50, side_vectors=False)  # a new chunk on the "all" side only
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.kept == ["client", "operator"] and report.rebuilt == [] and report.added_calls == 1
    after = read_manifest(manifest_path(settings.index_dir, MODEL))
    assert after.generation == before.generation + 1
    for side in ("client", "operator"):
        assert after.parts[side] == before.parts[side]  # same file name, kind, count and checksum
        assert (settings.index_dir / after.parts[side].file).stat().st_mtime_ns == mtimes[after.parts[side].file]
    assert after.parts["all"].file != before.parts["all"].file and after.parts["all"].vector_count == 6
    assert_live_files_only(settings.index_dir)
    index = VectorIndex.load(settings.index_dir, MODEL, DIMS)  # the kept parts load and verify
    assert index.part("client").ntotal == 5 and index.part("all").ntotal == 6
    scores, ids = index.search("all", unit(50), 1)
    assert scores[0][0] == pytest.approx(1.0, abs=1e-5)
    assert int(ids[0][0]) in index.state.chunk_ids["all"]


def test_damaged_kept_part_is_detected_and_rebuilt(store: CallStore, settings: Settings) -> None:
    for i in range(4):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    manifest = read_manifest(manifest_path(settings.index_dir, MODEL))
    part = settings.index_dir / manifest.parts["client"].file
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    add_call(store, "only-all", seed=50, side_vectors=False)  # "client" is kept unread: search still checks it
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.kept == ["client", "operator"]
    with pytest.raises(IndexCorruptError, match="checksum"):
        VectorIndex.load(settings.index_dir, MODEL, DIMS, mapped=True).part("client")
    report = update_index(store, MODEL, DIMS, settings.index_dir)  # nothing changed: every file is verified
    assert "checksum" in report.reason and set(report.rebuilt) == {"all", "client", "operator"}
    assert report.kept == []
    index = VectorIndex.load(settings.index_dir, MODEL, DIMS)
    assert index.part("client").ntotal == 4 and index.part("all").ntotal == 5
    assert_live_files_only(settings.index_dir)


def search_all(index: VectorIndex, side: str, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    scores, ids = index.search(side, queries, k)
    return scores, ids


def test_update_gives_the_same_results_as_a_rebuild(store: CallStore, settings: Settings, tmp_path: Path) -> None:
    for i in range(40):
        add_call(store, f"c{i}", seed=i, side_vectors=i % 3 != 0)
    update_index(store, MODEL, DIMS, settings.index_dir)
    for i in range(40, 46):
        add_call(store, f"c{i}", seed=i)
    add_call(store, "c7", (("client", "другой текст"), ("operator", "ответ")), seed=107)  # changed
    store.delete_calls(["c3", "c11", "c12"])
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "c46", seed=46, side_vectors=False)
    store.delete_calls(["c20"])
    updated_report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert updated_report.rebuilt == []
    rebuilt_dir = tmp_path / "rebuilt"
    update_index(store, MODEL, DIMS, rebuilt_dir, rebuild=True)
    updated = VectorIndex.load(settings.index_dir, MODEL, DIMS)
    rebuilt = VectorIndex.load(rebuilt_dir, MODEL, DIMS)
    queries = np.stack([unit(1000 + i) for i in range(20)] + [unit(i) for i in range(0, 47, 5)])
    for side in ("all", "client", "operator"):
        assert np.array_equal(updated.state.chunk_ids[side], rebuilt.state.chunk_ids[side]), side
        assert np.array_equal(updated.state.chunk_calls[side], rebuilt.state.chunk_calls[side]), side
        assert updated.count(side) == rebuilt.count(side) == len(rebuilt.state.chunk_ids[side])
        got_scores, got_ids = search_all(updated, side, queries, 10)
        want_scores, want_ids = search_all(rebuilt, side, queries, 10)
        assert np.array_equal(got_ids, want_ids), side
        np.testing.assert_allclose(got_scores, want_scores, atol=1e-5)
    assert np.array_equal(updated.state.call_ids, rebuilt.state.call_ids)
    assert np.array_equal(updated.state.call_sigs, rebuilt.state.call_sigs)


def test_crash_mid_save_with_kept_parts(store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    before = read_manifest(manifest_path(settings.index_dir, MODEL))
    add_call(store, "only-all", seed=50, side_vectors=False)
    for _failed in crash_at_each_save_step(store, settings.index_dir, monkeypatch):
        index = VectorIndex.load(settings.index_dir, MODEL, DIMS)
        assert index.manifest == before
        assert all(index.part(side).ntotal == 3 for side in ("all", "client", "operator"))
        assert not list(settings.index_dir.glob(".*.tmp"))
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.kept == ["client", "operator"]
    after = read_manifest(manifest_path(settings.index_dir, MODEL))
    assert after.parts["client"] == before.parts["client"]
    assert_live_files_only(settings.index_dir)
    assert VectorIndex.load(settings.index_dir, MODEL, DIMS).part("operator").ntotal == 3


def test_ivf_part_is_updated_in_place_until_it_outgrows_its_training(
    store: CallStore, settings: Settings, small_limits: None
) -> None:
    for i in range(60):
        add_call(store, f"c{i}", seed=i)
    first = update_index(store, MODEL, DIMS, settings.index_dir)
    assert first.kinds["all"] == "ivf_fp16"
    assert read_manifest(manifest_path(settings.index_dir, MODEL)).extra["trained_all"] == 60
    for i in range(60, 66):
        add_call(store, f"c{i}", seed=i)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.rebuilt == [] and report.kinds["all"] == "ivf_fp16" and report.vectors["all"] == 66
    index = VectorIndex.load(settings.index_dir, MODEL, DIMS)
    scores, _ = index.search("all", unit(63), 1)
    assert scores[0][0] == pytest.approx(1.0, abs=1e-2)  # fp16 codes
    for i in range(66, 241):  # 241 > 4 x 60 trained vectors: retrained
        add_call(store, f"c{i}", seed=i, side_vectors=False)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.rebuilt == ["all"] and report.kept == ["client", "operator"]
    assert read_manifest(manifest_path(settings.index_dir, MODEL)).extra["trained_all"] == 241

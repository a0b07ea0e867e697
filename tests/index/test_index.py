"""The FAISS index files of a home: build, update, manifest, verification, crash safety.

SQLite + FAISS only: these are the embedded engine's index files; PostgreSQL keeps its HNSW index inside
the server (its nearest-neighbour search is tested in tests/engines on both engines)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.errors import IndexCorruptError, IndexFileError, IndexMismatchError
from callcenter_ai.core.index import files
from callcenter_ai.core.index.kinds import build_index, choose_index_kind, index_ids, index_kind_of, remove_ids
from callcenter_ai.core.index.manifest import manifest_path, read_manifest
from callcenter_ai.core.index.neighbours import graph_path
from callcenter_ai.core.index.update import index_job, update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec
from tests.calls import DIMS, MODEL, add_call, unit

from .helpers import crash_at_each_save_step


def assert_matches_store(store: CallStore, index_dir: Path) -> VectorIndex:
    index = VectorIndex.load(index_dir, MODEL, DIMS)
    for side in ("all", "client", "operator"):
        stored = np.array(
            [
                r[0]
                for r in store.db.execute(
                    "SELECT id FROM chunks WHERE model_id=? AND side=? ORDER BY id", (MODEL, side)
                )
            ],
            dtype=np.int64,
        )
        assert np.array_equal(index_ids(index.part(side)), stored), side
        assert np.array_equal(index.state.chunk_ids[side], stored)
    return index


def test_round_trip_and_manifest(store: CallStore, settings: Settings) -> None:
    for i in range(6):
        add_call(store, f"c{i}", seed=i)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.added_calls == 6 and report.vectors == {"all": 6, "client": 6, "operator": 6}
    manifest = read_manifest(manifest_path(settings.index_dir, MODEL))
    assert manifest.model_id == MODEL and manifest.dims == DIMS and manifest.metric == "inner_product"
    assert manifest.kind == "flat" and manifest.vector_count == 6 and manifest.call_count == 6
    assert manifest.store_schema_version >= 2 and manifest.created and manifest.updated
    assert all(len(p.sha256) == 64 for p in manifest.parts.values())
    index = assert_matches_store(store, settings.index_dir)
    scores, ids = index.search("all", unit(3), 1)
    ref = vec.chunk_refs(store.db, [int(ids[0][0])])[int(ids[0][0])]
    assert store.get_call(ref.call_id).dialog_id == "c3" and scores[0][0] == pytest.approx(1.0, abs=1e-5)
    again = update_index(store, MODEL, DIMS, settings.index_dir)
    assert not again.changed and again.unchanged_calls == 6


def test_incremental_add_change_delete(store: CallStore, settings: Settings) -> None:
    for i in range(5):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "c5", seed=5)
    add_call(store, "c2", (("client", "другое"), ("operator", "текст")), seed=22)  # changed content
    store.delete_calls(["c4"])
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.rebuilt == [] and report.added_calls == 2 and report.removed_calls == 2
    index = assert_matches_store(store, settings.index_dir)
    _, ids = index.search("all", unit(22), 1)
    assert vec.chunk_refs(store.db, [int(ids[0][0])])[int(ids[0][0])].call_id == store.call_id("c2")


def test_reused_row_ids_are_detected(store: CallStore, settings: Settings) -> None:
    add_call(store, "a", seed=1)
    add_call(store, "b", seed=2)
    update_index(store, MODEL, DIMS, settings.index_dir)
    old_ids = vec.chunk_ids(store.db, MODEL)
    store.delete_calls(["b"])
    add_call(store, "b", (("client", "новый"), ("operator", "текст")), seed=3)  # freed row ids come back
    assert np.array_equal(vec.chunk_ids(store.db, MODEL), old_ids)
    update_index(store, MODEL, DIMS, settings.index_dir)
    index = VectorIndex.load(settings.index_dir, MODEL, DIMS)
    scores, _ = index.search("all", unit(3), 1)
    assert scores[0][0] == pytest.approx(1.0, abs=1e-5)


def test_calls_without_vectors_are_not_indexed(store: CallStore, settings: Settings) -> None:
    add_call(store, "a", seed=1)
    add_call(store, "pending", embed=False)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.vectors["all"] == 1


def test_crash_mid_save_keeps_old_index(store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "c3", seed=3)

    for _failed in crash_at_each_save_step(store, settings.index_dir, monkeypatch):
        index = VectorIndex.load(settings.index_dir, MODEL, DIMS)
        assert index.part("all").ntotal == 3 and index.manifest.call_count == 3
        assert not list(settings.index_dir.glob(".*.tmp"))
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.added_calls == 1
    assert_matches_store(store, settings.index_dir)
    # only the live generation's files remain
    manifest = read_manifest(manifest_path(settings.index_dir, MODEL))
    graph = graph_path(settings.index_dir, MODEL).name.removesuffix(".npz")  # the neighbour graph and its profiles
    names = {p.name for p in settings.index_dir.iterdir() if not p.name.startswith(graph)}
    assert names == {
        manifest_path(settings.index_dir, MODEL).name,
        manifest.state_file,
        *(p.file for p in manifest.parts.values()),
    }


def test_cancel_keeps_old_index(store: CallStore, settings: Settings) -> None:
    add_call(store, "a", seed=1)
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "b", seed=2)
    job = index_job(store, MODEL, DIMS, settings.index_dir, cancel=lambda: True)
    with pytest.raises(StopIteration) as stop:
        while True:
            next(job)
    assert stop.value.value.changed is False
    assert VectorIndex.load(settings.index_dir, MODEL, DIMS).part("all").ntotal == 1


def test_corrupt_file_is_detected_and_rebuilt(store: CallStore, settings: Settings) -> None:
    for i in range(3):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    manifest = read_manifest(manifest_path(settings.index_dir, MODEL))
    part = settings.index_dir / manifest.parts["all"].file
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    with pytest.raises(IndexCorruptError, match="checksum") as caught:
        VectorIndex.load(settings.index_dir, MODEL, DIMS).part("all")
    assert "--rebuild" in caught.value.hint
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert "checksum" in report.reason and set(report.rebuilt) == {"all", "client", "operator"}
    assert_matches_store(store, settings.index_dir)


def test_garbage_with_valid_checksum_is_refused(store: CallStore, settings: Settings) -> None:
    add_call(store, "a", seed=1)
    update_index(store, MODEL, DIMS, settings.index_dir)
    path = manifest_path(settings.index_dir, MODEL)
    raw = json.loads(path.read_text())
    (settings.index_dir / raw["parts"]["all"]["file"]).write_bytes(b"not faiss at all")
    raw["parts"]["all"]["sha256"] = files.sha256_bytes(b"not faiss at all")
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexCorruptError, match="not a readable FAISS index"):
        VectorIndex.load(settings.index_dir, MODEL, DIMS).part("all")
    path.write_text("{broken")
    with pytest.raises(IndexCorruptError, match="manifest is damaged"):
        VectorIndex.load(settings.index_dir, MODEL, DIMS)


def test_model_and_dims_mismatch_refused(store: CallStore, settings: Settings) -> None:
    add_call(store, "a", seed=1)
    update_index(store, MODEL, DIMS, settings.index_dir)
    with pytest.raises(IndexMismatchError, match="8-d vectors"):
        VectorIndex.load(settings.index_dir, MODEL, 1024)
    path = manifest_path(settings.index_dir, MODEL)
    raw = json.loads(path.read_text())
    raw["model_id"] = "other/model@8"
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexMismatchError, match="built for other/model@8"):
        VectorIndex.load(settings.index_dir, MODEL, DIMS)
    with pytest.raises(IndexFileError, match="no index"):
        VectorIndex.load(settings.index_dir, "never/built@8", DIMS)
    index_dims = VectorIndex.load  # the query dims are checked too
    raw["model_id"] = MODEL
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexMismatchError, match="query vectors have 4 dims"):
        index_dims(settings.index_dir, MODEL, DIMS).search("all", np.ones(4, np.float32), 1)


def test_kind_choice_and_every_kind_adds_and_removes() -> None:
    assert choose_index_kind(1_000, 1024) == "flat"
    assert choose_index_kind(80_000, 1024) == "flat_fp16"
    assert choose_index_kind(2_000_000, 1024) == "ivf_fp16"
    assert choose_index_kind(200_000, 256) == "flat"  # thresholds scale with dims
    rng = np.random.default_rng(0)
    data = rng.standard_normal((3000, 16)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    ids = np.arange(100, 3100, dtype=np.int64)
    for kind in ("flat", "flat_fp16", "ivf_fp16"):
        index = build_index(kind, data, ids)
        assert index_kind_of(index) == kind and index.ntotal == 3000
        assert np.array_equal(index_ids(index), ids)
        assert remove_ids(index, ids[:10]) == 10
        index.add_with_ids(data[:2], np.array([5, 6], dtype=np.int64))
        assert index.ntotal == 2992
        _, found = index.search(data[1:2], 1)
        assert found[0][0] == 6

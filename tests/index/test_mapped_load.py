"""Memory-mapped loading (what the search service uses): same answers, same verification.

SQLite + FAISS only: FAISS files mapped from the home's indexes/ folder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.errors import IndexCorruptError
from callcenter_ai.core.index import files
from callcenter_ai.core.index.manifest import manifest_path, read_manifest
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL, add_call, unit


def build(store: CallStore, settings: Settings, calls: int = 8) -> Path:
    for i in range(calls):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    return settings.index_dir


def test_mapped_parts_answer_like_read_parts(store: CallStore, settings: Settings) -> None:
    index_dir = build(store, settings)
    read = VectorIndex.load(index_dir, MODEL, DIMS)
    mapped = VectorIndex.load(index_dir, MODEL, DIMS, mapped=True)
    queries = np.stack([unit(i) for i in range(8)])
    for side in ("all", "client", "operator"):
        expected = read.search(side, queries, 5)
        got = mapped.search(side, queries, 5)
        assert np.array_equal(expected[1], got[1]), side
        assert np.allclose(expected[0], got[0]), side
    assert mapped.mapped and not read.mapped


def test_mapped_load_verifies_the_checksum(store: CallStore, settings: Settings) -> None:
    index_dir = build(store, settings, calls=3)
    part = index_dir / read_manifest(manifest_path(index_dir, MODEL)).parts["all"].file
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    with pytest.raises(IndexCorruptError, match="checksum"):
        VectorIndex.load(index_dir, MODEL, DIMS, mapped=True).part("all")


def test_unmappable_part_is_read_instead(
    store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import faiss

    index_dir = build(store, settings, calls=4)

    real_read_index = faiss.read_index

    def refuse_files(source: object, *args: object) -> object:  # as FAISS does where it cannot open a path
        if isinstance(source, str):
            raise RuntimeError("Error: 'f' failed: could not open for reading")
        return real_read_index(source, *args)  # deserialize_index reads from memory through here

    monkeypatch.setattr(faiss, "read_index", refuse_files)
    with caplog.at_level("INFO"):
        index = VectorIndex.load(index_dir, MODEL, DIMS, mapped=True)
        assert index.part("all").ntotal == 4
    assert "cannot memory-map" in caplog.text


def test_garbage_with_valid_checksum_is_refused_when_mapped(store: CallStore, settings: Settings) -> None:
    index_dir = build(store, settings, calls=1)
    path = manifest_path(index_dir, MODEL)
    raw = json.loads(path.read_text())
    (index_dir / raw["parts"]["all"]["file"]).write_bytes(b"not faiss at all")
    raw["parts"]["all"]["sha256"] = files.sha256_bytes(b"not faiss at all")
    path.write_text(json.dumps(raw))
    with pytest.raises(IndexCorruptError, match="not a readable FAISS index"):
        VectorIndex.load(index_dir, MODEL, DIMS, mapped=True).part("all")


def test_sha256_file_matches_sha256_bytes(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    data = bytes(range(256)) * 5000
    path.write_bytes(data)
    assert files.sha256_file(path) == files.sha256_bytes(data)


@pytest.mark.parametrize("mapped", [False, True])
def test_loaded_ivf_parts_get_todays_probe_count(tmp_path: Path, mapped: bool) -> None:
    from callcenter_ai.core.index.kinds import build_index, ivf_nprobe
    from callcenter_ai.core.index.vector_index import IndexState, save_generation

    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((2000, DIMS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(2000, dtype=np.int64)
    parts = {side: build_index("ivf_fp16", vectors, ids) for side in ("all", "client", "operator")}
    nlist = int(parts["all"].nlist)
    for part in parts.values():
        part.nprobe = nlist  # as saved by an older rule
    save_generation(tmp_path, MODEL, DIMS, parts, IndexState.empty(), store_schema_version=3)
    loaded = VectorIndex.load(tmp_path, MODEL, DIMS, mapped=mapped).part("all")
    assert loaded.nprobe == ivf_nprobe(nlist) < nlist


def test_a_new_generation_that_fails_its_checks_leaves_the_previous_one_serving(
    store: CallStore, settings: Settings
) -> None:
    from callcenter_ai.core.search.model_ids import ServedIndex

    index_dir = build(store, settings, calls=6)
    served = ServedIndex(settings, MODEL)
    previous = served.load()
    assert previous is not None and previous.count("all") == 6
    add_call(store, "c-new", seed=99)
    update_index(store, MODEL, DIMS, index_dir)
    generation = read_manifest(manifest_path(index_dir, MODEL)).generation
    for part in index_dir.glob(f"*.g{generation}.*faiss"):
        data = bytearray(part.read_bytes())
        data[len(data) // 2] ^= 0xFF
        part.write_bytes(bytes(data))
    notes: list[object] = []
    assert served.usable("hybrid", None, notes) is previous  # not an error, not keyword-only
    assert served.serving_previous and [n.key for n in notes] == ["search.note.previous_index"]  # type: ignore[attr-defined]
    assert previous.search("all", unit(3)[None, :], 1)[1][0][0] >= 0  # still answers
    update_index(store, MODEL, DIMS, index_dir, rebuild=True)
    fresh = served.load()
    assert fresh is not previous and fresh is not None and fresh.count("all") == 7 and not served.serving_previous

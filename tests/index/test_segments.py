"""Delta segments: small changes go to a delta beside an untouched base, tombstones hide removed ids,
search covers both and answers like a rebuild, a merge folds them back, and a kill -9 at any step
leaves a loadable index.

SQLite + FAISS only: FAISS segment files on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.index import kinds, plan
from callcenter_ai.core.index.manifest import manifest_path, read_manifest
from callcenter_ai.core.index.neighbours import graph_path
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.stats import index_state
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL, add_call, unit

from .helpers import crash_at_each_save_step

SIDES = ("all", "client", "operator")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def roomy_deltas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deltas up to half the base before a merge (the default share would merge these small indexes at once)."""
    monkeypatch.setattr(plan, "MERGE_SHARE", 0.5)


def set_kind(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """Make ``kind`` the choice for the 40-80 vectors these tests index."""
    scale = kinds.REFERENCE_DIMS / DIMS
    limits = {"flat": (1000, 2000), "flat_fp16": (10, 1000), "ivf_fp16": (5, 10)}[kind]
    monkeypatch.setattr(kinds, "FLAT_MAX_VECTORS", limits[0] / scale)
    monkeypatch.setattr(kinds, "FP16_MAX_VECTORS", limits[1] / scale)


def change_a_little(store: CallStore) -> None:
    for i in range(40, 43):
        add_call(store, f"c{i}", seed=i)
    add_call(store, "c7", (("client", "другой текст"), ("operator", "ответ")), seed=107)  # changed
    store.delete_calls(["c3", "c11"])


def assert_answers_like_a_rebuild(store: CallStore, index_dir: Path, tmp_path: Path, kind: str) -> VectorIndex:
    rebuilt_dir = tmp_path / "rebuilt"
    update_index(store, MODEL, DIMS, rebuilt_dir, rebuild=True)
    updated = VectorIndex.load(index_dir, MODEL, DIMS, mapped=True)
    rebuilt = VectorIndex.load(rebuilt_dir, MODEL, DIMS)
    queries = np.stack([unit(1000 + i) for i in range(12)] + [unit(i) for i in range(0, 43, 3)])
    rng = np.random.default_rng(5)
    for side in SIDES:
        live = rebuilt.state.chunk_ids[side]
        assert np.array_equal(updated.state.chunk_ids[side], live), side
        assert updated.count(side) == rebuilt.count(side) == len(live), side
        allowed = np.sort(rng.choice(live, len(live) // 3, replace=False))
        for subset in (None, allowed):
            got_scores, got_ids = updated.search(side, queries, 10, subset)
            want_scores, want_ids = rebuilt.search(side, queries, 10, subset)
            assert set(got_ids.ravel()) <= set(live.tolist()) | {-1}, side  # no tombstoned id comes back
            if subset is not None:
                assert set(got_ids.ravel()) <= set(subset.tolist()) | {-1}, side
            if kind == "ivf_fp16":  # both probe the same lists of the same centroids: same candidates
                assert np.array_equal(np.sort(got_ids, axis=1), np.sort(want_ids, axis=1)), side
            else:
                assert np.array_equal(got_ids, want_ids), side
            np.testing.assert_allclose(np.sort(got_scores, axis=1), np.sort(want_scores, axis=1), atol=1e-3)
    return updated


@pytest.mark.parametrize("kind", ["flat", "flat_fp16", "ivf_fp16"])
def test_small_change_goes_to_a_delta_and_answers_like_a_rebuild(
    store: CallStore,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    roomy_deltas: None,
    kind: str,
) -> None:
    set_kind(monkeypatch, kind)
    for i in range(40):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    before = read_manifest(manifest_path(settings.index_dir, MODEL))
    base_mtimes = {s: (settings.index_dir / before.parts[s].file).stat().st_mtime_ns for s in SIDES}
    change_a_little(store)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.delta == list(SIDES) and report.rebuilt == [] and report.merged == []
    after = read_manifest(manifest_path(settings.index_dir, MODEL))
    for side in SIDES:  # the bases are named again, untouched; each side has a delta of its kind
        assert after.parts[side] == before.parts[side]
        assert (settings.index_dir / after.parts[side].file).stat().st_mtime_ns == base_mtimes[side]
        assert after.deltas[side].kind == kind and after.deltas[side].vector_count == 4
    assert after.vector_count == 40 - 3 + 4  # live vectors: 2 deleted and 1 changed call leave, 4 come
    assert all(after.side_count(side) == 41 for side in SIDES)
    assert index_state(settings)["indexes"][0]["sides"] == dict.fromkeys(SIDES, 41)  # what `stats` shows
    index = assert_answers_like_a_rebuild(store, settings.index_dir, tmp_path, kind)
    assert len(index.state.dead["all"]) == 3 and len(index.state.delta["all"]) == 4
    # A second small change extends the delta; a deleted delta call leaves it.
    add_call(store, "c43", seed=43)
    store.delete_calls(["c40"])
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.delta == list(SIDES)
    assert read_manifest(manifest_path(settings.index_dir, MODEL)).deltas["all"].vector_count == 4
    assert_answers_like_a_rebuild(store, settings.index_dir, tmp_path / "again", kind)


def test_delta_past_its_share_is_merged_into_a_new_base(
    store: CallStore, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "MERGE_SHARE", 0.1)
    for i in range(40):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "c40", seed=40)
    store.delete_calls(["c5"])
    assert update_index(store, MODEL, DIMS, settings.index_dir).delta == list(SIDES)  # 2 of 40: 5 %
    add_call(store, "c41", seed=41)
    store.delete_calls(["c40", "c6"])  # delta 1 + tombstones 2: 7.5 %
    assert update_index(store, MODEL, DIMS, settings.index_dir).delta == list(SIDES)
    for i in range(42, 45):
        add_call(store, f"c{i}", seed=i)
    report = update_index(store, MODEL, DIMS, settings.index_dir)  # delta 4 + tombstones 2 > 10 % of 40
    assert report.merged == list(SIDES) and report.rebuilt == []
    manifest = read_manifest(manifest_path(settings.index_dir, MODEL))
    assert manifest.deltas == {} and manifest.parts["all"].vector_count == manifest.vector_count == 42
    index = assert_answers_like_a_rebuild(store, settings.index_dir, tmp_path, "flat")
    assert all(len(index.state.dead[s]) == 0 and len(index.state.delta[s]) == 0 for s in SIDES)
    graph = graph_path(settings.index_dir, MODEL).name.removesuffix(".npz")  # the neighbour graph's own files
    assert {p.name for p in settings.index_dir.iterdir() if not p.name.startswith(graph)} == {  # old bases, deltas gone
        manifest_path(settings.index_dir, MODEL).name,
        manifest.state_file,
        *(p.file for p in manifest.parts.values()),
    }


def test_reused_chunk_id_lives_in_the_delta_while_the_base_copy_is_dead(
    store: CallStore, settings: Settings, roomy_deltas: None
) -> None:
    for i in range(10):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    last = max(r[0] for r in store.db.execute("SELECT id FROM chunks WHERE side = 'all'"))
    store.delete_calls(["c9"])  # the highest chunk ids: SQLite gives them to the next call
    add_call(store, "fresh", (("client", "новый звонок"), ("operator", "слушаю")), seed=77)
    reused = max(r[0] for r in store.db.execute("SELECT id FROM chunks WHERE side = 'all'"))
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.delta == list(SIDES), report
    index = VectorIndex.load(settings.index_dir, MODEL, DIMS)
    assert reused == last  # the id now names the new vector (delta) and the dead one (base)
    assert reused in index.state.dead["all"] and reused in index.state.delta["all"]
    scores, ids = index.search("all", unit(77), 3)
    assert int(ids[0][0]) == reused and scores[0][0] == pytest.approx(1.0, abs=1e-5)
    scores, ids = index.search("all", unit(9), 10)  # the deleted call's vector never answers
    assert not np.any(np.isclose(scores[0], 1.0, atol=1e-5))


def test_crash_at_each_delta_save_step_keeps_the_previous_generation(
    store: CallStore, settings: Settings, monkeypatch: pytest.MonkeyPatch, roomy_deltas: None
) -> None:
    for i in range(20):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    add_call(store, "c20", seed=20)
    update_index(store, MODEL, DIMS, settings.index_dir)  # the generation to keep has deltas
    before = read_manifest(manifest_path(settings.index_dir, MODEL))
    assert set(before.deltas) == set(SIDES)
    add_call(store, "c21", seed=21)
    store.delete_calls(["c2"])
    for failed in crash_at_each_save_step(store, settings.index_dir, monkeypatch):
        index = VectorIndex.load(settings.index_dir, MODEL, DIMS, mapped=True)
        assert index.manifest == before, failed
        assert all(index.count(side) == 21 for side in SIDES)
        assert not list(settings.index_dir.glob(".*.tmp"))
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.delta == list(SIDES)
    assert VectorIndex.load(settings.index_dir, MODEL, DIMS).count("all") == 21


KILLER = """
import os, signal, sys
from pathlib import Path
from callcenter_ai.core.index import files, generation, plan
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.store import CallStore

db, index_dir, model, dims, share, step = sys.argv[1:]
plan.MERGE_SHARE = float(share)
renames = 0

def die(tmp, final):
    global renames
    if ".neighbours." in final.name:  # the neighbour graph is saved after the index (its own tests)
        return
    renames += 1
    if str(renames) == step:
        os.kill(os.getpid(), signal.SIGKILL)

files.before_replace = die
if step == "cleanup":  # the manifest is switched; killed before the old generation's files are deleted
    generation.remove_stale_files = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
with CallStore.open(Path(db)) as store:
    update_index(store, model, int(dims), Path(index_dir))
print("finished")
"""


@pytest.mark.parametrize("share", [0.5, pytest.param(0.0, marks=pytest.mark.slow)], ids=["delta", "merge"])
def test_kill_9_at_every_save_step_leaves_a_loadable_index(store: CallStore, settings: Settings, share: float) -> None:
    for i in range(20):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    before = read_manifest(manifest_path(settings.index_dir, MODEL))
    add_call(store, "c20", seed=20)
    store.delete_calls(["c4"])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(step: str) -> subprocess.CompletedProcess[str]:
        args = [str(settings.db_path), str(settings.index_dir), MODEL, str(DIMS), str(share), step]
        command = [sys.executable, "-c", KILLER, *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    step = 1
    while (done := run(str(step))).returncode != 0:
        assert done.returncode == -9, done.stderr
        index = VectorIndex.load(settings.index_dir, MODEL, DIMS, mapped=True)  # the previous generation, whole
        assert index.manifest == before and all(index.count(side) == 20 for side in SIDES), step
        assert index.search("all", unit(1), 1)[0][0][0] == pytest.approx(1.0, abs=1e-3)
        step += 1
    assert "finished" in done.stdout and step >= 5  # three parts, the state and the manifest were each killed
    # The run that finished switched the manifest; start again from a copy of the old store state is not needed:
    # kill after the switch, before the cleanup, on the next change.
    add_call(store, "c21", seed=21)
    assert run("cleanup").returncode == -9
    index = VectorIndex.load(settings.index_dir, MODEL, DIMS, mapped=True)
    assert all(index.count(side) == 21 for side in SIDES)
    leftovers = {p.name for p in settings.index_dir.iterdir()}
    update_index(store, MODEL, DIMS, settings.index_dir)  # nothing changed: verifies every file, cleans up
    graph = graph_path(settings.index_dir, MODEL).name.removesuffix(".npz")  # refitted now: its files change
    assert {p.name for p in settings.index_dir.iterdir() if not p.name.startswith(graph)} < leftovers


def test_an_ivf_merge_moves_the_delta_as_it_is_and_reads_only_the_new_calls(
    store: CallStore, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callcenter_ai.core.index import side_update

    set_kind(monkeypatch, "ivf_fp16")
    monkeypatch.setattr(plan, "MERGE_SHARE", 0.1)
    for i in range(40):
        add_call(store, f"c{i}", seed=i)
    update_index(store, MODEL, DIMS, settings.index_dir)
    for i in range(40, 43):
        add_call(store, f"c{i}", seed=i)
    assert update_index(store, MODEL, DIMS, settings.index_dir).delta == list(SIDES)  # 3 calls in the delta
    add_call(store, "c41", (("client", "другой текст"), ("operator", "ответ")), seed=141)  # a delta call changed
    store.delete_calls(["c42", "c9"])  # one from the delta, one from the base
    for i in range(43, 45):
        add_call(store, f"c{i}", seed=i)
    read: list[int] = []
    real_read = side_update._read_new

    def counted(db, model_id, dims, side, calls):  # type: ignore[no-untyped-def]
        read.append(len(calls))
        return (yield from real_read(db, model_id, dims, side, calls))

    monkeypatch.setattr(side_update, "_read_new", counted)
    report = update_index(store, MODEL, DIMS, settings.index_dir)
    assert report.merged == list(SIDES)
    assert read == [3, 3, 3]  # c41 (changed), c43, c44: not c40, which moved with the delta
    index = assert_answers_like_a_rebuild(store, settings.index_dir, tmp_path, "ivf_fp16")
    assert all(len(index.state.dead[s]) == 0 and len(index.state.delta[s]) == 0 for s in SIDES)

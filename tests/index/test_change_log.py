"""The store's change log: an index update reads only the calls changed since the index was written.

SQLite only: the log feeds the FAISS index files' update (the server's HNSW index is kept by PostgreSQL).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.index import store_reads
from callcenter_ai.core.index.manifest import manifest_path, read_manifest
from callcenter_ai.core.index.update import CHANGE_MARK, update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.migrations import MIGRATIONS, migrate
from callcenter_ai.core.store.vector_changes import ChangeMark, current_mark
from tests.calls import DIMS, MODEL, add_call, talk

OTHER_MODEL = "other/model@8"


def _step(store: CallStore, rng: random.Random, names: list[str], counter: list[int]) -> None:
    """One random change of the kinds a store sees: new, re-embedded, edited, deleted calls, vectors dropped."""
    actions = ["new", "new", "reembed", "edit", "delete", "other_model", "drop_chunks", "drop_vector", "rehash", "same"]
    action = rng.choice(actions)
    if action == "new" or not names:
        counter[0] += 1
        names.append(f"c{counter[0]}")
        add_call(store, names[-1], talk(f"вопрос {counter[0]}"), seed=counter[0])
        return
    name = rng.choice(names)
    text = f"вопрос {name[1:]}"
    if action == "reembed":
        add_call(store, name, talk(text), seed=rng.randrange(10_000))
    elif action == "edit":  # new content, vectors not yet re-embedded: the call leaves the index
        add_call(store, name, talk(text + " и ещё"), embed=False)
    elif action == "delete":
        store.delete_calls([name])
        names.remove(name)
    elif action == "other_model":
        add_call(store, name, talk(text), seed=rng.randrange(10_000), model_id=OTHER_MODEL)
    elif action in ("drop_chunks", "drop_vector", "rehash"):  # by hand, not through the store's methods
        sql = {
            "drop_chunks": "DELETE FROM chunks WHERE call_id = (SELECT id FROM calls WHERE external_id = ?)",
            "drop_vector": "DELETE FROM call_vectors WHERE call_id = (SELECT id FROM calls WHERE external_id = ?)",
            "rehash": "UPDATE calls SET content_hash = content_hash || 'x' WHERE external_id = ?",
        }[action]
        with store.transaction():
            store.db.execute(sql, (name,))
    else:  # the same call imported again: nothing changes
        add_call(store, name, talk(text), embed=False)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_signatures_from_the_log_equal_a_full_read(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    names: list[str] = []
    counter = [0]
    with CallStore.open(tmp_path / "calls.db") as store:
        db = store.db
        indexed = store_reads.call_signatures(db, MODEL)
        mark = current_mark(db)
        for _ in range(40):
            for _ in range(rng.randint(1, 6)):
                _step(store, rng, names, counter)
            ids, sigs, now = store_reads.store_signatures(db, MODEL, indexed, mark)
            full = store_reads.call_signatures(db, MODEL)
            np.testing.assert_array_equal(ids, full[0])
            np.testing.assert_array_equal(sigs, full[1])
            assert now.seq >= mark.seq
            indexed, mark = (ids, sigs), now


def test_a_store_from_before_the_log_gets_it(tmp_path: Path) -> None:
    """Migration 7 on a store with calls: an id for the store, an empty log, stamps from the next change on."""
    db = sqlite3.connect(tmp_path / "calls.db")
    for version, _description, script in MIGRATIONS[:6]:
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    db.execute(
        "INSERT INTO calls (id, external_id, content_hash, turn_count, char_count, imported_at, updated_at)"
        " VALUES (1, 'c1', 'h', 1, 1, 'now', 'now')"
    )
    db.commit()
    assert migrate(db) == [7]
    mark = current_mark(db)
    assert len(mark.store_id) == 32 and mark.seq == 0
    db.execute("UPDATE calls SET content_hash = 'h2' WHERE id = 1")
    assert current_mark(db) == ChangeMark(mark.store_id, 1)
    db.close()


def _store_with_index(tmp_path: Path, calls: int = 30) -> tuple[Path, Path]:
    path, index_dir = tmp_path / "calls.db", tmp_path / "indexes"
    with CallStore.open(path) as store:
        for i in range(calls):
            add_call(store, f"c{i}", talk(f"вопрос {i}"), seed=i)
        update_index(store, MODEL, DIMS, index_dir)
    return path, index_dir


def _signature_reads(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """How many calls each signature read asked for (None: every call)."""
    reads: list[int | None] = []
    read = store_reads.call_signatures

    def counted(db: object, model_id: str, only: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        reads.append(None if only is None else len(only))
        return read(db, model_id, only)  # type: ignore[arg-type]

    monkeypatch.setattr(store_reads, "call_signatures", counted)
    return reads


def test_an_update_reads_only_the_changed_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, index_dir = _store_with_index(tmp_path)
    reads = _signature_reads(monkeypatch)
    with CallStore.open(path) as store:
        add_call(store, "new", talk("новый звонок"), seed=100)
        add_call(store, "c3", talk("вопрос 3"), seed=103)  # re-embedded
        store.delete_calls(["c5"])
        report = update_index(store, MODEL, DIMS, index_dir)
        assert reads == [3]
        assert (report.added_calls, report.removed_calls) == (2, 2)
        updated = VectorIndex.load(index_dir, MODEL, DIMS).state
        update_index(store, MODEL, DIMS, tmp_path / "rebuilt", rebuild=True)
    rebuilt = VectorIndex.load(tmp_path / "rebuilt", MODEL, DIMS).state
    np.testing.assert_array_equal(updated.call_ids, rebuilt.call_ids)
    np.testing.assert_array_equal(updated.call_sigs, rebuilt.call_sigs)
    assert reads[-1] is None  # the rebuild reads every call
    manifest = read_manifest(manifest_path(index_dir, MODEL))
    with CallStore.open(path) as store:
        assert ChangeMark.from_json(manifest.extra[CHANGE_MARK]) == current_mark(store.db)


def test_nothing_changed_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, index_dir = _store_with_index(tmp_path)
    reads = _signature_reads(monkeypatch)
    with CallStore.open(path) as store:
        report = update_index(store, MODEL, DIMS, index_dir)
    assert reads == [0] and not report.changed


def test_an_index_of_another_store_reads_every_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A home whose store was replaced by another one (same call ids, other content) is compared in full."""
    path, index_dir = _store_with_index(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    with CallStore.open(other / "calls.db") as store:
        for i in range(30):
            add_call(store, f"x{i}", talk(f"другой {i}"), seed=500 + i)
        for _ in range(5):  # its stamps run past the first store's
            add_call(store, f"x{_}", talk(f"другой {_}"), seed=900 + _)
    shutil.copy(other / "calls.db", path)
    reads = _signature_reads(monkeypatch)
    with CallStore.open(path) as store:
        update_index(store, MODEL, DIMS, index_dir)
        full = store_reads.call_signatures(store.db, MODEL)
    assert reads[0] is None
    np.testing.assert_array_equal(VectorIndex.load(index_dir, MODEL, DIMS).state.call_sigs, full[1])


def test_an_older_copy_of_the_same_store_reads_every_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store put back from a copy older than its index: the index's stamp is ahead, the log cannot tell."""
    path, index_dir = _store_with_index(tmp_path)
    shutil.copy(path, tmp_path / "backup.db")
    with CallStore.open(path) as store:
        add_call(store, "later", talk("позже"), seed=77)
        update_index(store, MODEL, DIMS, index_dir)
    shutil.copy(tmp_path / "backup.db", path)
    reads = _signature_reads(monkeypatch)
    with CallStore.open(path) as store:
        report = update_index(store, MODEL, DIMS, index_dir)
    assert reads[0] is None and report.removed_calls == 1


@pytest.mark.parametrize("saved", [None, "garbage", ["id"], ["id", "7"], [1, 2], ["id", True]])
def test_a_missing_or_unreadable_mark_reads_every_call(saved: object) -> None:
    assert ChangeMark.from_json(saved) is None


def test_an_index_without_a_mark_reads_every_call_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index written before the log existed: one full read, then the log."""
    path, index_dir = _store_with_index(tmp_path)
    manifest_file = manifest_path(index_dir, MODEL)
    text = manifest_file.read_text(encoding="utf-8")
    manifest_file.write_text(text.replace(f'"{CHANGE_MARK}"', '"no_mark"'), encoding="utf-8")
    reads = _signature_reads(monkeypatch)
    with CallStore.open(path) as store:
        add_call(store, "new", talk("новый"), seed=100)
        update_index(store, MODEL, DIMS, index_dir)
        add_call(store, "newer", talk("новее"), seed=101)
        update_index(store, MODEL, DIMS, index_dir)
    assert reads == [None, 1]

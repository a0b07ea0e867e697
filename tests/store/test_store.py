"""The home's SQLite store (CallStore) itself: rows, transactions, vectors, migrations, a corrupt file.

SQLite only: the class under test is the SQLite store (PRAGMA user_version, the file); the same behaviour through
the engine protocols runs on both engines in tests/engines/test_calls.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.errors import DatabaseCorruptError, NotFoundError, SchemaTooNewError
from callcenter_ai.core.records import CallRecord, Chunk, Turn
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec
from callcenter_ai.core.store.migrations import latest_version


def record(dialog_id: str = "c1", text: str = "Здравствуйте, у меня двойное списание") -> CallRecord:
    return CallRecord(
        dialog_id=dialog_id,
        turns=(Turn("client", text, 0.0, 2.5), Turn("operator", "Сейчас проверю", 2.5, 4.0)),
        started_at="2026-03-01T10:15:00+03:00",
        duration_s=312,
        operator="Анна",
        topic="двойное списание",
        metadata={"queue": "billing"},
    )


def test_round_trip(store: CallStore) -> None:
    with store.transaction():
        outcome, call_id = store.upsert_call(record())
    assert outcome == "inserted"
    call = store.get_call_by_dialog_id("c1")
    assert call.id == call_id
    assert call.turns == record().turns
    assert call.operator == "Анна" and call.metadata == {"queue": "billing"}
    assert store.db.execute("SELECT started_utc FROM calls").fetchone()[0] == "2026-03-01T07:15:00+00:00"


def test_reimport_is_idempotent_and_update_drops_vectors(store: CallStore) -> None:
    with store.transaction():
        _, call_id = store.upsert_call(record())
        vec.save_call_embedding(
            store.db,
            call_id,
            "m@4",
            record().content_hash(),
            [Chunk(0, 0, 1, 10)],
            np.ones((1, 4), np.float32) / 2,
            np.ones(4, np.float32) / 2,
        )
    assert vec.pending_calls(store.db, "m@4") == []
    with store.transaction():
        assert store.upsert_call(record())[0] == "unchanged"
    with store.transaction():
        assert store.upsert_call(record(text="другой текст"))[0] == "updated"
    assert vec.pending_calls(store.db, "m@4") == [(call_id, record(text="другой текст").content_hash())]
    assert store.count("chunks") == 0
    assert store.get_call(call_id).turns[0].text == "другой текст"


def test_failed_transaction_leaves_nothing(store: CallStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_call(record())
        raise RuntimeError("boom")
    assert store.count("calls") == 0 and store.count("turns") == 0


def test_unknown_id(store: CallStore) -> None:
    with pytest.raises(NotFoundError):
        store.get_call_by_dialog_id("nope")


def test_vectors_round_trip(store: CallStore) -> None:
    with store.transaction():
        _, call_id = store.upsert_call(record())
        rng = np.random.default_rng(0)
        chunks = [Chunk(i, i, i + 1, 5) for i in range(3)]
        vectors = rng.standard_normal((3, 8)).astype(np.float32)
        ids = vec.save_call_embedding(store.db, call_id, "m@8", "h", chunks, vectors, vectors[0])
    batches = list(vec.iter_chunk_vectors(store.db, "m@8", batch=2))
    got_ids = np.concatenate([b[0] for b in batches])
    got = np.concatenate([b[1] for b in batches])
    assert got_ids.tolist() == ids
    np.testing.assert_array_equal(got, vectors)
    refs = vec.chunk_refs(store.db, ids)
    assert refs[ids[2]].first_turn == 2 and refs[ids[2]].call_id == call_id


def test_migrations_from_empty_and_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    CallStore.open(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute(f"PRAGMA user_version = {latest_version() + 1}")
    db.close()
    with pytest.raises(SchemaTooNewError):
        CallStore.open(path)


def test_corrupt_file_is_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseCorruptError):
        CallStore.open(path)

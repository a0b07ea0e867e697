"""Waiting for another program's write lock is told to listeners; the busy timeout still holds.

SQLite only: SQLite's file write lock and busy timeout (PostgreSQL writers wait on row and
advisory locks: tests/engines/test_server_only.py)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator

import pytest

from callcenter_ai.core.errors import DatabaseLockedError
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.store import CallStore, database, lock_wait


@pytest.fixture
def waits() -> Iterator[list[tuple[str, float]]]:
    seen: list[tuple[str, float]] = []
    remove = lock_wait.add_listener(lambda wait: seen.append((wait.state, time.monotonic())))
    yield seen
    remove()


def test_no_wait_no_notice(store: CallStore, waits: list[tuple[str, float]]) -> None:
    with store.transaction():
        pass
    assert waits == []


def test_a_held_lock_is_told_then_the_timeout_fails(
    store: CallStore, waits: list[tuple[str, float]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 2500)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with CallStore.open(store.path) as writer:
            started = time.monotonic()
            with pytest.raises(DatabaseLockedError), writer.transaction():
                pass
            elapsed = time.monotonic() - started
            assert writer.db.execute("PRAGMA busy_timeout").fetchone()[0] == 2500  # restored
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [state for state, _ in waits] == ["waiting", "gave_up"]
    # Told well before the wait gives up (bounds loose enough for a loaded 2-core CI machine).
    assert waits[0][1] - started < lock_wait.NOTICE_AFTER_S + 1.0 < 2.4
    assert 2.4 < elapsed < 8.0


def test_a_lock_released_in_time_lets_the_write_go_on(store: CallStore, waits: list[tuple[str, float]]) -> None:
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        with store.transaction() as db:
            db.execute("SELECT 1")
    finally:
        release.join()
        other.close()
    assert [state for state, _ in waits] == ["waiting", "acquired"]


def test_a_broken_listener_does_not_break_the_write(store: CallStore) -> None:
    told: list[str] = []

    def broken(wait: lock_wait.LockWait) -> None:
        told.append(wait.state)
        raise RuntimeError("listener bug")

    remove = lock_wait.add_listener(broken)
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.8, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        with store.transaction():
            store.upsert_call(CallRecord("after-the-wait", (Turn("client", "алло"),)))
    finally:
        release.join()
        other.close()
        remove()
    assert told == ["waiting", "acquired"]  # the listener was called, and failed, twice
    with CallStore.open(store.path, readonly=True) as reader:  # committed: another connection sees it
        assert reader.count("calls") == 1
    assert broken not in lock_wait._listeners  # removed: later tests are not told

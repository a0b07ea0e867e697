"""The keyword index is written inside store transactions, and its statistics follow every change.

SQLite only: the FTS5 index and its statistics tables (PostgreSQL's tsvector columns are
written with the rows; keyword search runs on both engines in tests/engines)."""

from __future__ import annotations

import sqlite3
import threading

from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.search.keyword_turns import turn_totals
from callcenter_ai.core.store import CallStore, lock_wait
from callcenter_ai.core.store.keywords import keyword_index_is_stale, sync_keyword_index


def put(store: CallStore, external_id: str, *texts: str) -> None:
    with store.transaction():
        store.upsert_call(CallRecord(external_id, tuple(Turn("client", text) for text in texts)))


def test_syncing_waits_for_another_writer_like_every_store_write(store: CallStore) -> None:
    put(store, "a", "списали деньги дважды")
    states: list[str] = []
    remove = lock_wait.add_listener(lambda wait: states.append(wait.state))
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        assert sync_keyword_index(store.db) == 1
    finally:
        release.join()
        other.close()
        remove()
    assert states == ["waiting", "acquired"]  # told, as for any write through store.transaction()
    assert not keyword_index_is_stale(store.db)


def test_turn_totals_are_fts5s_own_and_follow_changes_from_any_connection(store: CallStore) -> None:
    put(store, "a", "списали деньги", "вернём деньги сегодня")
    sync_keyword_index(store.db)
    assert turn_totals(store.db) == (2, 5)
    with CallStore.open(store.path) as other:  # another connection writes: data_version moves
        put(other, "b", "тариф")
        sync_keyword_index(other.db)
    assert turn_totals(store.db) == (3, 6)
    put(store, "c", "роутер мигает красным")  # this connection writes: total_changes moves
    sync_keyword_index(store.db)
    assert turn_totals(store.db) == (4, 9)
    store.delete_calls(["a"])  # the triggers drop its turns
    assert turn_totals(store.db) == (2, 4)

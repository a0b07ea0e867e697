"""What only the PostgreSQL engine has: writers at once, connections that drop, schema versions, the HNSW index."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psycopg
import pytest

from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.core.errors import SchemaTooNewError, StoreError
from callcenter_ai.core.ingest import run_import
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters

from .helpers import DIMS, MODEL, add, embed, record, unit


def test_two_writers_import_at_the_same_time(pg_url: str) -> None:
    both_inside = threading.Barrier(2, timeout=20)
    outcomes: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def writer(name: str, ids: list[str]) -> None:
        try:
            with PgEngine(pg_url) as engine, engine.calls.transaction():
                outcomes[name] = [engine.calls.upsert_call(record(i, f"звонок {i}"))[0] for i in ids]
                both_inside.wait()  # each holds an open write transaction while the other writes
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=writer, args=("a", [f"a{i}" for i in range(30)])),
        threading.Thread(target=writer, args=("b", [f"b{i}" for i in range(30)])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert outcomes == {"a": ["inserted"] * 30, "b": ["inserted"] * 30}
    with PgEngine(pg_url) as engine:
        assert engine.calls.count("calls") == 60 and engine.calls.count("turns") == 120


def test_two_writers_of_the_same_call_take_turns(pg_url: str) -> None:
    first_inside = threading.Event()
    results: dict[str, tuple[str, int]] = {}

    def first() -> None:
        with PgEngine(pg_url) as engine, engine.calls.transaction():
            results["first"] = engine.calls.upsert_call(record("shared", "один текст"))
            first_inside.set()
            time.sleep(0.5)  # the second writer waits for this commit instead of failing on the unique id

    def second() -> None:
        first_inside.wait(20)
        with PgEngine(pg_url) as engine, engine.calls.transaction():
            results["second"] = engine.calls.upsert_call(record("shared", "один текст"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results["first"][0] == "inserted"
    assert results["second"] == ("unchanged", results["first"][1])


def test_dropped_connection_mid_import_keeps_nothing_and_the_rerun_completes(pg_url: str) -> None:
    recs = [record(f"c{i}", f"звонок номер {i}") for i in range(20)]
    with PgEngine(pg_url) as engine:
        with engine.calls.transaction():
            for rec in recs[:5]:
                engine.calls.upsert_call(rec)  # an earlier file, committed
        with pytest.raises(StoreError), engine.calls.transaction():
            backend = engine.database.scalar("SELECT pg_backend_pid()")
            for i, rec in enumerate(recs):
                if i == 12:
                    with psycopg.connect(pg_url, autocommit=True) as admin:
                        admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
                engine.calls.upsert_call(rec)
        assert engine.calls.count("calls") == 5 and engine.calls.count("turns") == 10  # all or nothing
        with engine.calls.transaction():
            outcomes = [engine.calls.upsert_call(rec)[0] for rec in recs]  # the same file again, on a new connection
        assert outcomes == ["unchanged"] * 5 + ["inserted"] * 15
        assert engine.calls.count("calls") == 20


def test_a_newer_schema_is_refused(pg_url: str) -> None:
    PgEngine(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (version, description) VALUES (999, 'from the future')")
    with pytest.raises(SchemaTooNewError, match="schema 999 is newer than this app"):
        PgEngine(pg_url)


def test_an_unreachable_server_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="no connection to the database server"):
        PgEngine("postgresql://nobody:secret@/nowhere?host=/nonexistent-socket-dir&connect_timeout=2")


def test_the_server_searches_with_the_hnsw_index(pg_url: str) -> None:
    with PgEngine(pg_url) as engine:
        for i in range(60):
            rec = record(f"c{i}", f"звонок {i}")
            embed(engine, add(engine, rec), rec, unit(i))
        with engine.database.transaction() as conn:
            conn.execute("SET LOCAL enable_seqscan = off")
            plan = conn.execute(
                "EXPLAIN SELECT id FROM chunks WHERE model_id = %s AND side = 'all'"
                f" ORDER BY (embedding::vector({DIMS})) <=> %s::vector({DIMS}) LIMIT 5",
                (MODEL, unit(0)),
            ).fetchall()
        assert "chunks_hnsw_" in " ".join(str(r[0]) for r in plan)
        hits = engine.vectors.nearest_calls(MODEL, unit(7), 3, filters=NO_FILTERS)
        assert hits[0].call_id == engine.calls.call_id("c7")


def test_a_selective_filter_after_the_hnsw_scan_falls_back_to_an_exact_scan(pg_url: str) -> None:
    with PgEngine(pg_url) as engine:
        for i in range(300):
            rec = record(f"c{i}", f"звонок {i}", operator="Редкий" if i % 60 == 0 else "Частый")
            embed(engine, add(engine, rec), rec, unit(i))
        rare = {engine.calls.call_id(f"c{i}") for i in range(0, 300, 60)}
        query = unit(1)  # nearest to c1, a frequent operator's call: the HNSW candidates miss the rare ones
        with engine.database.transaction() as conn:
            conn.execute("SET LOCAL enable_seqscan = off")  # the plan a large table gets
            hits = engine.vectors.nearest_calls(MODEL, query, 10, filters=SearchFilters(operators=("Редкий",)))
        assert {h.call_id for h in hits} == rare  # all 5, though fewer than k pass the filter
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)


def test_a_connection_dropped_mid_import_file_keeps_nothing_of_it_and_the_rerun_completes(
    pg_url: str, tmp_path: Path
) -> None:
    def write(path: Path, ids: range) -> Path:
        lines = (
            json.dumps(
                {"id": f"c{i}", "turns": [{"speaker": "client", "text": f"звонок номер {i}"}]}, ensure_ascii=False
            )
            for i in ids
        )
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    earlier, dropped = write(tmp_path / "a.jsonl", range(5)), write(tmp_path / "b.jsonl", range(40))
    with PgEngine(pg_url) as engine:
        assert run_import(engine.calls, earlier).inserted == 5
        backend: list[int] = []

        def drop_at_record_20(text: str) -> str:  # runs as each record is read, inside the import's transaction
            if text.endswith(" 20") and not backend:
                backend.append(int(engine.database.scalar("SELECT pg_backend_pid()")))
                with psycopg.connect(pg_url, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (backend[0],))
            return text

        with pytest.raises(StoreError, match=r"no connection to the database server|database error"):
            run_import(engine.calls, dropped, text_filter=drop_at_record_20)
        assert backend and engine.calls.count("calls") == 5  # the dropped file: all or nothing
        report = run_import(engine.calls, dropped)  # the same file again, on a fresh pooled connection
        assert (report.unchanged, report.inserted, report.committed) == (5, 35, True)
        assert engine.calls.count("calls") == 40 and engine.calls.count("turns") == 40

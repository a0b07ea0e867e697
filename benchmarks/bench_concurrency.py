"""Searching while importing, on both engines: 8 searching clients and 2 importers at once, engine level.

Not the HTTP API: each client is a thread with its own engine (SQLite: its
own connection and FAISS index; PostgreSQL: its own connection pool) calling
the engine protocols the way a server's request would — a keyword search
with the matched turns of its best call, a nearest-neighbour search, and
every 10th query a rating.  Two importer threads upsert new calls with their
vectors in transactions of ``--batch`` calls.  After ``--seconds`` the
ratings stored are compared with the ratings the clients added (no lost
rating) and every error is counted.

    python benchmarks/bench_concurrency.py [--quick] [--calls 5000] [--seconds 30] [--url URL]

Writes benchmarks/results/NAME.json; the last line is the headline.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_common
import numpy as np
from bench_pgvector import demo_calls

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.records import CallRecord, Chunk
from callcenter_ai.core.search.filters import NO_FILTERS
from callcenter_ai.core.settings import load_settings

DIMS = 64
MODEL = f"bench/concurrency@{DIMS}"
QUERIES = ["списание карта", "кредит перевод", "блокировка приложение", "возврат заказ", "тариф"]


def unit(rng: np.random.Generator) -> np.ndarray:
    vector = rng.standard_normal(DIMS).astype(np.float32)
    return vector / np.linalg.norm(vector)


def add_calls(engine: Engine, calls: list[CallRecord], rng: np.random.Generator, batch: int) -> None:
    for start in range(0, len(calls), batch):
        with engine.calls.transaction():
            for call in calls[start : start + batch]:
                _, call_id = engine.calls.upsert_call(call)
                vector = unit(rng)
                engine.vectors.save_call_embedding(
                    call_id, MODEL, call.content_hash(), [Chunk(0, 0, 3, 40)], vector[None, :], vector
                )


class Worker(threading.Thread):
    def __init__(self, open_engine: Callable[[], Engine], stop: threading.Event, seed: int) -> None:
        super().__init__(daemon=True)
        self.open_engine, self.stop, self.rng = open_engine, stop, np.random.default_rng(seed)
        self.ms: list[float] = []
        self.errors: list[str] = []
        self.done = 0
        self.ratings = 0


class Searcher(Worker):
    def run(self) -> None:
        with self.open_engine() as engine:
            while not self.stop.is_set():
                started = time.perf_counter()
                try:
                    text = QUERIES[int(self.rng.integers(len(QUERIES)))]
                    matches = engine.keyword.search_calls(text, NO_FILTERS, limit=10)
                    if matches:
                        engine.keyword.matched_turns(matches[0].call_id, text)
                    hits = engine.vectors.nearest_calls(MODEL, unit(self.rng), 10, filters=NO_FILTERS)
                    if self.done % 10 == 0 and hits:
                        dialog = engine.calls.get_calls([hits[0].call_id])[0].dialog_id
                        engine.ratings.add_rating(
                            result_dialog_id=dialog, relevant=True, model_id=MODEL, query_text=text, rater=self.name
                        )
                        self.ratings += 1
                except Exception as exc:
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                self.ms.append((time.perf_counter() - started) * 1000)
                self.done += 1


class Importer(Worker):
    calls: list[CallRecord]
    batch: int

    active_s = 0.0

    def run(self) -> None:
        started = time.perf_counter()
        with self.open_engine() as engine:
            for start in range(0, len(self.calls), self.batch):
                if self.stop.is_set():
                    break
                try:
                    add_calls(engine, self.calls[start : start + self.batch], self.rng, self.batch)
                    self.done += len(self.calls[start : start + self.batch])
                except Exception as exc:
                    self.errors.append(f"{type(exc).__name__}: {exc}")
        self.active_s = time.perf_counter() - started


def measure(open_engine: Callable[[], Engine], args: argparse.Namespace, tag: str) -> dict[str, Any]:
    stop = threading.Event()
    searchers = [Searcher(open_engine, stop, i) for i in range(args.clients)]
    importers = []
    for i in range(args.importers):
        importer = Importer(open_engine, stop, 100 + i)
        importer.calls = [
            CallRecord(f"{tag}-new-{i}-{c.dialog_id}", c.turns, operator=c.operator, topic=c.topic)
            for c in demo_calls(args.calls)
        ]
        importer.batch = args.batch
        importers.append(importer)
    started = time.perf_counter()
    for worker in [*searchers, *importers]:
        worker.start()
    time.sleep(args.seconds)
    stop.set()
    for worker in [*searchers, *importers]:
        worker.join(60)
    elapsed = time.perf_counter() - started
    ms = np.asarray([m for s in searchers for m in s.ms]) if any(s.ms for s in searchers) else np.zeros(1)
    with open_engine() as engine:
        stored = engine.ratings.rating_count(MODEL)
    errors = [e for w in [*searchers, *importers] for e in w.errors]
    return {
        "searches_per_s": round(sum(s.done for s in searchers) / elapsed, 1),
        "search_p50_ms": round(float(np.percentile(ms, 50)), 2),
        "search_p99_ms": round(float(np.percentile(ms, 99)), 2),
        "imported_calls_per_s": round(sum(i.done / max(i.active_s, 1e-9) for i in importers), 1),
        "ratings_added": sum(s.ratings for s in searchers),
        "ratings_stored": stored,
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 calls, 10 seconds per engine")
    parser.add_argument("--calls", type=int, default=5000, help="calls in the store before the run")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--importers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=50, help="calls per import transaction")
    parser.add_argument("--url", default="", help="PostgreSQL server URL (default: a throwaway pgserver)")
    parser.add_argument("--name", default="bench_concurrency", help="results file benchmarks/results/NAME.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.calls, args.seconds = 1000, 10.0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import psycopg

    from callcenter_ai.devtools.pg import start_server, stop_server

    scratch = Path(tempfile.mkdtemp(prefix="bench-conc-"))
    server_url = args.url or start_server(scratch / "pg")
    database = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    url = server_url.replace("/postgres?", f"/{database}?")
    try:
        settings = load_settings(scratch / "home", environ={})
        base = demo_calls(args.calls)
        with SqliteEngine(settings) as sqlite_engine:
            add_calls(sqlite_engine, base, np.random.default_rng(0), 500)
            sqlite_engine.keyword.sync()
            sqlite_engine.vectors.update_index(MODEL, DIMS)
        with PgEngine(url) as pg_engine:
            add_calls(pg_engine, base, np.random.default_rng(0), 500)
        result: dict[str, Any] = {
            "calls": args.calls,
            "seconds": args.seconds,
            "clients": args.clients,
            "importers": args.importers,
        }
        result["sqlite"] = measure(lambda: SqliteEngine(settings), args, "s")
        print(f"sqlite + faiss: {result['sqlite']}", flush=True)
        result["postgresql"] = measure(lambda: PgEngine(url), args, "p")
        print(f"postgresql + pgvector: {result['postgresql']}", flush=True)
        result["machine"] = bench_common.machine()
        print(f"results: {bench_common.write_results(args.name, result)}")
        s, p = result["sqlite"], result["postgresql"]
        print(
            f"searches_per_s: sqlite {s['searches_per_s']} postgresql {p['searches_per_s']};"
            f" errors {s['errors']} / {p['errors']}; ratings lost {s['ratings_added'] - s['ratings_stored']}"
            f" / {p['ratings_added'] - p['ratings_stored']}"
        )
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if not args.url:
            stop_server(scratch / "pg")
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

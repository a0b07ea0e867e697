"""pgvector's HNSW search next to the local FAISS index on the same vectors; import speed of both engines.

Vectors: bench_search's synthetic "manifold" set (topics under themes plus a
shared continuous variation; held-out queries from the same distribution),
truth from an exact numpy scan.  One chunk per call.

* PostgreSQL: the vectors are loaded with COPY, then the engine creates the
  vector space's HNSW indexes (timed: the build), and each query goes through
  ``PgEngine.vectors.nearest_calls`` — one SQL statement, over a Unix socket,
  one client.  ``--ef`` sweeps the engine's ``hnsw.ef_search`` floor
  (``EF_SEARCH_MIN``, 100; pgvector's own default is 40).
* FAISS: the kind the SQLite engine would choose for this size
  (``choose_index_kind``), searched for 4 x k candidates re-ranked exactly
  (as the search service does, the stored vectors' read not timed), one
  FAISS thread.
* Import: ``--import-calls`` demo-like calls (4 turns) upserted through each
  engine's ``Calls`` protocol in batches of 500 (``upsert_calls``, one
  transaction each), keyword index included
  (SQLite's FTS5 sync after the import; PostgreSQL writes its tsvectors in
  the import's transaction).

The server is ``--url`` (a database the user may create databases on) or a
throwaway ``pgserver`` (PostgreSQL 16.2, pgvector 0.6.2) in a temporary folder.

    python benchmarks/bench_pgvector.py [--quick] [--vectors 100000] [--dims 256] [--url URL]

Writes benchmarks/results/NAME.json; the last line is the headline.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import bench_common
import numpy as np
from bench_search import Synthetic, exact_top_k

from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.core.engines.pg import vectors as pg_vectors
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.index.kinds import build_index, choose_index_kind
from callcenter_ai.core.records import CallRecord, Turn, utc_now
from callcenter_ai.core.search.filters import NO_FILTERS
from callcenter_ai.core.settings import load_settings

K = 10
MODEL = "bench/synthetic@{dims}"


def latency(ms: list[float]) -> dict[str, float]:
    values = np.asarray(ms)
    return {"p50_ms": round(float(np.percentile(values, 50)), 3), "p99_ms": round(float(np.percentile(values, 99)), 3)}


def recall(found: list[list[int]], truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t.tolist())) / K for f, t in zip(found, truth, strict=True)]))


def load_pg(engine: PgEngine, data: np.ndarray, model_id: str, build_memory: str = "1GB") -> dict[str, float]:
    """Calls and chunks by COPY, then the space's HNSW indexes built over them."""
    n, dims = data.shape
    now = utc_now()
    started = time.perf_counter()
    with engine.database.transaction() as conn:
        with conn.cursor().copy(
            "COPY calls (id, external_id, content_hash, turn_count, char_count, imported_at, updated_at) FROM STDIN"
        ) as copy:
            for i in range(n):
                copy.write_row((i + 1, f"call-{i}", "h", 0, 0, now, now))
        with conn.cursor().copy(
            "COPY chunks (call_id, model_id, chunk_no, first_turn, last_turn, side, token_count, dims, embedding)"
            " FROM STDIN WITH (FORMAT BINARY)"
        ) as copy:
            copy.set_types(["int8", "text", "int4", "int4", "int4", "text", "int4", "int4", "vector"])
            for i in range(n):
                copy.write_row((i + 1, model_id, 0, 0, 0, "all", 0, dims, data[i]))
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    with engine.database.transaction() as conn:
        conn.execute(f"SET LOCAL maintenance_work_mem = '{build_memory}'")
        engine.vectors._ensure_space(conn, model_id, dims)
        conn.execute("ANALYZE chunks")
    return {"copy_s": round(loaded, 2), "hnsw_build_s": round(time.perf_counter() - started, 2)}


def uses_hnsw(engine: PgEngine, query: np.ndarray, model_id: str) -> bool:
    """Whether the planner answers the engine's query shape with the HNSW index (not an exact scan)."""
    dims = len(query)
    plan = engine.database.execute(
        f"EXPLAIN SELECT ch.id FROM chunks ch JOIN calls c ON c.id = ch.call_id WHERE ch.model_id = '{model_id}'"
        f" AND ch.side = 'all' AND TRUE ORDER BY (ch.embedding::vector({dims})) <=> %s::vector({dims}) LIMIT 40",
        (query,),
    )
    return "chunks_hnsw_" in " ".join(str(row[0]) for row in plan)


def search_pg(engine: PgEngine, queries: np.ndarray, model_id: str, ef: int) -> tuple[list[list[int]], list[float]]:
    pg_vectors.EF_SEARCH_MIN = ef  # the sweep replaces the engine's floor for the run
    found, ms = [], []
    for query in queries:
        started = time.perf_counter()
        hits = engine.vectors.nearest_calls(model_id, query, K, filters=NO_FILTERS)
        ms.append((time.perf_counter() - started) * 1000)
        found.append([h.call_id - 1 for h in hits])
    return found, ms


def search_faiss(data: np.ndarray, queries: np.ndarray) -> tuple[dict[str, Any], list[list[int]], list[float]]:
    import faiss

    faiss.omp_set_num_threads(1)
    kind = choose_index_kind(len(data), data.shape[1])
    started = time.perf_counter()
    index = build_index(kind, data, np.arange(len(data), dtype=np.int64))
    build_s = time.perf_counter() - started
    found, ms = [], []
    for query in queries:
        started = time.perf_counter()
        _, ids = index.search(query[None, :], 4 * K)
        candidates = ids[0][ids[0] >= 0]
        scores = data[candidates] @ query
        found.append(candidates[np.argsort(-scores)[:K]].tolist())
        ms.append((time.perf_counter() - started) * 1000)
    return {"kind": kind, "build_s": round(build_s, 2)}, found, ms


def demo_calls(n: int) -> list[CallRecord]:
    words = [
        "списание",
        "карта",
        "кредит",
        "перевод",
        "приложение",
        "блокировка",
        "возврат",
        "тариф",
        "доставка",
        "заказ",
    ]
    rng = np.random.default_rng(3)
    calls = []
    for i in range(n):
        text = [" ".join(rng.choice(words, 12)) for _ in range(4)]
        turns = tuple(Turn("client" if t % 2 == 0 else "operator", text[t]) for t in range(4))
        calls.append(CallRecord(dialog_id=f"imp-{i}", turns=turns, operator=f"op{i % 7}", topic=f"t{i % 5}"))
    return calls


def import_speed(engine: Any, calls: list[CallRecord]) -> float:
    started = time.perf_counter()
    for start in range(0, len(calls), 500):
        with engine.calls.transaction():
            engine.calls.upsert_calls(calls[start : start + 500])
    engine.keyword.sync()
    return len(calls) / (time.perf_counter() - started)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20k vectors, 100 queries, 1,000 calls imported")
    parser.add_argument("--vectors", type=int, default=100_000)
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ef", default="40,100,200", help="hnsw.ef_search values to sweep")
    parser.add_argument("--import-calls", type=int, default=5000, help="0: no import measured")
    parser.add_argument(
        "--build-memory", default="1GB", help="maintenance_work_mem of the HNSW build (the graph should fit in it)"
    )
    parser.add_argument("--url", default="", help="PostgreSQL server URL (default: a throwaway pgserver)")
    parser.add_argument("--name", default="bench_pgvector", help="results file benchmarks/results/NAME.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.vectors, args.queries, args.import_calls = 20_000, 100, 1000
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    engine_ef = pg_vectors.EF_SEARCH_MIN  # the sweep changes it
    import psycopg

    from callcenter_ai.devtools.pg import start_server, stop_server

    scratch = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    server_url = args.url or start_server(scratch / "pg")
    database = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    url = server_url.replace("/postgres?", f"/{database}?") if "/postgres?" in server_url else server_url
    try:
        synthetic = Synthetic("manifold", args.dims, 1.2, 0.7)
        data = synthetic.vectors(args.vectors, seed=1)
        queries = synthetic.vectors(args.queries, seed=2)
        truth = exact_top_k(data, queries, K)
        model_id = MODEL.format(dims=args.dims)
        result: dict[str, Any] = {"vectors": args.vectors, "dims": args.dims, "queries": args.queries, "k": K}
        faiss_info, found, ms = search_faiss(data, queries)
        result["faiss"] = {**faiss_info, **latency(ms), "recall_at_10": round(recall(found, truth), 4)}
        print(f"faiss {faiss_info['kind']}: {result['faiss']}", flush=True)
        with PgEngine(url) as engine:
            result["pgvector"] = {"load": load_pg(engine, data, model_id, args.build_memory), "ef_search": {}}
            result["pgvector"]["plan_uses_hnsw"] = uses_hnsw(engine, queries[0], model_id)
            print(f"pgvector load: {result['pgvector']['load']}", flush=True)
            for ef in [int(e) for e in args.ef.split(",") if e]:
                search_pg(engine, queries[:5], model_id, ef)  # warm the cache
                found, ms = search_pg(engine, queries, model_id, ef)
                row = {**latency(ms), "recall_at_10": round(recall(found, truth), 4)}
                result["pgvector"]["ef_search"][str(ef)] = row
                print(f"pgvector hnsw ef_search={ef}: {row}", flush=True)
        calls = demo_calls(args.import_calls)
        home = scratch / "home"
        result["import_calls_per_s"] = {}
        if calls:
            with SqliteEngine(load_settings(home, environ={})) as sqlite_engine:
                sqlite_rate = import_speed(sqlite_engine, calls)
            with psycopg.connect(server_url, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{database}_import"')
            with PgEngine(url.replace(f"/{database}?", f"/{database}_import?")) as pg_engine:
                pg_rate = import_speed(pg_engine, calls)
            result["import_calls_per_s"] = {"sqlite": round(sqlite_rate, 1), "postgresql": round(pg_rate, 1)}
            print(f"import (calls/s, keyword index included): {result['import_calls_per_s']}", flush=True)
        result["machine"] = bench_common.machine()
        result["versions"] = bench_common.versions("faiss-cpu", "psycopg", "pgvector", "pgserver", "numpy")
        path = bench_common.write_results(args.name, result)
        print(f"results: {path}")
        sweep = result["pgvector"]["ef_search"]
        engine_row = sweep.get(str(engine_ef), next(iter(sweep.values())))
        print(
            f"p99_ms_at_{args.vectors}: pgvector {engine_row['p99_ms']} (recall {engine_row['recall_at_10']})"
            f" faiss {result['faiss']['p99_ms']} (recall {result['faiss']['recall_at_10']})"
        )
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            for name in (database, f"{database}_import"):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not args.url:
            stop_server(scratch / "pg")
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

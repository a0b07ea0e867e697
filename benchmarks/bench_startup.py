"""Start-up time of the window and of the core with many calls, and the cost of re-indexing.

Fills a temporary app home with synthetic calls (about 8 turns each) and one
chunk vector per side (all / client / operator) per call, builds the index
with the index service, then measures, each in a fresh process:

* core start-up: import, open the store, count calls, load every index part;
* window start-up: ``run_gui_ru.py --home HOME --screenshot FILE`` with
  ``QT_QPA_PLATFORM=offscreen`` (until the window says it is ready), with an
  empty home and with the full one;
* re-indexing after 1 % new calls (the incremental update) against a full
  rebuild of the same store, index time only (the store is opened outside
  the timer), side by side in the same process: add 1 % new calls, update,
  then ``--rebuild``; ``--reindex-cycles N`` repeats that N times and reports
  the median share.  Each cycle also times single-query search of the "all"
  side (p50 / p99 of a second pass over the queries, as the search service:
  memory-mapped, one FAISS thread, 40 candidates re-ranked exactly) and its
  recall@10 against an exact scan, on
  the updated index (base + delta + tombstones) and on the rebuilt (merged)
  one, interleaved query by query.  With ``--keep HOME`` an existing home is reused: the new
  calls follow its highest ``bench-NNNNNNN`` id, so a kept home grows 1 % per
  cycle (copy a home you want to keep as it is).

    python benchmarks/bench_startup.py [--quick] [--calls 100000] [--dims 1024] [--repeat 3]
        [--keep HOME] [--reindex-only] [--reindex-cycles 1]

Writes benchmarks/results/bench_startup.json; last line ``core_startup_s_at_<N>: X``
(with ``--reindex-only``: ``reindex_share: X``, the median share of a full rebuild).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bench_common
import numpy as np

from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.records import CallRecord, Chunk, Turn
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.vectors import save_call_embedding

MODEL = "bench/synthetic"
TOPICS = 500
BATCH = 5000
OPERATOR_LINES = (
    "Здравствуйте, служба поддержки, чем могу помочь?",
    "Назовите, пожалуйста, номер договора.",
    "Проверяю информацию, оставайтесь на линии.",
    "Заявка создана, ответ придёт в течение суток.",
    "Деньги вернутся на карту за три рабочих дня.",
    "Могу предложить тариф дешевле со следующего месяца.",
)
CLIENT_LINES = (
    "Добрый день, у меня не работает интернет.",
    "С карты дважды списали оплату за заказ.",
    "Договор номер {n}, оформлен на меня.",
    "Хочу сменить тариф, этот слишком дорогой.",
    "Курьер не приехал, хотя обещали вчера.",
    "Спасибо, всего доброго.",
)

CORE_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from callcenter_ai.core.records import SIDES
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.settings import load_settings
from callcenter_ai.core.store import CallStore
t_import = time.perf_counter()
settings = load_settings(sys.argv[1], environ={})
store = CallStore.open(settings.db_path)
calls = store.count("calls")
t_store = time.perf_counter()
index = VectorIndex.load(settings.index_dir, sys.argv[2], int(sys.argv[3]), mapped=True)  # as the search service
vectors = {side: int(index.part(side).ntotal) for side in SIDES}
t_index = time.perf_counter()
store.close()
print(json.dumps({"calls": calls, "vectors": vectors, "import_s": t_import - t0, "store_s": t_store - t_import,
                  "index_s": t_index - t_store, "total_s": t_index - t0}))
"""


def synthetic_call(rng: random.Random, number: int) -> CallRecord:
    turns = []
    for i in range(rng.randint(6, 10)):
        if i % 2 == 0:
            turns.append(Turn("operator", rng.choice(OPERATOR_LINES)))
        else:
            turns.append(Turn("client", rng.choice(CLIENT_LINES).format(n=rng.randint(1000, 99999))))
    return CallRecord(
        dialog_id=f"bench-{number:07d}",
        turns=tuple(turns),
        started_at=f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 20):02d}:00:00+03:00",
        duration_s=float(rng.randint(30, 900)),
        operator=f"оператор {rng.randint(1, 40)}",
        topic=f"тема {rng.randint(1, 30)}",
    )


def add_calls(home: Path, first: int, count: int, dims: int, seed: int) -> float:
    """Insert calls ``first .. first + count - 1`` with their chunk vectors; returns seconds."""
    rng = random.Random(seed)
    vec_rng = np.random.default_rng(seed)
    centers = np.random.default_rng(0).standard_normal((TOPICS, dims)).astype(np.float32)
    model_id = space_id(MODEL, dims)
    started = time.perf_counter()
    with CallStore.open(home / "data" / "callcenter.db") as store:
        for start in range(first, first + count, BATCH):
            n = min(BATCH, first + count - start)
            raw = centers[vec_rng.integers(0, TOPICS, n * 3)] + vec_rng.standard_normal((n * 3, dims), dtype=np.float32)
            vectors = raw / np.linalg.norm(raw, axis=1, keepdims=True)
            with store.transaction():
                for i in range(n):
                    record = synthetic_call(rng, start + i)
                    _outcome, call_id = store.upsert_call(record)
                    last = len(record.turns) - 1
                    chunks = [
                        Chunk(0, 0, last, 200, "all"),
                        Chunk(0, 1, last, 90, "client"),
                        Chunk(0, 0, last, 110, "operator"),
                    ]
                    save_call_embedding(
                        store.db,
                        call_id,
                        model_id,
                        record.content_hash(),
                        chunks,
                        vectors[3 * i : 3 * i + 3],
                        vectors[3 * i],
                    )
            print(f"  {start + n - first:,} / {count:,} calls written", end="\r", flush=True)
    print()
    return time.perf_counter() - started


@contextlib.contextmanager
def timed_store_reads() -> Iterator[list[float]]:
    """Seconds in the index's reads of the store (signatures, vectors, chunk counts), summed; in the
    neighbour graph's refresh (``core/index/neighbours.py``: its own signature pass, profiles, search, file);
    and in the graph's list scan within it (``coarse.nearest_in_lists``)."""
    from callcenter_ai.core.index import coarse, plan, side_update
    from callcenter_ai.core.index import update as update_module

    spent = [0.0, 0.0, 0.0]

    def timed(function: Any, slot: int = 0) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[slot] += time.perf_counter() - started

        return call

    def timed_iter(function: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Iterator[Any]:
            items = timed(function)(*args, **kwargs)
            while True:
                started = time.perf_counter()
                item = next(items, None)
                spent[0] += time.perf_counter() - started
                if item is None:
                    return
                yield item

        return call

    patched = [(update_module, "store_signatures", timed), (side_update, "iter_side_vectors", timed_iter),
               (plan, "count_side_chunks", timed),
               (update_module, "refresh_neighbours", lambda f: timed(f, 1)),
               (coarse, "nearest_in_lists", lambda f: timed(f, 2))]  # fmt: skip
    originals = [(module, name, getattr(module, name)) for module, name, _ in patched]
    for module, name, wrap in patched:
        setattr(module, name, wrap(getattr(module, name)))
    try:
        yield spent
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def update(home: Path, dims: int, *, rebuild: bool) -> dict[str, Any]:
    """Index-only time of an update (or rebuild); opening the store is outside the timer.

    ``store_read_s``: the part of it spent reading the store for the index (the call signatures: of the
    calls the store's change log names since the last update, of every call in a rebuild; the new calls'
    vectors, chunk counts); ``neighbours_s``: refreshing the
    neighbour graph the search re-scores with (``graph_scan_s`` of it: its list scan); the rest is the index's
    own work.
    """
    import faiss  # noqa: F401  - imported before the timer, as in a running app
    import torch  # noqa: F401  - the index job has just embedded the new calls with it

    from callcenter_ai.core.index.update import update_index

    with CallStore.open(home / "data" / "callcenter.db") as store, timed_store_reads() as store_read:
        started = time.perf_counter()
        report = update_index(store, space_id(MODEL, dims), dims, home / "indexes", rebuild=rebuild)
        seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "store_read_s": round(store_read[0], 3),
            "neighbours_s": round(store_read[1], 3), "graph_scan_s": round(store_read[2], 3),
            "added_calls": report.added_calls,
            "kinds": dict(report.kinds),
            "rebuilt": list(report.rebuilt), "merged": list(report.merged), "delta": list(report.delta),
            "kept": list(report.kept), "vectors": dict(report.vectors)}  # fmt: skip


def stored_calls(home: Path) -> tuple[int, int]:
    """(calls in the store, the number after the highest ``bench-NNNNNNN`` id)."""
    with CallStore.open(home / "data" / "callcenter.db") as store:
        count = store.count("calls")
        row = store.db.execute("SELECT max(external_id) FROM calls WHERE external_id LIKE 'bench-%'").fetchone()
    following = int(row[0].removeprefix("bench-")) + 1 if row and row[0] else 0
    return count, following


def search_side_by_side(
    index_dirs: dict[str, Path], dims: int, queries: np.ndarray, truth: np.ndarray, vectors: Any, repeat: int = 3
) -> dict[str, dict[str, Any]]:
    """p50 / p99 ms of single queries on the "all" side and recall@10 after an exact re-rank of 40 candidates,
    for each index folder, searched as the search service does (memory-mapped, one FAISS thread).

    The folders are searched side by side: each query on every index in turn, the order rotating from one
    query to the next, so a slow moment of the machine falls on each alike (measuring them a minute apart
    drifted by +-15 % at 100k).  Every query runs ``repeat`` times on each; p50 and p99 are of each query's
    median (as ``bench_segments.py``), ``p99_every_run_ms`` of every single run.
    """
    import faiss  # noqa: F401

    from callcenter_ai.core.index.vector_index import VectorIndex

    names = list(index_dirs)
    loaded = {n: VectorIndex.load(d, space_id(MODEL, dims), dims, mapped=True) for n, d in index_dirs.items()}
    for query in queries:  # an untimed pass pages the parts in: a base written long ago may be out of the OS cache
        for index in loaded.values():
            index.search("all", query, 40)
    times = {n: np.zeros((repeat, len(queries))) for n in names}
    hits = dict.fromkeys(names, 0)
    ids, matrix = vectors
    for r in range(repeat):
        for i, query in enumerate(queries):
            for turn in range(len(names)):
                name = names[(r + i + turn) % len(names)]
                started = time.perf_counter()
                _, found = loaded[name].search("all", query, 40)
                times[name][r, i] = time.perf_counter() - started
                if r == 0:
                    found = found[0][found[0] >= 0]
                    rows = np.searchsorted(ids, found)
                    best = found[np.argsort(-(matrix[rows] @ query), kind="stable")[:10]]
                    hits[name] += len(set(best.tolist()) & set(truth[i].tolist()))
    out = {}
    for name, index in loaded.items():
        times_ms = times[name] * 1000
        each = np.median(times_ms, axis=0)  # each query's own cost, without the moments another process held the core
        p50, p99 = (round(float(np.percentile(each, q)), 3) for q in (50, 99))
        out[name] = {"p50_ms": p50, "p99_ms": p99, "p99_every_run_ms": round(float(np.percentile(times_ms, 99)), 3),
                     "recall_at_10": round(hits[name] / truth.size, 4), "queries": len(queries), "repeat": repeat,
                     "deltas": {s: i.vector_count for s, i in index.manifest.deltas.items()},
                     "tombstones": {s: len(d) for s, d in index.state.dead.items()}}  # fmt: skip
    return out


def linked_copy(index_dir: Path, into: Path) -> Path:
    """The index files of ``index_dir`` hard-linked into ``into`` (no bytes copied): a save never rewrites a
    file in place (a new generation, then the manifest, each renamed into place), so the copy stays as it was."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for path in index_dir.iterdir():
        if path.is_file():
            os.link(path, into / path.name)
    return into


def exact_truth(home: Path, dims: int, n_queries: int, seed: int) -> tuple[np.ndarray, np.ndarray, Any]:
    """Queries near the stored topics, their exact top 10 on the "all" side, and (ids, vectors) of that side."""
    from callcenter_ai.core.index.store_reads import collect_vectors, iter_side_vectors

    with CallStore.open(home / "data" / "callcenter.db") as store:
        ids, _, matrix = collect_vectors(iter_side_vectors(store.db, space_id(MODEL, dims), "all", None, dims), dims)
    rng = np.random.default_rng(seed)
    centers = np.random.default_rng(0).standard_normal((TOPICS, dims)).astype(np.float32)
    raw = centers[rng.integers(0, TOPICS, n_queries)] + rng.standard_normal((n_queries, dims), dtype=np.float32)
    queries = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    truth = np.empty((n_queries, 10), dtype=np.int64)
    for start in range(0, n_queries, 50):  # 50 queries x the store at a time (200 MB at 1M calls of 1024 dims)
        scores = queries[start : start + 50] @ matrix.T
        best = np.argpartition(-scores, 9, axis=1)[:, :10]
        order = np.argsort(-np.take_along_axis(scores, best, axis=1), axis=1, kind="stable")
        truth[start : start + 50] = ids[np.take_along_axis(best, order, axis=1)]
    return queries, truth, (ids, matrix)


def warm_cache(home: Path) -> tuple[int, float]:
    """Read every file of ``home`` once (untimed), so the OS has the store and the indexes in its cache.

    Some machines page out files idle for a minute or more (this VM: DAMON ``pageout``); a timed run then
    starts by reading them from disk, and how much of them is gone depends on how long the home sat idle.
    Reading them first gives the update and the rebuild the same start.  Returns the bytes read and the
    seconds it took.
    """
    started, read = time.perf_counter(), 0
    buffer = bytearray(16 << 20)
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        with path.open("rb") as file:
            while got := file.readinto(buffer):
                read += got
    return read, time.perf_counter() - started


def reindex_cycles(home: Path, dims: int, cycles: int, n_queries: int = 1000, *, warm: bool = False) -> dict[str, Any]:
    """Add 1 % new calls, update the index, rebuild it: ``cycles`` times; index-only seconds side by side.

    ``warm``: the home's files are read (:func:`warm_cache`) before the update and before the rebuild.

    After the rebuild, single-query search is timed on the "all" side of the update's index (its delta and
    tombstones present; a hard-linked copy kept from before the rebuild) and of the merged (rebuilt) one,
    side by side, query by query.
    """
    runs = []
    for cycle in range(cycles):
        calls, following = stored_calls(home)
        new_calls = max(1, calls // 100)
        print(f"cycle {cycle + 1}: adding {new_calls:,} new calls (1 % of {calls:,})", flush=True)
        add_calls(home, following, new_calls, dims, seed=2 + cycle)
        warmed = [round(warm_cache(home)[1], 1)] if warm else []
        incremental = update(home, dims, rebuild=False)
        with_delta = merged = None
        updated = linked_copy(home / "indexes", home / "indexes-with-delta") if n_queries else None
        warmed += [round(warm_cache(home)[1], 1)] if warm else []
        full = update(home, dims, rebuild=True)
        if updated is not None:
            queries, truth, vectors = exact_truth(home, dims, n_queries, seed=100 + cycle)
            both = search_side_by_side({"delta": updated, "merged": home / "indexes"}, dims, queries, truth, vectors)
            with_delta, merged = both["delta"], both["merged"]
            del queries, truth, vectors  # the exact scan's copy of the store (~400 MB at 100k) goes before the update
            shutil.rmtree(updated)
        share = incremental["seconds"] / full["seconds"]
        runs.append({"calls_before": calls, "new_calls": new_calls, "update": incremental, "rebuild": full,
                     "share": round(share, 4), "search_with_delta": with_delta, "search_merged": merged,
                     "cache_warmed_s": warmed,
                     "load_average_1m": round(os.getloadavg()[0], 2)})  # fmt: skip
        print(
            f"  update {incremental['seconds']:.2f} s, store reads {incremental['store_read_s']:.2f} s,"
            f" neighbours {incremental['neighbours_s']:.2f} s (list scan {incremental['graph_scan_s']:.2f} s)"
            f" {incremental['kinds']} (delta {incremental['delta']},"
            f" merged {incremental['merged']}, rebuilt {incremental['rebuilt']}, kept {incremental['kept']});"
            f" full rebuild {full['seconds']:.2f} s (store reads {full['store_read_s']:.2f} s,"
            f" neighbours {full['neighbours_s']:.2f} s) {full['kinds']};"
            f" share {share:.1%}",
            flush=True,
        )
        if with_delta and merged:
            print(f"  search with delta {with_delta}\n  search merged    {merged}", flush=True)
    out: dict[str, Any] = {"cycles": runs, "share_median": round(statistics.median(r["share"] for r in runs), 4)}
    if n_queries:
        # Only where the rebuild kept the update's kinds: a rebuild that switches kind is another comparison.
        same = [r for r in runs if r["update"]["kinds"] == r["rebuild"]["kinds"]]
        ratios = [r["search_with_delta"]["p99_ms"] / r["search_merged"]["p99_ms"] for r in same]
        if ratios:
            out["p99_with_delta_over_merged_median"] = round(statistics.median(ratios), 3)
    return out


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(bench_common.ROOT), out.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    out.update(QT_QPA_PLATFORM="offscreen", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return out


def core_startup(home: Path, dims: int, repeat: int) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        cmd = [sys.executable, "-c", CORE_SCRIPT, str(home), space_id(MODEL, dims), str(dims)]
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env(), check=True)
        wall = time.perf_counter() - started
        run = json.loads(done.stdout.strip().splitlines()[-1])
        run["process_wall_s"] = wall
        runs.append(run)
    keys = ("import_s", "store_s", "index_s", "total_s", "process_wall_s")
    return {
        "runs": len(runs),
        "calls": runs[0]["calls"],
        "vectors": runs[0]["vectors"],
        **{k: round(statistics.median(r[k] for r in runs), 3) for k in keys},
    }


def window_startup(home: Path, repeat: int) -> dict[str, Any]:
    script = bench_common.ROOT / "run_gui_ru.py"
    if not script.is_file():
        return {"measured": False, "reason": "run_gui_ru.py not found"}
    walls, readies, launched = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            shot = Path(tmp) / f"shot{i}.png"
            started = time.perf_counter()
            with subprocess.Popen(
                [sys.executable, str(script), "--home", str(home), "--screenshot", str(shot)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
            ) as process:  # fmt: skip
                assert process.stdout is not None and process.stderr is not None
                first_line = process.stdout.readline()  # "ready in ...", flushed as soon as the window is ready
                launched.append(time.perf_counter() - started)
                rest, errors = process.communicate(timeout=300)
            walls.append(time.perf_counter() - started)
            if process.returncode != 0 or not shot.is_file():
                return {"measured": False, "reason": f"exit {process.returncode}: {errors[-2000:]}"}
            found = re.search(r"ready in ([0-9.]+) s", first_line + rest)
            if found:
                readies.append(float(found.group(1)))
    return {
        "measured": True,
        "runs": repeat,
        "process_wall_s": round(statistics.median(walls), 3),
        "ready_s": round(statistics.median(readies), 3) if readies else None,
        "launch_to_ready_s": round(statistics.median(launched), 3),
        "launch_to_ready_all_s": [round(x, 3) for x in launched],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 calls, one run each (< 60 s)")
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--dims", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--name", default="bench_startup", help="results file benchmarks/results/NAME.json")
    parser.add_argument("--keep", type=Path, help="build the home here and keep it (reused when it exists)")
    parser.add_argument("--reindex-only", action="store_true", help="measure re-indexing only (no start-up)")
    parser.add_argument("--reindex-cycles", type=int, default=1, help="add 1 %% / update / rebuild this many times")
    parser.add_argument("--queries", type=int, default=1000,  # p99 of 1,000 queries is the 10th worst
                        help="search queries timed per re-index cycle (0: none)")  # fmt: skip
    parser.add_argument(
        "--warm-cache",
        action="store_true",
        help="read the home's files before each timed update and rebuild (same start for both)",
    )
    parser.add_argument("--startup-only", action="store_true", help="measure start-up only (the home is not changed)")
    args = parser.parse_args(argv)
    calls, repeat = (2000, 1) if args.quick else (args.calls, args.repeat)
    results: dict[str, Any] = {
        "benchmark": "bench_startup",
        "machine": bench_common.machine(),
        "versions": bench_common.versions("faiss-cpu", "PySide6-Essentials", "numpy"),
        "settings": {"calls": calls, "dims": args.dims, "chunks_per_call": 3, "warm_cache": args.warm_cache},
    }
    with tempfile.TemporaryDirectory() as tmp:
        home = args.keep or Path(tmp) / "home"
        empty = Path(tmp) / "empty"
        empty.mkdir()
        if not (home / "data" / "callcenter.db").exists():
            print(f"writing {calls:,} synthetic calls x 3 chunk vectors of {args.dims} dims to {home}", flush=True)
            results["fill_s"] = round(add_calls(home, 0, calls, args.dims, seed=1), 1)
            results["first_build"] = update(home, args.dims, rebuild=True)
            print(f"first index build: {results['first_build']['seconds']:.2f} s {results['first_build']['kinds']}")
        settings_file = home / "settings.json"
        if not settings_file.exists():  # the window then serves (and loads) the synthetic vector space's index
            settings_file.write_text(json.dumps({"version": 1, "model": MODEL}), encoding="utf-8")
        size = sum(p.stat().st_size for p in (home / "data").iterdir()) + sum(
            p.stat().st_size for p in (home / "indexes").rglob("*") if p.is_file()
        )
        results["home_bytes"] = size
        if args.reindex_only:
            results["reindex"] = reindex = reindex_cycles(
                home, args.dims, args.reindex_cycles, args.queries, warm=args.warm_cache
            )
            results["reindex_1pct_share_of_full"] = reindex["share_median"]
            path = bench_common.write_results(args.name, results)
            print(f"results: {path}")
            if "p99_with_delta_over_merged_median" in reindex:
                print(f"p99_with_delta_over_merged: {reindex['p99_with_delta_over_merged_median']:.3f}")
            print(f"reindex_share: {reindex['share_median']:.4f}")
            return 0
        results["core_startup"] = core = core_startup(home, args.dims, repeat)
        print(
            f"core start-up with {core['calls']:,} calls: {core['total_s']:.2f} s (import {core['import_s']:.2f}, "
            f"store {core['store_s']:.2f}, indexes {core['index_s']:.2f}); process {core['process_wall_s']:.2f} s",
            flush=True,
        )
        results["window_startup_empty"] = window_startup(empty, repeat)
        results["window_startup_full"] = window_startup(home, repeat)
        for name in ("empty", "full"):
            w = results[f"window_startup_{name}"]
            print(f"window start-up ({name} home): {w}", flush=True)
        if args.startup_only:
            path = bench_common.write_results(args.name, results)
            print(f"results: {path}")
            print(f"core_startup_s_at_{calls // 1000}k: {core['total_s']:.3f}")
            return 0
        results["reindex"] = reindex = reindex_cycles(
            home, args.dims, args.reindex_cycles, args.queries, warm=args.warm_cache
        )
        share = results["reindex_1pct_share_of_full"] = reindex["share_median"]
        if args.keep is None:
            results["home_kept"] = None
    path = bench_common.write_results(args.name, results)
    print(f"results: {path}")
    label = f"{calls // 1000}k" if calls >= 1000 else str(calls)
    if results["window_startup_full"].get("measured"):
        print(f"window_ready_s_at_{label}: {results['window_startup_full']['ready_s']}")
    print(f"reindex_1pct_share_of_full: {share:.4f}")
    print(f"core_startup_s_at_{label}: {core['total_s']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

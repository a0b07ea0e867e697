"""Cost of the neighbour graph and of ``similar`` at scale, for bench_quality.py ``--cost N``.

Also run alone, to time ``similar`` with two source trees side by side on one
synthetic home (each tree in its own process, rounds alternating)::

    python benchmarks/quality_cost.py --calls 100000 --src /tmp/before --src .
    python benchmarks/quality_cost.py --fits [--one-line] --home H --src /tmp/before --src .   # the graph fit

A synthetic store of N calls (random topic centres, each call near one, with
client and operator side vectors, 512 dims like the offline embedder) is
indexed; the graph's fit is timed alone (with the peak memory the process
gains during it, sampled every 20 ms), then ``similar -k 10`` is timed for
200 random calls with ``similarity`` plain and neighbours, in semantic and
hybrid (the default) mode.  Embedding is not part of it (the vectors are
given): the share of the whole ``index`` run is estimated from the
per-call embedding time measured on the dev sets (``EMBED_S_PER_CALL``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

MODEL = "bench/synthetic@512"
DIMS = 512
# Offline embedder, seconds per call on the 2-core dev machine: 0.054 (MultiWOZ-ru dialogs, 999 in 53.8 s)
# and 0.004 (BANKING77-ru single utterances); a call-center call is a dialog, the shorter figure is the floor.
EMBED_S_PER_CALL = 0.004
EMBED_S_PER_DIALOG = 0.054
# The "nothing close" line for the synthetic store (two calls of one topic: cosine about 0.55), so that `similar`
# counts its total as it does with a real model's line (a model without a line counts nothing).
NOTHING_CLOSE = 0.5


def peak_rss_gain_mb(job: Callable[[], object]) -> tuple[float, float]:
    """Run ``job``; returns (seconds, MB the process's resident memory rose above its start at most)."""
    import psutil

    process = psutil.Process(os.getpid())
    start = process.memory_info().rss
    peak = [start]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], process.memory_info().rss)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    started = time.perf_counter()
    try:
        job()
    finally:
        seconds = time.perf_counter() - started
        done.set()
        watcher.join()
    return seconds, (max(peak[0], process.memory_info().rss) - start) / 2**20


def _unit(m: np.ndarray) -> np.ndarray:
    return (m / np.linalg.norm(m, axis=-1, keepdims=True)).astype(np.float32)


def fill_store(store: Any, n: int, seed: int = 0, *, one_line: bool = False) -> None:
    """``n`` calls around ``n // 50`` topics; ``one_line``: a client's single utterance each (no operator side,
    the client-side vector close to the whole call's: the same words without the speaker label)."""
    from callcenter_ai.core.records import CallRecord, Chunk, Turn
    from callcenter_ai.core.store import vectors as vec

    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((max(n // 50, 2), DIMS)))
    for start in range(0, n, 5000):
        count = min(5000, n - start)
        topic = rng.integers(0, len(centres), count)
        base = centres[topic]
        whole = _unit(base + 0.9 * _unit(rng.standard_normal((count, DIMS))))
        client = _unit(whole + (0.2 if one_line else 0.5) * _unit(rng.standard_normal((count, DIMS))))
        operator = _unit(whole + 0.5 * _unit(rng.standard_normal((count, DIMS))))
        chunks = [Chunk(0, 0, 1, 10), Chunk(0, 0, 0, 5, "client"), Chunk(0, 1, 1, 5, "operator")]
        with store.transaction():
            for i in range(count):
                turns = (Turn("client", f"вопрос {start + i}"), Turn("operator", f"ответ {topic[i]}"))
                record = CallRecord(dialog_id=f"s{start + i}", turns=turns[:1] if one_line else turns)
                _, call_id = store.upsert_call(record)
                vectors = np.stack([whole[i], client[i], operator[i]])
                kept = 2 if one_line else 3
                vec.save_call_embedding(
                    store.db, call_id, MODEL, record.content_hash(), chunks[:kept], vectors[:kept], whole[i]
                )


def run_cost(n: int) -> dict[str, Any]:
    from callcenter_ai.core.index.neighbours import graph_path, load_graph, refresh_neighbours
    from callcenter_ai.core.index.update import update_index
    from callcenter_ai.core.search.similarity.augment import augments
    from callcenter_ai.core.settings import load_settings
    from callcenter_ai.core.store import CallStore

    out: dict[str, Any] = {"calls": n}
    with tempfile.TemporaryDirectory(prefix="bench_quality_cost_") as tmp:
        settings = load_settings(Path(tmp), environ={})
        with CallStore.open(settings.db_path) as store:
            started = time.perf_counter()
            fill_store(store, n)
            out["fill_s"] = round(time.perf_counter() - started, 1)
            started = time.perf_counter()
            update_index(store, MODEL, DIMS, settings.index_dir)
            out["index_s_with_graph"] = round(time.perf_counter() - started, 1)
            cpu_started = time.process_time()
            seconds, peak_mb = peak_rss_gain_mb(
                lambda: refresh_neighbours(store.db, MODEL, DIMS, settings.index_dir, rebuild=True)
            )
            out["graph_fit_cpu_s"] = round(time.process_time() - cpu_started, 1)
            out["graph_fit_s"], out["graph_fit_peak_mb"] = round(seconds, 1), round(peak_mb)
            out["graph_share_without_embedding"] = round(seconds / out["index_s_with_graph"], 3)
            out["embed_s_estimate"] = round(n * EMBED_S_PER_CALL, 1)
            out["graph_share_of_index_run"] = round(seconds / (out["embed_s_estimate"] + out["index_s_with_graph"]), 3)
            graph = load_graph(graph_path(settings.index_dir, MODEL))
            out["falloff"] = None if graph is None else round(graph.falloff, 3)
            out["augmented"] = graph is not None and augments(graph)
            for key, times in time_similar(settings, store, n, 200, seed=0).items():
                # wall time depends on the machine's load; CPU time (all threads) much less
                out[f"similar_{key}_ms"] = {
                    "p50": round(float(np.percentile(times["wall"], 50)), 1),
                    "p99": round(float(np.percentile(times["wall"], 99)), 1),
                    "cpu_p50": round(float(np.percentile(times["cpu"], 50)), 1),
                    "cpu_p99": round(float(np.percentile(times["cpu"], 99)), 1),
                }
            print(f"cost at {n} calls: {out}", flush=True)
    return out


def time_similar(settings: Any, store: Any, n: int, queries: int, seed: int) -> dict[str, dict[str, list[float]]]:
    """ms of wall and CPU time of ``similar -k 10`` for random calls, per MODE_SIMILARITY (totals counted)."""
    from callcenter_ai.core.search.service import SearchService

    ids = random.Random(seed).sample([f"s{i}" for i in range(n)], min(queries, n))
    out: dict[str, dict[str, list[float]]] = {}
    for mode in ("semantic", "hybrid"):
        for similarity in ("plain", "neighbours"):
            chosen = replace(settings, similarity=similarity, nothing_close_below=NOTHING_CLOSE)
            service = SearchService(chosen, store, model_id=MODEL)
            service.similar(ids[0], 10, None, mode)  # loads the index and the graph
            wall, cpu = [], []
            for external_id in ids:
                started, cpu_started = time.perf_counter(), time.process_time()
                service.similar(external_id, 10, None, mode)
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            out[f"{mode}_{similarity}"] = {"wall": wall, "cpu": cpu}
    return out


def _time_in_child(home: str, n: int, queries: int, seed: int) -> None:
    """``--time``: time ``similar`` on a built home with the callcenter_ai found on PYTHONPATH; prints JSON."""
    from callcenter_ai.core.settings import load_settings
    from callcenter_ai.core.store import CallStore

    settings = load_settings(Path(home), environ={})
    with CallStore.open(settings.db_path) as store:
        print(json.dumps(time_similar(settings, store, n, queries, seed)))


def _fit_in_child(home: str) -> None:
    """``--fit``: refit the graph (``index --rebuild``'s stage) with the callcenter_ai on PYTHONPATH; prints JSON."""
    from callcenter_ai.core.index.neighbours import refresh_neighbours
    from callcenter_ai.core.settings import load_settings
    from callcenter_ai.core.store import CallStore

    settings = load_settings(Path(home), environ={})
    with CallStore.open(settings.db_path) as store:
        started, cpu_started = time.perf_counter(), time.process_time()
        refresh_neighbours(store.db, MODEL, DIMS, settings.index_dir, rebuild=True)
        print(json.dumps({"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu_started}))


def _build(home: Path, n: int, one_line: bool) -> None:
    """Fill and index a synthetic home (once; a graph the current code cannot read is fitted again); saves the CPU
    seconds of the index run without the graph."""
    from callcenter_ai.core.index import update
    from callcenter_ai.core.settings import load_settings
    from callcenter_ai.core.store import CallStore

    settings = load_settings(home, environ={})
    if settings.db_path.exists():
        from callcenter_ai.core.index.neighbours import graph_path, load_graph, refresh_neighbours

        if load_graph(graph_path(settings.index_dir, MODEL)) is None:  # a graph file of an older format: refit it
            with CallStore.open(settings.db_path) as store:
                refresh_neighbours(store.db, MODEL, DIMS, settings.index_dir, rebuild=True)
        return
    with CallStore.open(settings.db_path) as store:
        fill_store(store, n, one_line=one_line)
        fit, update.refresh_neighbours = update.refresh_neighbours, lambda *a, **k: 0  # type: ignore[assignment]
        try:
            started = time.process_time()
            update.update_index(store, MODEL, DIMS, settings.index_dir)
            (home / "index_cpu_s.txt").write_text(f"{time.process_time() - started:.1f}")
        finally:
            update.refresh_neighbours = fit
        fit(store.db, MODEL, DIMS, settings.index_dir, rebuild=True)


def compare_fits(home: Path, n: int, sources: list[str], one_line: bool) -> None:
    """CPU seconds of the graph fit with each source tree, and its share of a whole ``index`` run."""
    _build(home, n, one_line)
    index_cpu = float((home / "index_cpu_s.txt").read_text())
    embed = n * (EMBED_S_PER_CALL if one_line else EMBED_S_PER_DIALOG)
    print(f"graph fit at {n} {'one-line' if one_line else 'dialog'} calls; index without it {index_cpu:.1f} s CPU,")
    print(f"  embedding estimated at {embed:.0f} s; share = fit / (embedding + index + fit):")
    for src in sources:
        env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
        command = [sys.executable, __file__, "--fit", str(home)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        fit = json.loads(done.stdout.strip().splitlines()[-1])
        share = fit["cpu"] / (embed + index_cpu + fit["cpu"])
        print(f"  {src}: fit {fit['cpu']:.1f} s CPU ({fit['wall']:.1f} s wall), share {100 * share:.1f} %", flush=True)


def compare(home: Path, n: int, sources: list[str], rounds: int, queries: int) -> None:
    """Time ``similar`` with each source tree in turn, ``rounds`` times, on one home (built here if missing)."""
    _build(home, n, one_line=False)
    merged: dict[str, dict[str, dict[str, list[float]]]] = {src: {} for src in sources}
    for round_no in range(rounds):
        for src in sources:
            env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
            command = [sys.executable, __file__, "--time", str(home), "--calls", str(n), "--queries", str(queries)]
            done = subprocess.run(
                [*command, "--seed", str(round_no)], env=env, capture_output=True, text=True, check=True
            )
            for key, times in json.loads(done.stdout.strip().splitlines()[-1]).items():
                kept = merged[src].setdefault(key, {"wall": [], "cpu": []})
                kept["wall"] += times["wall"]
                kept["cpu"] += times["cpu"]
    print(f"similar -k 10 at {n} calls, {rounds} rounds x {queries} queries per tree, ms p50 / p99 (wall; CPU):")
    for key in merged[sources[0]]:
        cells = []
        for src in sources:
            t = merged[src][key]
            wall, cpu = (np.percentile(t[kind], [50, 99]) for kind in ("wall", "cpu"))
            cells.append(f"{src}: {wall[0]:.1f} / {wall[1]:.1f}; {cpu[0]:.1f} / {cpu[1]:.1f}")
        print(f"  {key:20s} " + "  |  ".join(cells), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "quality_cost_home")
    parser.add_argument("--src", action="append", default=[], help="a source tree to time (repeat: side by side)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--fits", action="store_true", help="time the graph fit instead of similar")
    parser.add_argument("--one-line", action="store_true", help="with --fits: a store of one-line calls")
    parser.add_argument("--time", help=argparse.SUPPRESS)
    parser.add_argument("--fit", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time:
        _time_in_child(args.time, args.calls, args.queries, args.seed)
    elif args.fit:
        _fit_in_child(args.fit)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        if args.fits:
            compare_fits(args.home, args.calls, args.src or ["."], args.one_line)
        else:
            compare(args.home, args.calls, args.src or ["."], args.rounds, args.queries)

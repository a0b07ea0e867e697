"""The neighbour graph without a store: its fit against an update after 1 % new calls, and the fit's recall.

``bench_startup.py --reindex-only`` times the graph inside the real index
job (store reads included).  This one times the graph's own work on a
matrix of profiles, so it reaches sizes whose store would not fit the
machine: the profiles of ``--profiles FILE.npy`` (a saved graph's float16
profiles, e.g. a ``bench_startup.py`` home's) or ``--calls N`` synthetic
ones (``bench_search.py``'s manifold vectors, ``--width`` wide).  Side by side:

* fit: the graph of the first 99 % from scratch, saved (``fit_graph`` + ``save_graph``);
* update: the saved graph loaded, the last 1 % appended as a segment, ``update_graph``, saved;
* recall@12 of the fitted and of the updated graph against an exact search, on ``--sample`` rows.

Reading profiles from the store is timed on neither side.

    python benchmarks/bench_graph.py [--quick] [--profiles FILE.npy | --calls 1000000 --width 384] [--sample 300]

Writes benchmarks/results/NAME.json; last line ``graph_update_share: X``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_common
import numpy as np
from bench_search import Synthetic

from callcenter_ai.core.index.nearest import nearest_rows
from callcenter_ai.core.index.neighbours import NEIGHBOURS, fit_graph, load_graph, save_graph, update_graph


def synthetic_profiles(n: int, width: int) -> np.ndarray:
    source = Synthetic("manifold", width, 0.0, 0.7)
    out = np.empty((n, width), dtype=np.float16)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        out[start:stop] = source.vectors(stop - start, seed=start + 1)
    return out


def recall(graph_neighbours: np.ndarray, profiles: Any, rows: np.ndarray) -> float:
    exact, _ = nearest_rows(profiles, rows, NEIGHBOURS)
    hits = [len(set(g) & set(e)) / NEIGHBOURS for g, e in zip(graph_neighbours[rows], exact, strict=True)]
    return float(np.mean(hits))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="30,000 synthetic calls, 96 wide (past the exact limit)")
    parser.add_argument("--profiles", type=Path, help="a float16 .npy of unit profiles (a saved graph's)")
    parser.add_argument("--calls", type=int, default=100_000, help="synthetic profiles (without --profiles)")
    parser.add_argument("--width", type=int, default=768, help="synthetic profile width (3 x the embedder's dims)")
    parser.add_argument("--sample", type=int, default=300, help="rows whose recall@12 is checked exactly")
    parser.add_argument("--name", default="bench_graph")
    args = parser.parse_args(argv)
    if args.quick:
        args.calls, args.width = 30_000, 96
    profiles = np.load(args.profiles, mmap_mode="r") if args.profiles else synthetic_profiles(args.calls, args.width)
    profiles = np.ascontiguousarray(profiles)  # in memory, as after the store reads
    n = len(profiles)
    base = n - n // 100
    ids = np.arange(n, dtype=np.int64)
    results: dict[str, Any] = {"calls": n, "width": profiles.shape[1], "machine": bench_common.machine()}
    with tempfile.TemporaryDirectory(prefix="bench_graph_") as tmp:
        path = Path(tmp) / "g.neighbours.npz"
        started = time.perf_counter()
        graph = fit_graph(ids[:base], ids[:base], profiles[:base])
        save_graph(path, graph)
        results["fit_s"] = round(time.perf_counter() - started, 2)
        print(f"fit of {base:,} calls: {results['fit_s']} s")
        sample = np.sort(np.random.default_rng(1).choice(base, size=min(args.sample, base), replace=False))
        results["fit_recall_at_12"] = round(recall(graph.neighbours, profiles[:base], sample), 4)
        print(f"  recall@12 on {len(sample)} rows: {results['fit_recall_at_12']}")
        del graph
        started = time.perf_counter()
        old = load_graph(path, to_update=True)
        assert old is not None
        old_rows = np.concatenate([np.arange(base), np.full(n - base, -1)]).astype(np.int64)
        updated, searched = update_graph(old, ids, ids, old.profiles.then(old_rows, profiles[base:]))
        updated.profiles, updated.links = updated.profiles.tidied(updated.lists), updated.links.tidied()
        save_graph(path, updated)
        results["update_s"] = round(time.perf_counter() - started, 2)
        print(f"update with {n - base:,} new calls ({searched:,} searched): {results['update_s']} s")
        checked = np.concatenate([sample, np.arange(base, n)[:: max(1, (n - base) // 100)]])
        results["update_recall_at_12"] = round(recall(updated.neighbours, profiles, checked), 4)
        print(f"  recall@12 on {len(checked)} rows (some new): {results['update_recall_at_12']}")
    results["graph_update_share"] = round(results["update_s"] / results["fit_s"], 4)
    bench_common.write_results(args.name, results)
    print(f"graph_update_share: {results['graph_update_share']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

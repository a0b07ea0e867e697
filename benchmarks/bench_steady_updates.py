"""Re-indexing as a call center sees it: many 1 % updates in a row, then one full rebuild, side by side.

``bench_startup.py --reindex-only`` times each update right after a rebuild,
so an update never meets the work that piles up between rebuilds: deltas
that grow until a side is merged into a new base (``segments.MERGE_SHARE``),
and graph segments folded now and then (``segmented_rows``).  This script
adds 1 % new calls and updates the index ``--updates`` times in a row on a
kept home (``bench_startup.py --keep HOME`` builds one), then rebuilds it
once, and reports each update's share of that rebuild and their mean: the
amortised cost of keeping an index current, merges and folds included.

The rebuild runs last, on the grown store (``--updates`` % more calls than
the first update saw), so early updates are compared with a slightly longer
rebuild than their own store would take.

    python benchmarks/bench_steady_updates.py --home HOME --dims 1024 [--updates 10] [--warm-cache]
    python benchmarks/bench_steady_updates.py --quick   # a temporary home of 2,000 calls, 6 updates

Writes benchmarks/results/NAME.json; last line ``steady_share_mean: X``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import bench_common
from bench_startup import add_calls, stored_calls, update, warm_cache


def steady_updates(home: Path, dims: int, updates: int, *, warm: bool) -> dict[str, Any]:
    """``updates`` times: add 1 % new calls and update; then one rebuild; each update's share of it."""
    runs: list[dict[str, Any]] = []
    for number in range(updates):
        calls, following = stored_calls(home)
        new_calls = max(1, calls // 100)
        add_calls(home, following, new_calls, dims, seed=500 + number)
        warmed = round(warm_cache(home)[1], 1) if warm else None
        result = update(home, dims, rebuild=False)
        runs.append({"calls_before": calls, "new_calls": new_calls, "update": result, "cache_warmed_s": warmed})
        print(
            f"update {number + 1}: {calls:,} + {new_calls:,} calls, {result['seconds']:.2f} s"
            f" (graph {result['neighbours_s']:.2f} s, list scan {result['graph_scan_s']:.2f} s;"
            f" delta {result['delta']}, merged {result['merged']})",
            flush=True,
        )
    if warm:
        warm_cache(home)
    rebuild = update(home, dims, rebuild=True)
    print(f"rebuild of {stored_calls(home)[0]:,} calls: {rebuild['seconds']:.2f} s", flush=True)
    shares = [run["update"]["seconds"] / rebuild["seconds"] for run in runs]
    for run, share in zip(runs, shares, strict=True):
        run["share"] = round(share, 4)
    return {
        "updates": runs,
        "rebuild": rebuild,
        "share_mean": round(statistics.fmean(shares), 4),
        "share_median": round(statistics.median(shares), 4),
        "share_max": round(max(shares), 4),
        "merges": sum(len(run["update"]["merged"]) for run in runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a temporary home of 2,000 calls, 6 updates")
    parser.add_argument("--home", type=Path, help="a home built by bench_startup.py --keep HOME")
    parser.add_argument("--dims", type=int, default=1024, help="the dims the home was built with")
    parser.add_argument("--updates", type=int, default=10)
    parser.add_argument("--warm-cache", action="store_true", help="read the home's files before each timed run")
    parser.add_argument("--name", default="bench_steady_updates")
    args = parser.parse_args(argv)
    if args.quick:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "home"
            add_calls(home, 0, 2000, args.dims, seed=1)
            update(home, args.dims, rebuild=True)
            return _run(args, home, 6)
    if args.home is None or not (args.home / "data" / "callcenter.db").exists():
        print(f"{args.home}: no store there; build one with bench_startup.py --keep HOME", file=sys.stderr)
        return 2
    return _run(args, args.home, args.updates)


def _run(args: argparse.Namespace, home: Path, updates: int) -> int:
    results: dict[str, Any] = {
        "benchmark": "bench_steady_updates",
        "machine": bench_common.machine(),
        "settings": {"dims": args.dims, "updates": updates, "warm_cache": args.warm_cache, "quick": args.quick},
    }
    results["steady"] = steady = steady_updates(home, args.dims, updates, warm=args.warm_cache)
    path = bench_common.write_results(args.name, results)
    print(f"results: {path}")
    print(f"shares: {[run['share'] for run in steady['updates']]}; merges {steady['merges']}")
    print(f"steady_share_median: {steady['share_median']:.4f}")
    print(f"steady_share_mean: {steady['share_mean']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

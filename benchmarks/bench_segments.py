"""Delta segments at 1M vectors without a store: index-side cost of an update against a rebuild, and search.

``bench_startup.py --reindex-only`` measures the real path (store -> index)
but needs a store of the archive's size (about 26 GB at 1M calls).  This
benchmark measures the index side alone on the synthetic vectors of
``bench_search.py`` (``--data manifold``): a base of ``n - 1 %`` vectors
(ivf_fp16, as the service chooses at 1M), then, side by side,

* the update: 1 % new vectors (``--delta-share``) into a delta part that shares the base's
  centroids (``segments.build_delta``) plus 0.2 % tombstones, written
  atomically with its checksum, as ``index_job`` does;
* the rebuild: a new IVF index of every live vector, trained and written.

Reading vectors from the store and the call signatures are not timed on
either side.  Then single-query search (one FAISS thread, both bases
memory-mapped from their files as the service loads them, 40 candidates
re-ranked exactly): base + delta + tombstones (``SideSearch``, as the
service searches) against the rebuilt index, and the base alone (no delta,
no tombstones: what the segments add), each query on each in turn (order
rotating, so all see the same load), ``--repeat`` rounds; p50 / p99 over
every run and over each query's median, and recall@10 against an exact scan.

    python benchmarks/bench_segments.py [--quick] [--vectors 1000000] [--repeat 3]

Writes benchmarks/results/NAME.json; last line ``p99_with_delta_over_merged: X`` (p99 of the per-query medians).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_common
import numpy as np
from bench_search import QUERY_SEED, Synthetic, exact_top_k

from callcenter_ai.core.index.kinds import build_index, tune_for_search
from callcenter_ai.core.index.part_io import read_part, write_part
from callcenter_ai.core.index.segment_search import SideSearch
from callcenter_ai.core.index.segments import build_delta

FETCH, K = 40, 10


def paired_queries(
    searches: dict[str, SideSearch], data: np.ndarray, queries: np.ndarray, truth: np.ndarray, repeat: int
) -> dict[str, dict[str, float]]:
    """Each query on every index in turn (the order rotating), ``repeat`` rounds, so all see the same load.

    The first 10 queries warm up.  ``p99_ms`` is over every run; ``p99_of_median_ms`` over each
    query's median of its ``repeat`` runs, which keeps a query's own cost and drops most of the
    moments another process held the core.
    """
    import faiss

    faiss.omp_set_num_threads(1)  # as the service searches a single query
    names = list(searches)
    times = {name: np.zeros((repeat, len(queries))) for name in names}
    hits = dict.fromkeys(names, 0)
    for round_no in range(repeat):
        for i, query in enumerate(queries):
            shift = (i + round_no) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                _, found = searches[name].search(query[None, :], FETCH)
                found = found[0][found[0] >= 0]
                best = found[np.argsort(-(data[found] @ query), kind="stable")[:K]]
                times[name][round_no, i] = time.perf_counter() - started
                if round_no == 0:
                    hits[name] += len(np.intersect1d(best, truth[i]))
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    out = {}
    for name in names:
        ms = times[name][:, 10:] * 1000
        median = np.median(ms, axis=0)
        out[name] = {"p50_ms": round(float(np.percentile(ms, 50)), 3), "p99_ms": round(float(np.percentile(ms, 99)), 3),
                     "p50_of_median_ms": round(float(np.percentile(median, 50)), 3),
                     "p99_of_median_ms": round(float(np.percentile(median, 99)), 3),
                     "recall_at_10": round(hits[name] / truth.size, 4)}  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k vectors, 200 queries")
    parser.add_argument("--vectors", type=int, default=1_000_000)
    parser.add_argument("--dims", type=int, default=1024)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of every query on every index")
    parser.add_argument("--name", default="bench_segments")
    parser.add_argument("--delta-share", type=float, default=0.01,
                        help="new vectors in the delta, as a share of all (the index merges past 0.05)")  # fmt: skip
    args = parser.parse_args(argv)
    n, n_queries = (100_000, 200) if args.quick else (args.vectors, args.queries)
    synthetic = Synthetic("manifold", args.dims, 1.2, 0.7)  # bench_search.py's defaults
    data = synthetic.vectors(n, n)
    ids = np.arange(n, dtype=np.int64)
    n_new, n_dead = max(1, round(n * args.delta_share)), n // 500
    base_ids, new_ids = ids[: n - n_new], ids[n - n_new :]
    dead = np.sort(np.random.default_rng(1).choice(base_ids, n_dead, replace=False))
    live = np.setdiff1d(ids, dead)
    queries = synthetic.vectors(n_queries, QUERY_SEED)
    truth = live[exact_top_k(data[live], queries, K)]
    results: dict[str, Any] = {"benchmark": "bench_segments", "machine": bench_common.machine(),
                               "vectors": n, "new": n_new, "tombstones": n_dead, "queries": n_queries}  # fmt: skip
    print(f"{n:,} vectors: base {len(base_ids):,}, +{n_new:,} new, {n_dead:,} tombstones", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_sha = write_part(folder / "base.faiss", build_index("ivf_fp16", data[base_ids], base_ids))
        base = read_part(folder / "base.faiss", base_sha, mapped=True)  # as the updater and the service see it
        started = time.perf_counter()
        delta = build_delta("ivf_fp16", data[new_ids], new_ids, base)
        delta_sha = write_part(folder / "delta.faiss", delta)
        (folder / "dead.npy").write_bytes(dead.tobytes())
        update_s = time.perf_counter() - started
        started = time.perf_counter()
        merged = build_index("ivf_fp16", data[live], live)
        merged_sha = write_part(folder / "merged.faiss", merged)
        rebuild_s = time.perf_counter() - started
        share = update_s / rebuild_s
        results.update(update_index_s=round(update_s, 3), rebuild_index_s=round(rebuild_s, 2), share=round(share, 4),
                       load_average_after_builds=round(os.getloadavg()[0], 2))  # fmt: skip
        print(f"update (delta + tombstones) {update_s:.2f} s; rebuild {rebuild_s:.1f} s; share {share:.2%}")
        del merged
        delta = read_part(folder / "delta.faiss", delta_sha, mapped=False)
        merged = read_part(folder / "merged.faiss", merged_sha, mapped=True)  # both bases mapped, as served
        for part in (base, delta, merged):
            tune_for_search(part)  # as the service loads a part: today's probe rule, no prefetch threads
        # each searched as the service searches a side (VectorIndex.search): through SideSearch
        searches = {
            "with_delta": SideSearch(base, delta, dead),
            "merged": SideSearch(merged, None, None),
            "base_alone": SideSearch(base, None, None),  # no delta, no tombstones: what the segments add
        }
        runs = paired_queries(
            searches,
            data,
            queries,
            truth,
            args.repeat,
        )
    delta_run, merged_run = runs["with_delta"], runs["merged"]
    ratio = delta_run["p99_of_median_ms"] / merged_run["p99_of_median_ms"]
    raw_ratio = delta_run["p99_ms"] / merged_run["p99_ms"]
    results.update(search_with_delta=delta_run, search_merged=merged_run, search_base_alone=runs["base_alone"],
                   repeat=args.repeat, p99_with_delta_over_merged=round(ratio, 3),
                   p99_every_run_with_delta_over_merged=round(raw_ratio, 3),
                   load_average_end=round(os.getloadavg()[0], 2))  # fmt: skip
    for name, run in runs.items():
        print(f"search {name:11s} {run}")
    print(f"p99 over every run: with delta / merged {raw_ratio:.3f}")
    print(f"results: {bench_common.write_results(args.name, results)}")
    print(f"p99_with_delta_over_merged: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

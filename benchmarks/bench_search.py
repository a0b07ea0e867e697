"""Query latency (p50/p99), recall@10 and build time of each FAISS index kind at 10k / 100k / 1M vectors.

Clustered synthetic 1024-d unit vectors (2,000 topics), held-out queries from
the same topics, truth from an exact numpy scan.  Every kind the service can
choose (callcenter_ai.core.index.kinds) is measured at every size side by side;
``chosen`` marks the one ``choose_index_kind`` picks.  Non-exact kinds fetch
``--rerank-factor`` x k candidates and re-rank them exactly with the float32
vectors, as the search service does with the stored vectors.

    python benchmarks/bench_search.py [--quick] [--sizes 10000,100000,1000000] [--queries 200]

Writes benchmarks/results/bench_search.json; the last line is the headline
``p99_ms_at_<largest size>: X`` for the chosen kind.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from typing import Any

import bench_common
import numpy as np

from callcenter_ai.core.index.kinds import EXACT_KINDS, INDEX_KINDS, build_index, choose_index_kind

K = 10
TOPICS = 2000
BLOCK = 100_000


def clustered(n: int, dims: int, centers: np.ndarray, rng: np.random.Generator, spread: float) -> np.ndarray:
    """``n`` unit vectors around unit topic centres, noise of norm about ``spread``; built in blocks."""
    out = np.empty((n, dims), dtype=np.float32)
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        owner = rng.integers(0, len(centers), stop - start)
        block = rng.standard_normal((stop - start, dims), dtype=np.float32)
        block *= np.float32(spread / np.sqrt(dims))
        block += centers[owner]
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:stop] = block
    return out


def exact_top_k(data: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Row indices of the ``k`` best inner products per query, by a blocked numpy scan."""
    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(queries), k), dtype=np.int64)
    for start in range(0, len(data), BLOCK):
        scores = queries @ data[start : start + BLOCK].T
        top = (
            np.argpartition(-scores, k - 1, axis=1)[:, :k]
            if scores.shape[1] > k
            else np.tile(np.arange(scores.shape[1]), (len(queries), 1))
        )
        merged_scores = np.concatenate([best_scores, np.take_along_axis(scores, top, 1)], axis=1)
        merged_ids = np.concatenate([best_ids, top + start], axis=1)
        keep = np.argsort(-merged_scores, axis=1)[:, :k]
        best_scores = np.take_along_axis(merged_scores, keep, 1)
        best_ids = np.take_along_axis(merged_ids, keep, 1)
    return best_ids


def measure_kind(
    kind: str, data: np.ndarray, queries: np.ndarray, truth: np.ndarray, rerank_factor: int
) -> dict[str, Any]:
    ids = np.arange(len(data), dtype=np.int64)
    started = time.perf_counter()
    index = build_index(kind, data, ids)
    build_s = time.perf_counter() - started
    exact = kind in EXACT_KINDS
    fetch = K if exact else K * rerank_factor
    for q in queries[:5]:  # warm caches and thread pools
        index.search(q[None, :], fetch)
    latencies = []
    found = []
    raw_found = []
    for q in queries:
        started = time.perf_counter()
        _scores, got = index.search(q[None, :], fetch)
        candidates = got[0][got[0] >= 0]
        if not exact:
            raw_found.append(candidates[:K])
            exact_scores = data[candidates] @ q
            candidates = candidates[np.argsort(-exact_scores)[:K]]
        latencies.append(time.perf_counter() - started)
        found.append(candidates[:K])
    recall = float(np.mean([len(np.intersect1d(f, t)) / K for f, t in zip(found, truth, strict=True)]))
    ms = np.array(latencies) * 1000
    row: dict[str, Any] = {
        "kind": kind,
        "build_s": round(build_s, 3),
        "p50_ms": round(float(np.percentile(ms, 50)), 3),
        "p99_ms": round(float(np.percentile(ms, 99)), 3),
        "mean_ms": round(float(ms.mean()), 3),
        "recall_at_10": round(recall, 4),
        "candidates": fetch,
    }
    if raw_found:
        row["recall_at_10_before_rerank"] = round(
            float(np.mean([len(np.intersect1d(f, t)) / K for f, t in zip(raw_found, truth, strict=True)])), 4
        )
    if hasattr(index, "nprobe"):
        row["nlist"], row["nprobe"] = int(index.nlist), int(index.nprobe)
    del index
    gc.collect()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k vectors only, fewer queries (< 60 s)")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dims", type=int, default=1024)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rerank-factor", type=int, default=4, help="candidates per result for non-exact kinds")
    parser.add_argument("--kinds", default=",".join(INDEX_KINDS))
    parser.add_argument(
        "--spread",
        type=float,
        default=1.2,
        help="noise norm around a topic centre: 1.2 puts a vector at cosine 0.64 to its centre and 0.41 to "
        "another of its topic (unrelated vectors about 0), like sentence embeddings of related calls",
    )
    parser.add_argument("--name", default="bench_search", help="results file benchmarks/results/NAME.json")
    parser.add_argument("--threads", type=int, default=0, help="FAISS OpenMP threads (0: FAISS's default)")
    args = parser.parse_args(argv)
    sizes = [10_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    n_queries = min(args.queries, 100) if args.quick else args.queries
    rng = np.random.default_rng(0)
    import faiss

    if args.threads:
        faiss.omp_set_num_threads(args.threads)
    centers = rng.standard_normal((TOPICS, args.dims)).astype(np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    queries = clustered(n_queries, args.dims, centers, rng, args.spread)
    results: dict[str, Any] = {
        "benchmark": "bench_search",
        "machine": bench_common.machine(),
        "versions": bench_common.versions("faiss-cpu", "numpy"),
        "settings": {
            "dims": args.dims,
            "queries": n_queries,
            "k": K,
            "rerank_factor": args.rerank_factor,
            "spread": args.spread,
            "topics": TOPICS,
            "faiss_threads": faiss.omp_get_max_threads(),
        },
        "sizes": [],
    }
    headline = None
    for n in sizes:
        started = time.perf_counter()
        data = clustered(n, args.dims, centers, rng, args.spread)
        truth = exact_top_k(data, queries, K)
        chosen = choose_index_kind(n, args.dims)
        print(
            f"== {n:,} vectors x {args.dims} (data + truth {time.perf_counter() - started:.1f} s); "
            f"service chooses {chosen}"
        )
        rows = []
        for kind in args.kinds.split(","):
            row = measure_kind(kind, data, queries, truth, args.rerank_factor)
            row["chosen"] = kind == chosen
            rows.append(row)
            mark = "*" if row["chosen"] else " "
            print(
                f" {mark} {kind:>10}: build {row['build_s']:8.2f} s  p50 {row['p50_ms']:8.3f} ms  "
                f"p99 {row['p99_ms']:8.3f} ms  recall@10 {row['recall_at_10']:.3f}",
                flush=True,
            )
            if row["chosen"]:
                headline = (n, row)
        flat = next((r for r in rows if r["kind"] == "flat"), None)
        if flat is not None:
            for row in rows:
                row["speedup_vs_flat_p50"] = round(flat["p50_ms"] / row["p50_ms"], 2)
        results["sizes"].append({"vectors": n, "chosen": chosen, "kinds": rows})
        del data
        gc.collect()
        bench_common.write_results(args.name, results)
    path = bench_common.write_results(args.name, results)
    print(f"results: {path}")
    if headline is None:
        print("no chosen kind was measured", file=sys.stderr)
        return 1
    n, row = headline
    label = f"{n // 1_000_000}m" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"
    print(f"recall_at_10_at_{label}: {row['recall_at_10']}")
    print(f"p99_ms_at_{label}: {row['p99_ms']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure latency and recall@10 of the index kinds on clustered synthetic vectors.

Sets the thresholds in callcenter_ai/core/index/kinds.py (docs/SEARCH.md).
Usage: python benchmarks/measure_index_kinds.py [--sizes 20000,100000] [--dims 1024] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from callcenter_ai.core.index.kinds import build_index, ivf_nlist


def clustered(n: int, dims: int, rng: np.random.Generator, centers: np.ndarray) -> np.ndarray:
    owner = rng.integers(0, len(centers), n)
    x = centers[owner] + rng.standard_normal((n, dims), dtype=np.float32) * 0.6 / np.sqrt(dims)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def main() -> None:
    import faiss

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20000,100000,300000")
    parser.add_argument("--dims", type=int, default=1024)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--hnsw-max", type=int, default=20000)
    parser.add_argument("--search-threads", type=int, default=1)
    parser.add_argument("--shares", type=lambda s: [float(x) for x in s.split(",")], default=[0.05, 0.1, 0.2])
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((2000, args.dims)).astype(np.float32) / np.sqrt(args.dims)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        data = clustered(n, args.dims, rng, centers)
        queries = clustered(args.queries, args.dims, rng, centers)
        ids = np.arange(n, dtype=np.int64)
        truth = np.argsort(-(queries @ data.T), axis=1)[:, :10]
        variants: list[tuple[str, object, float]] = []
        for kind in ("flat", "flat_fp16"):
            t = time.perf_counter()
            variants.append((kind, build_index(kind, data, ids), time.perf_counter() - t))
        t = time.perf_counter()
        ivf = build_index("ivf_fp16", data, ids)
        build_ivf = time.perf_counter() - t
        nlist = ivf_nlist(n)
        for share in args.shares:
            variants.append((f"ivf_fp16 nprobe={max(8, round(nlist * share))}/{nlist}", ivf, build_ivf))
        if n <= args.hnsw_max:
            t = time.perf_counter()
            hnsw = faiss.IndexHNSWFlat(args.dims, 32, faiss.METRIC_INNER_PRODUCT)
            hnsw.add(data)
            variants.append(("hnsw M=32 ef=64", hnsw, time.perf_counter() - t))
        for name, index, build_s in variants:
            if name.startswith("ivf"):
                index.nprobe = int(name.split("nprobe=")[1].split("/")[0])
            if name.startswith("hnsw"):
                index.hnsw.efSearch = 64
            faiss.omp_set_num_threads(args.search_threads)
            lat = []
            got = np.zeros((len(queries), 40), np.int64)
            for i, q in enumerate(queries):
                t = time.perf_counter()
                _, found = index.search(q[None, :], 40)
                lat.append((time.perf_counter() - t) * 1000)
                got[i] = found[0]
            # exact re-ranking of the 40 candidates (what the service does for non-flat kinds)
            reranked = []
            for i, q in enumerate(queries):
                cand = got[i][got[i] >= 0]
                order = np.argsort(-(data[cand] @ q))[:10]
                reranked.append(cand[order])
            raw_recall = np.mean([len(set(got[i][:10]) & set(truth[i])) / 10 for i in range(len(queries))])
            recall = np.mean([len(set(reranked[i]) & set(truth[i])) / 10 for i in range(len(queries))])
            row = {
                "n": n,
                "kind": name,
                "build_s": round(build_s, 2),
                "p50_ms": round(float(np.percentile(lat, 50)), 2),
                "p99_ms": round(float(np.percentile(lat, 99)), 2),
                "recall10_raw": round(float(raw_recall), 4),
                "recall10_reranked": round(float(recall), 4),
            }
            faiss.omp_set_num_threads(2)
            rows.append(row)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()

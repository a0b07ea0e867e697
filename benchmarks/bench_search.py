"""Query latency (p50/p99), recall@10 and build time of each FAISS index kind at 10k / 100k / 1M vectors.

Synthetic 1024-d unit vectors, held-out queries from the same distribution,
truth from an exact numpy scan.  ``--data manifold`` (the default): 2,000
topics grouped under 100 broader themes, each vector its topic plus a shared
32-dimensional continuous variation plus noise, so that a query's neighbours
straddle IVF list borders as real sentence embeddings do; ``--data topics``:
the easier isotropic clusters of the earlier runs (every probe count gives
recall 1.0 there).  Every kind the service can choose
(callcenter_ai.core.index.kinds) is measured at every size side by side;
``chosen`` marks the one ``choose_index_kind`` picks.  Queries run one at a
time with ``--search-threads`` FAISS threads (1, as the service searches a
single query); builds use FAISS's default.  Non-exact kinds fetch
``--rerank-factor`` x k candidates and re-rank them exactly with the float32
vectors, as the search service does with the stored vectors (the service
reads them from SQLite; that read is not timed here).  For IVF, ``--nprobes``
adds a sweep of probe counts and the filtered path of the service (an
IDSelectorBatch with 4 x nprobe lists) is checked on random subsets.

    python benchmarks/bench_search.py [--quick] [--sizes 10000,100000,1000000] [--cache-dir /tmp/bench_search]

``--cache-dir`` keeps the vectors, the truth and every built index there, so
a later run measures again without rebuilding (the build time reported is
then the one recorded when it was built, marked ``cached``).  Writes
benchmarks/results/NAME.json; the last line is the headline
``p99_ms_at_<largest size>: X`` for the chosen kind.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import bench_common
import numpy as np

from callcenter_ai.core.index.kinds import (
    EXACT_KINDS,
    INDEX_KINDS,
    IVF_KMEANS_ITERATIONS,
    IVF_LISTS_PER_SQRT,
    IVF_TRAIN_PER_LIST,
    build_index,
    choose_index_kind,
)

K = 10
TOPICS = 2000
THEMES = 100
VARIATION_RANK = 32
BLOCK = 100_000
QUERY_SEED = 999_983
FILTER_SHARES = (0.05, 0.5)
FILTER_QUERIES = 50


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


class Synthetic:
    """Deterministic vector sets: the same ``seed`` always gives the same vectors, whatever ran before."""

    def __init__(self, shape: str, dims: int, spread: float, topic_offset: float) -> None:
        self.shape, self.dims, self.spread = shape, dims, spread
        base = np.random.default_rng(0)
        if shape == "topics":
            self.centers = base.standard_normal((TOPICS, dims)).astype(np.float32)
        else:
            themes = base.standard_normal((THEMES, dims)).astype(np.float32)
            themes /= np.linalg.norm(themes, axis=1, keepdims=True)
            # a topic is its theme plus an offset: with 0.7, cosine about 0.67 between topics of a theme
            offsets = base.standard_normal((TOPICS, dims)).astype(np.float32) * np.float32(topic_offset / np.sqrt(dims))
            self.centers = themes[base.integers(0, THEMES, TOPICS)] + offsets
            basis, _ = np.linalg.qr(base.standard_normal((dims, VARIATION_RANK)).astype(np.float32))
            self.basis = np.ascontiguousarray(basis.T)
        self.centers /= np.linalg.norm(self.centers, axis=1, keepdims=True)

    def vectors(self, n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        if self.shape == "topics":
            return clustered(n, self.dims, self.centers, rng, self.spread)
        out = np.empty((n, self.dims), dtype=np.float32)
        for start in range(0, n, BLOCK):
            stop = min(n, start + BLOCK)
            block = rng.standard_normal((stop - start, self.dims), dtype=np.float32)
            block *= np.float32(0.5 / np.sqrt(self.dims))
            block += self.centers[rng.integers(0, TOPICS, stop - start)]
            variation = rng.standard_normal((stop - start, VARIATION_RANK), dtype=np.float32)
            block += (variation * np.float32(1 / np.sqrt(VARIATION_RANK))) @ self.basis
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


def recall(found: list[np.ndarray], truth: np.ndarray) -> float:
    return float(np.mean([len(np.intersect1d(f, t)) / K for f, t in zip(found, truth, strict=True)]))


class Cache:
    """Vectors, truth and built indexes kept under a folder between runs (``--cache-dir``)."""

    def __init__(self, folder: str | None, key: str) -> None:
        self.folder = Path(folder) / key if folder else None
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    def arrays(self, name: str, make: Any) -> np.ndarray:
        if self.folder is None:
            result: np.ndarray = make()
            return result
        path = self.folder / f"{name}.npy"
        if path.exists():
            loaded: np.ndarray = np.load(path)
            return loaded
        made: np.ndarray = make()
        np.save(path.with_suffix(".tmp.npy"), made)
        os.replace(path.with_suffix(".tmp.npy"), path)
        return made

    def index(self, name: str, build: Any) -> tuple[Any, float, bool]:
        """The index ``name`` and its build seconds, built now or read back; True when read back."""
        import faiss

        folder = self.folder
        path, meta = (folder or Path()) / f"{name}.faiss", (folder or Path()) / f"{name}.json"
        if folder is not None and path.exists() and meta.exists():
            return faiss.read_index(str(path)), float(json.loads(meta.read_text())["build_s"]), True
        started = time.perf_counter()
        index = build()
        build_s = time.perf_counter() - started
        if folder is not None:
            faiss.write_index(index, str(path.with_suffix(".tmp")))
            os.replace(path.with_suffix(".tmp"), path)
            meta.write_text(json.dumps({"build_s": build_s, "load_average_1m": os.getloadavg()[0]}))
        return index, build_s, False


def timed_search(
    index: Any, data: np.ndarray, queries: np.ndarray, fetch: int, exact: bool, params: Any = None
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """Per-query milliseconds, re-ranked top k and raw top k of single-query searches."""
    for q in queries[:5]:  # warm caches and thread pools
        index.search(q[None, :], fetch, params=params)
    latencies, found, raw_found = [], [], []
    for q in queries:
        started = time.perf_counter()
        _scores, got = index.search(q[None, :], fetch, params=params)
        candidates = got[0][got[0] >= 0]
        raw_found.append(candidates[:K])
        if not exact:
            exact_scores = data[candidates] @ q
            candidates = candidates[np.argsort(-exact_scores)[:K]]
        latencies.append(time.perf_counter() - started)
        found.append(candidates[:K])
    return np.array(latencies) * 1000, found, raw_found


def latency_row(ms: np.ndarray) -> dict[str, float]:
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 3),
        "p99_ms": round(float(np.percentile(ms, 99)), 3),
        "mean_ms": round(float(ms.mean()), 3),
    }


def filtered_checks(index: Any, data: np.ndarray, queries: np.ndarray, fetch: int) -> list[dict[str, Any]]:
    """Recall of the service's filtered IVF path (IDSelectorBatch, 4 x nprobe lists) on random subsets."""
    import faiss

    rows = []
    for share in FILTER_SHARES:
        rng = np.random.default_rng(int(share * 1000))
        allowed = np.sort(rng.choice(len(data), int(len(data) * share), replace=False)).astype(np.int64)
        picked = queries[:FILTER_QUERIES]
        truth = allowed[exact_top_k(data[allowed], picked, K)]
        params = faiss.SearchParametersIVF()
        params.nprobe = min(index.nlist, index.nprobe * 4)  # as VectorIndex._search does
        params.sel = faiss.IDSelectorBatch(allowed)
        ms, found, _raw = timed_search(index, data, picked, fetch, False, params)
        rows.append(
            {
                "allowed_share": share,
                "allowed": len(allowed),
                "nprobe": int(params.nprobe),
                **latency_row(ms),
                "recall_at_10": round(recall(found, truth), 4),
            }
        )
    return rows


def measure_kind(
    kind: str,
    data: np.ndarray,
    queries: np.ndarray,
    truth: np.ndarray,
    args: argparse.Namespace,
    cache: Cache,
) -> dict[str, Any]:
    import faiss

    ids = np.arange(len(data), dtype=np.int64)
    index, build_s, cached = cache.index(kind, lambda: build_index(kind, data, ids))
    exact = kind in EXACT_KINDS
    fetch = K if exact else K * args.rerank_factor
    build_threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(args.search_threads or build_threads)
    try:
        ms, found, raw_found = timed_search(index, data, queries, fetch, exact)
        row: dict[str, Any] = {"kind": kind, "build_s": round(build_s, 3), "cached": cached, **latency_row(ms)}
        row["recall_at_10"] = round(recall(found, truth), 4)
        row["candidates"] = fetch
        if not exact:
            row["recall_at_10_before_rerank"] = round(recall(raw_found, truth), 4)
        if isinstance(index, faiss.IndexIVF):
            row["nlist"], row["nprobe"] = int(index.nlist), int(index.nprobe)
            chosen_nprobe = int(index.nprobe)
            sweep = []
            for nprobe in sorted({min(p, index.nlist) for p in args.nprobes}):
                index.nprobe = nprobe
                ms, found, raw_found = timed_search(index, data, queries, fetch, exact)
                sweep.append({"nprobe": nprobe, **latency_row(ms), "recall_at_10": round(recall(found, truth), 4)})
                print(f"      nprobe {nprobe:5d}: {json.dumps(sweep[-1])}", flush=True)
            index.nprobe = chosen_nprobe
            row["nprobe_sweep"] = sweep
            if not args.no_filter_check:
                row["filtered"] = filtered_checks(index, data, queries, fetch)
                for check in row["filtered"]:
                    print(f"      filtered: {json.dumps(check)}", flush=True)
    finally:
        faiss.omp_set_num_threads(build_threads)
    del index
    gc.collect()
    return row


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k vectors only, fewer queries (< 60 s)")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dims", type=int, default=1024)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rerank-factor", type=int, default=4, help="candidates per result for non-exact kinds")
    parser.add_argument("--kinds", default=",".join(INDEX_KINDS))
    parser.add_argument("--data", choices=("manifold", "topics"), default="manifold")
    parser.add_argument(
        "--spread",
        type=float,
        default=1.2,
        help="--data topics: noise norm around a topic centre (1.2: cosine 0.64 to the centre, 0.41 within a topic)",
    )
    parser.add_argument(
        "--topic-offset",
        type=float,
        default=0.7,
        help="--data manifold: distance of a topic from its theme (smaller: topics overlap more, more probes needed)",
    )
    parser.add_argument("--nprobes", default="", help="IVF probe counts to sweep as well, e.g. 8,16,32,64")
    parser.add_argument("--no-filter-check", action="store_true", help="skip the filtered IVF recall check")
    parser.add_argument("--cache-dir", default=None, help="keep vectors, truth and built indexes here")
    parser.add_argument("--name", default="bench_search", help="results file benchmarks/results/NAME.json")
    parser.add_argument(
        "--search-threads", "--threads", type=int, default=1, help="FAISS threads per query (0: FAISS's default)"
    )
    args = parser.parse_args(argv)
    args.nprobes = [int(p) for p in args.nprobes.split(",") if p]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [10_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    n_queries = min(args.queries, 100) if args.quick else args.queries
    import faiss

    synthetic = Synthetic(args.data, args.dims, args.spread, args.topic_offset)
    queries = synthetic.vectors(n_queries, QUERY_SEED)
    results: dict[str, Any] = {
        "benchmark": "bench_search",
        "machine": bench_common.machine(),
        "versions": bench_common.versions("faiss-cpu", "numpy"),
        "settings": {
            "dims": args.dims,
            "queries": n_queries,
            "k": K,
            "rerank_factor": args.rerank_factor,
            "data": args.data,
            "spread": args.spread if args.data == "topics" else None,
            "topic_offset": args.topic_offset if args.data == "manifold" else None,
            "topics": TOPICS,
            "build_threads": faiss.omp_get_max_threads(),
            "search_threads": args.search_threads or faiss.omp_get_max_threads(),
            "ivf": {
                "lists_per_sqrt_n": IVF_LISTS_PER_SQRT,
                "train_points_per_list": IVF_TRAIN_PER_LIST,
                "kmeans_iterations": IVF_KMEANS_ITERATIONS,
            },
        },
        "sizes": [],
    }
    headline = None
    for n in sizes:
        started = time.perf_counter()
        spread = f"-{args.spread}" if args.data == "topics" else f"-{args.topic_offset}"
        cache = Cache(args.cache_dir, f"{args.data}{spread}-{args.dims}d-{n}")
        data = cache.arrays("data", lambda n=n: synthetic.vectors(n, n))
        truth = cache.arrays(f"truth-{n_queries}q", lambda data=data: exact_top_k(data, queries, K))
        chosen = choose_index_kind(n, args.dims)
        print(
            f"== {n:,} vectors x {args.dims} (data + truth {time.perf_counter() - started:.1f} s); "
            f"service chooses {chosen}; load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        rows = []
        for kind in args.kinds.split(","):
            row = measure_kind(kind, data, queries, truth, args, cache)
            row["chosen"] = kind == chosen
            row["load_average_1m"] = round(os.getloadavg()[0], 2)
            rows.append(row)
            mark = "*" if row["chosen"] else " "
            extra = f"  ({row['nlist']} lists, {row['nprobe']} probed)" if "nlist" in row else ""
            print(
                f" {mark} {kind:>10}: build {row['build_s']:8.2f} s{' (cached)' if row['cached'] else ''}  "
                f"p50 {row['p50_ms']:8.3f} ms  p99 {row['p99_ms']:8.3f} ms  recall@10 {row['recall_at_10']:.3f}"
                f"{extra}",
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

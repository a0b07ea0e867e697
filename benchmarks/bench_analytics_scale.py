"""Analytics at scale: topics for 100k calls, trends and drill-down at 1M calls, cost of placing a call.

- topics: ``cluster()`` (what ``topics --rebuild`` runs) on N synthetic call
  vectors (512-d, 60 hidden topics, each with its own words), wall time and
  the process's peak RSS growth; placing one new call (nearest centroid)
  against embedding one call with the offline embedder;
- trends / drill-down: a store with M calls over a year, 40 topics, assigned
  (and a 4-d vector per call, so the look for calls to place is real):
  what every ``trends`` call reads first (the topics with new calls placed),
  the ``trends`` report by day, week and month (with its duration and outcome
  per topic), that summary alone, and each drill-down shape
  (newest 1000 calls of a topic, a topic in a week, an operator, a week, a
  month, an hour x weekday cell), each the best of 3 runs; and placing one
  newly embedded call, and 100 at once (per call), at index time
  (``assign_new_calls``) in that store, against embedding a demo call with
  the offline embedder.

    .venv/bin/python benchmarks/bench_analytics_scale.py [--quick] [--calls 100000] [--store-calls 1000000]

Writes benchmarks/results/bench_analytics_scale.json; last line ``topics_s_at_100k: X``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import bench_common
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from callcenter_ai.core.analytics import topic_store as ts  # noqa: E402
from callcenter_ai.core.analytics.clustering import assign, cluster  # noqa: E402
from callcenter_ai.core.analytics.dashboard import hour_weekday, operator_rows  # noqa: E402
from callcenter_ai.core.analytics.drill import Drill, drill_calls  # noqa: E402
from callcenter_ai.core.analytics.outcomes import topic_outcomes  # noqa: E402
from callcenter_ai.core.analytics.topics import assign_new_calls, read_overview, topic_overview  # noqa: E402
from callcenter_ai.core.analytics.trends import trend_report  # noqa: E402

DIMS = 512
HIDDEN = 60
WORDS = [f"слово{i}" for i in range(3000)]
OUTCOMES = ("решено", "решено", "эскалация", "перезвон", None)


def synthetic(n: int, seed: int = 0) -> tuple[np.ndarray, list[int], Any]:
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((HIDDEN, DIMS)).astype(np.float32)
    labels = rng.integers(0, HIDDEN, n)
    vectors = centers[labels] + 1.6 * rng.standard_normal((n, DIMS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vocab = [WORDS[i * 50 : (i + 1) * 50] for i in range(HIDDEN)]

    def texts(rows: Any) -> list[str]:
        out = []
        for r in rows:
            pick = random.Random(int(r))
            out.append(" ".join(pick.choices(vocab[labels[r]], k=12) + pick.choices(WORDS, k=8)))
        return out

    return vectors, labels.tolist(), texts


def cpu_s() -> float:
    times = os.times()
    return times.user + times.system


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_topics(n: int) -> dict[str, Any]:
    vectors, _labels, texts = synthetic(n)
    cluster(vectors[:500], texts)  # imports and first-call costs out of the figure
    before = rss_mb()
    cpu_before = cpu_s()
    started = time.perf_counter()
    result = cluster(vectors, texts)
    seconds = time.perf_counter() - started
    cpu = cpu_s() - cpu_before
    floors = np.zeros(result.k, dtype=np.float32)
    one = vectors[:1]
    t0 = time.perf_counter()
    for _ in range(1000):
        assign(one, result.centroids, floors)
    place_ms = time.perf_counter() - t0
    return {
        "calls": n,
        "topics": result.k,
        "seconds": round(seconds, 1),
        "cpu_s": round(cpu, 1),  # all threads: on a quiet 2-core machine the wall time lies between cpu_s / 2 and cpu_s
        "load_average": round(os.getloadavg()[0], 1),
        "peak_rss_growth_mb": round(rss_mb() - before, 1),
        "vectors_mb": round(vectors.nbytes / 2**20, 1),
        "place_one_call_ms": round(place_ms, 4),
    }


def embed_one_ms() -> float | None:
    try:
        from callcenter_ai.core.demo import generate_calls
        from callcenter_ai.core.embedding.offline import OfflineEmbedder

        embedder = OfflineEmbedder()
        embedder.embed_documents(["прогрев"])
        texts = ["\n".join(t["text"] for t in call["turns"]) for call in generate_calls(20, seed=1)]  # demo calls
        started = time.perf_counter()
        embedder.embed_documents(texts)
        return (time.perf_counter() - started) / len(texts) * 1000
    except Exception:  # the offline embedder is optional here
        return None


def build_store(path: Path, m: int) -> None:
    from callcenter_ai.core.store import CallStore

    rng = random.Random(0)
    first = date(2025, 1, 1)
    with CallStore.open(path) as store:
        db = store.db
        db.execute("PRAGMA synchronous = OFF")
        db.execute("BEGIN")
        db.execute(
            "INSERT INTO topic_models (version, model_id, created_at, placed_through)"
            " VALUES (1, 'bench@4', '2026-01-01', '2026-01-01T00:00:00+00:00')"
        )
        centroids = np.random.default_rng(0).standard_normal((40, 4)).astype("<f4")
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
        db.executemany(
            "INSERT INTO topics VALUES (1, ?, ?, '[]', '[]', 0.0, 4, ?)",
            [(t, f"тема {t}", centroids[t].tobytes()) for t in range(40)],
        )
        batch: list[tuple[Any, ...]] = []
        assigned: list[tuple[Any, ...]] = []
        for i in range(1, m + 1):
            day = first + timedelta(days=rng.randrange(365))
            started = f"{day.isoformat()}T{rng.randrange(8, 22):02d}:{rng.randrange(60):02d}:00+03:00"
            duration = float(rng.randrange(20, 900)) if i % 10 else None  # a tenth without a duration
            outcome = OUTCOMES[i % len(OUTCOMES)]
            batch.append(
                (i, f"c{i}", started, started, duration, outcome, f"оп{i % 50}", f"h{i}", 2, 80, started, started)
            )
            assigned.append((i, 1, rng.randrange(-1, 40), 0.5, f"h{i}", day.isoformat(), f"оп{i % 50}"))
            if len(batch) == 50_000:
                _flush(db, batch, assigned)
        _flush(db, batch, assigned)
        db.execute("COMMIT")
        db.execute("ANALYZE")


def _flush(db: Any, batch: list[tuple[Any, ...]], assigned: list[tuple[Any, ...]]) -> None:
    db.executemany(
        "INSERT INTO calls (id, external_id, started_at, started_utc, duration_s, outcome, operator, content_hash,"
        " turn_count, char_count, imported_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        batch,
    )
    db.executemany(  # topic_days and topic_operators follow by trigger
        "INSERT INTO call_topics (call_id, model_version, topic_id, similarity, content_hash, day, operator)"
        " VALUES (?,?,?,?,?,?,?)",
        assigned,
    )
    vector = np.full(4, 0.5, dtype="<f4").tobytes()
    db.executemany(
        "INSERT INTO call_vectors VALUES (?, 'bench@4', ?, 4, ?, '2025-12-31T00:00:00+00:00')",
        [(row[0], row[7], vector) for row in batch],
    )
    batch.clear()
    assigned.clear()


def best_ms(fn: Any, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(min(times) * 1000, 1)


DRILLS = {
    "drill_topic_ms": Drill(topic_id=7),
    "drill_topic_week_ms": Drill(topic_id=7, period="2025-W20", by="week"),
    "drill_operator_ms": Drill(operator="оп7"),
    "drill_week_ms": Drill(period="2025-W20", by="week"),
    "drill_month_ms": Drill(period="2025-05", by="month"),
    "drill_hour_weekday_ms": Drill(weekday=2, hour=10),
}


def bench_store(m: int) -> dict[str, Any]:
    from callcenter_ai.core.store import CallStore

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "calls.sqlite"
        started = time.perf_counter()
        build_store(path, m)
        built = time.perf_counter() - started
        with CallStore.open(path) as store:
            db = store.db
            version = ts.latest_version(db)
            assert version is not None
            overview = read_overview(db, version)
            out: dict[str, Any] = {
                "calls": m,
                "build_s": round(built, 1),
                "topics_with_placing_ms": best_ms(lambda: topic_overview(db, "bench@4")),
            }
            for by in ("day", "week", "month"):
                out[f"trends_{by}_ms"] = best_ms(lambda by=by: trend_report(db, overview, by))
            out["topic_summary_ms"] = best_ms(lambda: topic_outcomes(db, overview))
            for key, what in DRILLS.items():
                out[key] = best_ms(lambda what=what: drill_calls(db, 1, what))
            out["dashboard_hour_weekday_ms"] = best_ms(lambda: hour_weekday(db))
            out["dashboard_operators_ms"] = best_ms(lambda: operator_rows(db, overview, {}))
            place_new_calls_ms(db, m, 1)  # the store's first write (the journal set up) out of the figures
            out["place_new_call_ms_of_100"] = place_new_calls_ms(db, m + 1, 100)
            out["place_new_call_ms_one"] = place_new_calls_ms(db, m + 101, 1)
            return out


def place_new_calls_ms(db: Any, m: int, count: int) -> float:
    """Index-time placing of ``count`` newly embedded calls into the stored topics (the refresh's hook), per call."""
    now = "2026-12-06T00:00:00+00:00"
    started_at = "2025-12-30T10:00:00+03:00"
    vectors = np.random.default_rng(1).standard_normal((count, 4)).astype("<f4")
    for n in range(count):
        call_id = m + 1 + n
        db.execute(
            "INSERT INTO calls (id, external_id, started_at, started_utc, duration_s, operator, content_hash,"
            " turn_count, char_count, imported_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (call_id, f"c{call_id}", started_at, started_at, 60.0, "оп1", f"new{n}", 2, 80, now, now),
        )
        vector = vectors[n].tobytes()
        db.execute("INSERT INTO call_vectors VALUES (?, 'bench@4', ?, 4, ?, ?)", (call_id, f"new{n}", vector, now))
    started = time.perf_counter()
    placed = assign_new_calls(db, "bench@4")
    seconds = time.perf_counter() - started
    assert placed == count
    return round(seconds * 1000 / count, 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k calls for topics, 100k in the store")
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--store-calls", type=int, default=1_000_000)
    args = parser.parse_args()
    calls, store_calls = (10_000, 100_000) if args.quick else (args.calls, args.store_calls)
    results: dict[str, Any] = {"machine": bench_common.machine()}
    results["topics"] = topics = bench_topics(calls)
    topics["embed_one_call_ms"] = embed_one_ms()
    print(f"topics: {topics}", flush=True)
    results["store"] = store = bench_store(store_calls)
    print(f"trends / drill-down: {store}", flush=True)
    bench_common.write_results("bench_analytics_scale", results)
    print(f"topics_s_at_{calls // 1000}k: {topics['seconds']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

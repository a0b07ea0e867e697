"""Cost of the neighbour graph at scale, for bench_quality.py ``--cost N``.

A synthetic store of N calls (random topic centres, each call near one, with
client and operator side vectors, 512 dims like the offline embedder) is
indexed; the graph's fit is timed alone, then ``similar -k 10`` is timed for
200 random calls with ``similarity`` plain and neighbours (semantic mode).
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

MODEL = "bench/synthetic@512"
DIMS = 512


def _unit(m: np.ndarray) -> np.ndarray:
    return (m / np.linalg.norm(m, axis=-1, keepdims=True)).astype(np.float32)


def fill_store(store: Any, n: int, seed: int = 0) -> None:
    from callcenter_ai.core.records import CallRecord, Chunk, Turn
    from callcenter_ai.core.store import vectors as vec

    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((max(n // 50, 2), DIMS)))
    for start in range(0, n, 5000):
        count = min(5000, n - start)
        topic = rng.integers(0, len(centres), count)
        base = centres[topic]
        whole = _unit(base + 0.9 * _unit(rng.standard_normal((count, DIMS))))
        client = _unit(whole + 0.5 * _unit(rng.standard_normal((count, DIMS))))
        operator = _unit(whole + 0.5 * _unit(rng.standard_normal((count, DIMS))))
        chunks = [Chunk(0, 0, 1, 10), Chunk(0, 0, 0, 5, "client"), Chunk(0, 1, 1, 5, "operator")]
        with store.transaction():
            for i in range(count):
                turns = (Turn("client", f"вопрос {start + i}"), Turn("operator", f"ответ {topic[i]}"))
                record = CallRecord(dialog_id=f"s{start + i}", turns=turns)
                _, call_id = store.upsert_call(record)
                vectors = np.stack([whole[i], client[i], operator[i]])
                vec.save_call_embedding(store.db, call_id, MODEL, record.content_hash(), chunks, vectors, whole[i])


def run_cost(n: int) -> dict[str, Any]:
    from callcenter_ai.core.index.neighbours import refresh_neighbours
    from callcenter_ai.core.index.update import update_index
    from callcenter_ai.core.search.service import SearchService
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
            started = time.perf_counter()
            refresh_neighbours(store.db, MODEL, DIMS, settings.index_dir, rebuild=True)
            out["graph_fit_s"] = round(time.perf_counter() - started, 1)
            ids = random.Random(0).sample([f"s{i}" for i in range(n)], min(200, n))
            for similarity in ("plain", "neighbours"):
                service = SearchService(replace(settings, similarity=similarity), store, model_id=MODEL)
                service.similar(ids[0], 10, None, "semantic")  # loads the index and the graph
                times = []
                for external_id in ids:
                    started = time.perf_counter()
                    service.similar(external_id, 10, None, "semantic")
                    times.append((time.perf_counter() - started) * 1000)
                out[f"similar_{similarity}_ms"] = {
                    "p50": round(float(np.percentile(times, 50)), 1),
                    "p99": round(float(np.percentile(times, 99)), 1),
                }
            print(f"cost at {n} calls: {out}", flush=True)
    return out

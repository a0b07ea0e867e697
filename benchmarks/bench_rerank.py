"""Does re-ranking learned from ratings improve precision@10 on calls it never saw?

Dialogs from ../shared/data (MultiWOZ-ru dev or SGD dev) go into a temporary
store with their offline-embedder vectors (the app's fallback model).  The
calls are split at random into a *rated* half and a *test* half.  Each rated
call is used as a "similar calls" query over the rated half; its top 10 by
plain cosine are judged relevant when they share the label (MultiWOZ: the
whole goal_domains set; SGD: the first intent), exactly as an operator would
click thumbs, and stored through ``add_rating``.  The app's own
``train_reranker`` learns the adapter from those ratings.  Then every test
call queries the other test calls: precision@10 and MRR of plain cosine
against the adapter, ranking all test calls and re-ranking the top 30.

    .venv/bin/python benchmarks/bench_rerank.py --dataset multiwoz_ru [--limit 999] [--seed 0] [--quick]

Writes benchmarks/results/bench_rerank.json; last line ``gain_precision_at_10: X``
(re-ranked minus plain precision@10 on the test half, measured side by side).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import bench_common
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from callcenter_ai.core.feedback import add_rating, load_reranker, train_reranker  # noqa: E402
from callcenter_ai.core.records import CallRecord, Chunk, Turn  # noqa: E402
from callcenter_ai.core.settings import load_settings  # noqa: E402
from callcenter_ai.core.store import CallStore  # noqa: E402
from callcenter_ai.core.store import vectors as vec  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DATASETS = {
    "multiwoz_ru": DATA / "multiwoz_ru" / "multiwoz_ru_dev.jsonl",
    "multiwoz_en": DATA / "multiwoz_en" / "multiwoz21_val.jsonl",
    "sgd": DATA / "sgd" / "sgd_dev.jsonl",
}
K = 10
RERANK_DEPTH = 30


def load_dialogs(dataset: str, limit: int) -> tuple[list[list[Turn]], list[str]]:
    rows = [json.loads(line) for line in DATASETS[dataset].read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit]
    dialogs = [
        [Turn("client" if who == "USER" else "operator", re.sub(r"[\[\]]", "", text)) for who, text in row["turns"]]
        for row in rows
    ]
    if dataset == "sgd":
        labels = [row["intents"][0] if row["intents"] else "" for row in rows]
    else:
        labels = ["+".join(sorted(row["goal_domains"])) for row in rows]
    return dialogs, labels


def ranking_metrics(
    vectors: np.ndarray, labels: np.ndarray, depth: int | None = None, adapted: np.ndarray | None = None
) -> dict[str, float]:
    """precision@10 and MRR of each item against all others; ``adapted`` re-orders the first ``depth``."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    order = np.argsort(-sims, axis=1, kind="stable")
    if adapted is not None:
        scores = adapted @ adapted.T
        np.fill_diagonal(scores, -np.inf)
        if depth is None:
            order = np.argsort(-scores, axis=1, kind="stable")
        else:
            head = order[:, :depth]
            head_scores = np.take_along_axis(scores, head, axis=1)
            order = np.concatenate(
                [np.take_along_axis(head, np.argsort(-head_scores, axis=1, kind="stable"), axis=1), order[:, depth:]],
                axis=1,
            )
    order = order[:, : len(labels) - 1]
    same = labels[order] == labels[:, None]
    first = np.argmax(same, axis=1)
    mrr = np.where(same.any(axis=1), 1.0 / (first + 1), 0.0)
    return {"precision_at_10": round(float(same[:, :K].mean()), 4), "mrr": round(float(mrr.mean()), 4)}


def run(dataset: str = "multiwoz_ru", limit: int = 999, seed: int = 0, home: Path | None = None) -> dict[str, Any]:
    from callcenter_ai.core.embedding.offline import OfflineEmbedder

    dialogs, labels_list = load_dialogs(dataset, limit)
    labels = np.array(labels_list)
    embedder = OfflineEmbedder()
    started = time.perf_counter()
    texts = ["\n".join(t.text for t in turns) for turns in dialogs]  # labels off, as the offline embedder does
    vectors = embedder.embed_documents(texts)
    embed_s = time.perf_counter() - started
    model_id = embedder.model_id

    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(load_settings(home or Path(tmp), environ={}), rerank_min_ratings=50)
        rng = np.random.default_rng(seed)
        perm = rng.permutation(len(dialogs))
        rated, test = np.sort(perm[: len(perm) // 2]), np.sort(perm[len(perm) // 2 :])
        with CallStore.open(settings.db_path) as store:
            ids: list[str] = []
            with store.transaction():
                for i, turns in enumerate(dialogs):
                    record = CallRecord(dialog_id=f"{dataset}-{i}", turns=tuple(turns), topic=labels_list[i])
                    _, call_id = store.upsert_call(record)
                    v = vectors[i]
                    chunk = Chunk(0, 0, len(turns) - 1, 0)
                    vec.save_call_embedding(store.db, call_id, model_id, record.content_hash(), [chunk], v[None], v)
                    ids.append(record.dialog_id)
            # Simulated thumbs: each rated call's top 10 among the rated half, judged by label.
            sims = vectors[rated] @ vectors[rated].T
            np.fill_diagonal(sims, -np.inf)
            top = np.argsort(-sims, axis=1, kind="stable")[:, :K]
            ratings = 0
            for qi, row in enumerate(top):
                for rank, rj in enumerate(row, start=1):
                    add_rating(
                        store,
                        result_dialog_id=ids[rated[rj]],
                        source_dialog_id=ids[rated[qi]],
                        relevant=bool(labels[rated[qi]] == labels[rated[rj]]),
                        model_id=model_id,
                        rank=rank,
                        score=float(sims[qi, rj]),
                        mode="semantic",
                        rater="simulated",
                        now=f"2026-01-01T00:00:{qi:06d}",
                    )
                    ratings += 1
            started = time.perf_counter()
            info = train_reranker(store, settings, model_id)
            train_s = time.perf_counter() - started
            reranker = load_reranker(settings, model_id, store)
        assert info is not None and reranker is not None
        test_vectors, test_labels = vectors[test], labels[test]
        adapted = reranker.adapter.transform(test_vectors)
        plain = ranking_metrics(test_vectors, test_labels)
        full = ranking_metrics(test_vectors, test_labels, adapted=adapted)
        top30 = ranking_metrics(test_vectors, test_labels, depth=RERANK_DEPTH, adapted=adapted)
    return {
        "dataset": dataset,
        "dialogs": len(dialogs),
        "labels": len(set(labels_list)),
        "model_id": model_id,
        "seed": seed,
        "rated_calls": len(rated),
        "test_calls": len(test),
        "ratings": ratings,
        "share_positive": round(float(np.mean(labels[rated][top] == labels[rated][:, None])), 4),
        "pairs": info["pairs"],
        "test_plain": plain,
        "test_reranked_all": full,
        "test_reranked_top30": top30,
        "gain_precision_at_10": round(full["precision_at_10"] - plain["precision_at_10"], 4),
        "held_out_ratings": info["held_out"],
        "embed_s": round(embed_s, 1),
        "train_s": round(train_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="multiwoz_ru")
    parser.add_argument("--limit", type=int, default=999, help="dialogs read from the start of the file")
    parser.add_argument("--seed", type=int, default=0, help="seed of the rated / test split")
    parser.add_argument("--quick", action="store_true", help="the first 300 dialogs only (< 60 s on 2 cores)")
    parser.add_argument("--name", default="bench_rerank", help="results file benchmarks/results/NAME.json")
    args = parser.parse_args()
    if not DATASETS[args.dataset].exists():
        sys.exit(f"{DATASETS[args.dataset]} not found: this benchmark needs ../shared/data")
    result = run(args.dataset, 300 if args.quick else args.limit, args.seed)
    result = {"benchmark": "bench_rerank", "machine": bench_common.machine(), **result}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"results: {bench_common.write_results(args.name, result)}")
    print(f"gain_precision_at_10: {result['gain_precision_at_10']}")


if __name__ == "__main__":
    main()

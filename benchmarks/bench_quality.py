"""Search quality on labelled dialogs: precision@10 and MRR of same-label neighbours, per set and mode.

For each set of ../shared/data: convert the items to our JSON Lines, import
them with the normal importer into a fresh home, embed them with the app's
embedder (the offline fallback on machines without the Qwen3 model), build
the keyword and FAISS indexes (and the store's neighbour graph), then run
``similar`` for every call with each method and score its neighbours by label.
A *method* is ``MODE[ SIMILARITY][ D:K]``: the search mode, the setting
``similarity`` (``neighbours``: augmented profiles, ``plain``: the
embedder's cosine) and the hybrid weights dense:keyword.  Each method is a
row, each set a column (P@10 / MRR).

The free-text sets (``--freetext``, quality_freetext.py) search each
intent's name (or a Russian paraphrase) and score the results by the
intent's utterances; they also measure the "nothing close" threshold.

    python benchmarks/bench_quality.py                 # all sets, up to 1000 items each, every method
    python benchmarks/bench_quality.py --quick         # 2 sets, 200 items
    python benchmarks/bench_quality.py --methods "hybrid plain 2:1,hybrid neighbours 3:1" --sets sgd
    python benchmarks/bench_quality.py --freetext banking77_ru,banking77_en,natcs_en --sets none

Writes benchmarks/results/bench_quality.json; the last line is ``best_method: METHOD``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from callcenter_ai.core.settings import Settings, load_settings  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from quality_cost import run_cost  # noqa: E402
from quality_freetext import FREETEXT_SETS, NONSENSE, load_freetext  # noqa: E402

DATA = REPO.parent / "shared" / "data"
SETS = ("multiwoz_ru", "minds14_ru", "banking77_ru", "multiwoz_en", "sgd")
METHODS = (
    "semantic plain",
    "semantic neighbours",
    "keyword",
    "hybrid plain 2:1",
    "hybrid neighbours 3:1",
)
Item = tuple[str, list[tuple[str, str]], str]  # id, turns (speaker, text), label


def _dialogs(path: Path, label_of: Any, strip_brackets: bool) -> Iterator[Item]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            obj = json.loads(line)
            turns = []
            for role, raw in obj["turns"]:
                text = re.sub(r"[\[\]]", "", raw) if strip_brackets else raw
                if text.strip():
                    turns.append(("client" if role == "USER" else "operator", text))
            if turns:
                yield str(obj["dialogue_id"]), turns, label_of(obj)


def load_set(name: str, data: Path, limit: int) -> list[Item]:
    items: list[Item]
    if name in ("multiwoz_ru", "multiwoz_en"):
        path = data / name / ("multiwoz_ru_dev.jsonl" if name == "multiwoz_ru" else "multiwoz21_val.jsonl")
        items = list(_dialogs(path, lambda o: "+".join(sorted(o["goal_domains"])), name == "multiwoz_ru"))
    elif name == "sgd":
        items = list(_dialogs(data / "sgd" / "sgd_dev.jsonl", lambda o: o["intents"][0], False))
    elif name in ("minds14_ru", "banking77_ru"):
        file = "minds14_ru_fewshot_train.json" if name == "minds14_ru" else "banking77_ru_train.json"
        rows = json.loads((data / "ru_intents" / file).read_text(encoding="utf-8"))["train"]
        items = [(f"u{i}", [("client", r["utterance"])], str(r["label"])) for i, r in enumerate(rows)]
    elif name == "banking77_en":
        with (data / "banking77" / "train.csv").open(encoding="utf-8") as handle:
            items = [(f"u{i}", [("client", r["text"])], r["category"]) for i, r in enumerate(csv.DictReader(handle))]
    else:
        raise SystemExit(f"unknown set {name!r}")
    if len(items) > limit:
        items = random.Random(0).sample(items, limit)
    return items


def write_jsonl(items: list[Item], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for dialog_id, turns, label in items:
            record = {"id": dialog_id, "turns": [{"speaker": s, "text": t} for s, t in turns], "label": label}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def score(ranked: list[str], label: str, labels: dict[str, str], k: int = 10) -> tuple[float, float]:
    top = ranked[:k]
    precision = sum(labels[r] == label for r in top) / k
    first = next((i for i, r in enumerate(ranked, start=1) if labels[r] == label), None)
    return precision, (1.0 / first if first else 0.0)


def parse_method(method: str, settings: Any) -> tuple[str, Any]:
    """``MODE[ SIMILARITY][ D:K]`` -> (mode, settings for it)."""
    words = method.split()
    if not words or words[0] not in ("semantic", "keyword", "hybrid"):
        raise SystemExit(f"method {method!r}: start with semantic, keyword or hybrid")
    changes: dict[str, Any] = {}
    for word in words[1:]:
        if word in ("plain", "neighbours"):
            changes["similarity"] = word
        elif ":" in word:
            dense_w, keyword_w = (float(x) for x in word.split(":"))
            changes.update(dense_weight=dense_w, keyword_weight=keyword_w)
        else:
            raise SystemExit(f"method {method!r}: {word!r} is neither plain/neighbours nor D:K")
    return words[0], replace(settings, **changes)


def build_home(
    name: str, items: list[Item], model: str | None, home: Path, need_vectors: bool
) -> tuple[Any, Any, dict[str, Any]]:
    """Import, embed and index ``items`` in ``home``; returns (settings, embedder or None, timings)."""
    from callcenter_ai.core.embedding.factory import get_embedder
    from callcenter_ai.core.embedding.job import run_embed_job
    from callcenter_ai.core.index.neighbours import graph_path, load_graph, refresh_neighbours
    from callcenter_ai.core.index.update import update_index
    from callcenter_ai.core.ingest import run_import
    from callcenter_ai.core.search.similarity.augment import augments
    from callcenter_ai.core.store import CallStore
    from callcenter_ai.core.store.keywords import sync_keyword_index

    settings = load_settings(home, overrides={"model": model}, environ={})
    write_jsonl(items, home / "calls.jsonl")
    out: dict[str, Any] = {}
    embedder = None
    with CallStore.open(settings.db_path) as store:
        started = time.perf_counter()
        run_import(store, home / "calls.jsonl")
        out["import_s"] = round(time.perf_counter() - started, 2)
        if need_vectors:
            embedder = get_embedder(settings)
            started = time.perf_counter()
            summary = run_embed_job(store, embedder)
            out["embed_s"] = round(time.perf_counter() - started, 2)
            out["model_id"] = summary.model_id
        started = time.perf_counter()
        sync_keyword_index(store.db)
        if embedder is not None:
            update_index(store, embedder.model_id, embedder.dims, settings.index_dir)  # fits the graph too
        out["index_s"] = round(time.perf_counter() - started, 2)
        if embedder is not None:  # the graph's share of indexing: fitted again from scratch, timed alone
            started = time.perf_counter()
            refresh_neighbours(store.db, embedder.model_id, embedder.dims, settings.index_dir, rebuild=True)
            out["neighbours_s"] = round(time.perf_counter() - started, 2)
            out["neighbours_share_of_indexing"] = round(out["neighbours_s"] / (out["embed_s"] + out["index_s"]), 4)
            graph = load_graph(graph_path(settings.index_dir, embedder.model_id))
            if graph is not None:  # whether similar augments this store (core/index/falloff.py)
                out["falloff"] = round(graph.falloff, 3)
                out["augmented"] = augments(graph)
    return settings, embedder, out


def plain_cosine(result: Any) -> float | None:
    """A result's embedder cosine (its best chunk's), what the threshold is calibrated on; None: keyword only."""
    return max((c.score for c in result.chunks), default=None)


def run_set(name: str, items: list[Item], model: str | None, methods: list[str]) -> dict[str, Any]:
    from callcenter_ai.core.search.service import SearchService
    from callcenter_ai.core.store import CallStore

    labels = {dialog_id: label for dialog_id, _, label in items}
    need_vectors = any(not m.startswith("keyword") for m in methods)
    with tempfile.TemporaryDirectory(prefix=f"bench_quality_{name}_") as tmp:
        settings, _, timings = build_home(name, items, model, Path(tmp), need_vectors)
        out: dict[str, Any] = {"set": name, "items": len(items), "labels": len(set(labels.values())), **timings}
        out["methods"] = {}
        out["scores"] = {}
        with CallStore.open(settings.db_path) as store:
            for method in methods:
                mode, method_settings = parse_method(method, settings)
                service = SearchService(method_settings, store)
                started = time.perf_counter()
                precisions, reciprocal, related, unrelated = [], [], [], []
                for dialog_id, results in service.similar_many(list(labels), 100, None, mode):
                    p, rr = score([r.dialog_id for r in results], labels[dialog_id], labels)
                    precisions.append(p)
                    reciprocal.append(rr)
                    for r in results[:10]:
                        cosine = plain_cosine(r)
                        if cosine is not None:
                            (related if labels[r.dialog_id] == labels[dialog_id] else unrelated).append(cosine)
                seconds = time.perf_counter() - started
                out["methods"][method] = {
                    "precision_at_10": round(sum(precisions) / len(precisions), 4),
                    "mrr": round(sum(reciprocal) / len(reciprocal), 4),
                    "ms_per_query": round(seconds / len(precisions) * 1000, 2),
                }
                out["scores"][method] = {"related": related, "unrelated": unrelated}
                print(f"  {name:<13} {method:<22} {json.dumps(out['methods'][method])}", flush=True)
    return out


def run_freetext(name: str, data: Path, limit: int, model: str | None, methods: list[str]) -> dict[str, Any]:
    from callcenter_ai.core.search.service import SearchService
    from callcenter_ai.core.store import CallStore

    items, queries = load_freetext(name, data, limit)
    labels = {dialog_id: label for dialog_id, _, label in items}
    with tempfile.TemporaryDirectory(prefix=f"bench_quality_ft_{name}_") as tmp:
        settings, embedder, timings = build_home(name, items, model, Path(tmp), True)
        out: dict[str, Any] = {"set": f"free text {name}", "items": len(items), "queries": len(queries), **timings}
        out["methods"], out["scores"] = {}, {}
        with CallStore.open(settings.db_path) as store:
            line = SearchService(settings, store, embedder_factory=lambda: embedder).nothing_close_line()
            out["store_line"] = None if line is None else round(line, 3)  # the store's own (null_probes.py)
            for method in methods:
                mode, method_settings = parse_method(method, settings)
                service = SearchService(method_settings, store, embedder_factory=lambda: embedder)
                started = time.perf_counter()
                precisions, reciprocal, related, unrelated, nonsense = [], [], [], [], []
                for text, label in queries:
                    results = service.search(text, 100, mode)
                    p, rr = score([r.dialog_id for r in results], label, labels)
                    precisions.append(p)
                    reciprocal.append(rr)
                    for r in results[:10]:
                        cosine = plain_cosine(r)
                        if cosine is not None:
                            (related if labels[r.dialog_id] == label else unrelated).append(cosine)
                seconds = time.perf_counter() - started
                for text in NONSENSE:
                    top = [c for c in (plain_cosine(r) for r in service.search(text, 10, mode)) if c is not None]
                    nonsense.append(max(top, default=-1.0))
                out["methods"][method] = {
                    "precision_at_10": round(sum(precisions) / len(precisions), 4),
                    "mrr": round(sum(reciprocal) / len(reciprocal), 4),
                    "ms_per_query": round(seconds / len(queries) * 1000, 2),
                }
                out["scores"][method] = {"related": related, "unrelated": unrelated, "nonsense_top": nonsense}
                if line is not None:  # what the product marks with on this store, beside the pooled fixed value
                    out["methods"][method]["at_store_line"] = _shares(related, unrelated, nonsense, line)
                print(f"  {out['set']:<26} {method:<22} {json.dumps(out['methods'][method])}", flush=True)
    return out


def _crossover(related: list[float], unrelated: list[float]) -> float:
    """The cosine that misplaces the fewest top-10 results (related below it + unrelated at or above it)."""
    candidates = sorted({round(x, 3) for x in related + unrelated})
    return min((sum(x < t for x in related) + sum(x >= t for x in unrelated), t) for t in candidates)[1]


def _shares(related: list[float], unrelated: list[float], nonsense: list[float], t: float) -> dict[str, Any]:
    out: dict[str, Any] = {
        "related_kept": round(sum(x >= t for x in related) / max(len(related), 1), 4),
        "unrelated_flagged": round(sum(x < t for x in unrelated) / max(len(unrelated), 1), 4),
    }
    if nonsense:
        out["nonsense_queries_with_nothing_close"] = round(sum(x < t for x in nonsense) / len(nonsense), 4)
    return out


def threshold_report(results: list[dict[str, Any]], method: str) -> dict[str, Any]:
    """Where related and unrelated top-10 results cross, pooled over the sets, for similar and free text apart."""
    from callcenter_ai.core.search.similarity.threshold import threshold_for

    model_id = next((r.get("model_id") for r in results if r.get("model_id")), "")
    product = threshold_for(model_id, None)
    out: dict[str, Any] = {"method": method, "product_threshold": product}
    kinds = {"similar": [r for r in results if not r["set"].startswith("free text")]}
    kinds["free_text"] = [r for r in results if r["set"].startswith("free text")]
    kinds["all"] = results
    for kind, chosen in kinds.items():
        scores = [r["scores"][method] for r in chosen if method in r.get("scores", {})]
        related = [x for s in scores for x in s["related"]]
        unrelated = [x for s in scores for x in s["unrelated"]]
        nonsense = [x for s in scores for x in s.get("nonsense_top", [])]
        if not related or not unrelated:
            continue
        t = _crossover(related, unrelated)
        out[kind] = {"crossover_cosine": t, "at_crossover": _shares(related, unrelated, nonsense, t)}
        if product is not None:
            out[kind]["at_product_threshold"] = _shares(related, unrelated, nonsense, product)
    return out


def print_table(results: list[dict[str, Any]], methods: list[str]) -> dict[str, float]:
    print("\n| method | " + " | ".join(f"{r['set']} ({r['items']}) P@10 / MRR" for r in results) + " | mean P@10 |")
    print("|---|" + "---|" * (len(results) + 1))
    mean = {}
    for method in methods:
        cells = [r["methods"].get(method) for r in results]
        text = [f"{c['precision_at_10']:.3f} / {c['mrr']:.3f}" if c else "-" for c in cells]
        got = [c["precision_at_10"] for c in cells if c]
        mean[method] = sum(got) / len(got) if got else 0.0
        print(f"| {method} | " + " | ".join(text) + f" | {mean[method]:.3f} |")
    return mean


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument(
        "--sets", default=",".join(SETS), help=f"comma-separated, from {', '.join(SETS)}, banking77_en; none"
    )
    parser.add_argument("--freetext", default="", help=f"free-text sets, from {', '.join(FREETEXT_SETS)}")
    parser.add_argument("--limit", type=int, default=1000, help="items per set at most (a fixed random sample)")
    parser.add_argument("--model", default=None, help="embedding model (default: settings; offline fallback here)")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated MODE[ plain|neighbours][ D:K]")
    parser.add_argument("--quick", action="store_true", help="multiwoz_ru and minds14_ru, 200 items")
    parser.add_argument("--cost", type=int, default=0, help="also time the graph and similar at N synthetic calls")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "bench_quality.json")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data}: no shared data here; nothing to measure")
    sets = ["multiwoz_ru", "minds14_ru"] if args.quick else [s for s in args.sets.split(",") if s and s != "none"]
    limit = 200 if args.quick else args.limit
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for method in methods:
        parse_method(method, Settings())  # fails early on a bad method
    results = []
    for name in sets:
        items = load_set(name, args.data, limit)
        print(f"{name}: {len(items)} items", flush=True)
        results.append(run_set(name, items, args.model, methods))
    for name in [s for s in args.freetext.split(",") if s]:
        print(f"free text {name}", flush=True)
        results.append(run_freetext(name, args.data, limit, args.model, methods))
    cost = run_cost(args.cost) if args.cost else None
    mean = print_table(results, methods) if results else {}
    for r in results:
        if "neighbours_s" in r:
            share = 100 * r["neighbours_share_of_indexing"]
            print(
                f"{r['set']}: embed {r['embed_s']} s, index {r['index_s']} s (graph included),"
                f" graph alone {r['neighbours_s']} s = {share:.1f} % of embed + index;"
                f" falloff {r.get('falloff')}, augmented: {r.get('augmented')}"
            )
    thresholds = [t for m in methods if not m.startswith("keyword") for t in [threshold_report(results, m)] if t]
    for t in thresholds:
        print("threshold:", json.dumps(t))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for r in results:
        r.pop("scores", None)
    args.out.write_text(
        json.dumps(
            {"sets": results, "mean_precision_at_10": mean, "thresholds": thresholds, "cost": cost},
            indent=2,
            ensure_ascii=False,
        )
    )
    if mean:
        print(f"best_method: {max(mean, key=lambda t: mean[t])}")


if __name__ == "__main__":
    main()

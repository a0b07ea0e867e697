"""Search quality on labelled dialogs: precision@10 and MRR of same-label neighbours, per set and mode.

For each set of ../shared/data: convert the items to our JSON Lines, import
them with the normal importer into a fresh home, embed them with the app's
embedder (the offline fallback on machines without the Qwen3 model), build
the keyword and FAISS indexes, then run ``similar`` for every call in each
mode and score its neighbours by label.

    python benchmarks/bench_quality.py                 # all sets, up to 1000 items each
    python benchmarks/bench_quality.py --quick         # 2 sets, 200 items
    python benchmarks/bench_quality.py --weights 1:1,2:1,1:2   # hybrid fusion weights (dense:keyword)
    python benchmarks/bench_quality.py --modes keyword --sets multiwoz_ru,minds14_ru   # keyword only

Writes benchmarks/results/bench_quality.json; the last line is ``best_mode: MODE``.
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

from callcenter_ai.core.settings import load_settings  # noqa: E402

DATA = REPO.parent / "shared" / "data"
SETS = ("multiwoz_ru", "minds14_ru", "banking77_ru", "multiwoz_en", "sgd")
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


def run_set(
    name: str, items: list[Item], model: str | None, weights: list[tuple[float, float]], modes: set[str]
) -> dict[str, Any]:
    from callcenter_ai.core.embedding.factory import get_embedder
    from callcenter_ai.core.embedding.job import run_embed_job
    from callcenter_ai.core.index.update import update_index
    from callcenter_ai.core.ingest import run_import
    from callcenter_ai.core.search.service import SearchService
    from callcenter_ai.core.store import CallStore
    from callcenter_ai.core.store.keywords import sync_keyword_index

    labels = {dialog_id: label for dialog_id, _, label in items}
    with tempfile.TemporaryDirectory(prefix=f"bench_quality_{name}_") as tmp:
        home = Path(tmp)
        settings = load_settings(home, overrides={"model": model}, environ={})
        write_jsonl(items, home / "calls.jsonl")
        out: dict[str, Any] = {"set": name, "items": len(items), "labels": len(set(labels.values()))}
        with CallStore.open(settings.db_path) as store:
            started = time.perf_counter()
            run_import(store, home / "calls.jsonl")
            out["import_s"] = round(time.perf_counter() - started, 2)
            if modes != {"keyword"}:  # keyword search needs no vectors
                embedder = get_embedder(settings)
                started = time.perf_counter()
                summary = run_embed_job(store, embedder)
                out["embed_s"] = round(time.perf_counter() - started, 2)
                out["model_id"] = summary.model_id
            started = time.perf_counter()
            sync_keyword_index(store.db)
            if modes != {"keyword"}:
                update_index(store, embedder.model_id, embedder.dims, settings.index_dir)
            out["index_s"] = round(time.perf_counter() - started, 2)
            runs: list[tuple[str, Any]] = [(m, settings) for m in ("semantic", "keyword") if m in modes]
            for dense_w, keyword_w in weights if "hybrid" in modes else []:
                tag = "hybrid" if (dense_w, keyword_w) == (1.0, 1.0) else f"hybrid {dense_w:g}:{keyword_w:g}"
                runs.append((tag, replace(settings, dense_weight=dense_w, keyword_weight=keyword_w)))
            out["modes"] = {}
            for tag, mode_settings in runs:
                service = SearchService(mode_settings, store)
                mode = tag.split()[0]
                started = time.perf_counter()
                precisions, reciprocal = [], []
                for dialog_id, results in service.similar_many(list(labels), 100, None, mode):
                    p, rr = score([r.dialog_id for r in results], labels[dialog_id], labels)
                    precisions.append(p)
                    reciprocal.append(rr)
                seconds = time.perf_counter() - started
                out["modes"][tag] = {
                    "precision_at_10": round(sum(precisions) / len(precisions), 4),
                    "mrr": round(sum(reciprocal) / len(reciprocal), 4),
                    "ms_per_query": round(seconds / len(precisions) * 1000, 2),
                }
                print(f"  {name:<13} {tag:<14} {json.dumps(out['modes'][tag])}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, from {', '.join(SETS)}, banking77_en")
    parser.add_argument("--limit", type=int, default=1000, help="items per set at most (a fixed random sample)")
    parser.add_argument("--model", default=None, help="embedding model (default: settings; offline fallback here)")
    parser.add_argument("--weights", default="1:1", help="hybrid dense:keyword weights to compare, e.g. 1:1,2:1")
    parser.add_argument("--modes", default="semantic,keyword,hybrid", help="which search modes to measure")
    parser.add_argument("--quick", action="store_true", help="multiwoz_ru and minds14_ru, 200 items")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "bench_quality.json")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data}: no shared data here; nothing to measure")
    sets = ["multiwoz_ru", "minds14_ru"] if args.quick else args.sets.split(",")
    limit = 200 if args.quick else args.limit
    weights = [tuple(float(x) for x in w.split(":")) for w in args.weights.split(",")]
    modes = set(args.modes.split(","))
    if not modes or not modes <= {"semantic", "keyword", "hybrid"}:
        raise SystemExit(f"--modes: {args.modes!r}: choose from semantic, keyword, hybrid")
    results = []
    for name in sets:
        items = load_set(name, args.data, limit)
        print(f"{name}: {len(items)} items", flush=True)
        results.append(run_set(name, items, args.model, weights, modes))  # type: ignore[arg-type]
    tags = list(results[0]["modes"])
    print("\n| set | items | " + " | ".join(f"{t} P@10 / MRR" for t in tags) + " |")
    print("|---|---|" + "---|" * len(tags))
    for r in results:
        cells = [f"{r['modes'][t]['precision_at_10']:.3f} / {r['modes'][t]['mrr']:.3f}" for t in tags]
        print(f"| {r['set']} | {r['items']} | " + " | ".join(cells) + " |")
    mean = {t: sum(r["modes"][t]["precision_at_10"] for r in results) / len(results) for t in tags}
    print("| mean P@10 | | " + " | ".join(f"{mean[t]:.3f}" for t in tags) + " |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"sets": results, "mean_precision_at_10": mean}, indent=2, ensure_ascii=False))
    best = max(mean, key=lambda t: mean[t])
    print(f"best_mode: {best}")


if __name__ == "__main__":
    main()

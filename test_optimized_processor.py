"""Speed check of the embedding processor: small / medium / large runs of 5, 50 and 200 texts.

For each run prints device, precision, batch size, seconds, texts/s, tokens/s, RAM change and, on
CUDA, GPU memory allocated and peak; unloads the model at the end.  ``--model NAME|PATH`` picks the
model (default: the app setting, Qwen/Qwen3-Embedding-0.6B); ``--json`` prints one JSON object.
With no model reachable it says so and, unless --no-fallback, measures the offline embedder instead,
labelled as such.  The texts are synthetic call-center transcripts of varied length.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from typing import Any

from callcenter_ai.core.embedding import OfflineEmbedder, get_embedder
from callcenter_ai.core.embedding.device import cuda_memory, process_rss_bytes
from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.settings import load_settings

SIZES = {"small": 5, "medium": 50, "large": 200}
PHRASES = [
    "Здравствуйте, чем могу помочь?",
    "У меня списали деньги дважды за один заказ.",
    "Назовите, пожалуйста, номер договора.",
    "Я хочу сменить тариф на более дешёвый.",
    "Интернет не работает с утра, роутер мигает красным.",
    "Оформляю возврат, деньги придут в течение пяти дней.",
    "Спасибо, всего доброго!",
]


def transcripts(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        turns = rng.randint(2, 40)
        out.append("\n".join(f"{'оператор' if k % 2 == 0 else 'клиент'}: {rng.choice(PHRASES)}" for k in range(turns)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", metavar="NAME|PATH", help="model name or local folder (default: app setting)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-fallback", action="store_true", help="fail when the model cannot be loaded")
    args = parser.parse_args(argv)
    settings = load_settings(overrides={"model": args.model, "idle_unload_s": 0})
    try:
        embedder = get_embedder(settings, allow_fallback=not args.no_fallback, load=True)
    except KnownError as exc:
        print(f"error: model {settings.model} cannot be loaded: {exc}", file=sys.stderr)
        return 2
    fallback = getattr(embedder, "fallback_reason", None)
    if fallback:
        print(
            f"warning: {settings.model} is not reachable ({fallback}); measuring the OFFLINE embedder "
            f"{embedder.model_id} instead",
            file=sys.stderr,
        )
    counter = embedder.token_counter() if hasattr(embedder, "token_counter") else None
    runs: list[dict[str, Any]] = []
    for name, count in SIZES.items():
        texts = transcripts(count, seed=count)
        tokens = sum(counter.count(texts)) if counter else 0
        rss_before = process_rss_bytes()
        started = time.perf_counter()
        vectors = embedder.embed_documents(texts)
        seconds = time.perf_counter() - started
        run: dict[str, Any] = {
            "name": name,
            "texts": count,
            "model_id": embedder.model_id,
            "device": getattr(embedder, "device", "cpu"),
            "precision": getattr(embedder, "precision", "fp32"),
            "batch_size": getattr(embedder, "batch_size", None),
            "seconds": round(seconds, 3),
            "texts_per_s": round(count / seconds, 2),
            "tokens": tokens,
            "tokens_per_s": round(tokens / seconds, 1),
            "ram_change_mb": round((process_rss_bytes() - rss_before) / 2**20, 1),
            "dims": int(vectors.shape[1]),
            "offline_fallback": isinstance(embedder, OfflineEmbedder),
        }
        if run["device"] == "cuda":
            cuda = cuda_memory()
            run.update(gpu_allocated_mb=round(cuda["allocated"] / 2**20, 1), gpu_peak_mb=round(cuda["peak"] / 2**20, 1))
        runs.append(run)
        if not args.json:
            gpu = f" GPU {run['gpu_allocated_mb']}/{run['gpu_peak_mb']} MB" if "gpu_peak_mb" in run else ""
            print(
                f"{name:>6}: {count:>3} texts on {run['device']} {run['precision']} batch {run['batch_size']}:"
                f" {seconds:.2f} s, {run['texts_per_s']} texts/s, {run['tokens_per_s']} tokens/s,"
                f" RAM {run['ram_change_mb']:+} MB{gpu}"
            )
    embedder.unload()
    unloaded = not embedder.is_loaded
    if args.json:
        print(json.dumps({"model": settings.model, "fallback_reason": fallback, "runs": runs, "unloaded": unloaded}))
    else:
        print(f"model unloaded: {unloaded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

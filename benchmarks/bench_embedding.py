"""Our embedding processor against plain ``SentenceTransformer.encode(texts, batch_size=32)``.

Both embed the same length-varied call transcripts (the app's demo
generator, cut to lengths spread log-uniformly) with a random-weight model
of Qwen3-Embedding-0.6B's exact shape (callcenter_ai.devtools.tiny_qwen3), each
in its own process so that peak memory is its own.  Reported per side:
seconds, tokens/s, texts/s, padded share (padding / all tokens run), peak
RSS; and the fidelity of our vectors (mean cosine to the plain fp32 vectors of
the same texts).  A speed-up with fidelity below 0.99 does not count.

With a CUDA GPU (``--gpu``) it also runs one 32 x 2048 batch through our
processor: tokens/s, share of the GPU's bf16 dense peak (roofline) and peak
GPU memory.

    python benchmarks/bench_embedding.py [--quick] [--texts 40] [--model DIR] [--gpu]

Writes benchmarks/results/bench_embedding.json; last line ``speedup_vs_plain: X``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_common
import numpy as np

MODEL_CACHE = bench_common.RESULTS / "models" / "qwen3-0.6b-shape"
FIDELITY_MIN = 0.99
PLAIN_BATCH = 32
SPEAKER_LABELS = {"operator": "оператор", "client": "клиент"}


def demo_transcripts(count: int, seed: int) -> list[str]:
    """Call transcripts from the app's demo generator, one ``speaker: text`` line per turn."""
    from callcenter_ai.core.demo.generator import generate_calls

    return [
        "\n".join(f"{SPEAKER_LABELS.get(t['speaker'], t['speaker'])}: {t['text']}" for t in call["turns"])
        for call in generate_calls(count, seed=seed)
    ]


def build_texts(count: int, min_tokens: int, max_tokens: int, tokenizer: Any, seed: int = 0) -> list[str]:
    """Demo call transcripts cut to token lengths spread log-uniformly between the bounds.

    Each text starts at a random demo call and runs on into the next ones until
    it reaches its target length, where it is cut at a token boundary.
    """
    rng = random.Random(seed)
    calls = demo_transcripts(max(64, count), seed)
    texts = []
    for _ in range(count):
        target = int(math.exp(rng.uniform(math.log(min_tokens), math.log(max_tokens))))
        first = rng.randrange(len(calls))
        text = ""
        offsets: list[tuple[int, int]] = []
        for step in range(len(calls)):
            text = "\n".join(filter(None, [text, calls[(first + step) % len(calls)]]))
            offsets = tokenizer.encode(text, add_special_tokens=False).offsets
            if len(offsets) >= target:
                break
        cut = offsets[target - 1][1] if len(offsets) >= target else len(text)
        texts.append(text[:cut])
    return texts


def ensure_model(path: Path) -> Path:
    if (path / "model.safetensors").is_file():
        return path
    from callcenter_ai.devtools.tiny_qwen3 import build_qwen3_full_shape

    print(f"building the full-shape random-weight Qwen3-0.6B model in {path} (once, about 30 s)", flush=True)
    return build_qwen3_full_shape(path)


def plain_padded_tokens(texts: list[str], lengths: list[int], batch_size: int) -> int:
    """Tokens run by ``SentenceTransformer.encode``: sorted by character length (longest first), padded per batch."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    total = 0
    for start in range(0, len(order), batch_size):
        batch = [lengths[i] for i in order[start : start + batch_size]]
        total += max(batch) * len(batch)
    return total


# -- one side, run in its own process ---------------------------------------------------------------


def worker(
    side: str, model: str, texts_file: Path, vectors_file: Path, repeat: int, options: dict[str, str]
) -> dict[str, Any]:
    import torch

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    with bench_common.PeakRss() as peak:
        started = time.perf_counter()
        if side == "plain":
            from sentence_transformers import SentenceTransformer

            st = SentenceTransformer(model, device="cpu", local_files_only=True)
            load_s = time.perf_counter() - started
            st.encode(texts[:1], batch_size=PLAIN_BATCH)  # warm-up: pages the weights in
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                vectors = st.encode(texts, batch_size=PLAIN_BATCH, convert_to_numpy=True, normalize_embeddings=True)
                times.append(time.perf_counter() - started)
            padded = None
        else:
            from callcenter_ai.core.embedding.processor import OptimizedEmbeddingProcessor
            from callcenter_ai.core.settings import load_settings

            overrides: dict[str, Any] = {"model": model, "device": "cpu", "idle_unload_s": 0, **options}
            settings = load_settings(tempfile.mkdtemp(), overrides=overrides, environ={})
            processor = OptimizedEmbeddingProcessor(settings)
            processor.load()
            load_s = time.perf_counter() - started
            processor.embed_documents(texts[:1])  # warm-up, as on the plain side
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                ids = processor.tokenize(texts)
                vectors = np.zeros((len(texts), processor.dims), dtype=np.float32)
                padded = 0
                for report in processor.encode_stream(ids):
                    vectors[report.indices] = report.vectors
                    padded += report.padded_tokens
                times.append(time.perf_counter() - started)
    np.save(vectors_file, np.asarray(vectors, dtype=np.float32))
    return {
        "side": side,
        "load_s": round(load_s, 2),
        "seconds": round(min(times), 3),  # best of ``repeat``: other work on the machine only adds time
        "all_seconds": [round(t, 3) for t in times],
        "padded_tokens": padded,
        "peak_rss_bytes": peak.peak,
        "torch_threads": torch.get_num_threads(),
    }


def run_side(
    side: str, model: Path, texts_file: Path, folder: Path, repeat: int, options: list[str]
) -> tuple[dict[str, Any], np.ndarray]:
    vectors_file = folder / f"{side}.npy"
    cmd = [sys.executable, __file__, "--worker", side, "--model", str(model), "--texts-file", str(texts_file),
           "--vectors-file", str(vectors_file), "--repeat", str(repeat)]  # fmt: skip
    for option in options:
        cmd += ["--ours", option]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{side} worker failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result, np.load(vectors_file)


# -- GPU: one 32 x 2048 batch ---------------------------------------------------------------------

# Dense bf16 tensor-core peaks (TFLOP/s, without sparsity) of GPUs we may meet.
GPU_BF16_PEAK_TFLOPS = {"H200": 989.0, "H100 80GB HBM3": 989.0, "H100 PCIe": 756.0, "H100": 989.0, "A100": 312.0,
                        "L40S": 362.0, "L4": 121.0, "RTX 4090": 165.0, "RTX 3090": 71.0, "RTX 3060": 51.0,
                        "A10": 125.0, "T4": 65.0}  # fmt: skip


def flops_per_token(config: dict[str, Any], context: int) -> float:
    """Forward FLOPs per token: 2 x non-embedding parameters + causal attention over ``context``."""
    hidden, layers = int(config["hidden_size"]), int(config["num_hidden_layers"])
    heads, kv_heads = int(config["num_attention_heads"]), int(config["num_key_value_heads"])
    head_dim = int(config.get("head_dim") or hidden // heads)
    mlp = int(config["intermediate_size"])
    per_layer = hidden * heads * head_dim * 2 + hidden * kv_heads * head_dim * 2 + 3 * hidden * mlp
    attention = 2 * 2 * heads * head_dim * context / 2  # QK^T and AV, causal: half the pairs
    return float(layers * (2 * per_layer + attention))


def gpu_batch(model: Path, texts: int = 32, tokens: int = 2048) -> dict[str, Any]:
    import torch

    from callcenter_ai.core.diagnostics.load_probe import test_token_ids
    from callcenter_ai.core.embedding.processor import OptimizedEmbeddingProcessor
    from callcenter_ai.core.settings import load_settings

    if not torch.cuda.is_available():
        return {"measured": False, "reason": "no CUDA GPU visible to torch"}
    settings = load_settings(tempfile.mkdtemp(), overrides={"model": str(model), "device": "cuda"}, environ={})
    processor = OptimizedEmbeddingProcessor(settings)
    processor.load()
    ids = test_token_ids(processor, texts, tokens)
    processor.encode_stream(ids[:2]).__next__()  # warm-up
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    started = time.perf_counter()
    for _report in processor.encode_stream(ids):
        pass
    torch.cuda.synchronize()
    seconds = time.perf_counter() - started
    name = torch.cuda.get_device_name()
    config = json.loads((model / "config.json").read_text())
    achieved = flops_per_token(config, tokens) * texts * tokens / seconds / 1e12
    peak = next((v for k, v in GPU_BF16_PEAK_TFLOPS.items() if k in name), None)
    return {
        "measured": True,
        "gpu": name,
        "precision": processor.precision,
        "batch": f"{texts} x {tokens}",
        "seconds": round(seconds, 3),
        "tokens_per_s": round(texts * tokens / seconds, 1),
        "achieved_tflops": round(achieved, 1),
        "roofline_share": None if peak is None else round(achieved / peak, 3),
        "peak_gpu_bytes": int(torch.cuda.max_memory_allocated()),
    }


def _options(items: list[str]) -> dict[str, str]:
    pairs = [item.partition("=") for item in items]
    bad = [item for item, (_k, sep, _v) in zip(items, pairs, strict=True) if not sep]
    if bad:
        raise SystemExit(f"--ours expects NAME=VALUE, got {bad}")
    return {k.strip(): v for k, _sep, v in pairs}


# -- the comparison --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="6 short texts (< 60 s on 2 cores)")
    parser.add_argument("--texts", type=int, default=32)
    parser.add_argument("--min-tokens", type=int, default=16)
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=2, help="encodes per side; the best time counts")
    parser.add_argument("--model", type=Path, default=MODEL_CACHE, help="full-shape model folder (built if missing)")
    parser.add_argument(
        "--ours",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for our processor (e.g. batch_token_budget=2048); default: the app's defaults",
    )
    parser.add_argument("--gpu", action="store_true", help="also one 32 x 2048 batch on CUDA")
    parser.add_argument("--worker", choices=("plain", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--texts-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vectors-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(
            json.dumps(
                worker(
                    args.worker, str(args.model), args.texts_file, args.vectors_file, args.repeat, _options(args.ours)
                )
            )
        )
        return 0
    count, low, high = (6, 8, 48) if args.quick else (args.texts, args.min_tokens, args.max_tokens)
    repeat = 1 if args.quick else args.repeat
    model = ensure_model(args.model)
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model / "tokenizer.json"))
    texts = build_texts(count, low, high, tokenizer)
    lengths = [len(e.ids) for e in tokenizer.encode_batch(texts)]  # the post-processor appends <|endoftext|>
    tokens = sum(lengths)
    results: dict[str, Any] = {
        "benchmark": "bench_embedding",
        "machine": bench_common.machine(),
        "versions": bench_common.versions("torch", "sentence-transformers", "transformers"),
        "model": {"folder": str(model), "shape": "Qwen3-Embedding-0.6B (random weights)"},
        "our_settings": _options(args.ours),
        "texts": {
            "count": count,
            "tokens": tokens,
            "min": min(lengths),
            "max": max(lengths),
            "mean": round(tokens / count, 1),
        },
    }
    print(f"{count} texts, {tokens} tokens ({min(lengths)}..{max(lengths)}, mean {tokens / count:.0f})", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts_file = folder / "texts.json"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        plain, plain_vectors = run_side("plain", model, texts_file, folder, repeat, [])
        plain["padded_tokens"] = plain_padded_tokens(texts, lengths, PLAIN_BATCH)
        ours, our_vectors = run_side("ours", model, texts_file, folder, repeat, args.ours)
    cosines = np.sum(plain_vectors * our_vectors, axis=1)
    fidelity = float(cosines.mean())
    for side in (plain, ours):
        side["tokens_per_s"] = round(tokens / side["seconds"], 2)
        side["texts_per_s"] = round(count / side["seconds"], 3)
        side["padded_share"] = round(1 - tokens / side["padded_tokens"], 3)
        print(
            f"{side['side']:>6}: {side['seconds']:8.2f} s  {side['tokens_per_s']:7.1f} tokens/s  "
            f"{side['texts_per_s']:6.3f} texts/s  padded {side['padded_share']:.1%}  "
            f"peak RSS {bench_common.gib(side['peak_rss_bytes'])}",
            flush=True,
        )
    speedup = plain["seconds"] / ours["seconds"]
    counted = fidelity >= FIDELITY_MIN
    results.update(
        plain=plain,
        ours=ours,
        fidelity={"mean_cosine": round(fidelity, 5), "min_cosine": round(float(cosines.min()), 5)},
        speedup_vs_plain=round(speedup, 3),
        speedup_counted=counted,
        ratios={
            "tokens_per_s": round(ours["tokens_per_s"] / plain["tokens_per_s"], 3),
            "padded_tokens": round(ours["padded_tokens"] / plain["padded_tokens"], 3),
            "peak_rss": round(ours["peak_rss_bytes"] / plain["peak_rss_bytes"], 3),
        },
    )
    if args.gpu:
        results["gpu_32x2048"] = gpu_batch(model)
        print(f"GPU 32 x 2048: {results['gpu_32x2048']}")
    path = bench_common.write_results("bench_embedding", results)
    print(f"fidelity: mean cosine {fidelity:.5f} (min {cosines.min():.5f}); results: {path}")
    if not counted:
        print(f"speed-up {speedup:.2f} not counted: fidelity {fidelity:.4f} < {FIDELITY_MIN}")
    print(f"speedup_vs_plain: {speedup if counted else 0.0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

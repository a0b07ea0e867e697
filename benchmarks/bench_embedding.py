"""Our embedding processor against plain ``SentenceTransformer.encode(texts, batch_size=32)``.

Both embed the same length-varied call transcripts (the app's demo
generator, cut to lengths spread log-uniformly) with a random-weight model
of Qwen3-Embedding-0.6B's exact shape (callcenter_ai.devtools.tiny_qwen3), each
in its own process so that peak memory is its own.  Reported per side:
seconds, tokens/s, texts/s, padded share (padding / all tokens run), peak
RSS; and the fidelity of our vectors (mean cosine to the plain fp32 vectors of
the same texts).  A speed-up with fidelity below 0.99 does not count.

Peers (``--peers``): sentence-transformers' own faster CPU backends on the
same texts and model, each in its own process: ``onnx`` and ``openvino``
(``SentenceTransformer(..., backend=...)``), ``onnx-int8`` (its
``export_dynamic_quantized_onnx_model``, AVX2 dynamic int8) and
``openvino-int8`` (OpenVINO's data-free 8-bit weight compression,
``load_in_8bit``).  They need ``optimum`` / ``onnxruntime`` / ``openvino``
(requirements-cpu-extra.txt), whose ``optimum`` pins an older transformers
than the app's: ``--peer-python`` runs them with another environment's
Python.  Each peer's exported model is cached beside the model folder.

``--long`` embeds 300-2,000-token transcripts chunked as the app chunks
calls (whole-call chunk up to ``max_tokens`` plus the client's and the
operator's turns), instead of 16-256-token cuts.

With a CUDA GPU (``--gpu``) it also runs one 32 x 2048 batch through our
processor: tokens/s, share of the GPU's bf16 dense peak (roofline) and peak
GPU memory.

    python benchmarks/bench_embedding.py [--quick] [--texts 40] [--model DIR] [--gpu]
        [--long] [--peers onnx,onnx-int8,openvino,openvino-int8] [--peer-python PY] [--peer-timeout S]
        [--name NAME]

Writes benchmarks/results/NAME.json (bench_embedding); last line ``speedup_vs_plain: X``
(with ``--peers``: ``speedup_vs_fastest_peer: X``, 0.00 when our fidelity < 0.99).
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


def long_call_texts(count: int, tokenizer: Any, max_tokens: int, seed: int = 0) -> list[str]:
    """Chunks of ``count`` transcripts of 300-2,000 tokens (log-uniform), chunked as the app chunks calls.

    Each transcript joins demo calls' turns until it reaches its length; the
    app's ``chunk_call`` then makes its whole-call chunks (up to
    ``max_tokens``) and its client-only and operator-only chunks.
    """
    from callcenter_ai.core.demo.generator import generate_calls
    from callcenter_ai.core.embedding.chunking import chunk_call
    from callcenter_ai.core.records import Turn

    class Counter:
        def count(self, texts: Any) -> list[int]:
            return [len(e.ids) for e in tokenizer.encode_batch(list(texts))]

        def windows(self, text: str, size: int) -> list[str]:
            offsets = tokenizer.encode(text, add_special_tokens=False).offsets
            return [
                text[offsets[i][0] : offsets[min(i + size, len(offsets)) - 1][1]] for i in range(0, len(offsets), size)
            ]

    rng = random.Random(seed)
    turns = [Turn(t["speaker"], t["text"]) for call in generate_calls(400, seed=seed) for t in call["turns"]]
    texts: list[str] = []
    for _ in range(count):
        target = int(math.exp(rng.uniform(math.log(300), math.log(2000))))
        start, call_turns = rng.randrange(len(turns)), list[Turn]()
        while sum(Counter().count(["\n".join(f"{t.speaker}: {t.text}" for t in call_turns)])) < target:
            call_turns.append(turns[(start + len(call_turns)) % len(turns)])
        texts += [c.text for c in chunk_call(tuple(call_turns), Counter(), max_tokens, side_vectors=True)]
    return texts


# -- one side, run in its own process ---------------------------------------------------------------

PEERS = ("torch", "onnx", "onnx-int8", "openvino", "openvino-int8")  # "torch": plain torch in the peers' environment


def peer_model(side: str, model: str) -> tuple[Any, float]:
    """sentence-transformers with the ``side`` backend, exported once into a folder beside ``model``."""
    import os
    import shutil

    from sentence_transformers import SentenceTransformer

    backend: Any = side.split("-", maxsplit=1)[0]
    folder = Path(model).with_name(Path(model).name + f"-{backend}")
    marker = folder / backend
    started = time.perf_counter()
    if backend == "torch":
        marker = folder / "model.safetensors"
    if not marker.exists():  # export once: torch -> ONNX / OpenVINO IR
        shutil.copytree(model, folder, dirs_exist_ok=True, copy_function=os.link)  # hard links: no 1.7 GB copy
        config_file = folder / "tokenizer_config.json"
        config = json.loads(config_file.read_text(encoding="utf-8"))
        if config.get("tokenizer_class") == "TokenizersBackend":  # transformers 5's name; the peers' 4.x reads it so
            config["tokenizer_class"] = "PreTrainedTokenizerFast"
            config_file.unlink()  # a hard link to the original: replace it, do not write through it
            config_file.write_text(json.dumps(config), encoding="utf-8")
        if backend != "torch":
            SentenceTransformer(str(folder), device="cpu", backend=backend, local_files_only=True).save(str(folder))
    kwargs: dict[str, Any] = {}
    if side == "onnx-int8":
        quantized = folder / "onnx" / "model_qint8_avx2.onnx"
        if (
            not quantized.is_file()
        ):  # what export_dynamic_quantized_onnx_model(..., "avx2") does, without its hub lookups
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(folder / "onnx" / "model.onnx", quantized, per_channel=True, weight_type=QuantType.QUInt8,
                             reduce_range=True, use_external_data_format=True)  # fmt: skip
        kwargs["model_kwargs"] = {"file_name": "onnx/model_qint8_avx2.onnx"}
    elif side == "openvino-int8":
        kwargs["model_kwargs"] = {"load_in_8bit": True}  # OpenVINO's data-free 8-bit weight compression (nncf)
    export_s = time.perf_counter() - started
    st = SentenceTransformer(str(folder), device="cpu", backend=backend, local_files_only=True, **kwargs)
    if backend == "onnx":  # the Qwen3 ONNX graph takes position ids, which sentence-transformers does not pass
        ort_model: Any = st[0].auto_model
        forward = ort_model.forward

        def with_positions(*args: Any, **inputs: Any) -> Any:
            if inputs.get("position_ids") is None and "attention_mask" in inputs:
                inputs["position_ids"] = (inputs["attention_mask"].long().cumsum(-1) - 1).clamp(min=0)
            return forward(*args, **inputs)

        ort_model.forward = with_positions
    return st, export_s


def worker(
    side: str, model: str, texts_file: Path, vectors_file: Path, repeat: int, options: dict[str, str]
) -> dict[str, Any]:
    import torch

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    export_s = None
    with bench_common.PeakRss() as peak:
        started = time.perf_counter()
        if side == "plain" or side in PEERS:
            from sentence_transformers import SentenceTransformer

            if side == "plain":
                st = SentenceTransformer(model, device="cpu", local_files_only=True)
            else:
                st, export_s = peer_model(side, model)
                started += export_s
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
        "export_s": None if export_s is None else round(export_s, 1),
        "seconds": round(min(times), 3),  # best of ``repeat``: other work on the machine only adds time
        "all_seconds": [round(t, 3) for t in times],
        "padded_tokens": padded,
        "peak_rss_bytes": peak.peak,
        "torch_threads": torch.get_num_threads(),
    }


def run_side(
    side: str,
    model: Path,
    texts_file: Path,
    folder: Path,
    repeat: int,
    options: list[str],
    python: str = sys.executable,
    timeout: float | None = None,
) -> tuple[dict[str, Any], np.ndarray]:
    vectors_file = folder / f"{side}.npy"
    cmd = [python, __file__, "--worker", side, "--model", str(model), "--texts-file", str(texts_file),
           "--vectors-file", str(vectors_file), "--repeat", str(repeat)]  # fmt: skip
    for option in options:
        cmd += ["--ours", option]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=_offline_env(), timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"side": side, "failed": f"stopped after the --peer-timeout of {timeout} s"}, np.zeros(0)
    if done.returncode != 0:
        if side in PEERS:
            return {"side": side, "failed": done.stderr[-3000:]}, np.zeros(0)
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


def _peer_fidelity(run: dict[str, Any]) -> float:
    fidelity: dict[str, float] = run["fidelity"]
    return fidelity.get("mean_cosine_to_peer_torch", fidelity["mean_cosine"])


def _offline_env() -> dict[str, str]:
    import os

    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}


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
    parser.add_argument("--long", action="store_true", help="300-2,000-token transcripts chunked as the app does")
    parser.add_argument("--peers", default="", help=f"comma-separated peers to run too: {','.join(PEERS)}")
    parser.add_argument("--peer-python", default=sys.executable, help="the Python that runs the peers")
    parser.add_argument("--peer-timeout", type=float, default=900, help="seconds a peer may take, export included")
    parser.add_argument("--name", default="bench_embedding", help="results file benchmarks/results/NAME.json")
    parser.add_argument("--worker", choices=("plain", "ours", *PEERS), help=argparse.SUPPRESS)
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
    peers = [p for p in args.peers.split(",") if p]
    if unknown := sorted(set(peers) - set(PEERS)):
        raise SystemExit(f"--peers: unknown {unknown}; known: {', '.join(PEERS)}")
    if args.long:
        texts = long_call_texts(4 if args.quick else max(1, count // 8), tokenizer, max_tokens=2048)
        count = len(texts)
    else:
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
        peer_runs, peer_vectors = [], {}
        for peer in peers:
            print(f"peer {peer} ...", flush=True)
            run, vectors = run_side(
                peer, model, texts_file, folder, repeat, [], python=args.peer_python, timeout=args.peer_timeout
            )
            if "failed" not in run:
                run["padded_tokens"] = plain_padded_tokens(texts, lengths, PLAIN_BATCH)
                cos = np.sum(plain_vectors * vectors, axis=1)
                run["fidelity"] = {"mean_cosine": round(float(cos.mean()), 5), "min_cosine": round(float(cos.min()), 5)}
            else:
                print(f"peer {peer} failed: {run['failed'][-600:]}", flush=True)
            peer_runs.append(run)
            if "failed" not in run:
                peer_vectors[peer] = vectors
    if "torch" in peer_vectors:  # the peers' own fp32 reference: what their backend and int8 cost, apart from versions
        for run in peer_runs:
            if "fidelity" in run:
                cos = np.sum(peer_vectors["torch"] * peer_vectors[run["side"]], axis=1)
                run["fidelity"]["mean_cosine_to_peer_torch"] = round(float(cos.mean()), 5)
    cosines = np.sum(plain_vectors * our_vectors, axis=1)
    fidelity = float(cosines.mean())
    measured_peers = [r for r in peer_runs if "failed" not in r]
    for side in (plain, ours, *measured_peers):
        side["tokens_per_s"] = round(tokens / side["seconds"], 2)
        side["texts_per_s"] = round(count / side["seconds"], 3)
        side["padded_share"] = round(1 - tokens / side["padded_tokens"], 3)
        print(
            f"{side['side']:>6}: {side['seconds']:8.2f} s  {side['tokens_per_s']:7.1f} tokens/s  "
            f"{side['texts_per_s']:6.3f} texts/s  padded {side['padded_share']:.1%}  "
            f"peak RSS {bench_common.gib(side['peak_rss_bytes'])}"
            + (f"  fidelity {side['fidelity']['mean_cosine']:.5f}" if "fidelity" in side else "")
            + (f" (own fp32 {_peer_fidelity(side):.5f})" if "torch" in peer_vectors and "fidelity" in side else ""),
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
    if peers:
        results["peers"] = peer_runs
        # A peer's int8 is judged against its own environment's fp32 (the ``torch`` peer) when that ran: the
        # peers' older transformers gives other vectors for the same weights (0.956 to the app's plain, torch too).
        good = [r for r in measured_peers if _peer_fidelity(r) >= FIDELITY_MIN]
        fastest = min(good, key=lambda r: r["seconds"]) if good else None
        results["fastest_peer"] = fastest["side"] if fastest else None
        vs_peer = fastest["seconds"] / ours["seconds"] if fastest else None
        results["speedup_vs_fastest_peer"] = None if vs_peer is None else round(vs_peer, 3)
        results["load_average_1m_end"] = round(__import__("os").getloadavg()[0], 2)
    if args.gpu:
        results["gpu_32x2048"] = gpu_batch(model)
        print(f"GPU 32 x 2048: {results['gpu_32x2048']}")
    path = bench_common.write_results(args.name, results)
    print(f"fidelity: mean cosine {fidelity:.5f} (min {cosines.min():.5f}); results: {path}")
    if not counted:
        print(f"speed-up {speedup:.2f} not counted: fidelity {fidelity:.4f} < {FIDELITY_MIN}")
    if peers:
        print(f"speedup_vs_plain: {speedup if counted else 0.0:.2f}")
        if vs_peer is None:
            print("no peer measured at fidelity >= 0.99")
        else:
            print(f"fastest peer at fidelity >= {FIDELITY_MIN}: {results['fastest_peer']}")
        print(f"speedup_vs_fastest_peer: {vs_peer if counted and vs_peer else 0.0:.2f}")
        return 0
    print(f"speedup_vs_plain: {speedup if counted else 0.0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The CUDA checks of the embedding processor, as one prepared run on a machine with an NVIDIA GPU.

Runs the real :class:`OptimizedEmbeddingProcessor` on a random-weight model of
Qwen3-Embedding-0.6B's exact shape (built here, as bench_embedding does):

1. ``precision``: fp32, bf16 and fp16 on the GPU over the same call-like texts
   (16-2,048 tokens): seconds, tokens/s, peak GPU memory, NaN redos, and the
   fidelity of bf16 / fp16 (mean and min cosine to the fp32 vectors);
2. ``unload``: CUDA memory before loading, loaded, after a batch and after
   unloading (allocated and reserved by torch, used by NVML);
3. ``oom_ladder``: a 64 x 2,048 batch under a per-process memory cap a little
   above the weights: the real CUDA out-of-memory error, the ladder halving
   the batch, and the vectors against an uncapped run; then a cap at the
   weights alone, which leaves nothing for a batch of one: the ladder ends on
   the CPU and still embeds;
4. ``roofline``: bench_embedding's 32 x 2,048 batch (tokens/s, share of the
   card's dense bf16 peak, peak memory) and the same texts through plain
   ``SentenceTransformer.encode(batch_size=32)`` in bf16 side by side, and a
   mixed-length set (16-2,048 tokens) both ways;
5. ``faiss_gpu``: whether GPU FAISS is importable, and if so the app's own GPU
   index path (core.index.kinds) against the CPU on the same vectors;
6. ``diagnostics``: ``memory_diagnostics.py --json --load-model`` on the card.

Each step is recorded even when it fails.  Results go to OUT/gpu_check.json
(``--out``), step by step, so a run stopped at its limit still leaves them.

    python benchmarks/gpu_check.py [--out DIR] [--model DIR] [--tiny] [--device cuda|cpu]

``--tiny --device cpu`` runs the same steps on the tiny test model on the CPU
(the CUDA-only parts say they were skipped): a check of the script itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_common
import bench_embedding
import numpy as np

MIB = 2**20


def processor_for(model: Path, device: str, precision: str, **extra: Any) -> Any:
    from callcenter_ai.core.embedding.processor import OptimizedEmbeddingProcessor
    from callcenter_ai.core.settings import load_settings

    overrides = {"model": str(model), "device": device, "precision": precision, "idle_unload_s": 0, **extra}
    return OptimizedEmbeddingProcessor(load_settings(tempfile.mkdtemp(), overrides=overrides, environ={}))


def cuda_figures() -> dict[str, int | None]:
    import torch

    from callcenter_ai.core.embedding.device import nvml_free_bytes

    if not torch.cuda.is_available():
        return {"allocated": None, "reserved": None, "nvml_used": None}
    free = nvml_free_bytes(torch.cuda.current_device())
    total = torch.cuda.get_device_properties(0).total_memory
    return {
        "allocated": int(torch.cuda.memory_allocated()),
        "reserved": int(torch.cuda.memory_reserved()),
        "nvml_used": None if free is None else int(total - free),
    }


def embed(processor: Any, ids: list[list[int]]) -> tuple[np.ndarray, float, int]:
    """Vectors, seconds (synchronised) and peak CUDA bytes of one encode of ``ids``."""
    import torch

    cuda = torch.cuda.is_available() and processor.device == "cuda"
    if cuda:
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    vectors = np.zeros((len(ids), processor.dims), dtype=np.float32)
    started = time.perf_counter()
    for report in processor.encode_stream(ids):
        vectors[report.indices] = report.vectors
    if cuda:
        torch.cuda.synchronize()
    return vectors, time.perf_counter() - started, int(torch.cuda.max_memory_allocated()) if cuda else 0


def cosines(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    c = np.sum(a * b, axis=1)
    return {"mean_cosine": round(float(c.mean()), 5), "min_cosine": round(float(c.min()), 5)}


def events_of(processor: Any) -> list[str]:
    return [f"{e.kind}: {e.message}" for e in processor.events.events()]


# -- the steps ------------------------------------------------------------------------------------


def step_environment(ctx: dict[str, Any]) -> dict[str, Any]:
    import torch

    info: dict[str, Any] = {
        "python": sys.version.split()[0],
        "versions": bench_common.versions("torch", "sentence-transformers", "transformers", "numpy"),
        "cuda_available": torch.cuda.is_available(),
        "torch_cuda": torch.version.cuda,
    }
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        info.update(
            gpu=torch.cuda.get_device_name(0),
            capability=f"{props.major}.{props.minor}",
            total_bytes=int(props.total_memory),
            multiprocessors=props.multi_processor_count,
            bf16_supported=bool(torch.cuda.is_bf16_supported()),
        )
    smi = (
        subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, check=False)
        if _has("nvidia-smi")
        else None
    )
    info["nvidia_smi"] = smi.stdout.strip() if smi else "nvidia-smi not found"
    hub = Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface")) / "hub"
    info["hub_cache_qwen3"] = sorted(p.name for p in hub.glob("models--Qwen--Qwen3-Embedding*")) if hub.is_dir() else []
    return info


def _has(program: str) -> bool:
    from shutil import which

    return which(program) is not None


def step_precision(ctx: dict[str, Any]) -> dict[str, Any]:
    from tokenizers import Tokenizer

    model, device = ctx["model"], ctx["device"]
    tokenizer = Tokenizer.from_file(str(model / "tokenizer.json"))
    texts = bench_embedding.build_texts(ctx["texts"], 16, 2048, tokenizer, seed=1)
    out: dict[str, Any] = {}
    reference = None
    for precision in ("fp32", "bf16", "fp16"):
        processor = processor_for(model, device, precision)
        stages = {"before_load": cuda_figures()}
        started = time.perf_counter()
        processor.load()
        load_s = time.perf_counter() - started
        stages["loaded"] = cuda_figures()
        ids = processor.tokenize(texts)
        embed(processor, ids[:2])  # warm-up (kernels, allocator)
        vectors, seconds, peak = embed(processor, ids)
        stages["after_batch"] = cuda_figures()
        tokens = sum(len(i) for i in ids)
        run: dict[str, Any] = {
            "state": processor.state,
            "load_s": round(load_s, 2),
            "texts": len(ids),
            "tokens": tokens,
            "seconds": round(seconds, 3),
            "tokens_per_s": round(tokens / seconds, 1),
            "peak_cuda_bytes": peak,
            "finite": bool(np.isfinite(vectors).all()),
            "events": events_of(processor),
        }
        figures = processor.unload()
        stages["unloaded"] = cuda_figures()
        run["unload_figures"], run["memory"] = figures, stages
        if precision == "fp32":
            reference = vectors
        else:
            assert reference is not None
            run["fidelity_vs_fp32"] = cosines(reference, vectors)
        out[precision] = run
        print(f"  {precision}: {json.dumps({k: v for k, v in run.items() if k != 'memory'})}", flush=True)
    ctx["mixed_texts"] = texts
    return out


def step_oom_ladder(ctx: dict[str, Any]) -> dict[str, Any]:
    import torch

    if ctx["device"] != "cuda":
        return {"skipped": "the out-of-memory ladder needs CUDA's per-process memory cap"}
    model = ctx["model"]
    probe = processor_for(model, "cuda", "bf16", batch_size=64, batch_token_budget=64 * 2048)
    probe.load()
    from callcenter_ai.core.diagnostics.load_probe import test_token_ids

    ids = test_token_ids(probe, 64, 2048)
    reference, seconds, peak = embed(probe, ids)
    probe.unload()
    total = torch.cuda.get_device_properties(0).total_memory
    result: dict[str, Any] = {"uncapped": {"seconds": round(seconds, 3), "peak_cuda_bytes": peak, "batch": "64 x 2048"}}

    capped = processor_for(model, "cuda", "bf16", batch_size=64, batch_token_budget=64 * 2048)
    capped.load()
    base = int(torch.cuda.memory_reserved())
    headroom = int(1.5 * 2**30)
    torch.cuda.set_per_process_memory_fraction(min(1.0, (base + headroom) / total))
    try:
        vectors, seconds, peak = embed(capped, ids)
        result["capped"] = {
            "cap_bytes": base + headroom,
            "seconds": round(seconds, 3),
            "peak_cuda_bytes": peak,
            "batch_size_after": capped.batch_size,
            "state_after": capped.state,
            "events": events_of(capped),
            "fidelity_vs_uncapped": cosines(reference, vectors),
        }
        print(f"  capped: {json.dumps(result['capped'])}", flush=True)
        # Now no room for any batch at all: the ladder must end on the CPU and still embed.
        torch.cuda.empty_cache()
        base = int(torch.cuda.memory_reserved())
        torch.cuda.set_per_process_memory_fraction(min(1.0, (base + 2 * MIB) / total))
        short = test_token_ids(capped, 2, 600)
        before = len(capped.events.events())
        vectors, seconds, _ = embed(capped, short)
        result["no_room"] = {
            "cap_bytes": base + 2 * MIB,
            "seconds": round(seconds, 3),
            "state_after": capped.state,
            "device_after": capped.device,
            "finite": bool(np.isfinite(vectors).all()),
            "norms": [round(float(n), 4) for n in np.linalg.norm(vectors, axis=1)],
            "events": events_of(capped)[before:],
        }
        print(f"  no room: {json.dumps(result['no_room'])}", flush=True)
    finally:
        torch.cuda.set_per_process_memory_fraction(1.0)
        capped.unload()
    result["after_unload"] = cuda_figures()
    return result


def _sync_and_reset() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()


def _peak() -> int:
    import torch

    if not torch.cuda.is_available():
        return 0
    torch.cuda.synchronize()
    return int(torch.cuda.max_memory_allocated())


def step_roofline(ctx: dict[str, Any]) -> dict[str, Any]:
    import torch
    from sentence_transformers import SentenceTransformer

    from callcenter_ai.core.diagnostics.load_probe import test_token_ids

    model, device = ctx["model"], ctx["device"]
    results: dict[str, Any] = {}
    if device == "cuda":
        results["ours_32x2048"] = bench_embedding.gpu_batch(model)
        print(f"  ours 32 x 2048: {json.dumps(results['ours_32x2048'])}", flush=True)
    # The same 32 x 2048 token ids as text, and the mixed set, through plain sentence-transformers in bf16.
    probe = processor_for(model, device, "bf16")
    ids = test_token_ids(probe, 32, min(2048, probe.context_limit))
    square = [probe._st.tokenizer.decode(i[:-1]) for i in ids]  # the processor's own tokenizer
    mixed = ctx.get("mixed_texts") or []
    mixed_ids = probe.tokenize(mixed)
    embed(probe, mixed_ids[:2])
    _, ours_mixed_s, ours_mixed_peak = embed(probe, mixed_ids)
    probe.unload()
    plain = SentenceTransformer(str(model), device=device, model_kwargs={"dtype": torch.bfloat16})
    plain.encode(square[:2], batch_size=32)
    for name, texts in (("32x2048", square), ("mixed", mixed)):
        if not texts:
            continue
        _sync_and_reset()
        started = time.perf_counter()
        plain.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True)
        peak = _peak()
        results[f"plain_{name}"] = {"seconds": round(time.perf_counter() - started, 3), "peak_cuda_bytes": peak}
    del plain
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    mixed_tokens = sum(len(i) for i in mixed_ids)
    results["ours_mixed"] = {
        "texts": len(mixed_ids),
        "tokens": mixed_tokens,
        "seconds": round(ours_mixed_s, 3),
        "tokens_per_s": round(mixed_tokens / ours_mixed_s, 1),
        "peak_cuda_bytes": ours_mixed_peak,
    }
    ours = results.get("ours_32x2048") or {}
    if "plain_32x2048" in results and ours.get("seconds"):
        results["speedup_vs_plain_32x2048"] = round(results["plain_32x2048"]["seconds"] / ours["seconds"], 3)
    if "plain_mixed" in results:
        results["speedup_vs_plain_mixed"] = round(results["plain_mixed"]["seconds"] / ours_mixed_s, 3)
    return results


def step_faiss_gpu(ctx: dict[str, Any]) -> dict[str, Any]:
    found = sorted(
        str(p) for d in ("/usr", "/opt", "/usr/local") for p in Path(d).rglob("libcublas.so.12*") if p.exists()
    )[:4]
    try:
        import faiss
    except ImportError as exc:
        return {"importable": False, "error": str(exc), "libcublas_so_12": found}
    from callcenter_ai.core.index import kinds

    info: dict[str, Any] = {
        "importable": True,
        "version": getattr(faiss, "__version__", "?"),
        "gpus": int(faiss.get_num_gpus()) if hasattr(faiss, "get_num_gpus") else 0,
        "app_sees_gpu": bool(kinds.gpu_available()),
    }
    return info


def step_diagnostics(ctx: dict[str, Any]) -> dict[str, Any]:
    home = tempfile.mkdtemp()
    cmd = [sys.executable, str(bench_common.ROOT / "memory_diagnostics.py"), "--json", "--home", home]
    cmd += ["--load-model", str(ctx["model"])]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240, check=False)
    result: dict[str, Any] = {"exit_status": done.returncode, "stderr_tail": done.stderr[-1500:]}
    try:
        result["report"] = json.loads(done.stdout)
    except json.JSONDecodeError:
        result["stdout_tail"] = done.stdout[-3000:]
    return result


STEPS: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = [
    ("environment", step_environment),
    ("precision", step_precision),
    ("oom_ladder", step_oom_ladder),
    ("roofline", step_roofline),
    ("faiss_gpu", step_faiss_gpu),
    ("diagnostics", step_diagnostics),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("OUT") or bench_common.RESULTS))
    parser.add_argument("--model", type=Path, default=None, help="model folder (built if missing)")
    parser.add_argument("--tiny", action="store_true", help="the tiny test model (a check of this script)")
    parser.add_argument("--device", choices=("cuda", "cpu"), default="cuda")
    parser.add_argument("--texts", type=int, default=96, help="mixed-length texts for the precision step")
    parser.add_argument("--only", default="", help="comma-separated steps to run (default: all)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.tiny:
        from callcenter_ai.devtools.tiny_qwen3 import build_tiny_qwen3

        model = args.model or Path(tempfile.mkdtemp()) / "tiny"
        if not (model / "config.json").is_file():
            build_tiny_qwen3(model)
    else:
        model = bench_embedding.ensure_model(args.model or Path(tempfile.gettempdir()) / "qwen3-0.6b-shape")
    ctx: dict[str, Any] = {"model": model, "device": args.device, "texts": args.texts}
    results: dict[str, Any] = {
        "benchmark": "gpu_check",
        "machine": bench_common.machine(),
        "model": "tiny test model" if args.tiny else "Qwen3-Embedding-0.6B shape, random weights",
        "model_build_s": round(time.perf_counter() - started, 1),
    }
    path = args.out / "gpu_check.json"
    chosen = [s for s in args.only.split(",") if s]
    for name, step in STEPS:
        if chosen and name not in chosen:
            continue
        print(f"== {name}", flush=True)
        step_started = time.perf_counter()
        try:
            results[name] = step(ctx)
        except Exception as exc:  # record and go on: the next steps still tell something
            results[name] = {"failed": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()[-3000:]}
            print(results[name]["traceback"], flush=True)
        results[name + "_s"] = round(time.perf_counter() - step_started, 1)
        path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if k not in ("machine",)}, default=str)[:6000])
    print(f"results: {path} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

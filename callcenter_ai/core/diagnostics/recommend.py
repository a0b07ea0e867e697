"""Recommendations and warnings derived from what the diagnostics measured.

Rules (the numbers live in :mod:`callcenter_ai.core.diagnostics.sizing`):

* device: CUDA when NVML sees a GPU, torch was built with CUDA and the GPU's
  free memory holds the half-precision weights, the CUDA context and one
  2048-token chunk; otherwise the CPU.
* precision: bf16 on GPUs of compute capability 8.0 or newer (Ampere on),
  fp16 before that (Qwen3 can overflow to NaN in fp16: check); on the CPU
  ``auto`` (the processor's int8 for large models, fp32 for small ones).
* batch token budget: 90 % of the GPU's free memory, less weights and
  context, divided by the bytes one padded token needs; on the CPU half the
  RAM left after loading, and no more tokens than embed in about 30 s at the
  measured (or reference) speed, so that progress and cancel stay responsive.
* context length: 2048 tokens where the GPU budget allows; on the CPU the
  longest power of two that embeds in about 10 s at the measured (or
  reference) speed, between 256 and 2048.
* batch size: budget // context length, between 1 and 64.
* Matryoshka dims: the largest of 1024 / 512 / 256 whose float32 vectors for
  every stored chunk fit in a quarter of the RAM.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from callcenter_ai.core.diagnostics.sizing import (
    CUDA_CONTEXT_BYTES,
    GIB,
    ModelSize,
    bytes_per_token,
    ram_to_load,
)
from callcenter_ai.core.settings import Settings

CPU_TOKENS_PER_S = 77.0  # Qwen3-0.6B-shaped forward, fp32, 2 cores (FACTS)
CPU_CHUNK_SECONDS = 10.0
CPU_BATCH_SECONDS = 30.0
GPU_MAX_BUDGET = 131_072
MAX_BATCH = 64
INDEX_RAM_SHARE = 0.25
DIMS_CHOICES = (1024, 512, 256)
RAM_NEARLY_FULL_PERCENT = 90.0


@dataclass(frozen=True)
class Finding:
    level: str  # "info", "warning" or "error"
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def gib(n: float | None) -> str:
    """Bytes for people: GiB, or MiB below one GiB."""
    if n is None:
        return "?"
    return f"{n / GIB:.1f} GiB" if abs(n) >= GIB else f"{n / 1024**2:.0f} MiB"


def _pow2_floor(n: float) -> int:
    p = 1
    while p * 2 <= n:
        p *= 2
    return p


@dataclass
class Context:
    """What the rules read: the measured report sections, settings and the model's size."""

    settings: Settings
    ram: dict[str, Any]
    swap: dict[str, Any]
    cpu: dict[str, Any]
    gpu: dict[str, Any]
    software: dict[str, Any]
    size: ModelSize
    system: str
    vectors: int | None = None
    measured_tokens_per_s: float | None = None
    measured_bytes_per_token: int | None = None


def recommend(ctx: Context) -> tuple[dict[str, Any], list[Finding]]:
    findings: list[Finding] = []
    reasons: dict[str, str] = {}
    device, gpu_free = _choose_device(ctx, findings, reasons)
    precision = _choose_precision(ctx, device, findings, reasons)
    _check_memory(ctx, device, findings)
    if device == "cuda":
        budget = _gpu_token_budget(ctx, gpu_free, reasons)
        max_tokens = max(256, min(2048, _pow2_floor(max(budget, 1))))
        reasons["max_tokens"] = "2048 unless the GPU budget holds less"
    else:
        rate = ctx.measured_tokens_per_s or CPU_TOKENS_PER_S * max(1, (ctx.cpu.get("physical_cores") or 2)) / 2
        source = "measured" if ctx.measured_tokens_per_s else "reference"
        max_tokens = max(256, min(2048, _pow2_floor(rate * CPU_CHUNK_SECONDS)))
        reasons["max_tokens"] = (
            f"a chunk should embed in about {CPU_CHUNK_SECONDS:.0f} s at {rate:.0f} tokens/s ({source})"
        )
        budget = _cpu_token_budget(ctx, rate, max_tokens, reasons)
    batch = max(1, min(MAX_BATCH, budget // max_tokens))
    reasons["batch_size"] = f"token budget {budget} // context {max_tokens}, between 1 and {MAX_BATCH}"
    if budget < 512:
        findings.append(
            Finding(
                "warning",
                "batch_memory_low",
                f"memory left for batches holds only {budget} tokens: embedding will crawl",
            )
        )
    dims = _choose_dims(ctx, findings, reasons)
    recs: dict[str, Any] = {
        "device": device,
        "precision": precision,
        "batch_size": batch,
        "batch_token_budget": batch * max_tokens,
        "max_tokens": max_tokens,
        "dims": dims,
        "reasons": reasons,
    }
    if ctx.settings.device == "auto" and (device == "cuda") == bool(ctx.software.get("cuda_available")):
        recs["device"] = "auto"  # auto already picks this device
    changes = {k: recs[k] for k in ("device", "precision", "batch_size", "batch_token_budget", "max_tokens", "dims")}
    changes = {k: v for k, v in changes.items() if getattr(ctx.settings, k) != v}
    recs["settings_changes"] = changes
    if changes:
        recs["apply"] = "python -m callcenter_ai settings set " + " ".join(f"{k}={v}" for k, v in changes.items())
    return recs, findings


def _choose_device(ctx: Context, findings: list[Finding], reasons: dict[str, str]) -> tuple[str, int]:
    devices = ctx.gpu.get("devices") or []
    if ctx.gpu.get("status") == "error":
        findings.append(Finding("warning", "nvml_error", str(ctx.gpu.get("message"))))
    if not devices:
        reasons["device"] = f"no GPU ({ctx.gpu.get('message') or 'NVML lists none'})"
        if ctx.settings.device == "cuda":
            findings.append(
                Finding("warning", "cuda_setting_without_gpu", "settings ask for device=cuda but there is no GPU")
            )
        return "cpu", 0
    best = max(devices, key=lambda d: int(d["free_bytes"]))
    free = int(best["free_bytes"])
    weights = ctx.size.weights_bytes(2) or int(1.11 * GIB)
    need = weights + CUDA_CONTEXT_BYTES + bytes_per_token(ctx.size, "cuda") * 2048
    if not ctx.software.get("cuda_available"):
        reasons["device"] = f"GPU {best['name']} present but torch cannot use CUDA"
        findings.append(
            Finding(
                "warning",
                "torch_without_cuda",
                f"GPU {best['name']} is present but torch {ctx.software.get('torch')} has no CUDA: "
                "install a CUDA build of torch to embed on it",
            )
        )
        return "cpu", 0
    if free < need:
        reasons["device"] = f"GPU {best['name']} has {gib(free)} free, needs about {gib(need)}"
        findings.append(
            Finding(
                "warning", "gpu_memory_low", f"GPU {best['name']}: {gib(free)} free, the model needs about {gib(need)}"
            )
        )
        return "cpu", 0
    reasons["device"] = f"GPU {best['name']} with {gib(free)} free (needs about {gib(need)})"
    return "cuda", free


def _choose_precision(ctx: Context, device: str, findings: list[Finding], reasons: dict[str, str]) -> str:
    if device == "cpu":
        bf16 = ctx.cpu.get("avx512_bf16") or ctx.cpu.get("amx_bf16")
        note = (
            "; this CPU has bf16 instructions: measure bf16 with benchmarks/bench_embedding.py"
            if bf16
            else "; without AVX-512 BF16/AMX, bf16 and fp16 are emulated and slow"
        )
        reasons["precision"] = (
            "on the CPU auto quantises a large model's Linear layers to int8 and keeps small ones in fp32" + note
        )
        return ctx.settings.precision if ctx.settings.precision in ("auto", "fp32", "int8") else "auto"
    capabilities = [d.get("compute_capability") for d in ctx.gpu.get("devices") or []]
    major = max((float(c) for c in capabilities if c), default=0.0)
    if ctx.software.get("bf16_supported") or major >= 8.0:
        reasons["precision"] = f"compute capability {major or '?'} supports bf16 (no fp16 overflow to NaN)"
        return "bf16"
    reasons["precision"] = f"compute capability {major or '?'} lacks fast bf16: fp16, outputs checked for NaN"
    findings.append(
        Finding("info", "fp16_nan_risk", "fp16 can overflow to NaN with Qwen3: the processor must check outputs")
    )
    return "fp16"


def _check_memory(ctx: Context, device: str, findings: list[Finding]) -> None:
    need = ram_to_load(ctx.size, device)
    available = int(ctx.ram["available_bytes"])
    swap_free = int(ctx.swap["free_bytes"])
    kind = ctx.swap.get("kind", "swap")
    if float(ctx.ram.get("percent", 0)) >= RAM_NEARLY_FULL_PERCENT:
        findings.append(Finding("warning", "ram_nearly_full", f"RAM is {ctx.ram['percent']:.0f} % used"))
    if need is None:
        findings.append(Finding("info", "model_size_unknown", f"size of {ctx.size.name!r} unknown: memory not checked"))
        return
    if available + swap_free < need:
        findings.append(
            Finding(
                "warning",
                "swap_too_small",
                f"available RAM {gib(available)} + free {kind} {gib(swap_free)} is less than the about {gib(need)} "
                f"needed to load {ctx.size.name} on {device}: loading will fail (on Windows: os error 1455, "
                f"'the paging file is too small'). Enlarge the {kind} by {gib(need - available - swap_free)} "
                "or more, or close programs",
            )
        )
    elif available < need:
        findings.append(
            Finding(
                "warning",
                "ram_low",
                f"available RAM {gib(available)} is below the about {gib(need)} the model needs: "
                "it will swap and be slow",
            )
        )
    if ctx.system == "Windows" and int(ctx.swap["total_bytes"]) < need:
        findings.append(
            Finding(
                "warning",
                "page_file_small",
                f"the page file ({gib(ctx.swap['total_bytes'])}) is smaller than the model needs ({gib(need)}): "
                "Windows commits memory against it and may refuse with os error 1455 even with free RAM; "
                "set it to 'system managed' or at least that size",
            )
        )


def _gpu_token_budget(ctx: Context, gpu_free: int, reasons: dict[str, str]) -> int:
    weights = ctx.size.weights_bytes(2) or int(1.11 * GIB)
    spare = int(gpu_free * 0.9) - weights - CUDA_CONTEXT_BYTES
    per_token = bytes_per_token(ctx.size, "cuda")
    reasons["batch_token_budget"] = f"{gib(spare)} of GPU memory for batches at {per_token // 1024} KiB per token"
    return int(min(GPU_MAX_BUDGET, max(0, spare) // per_token))


def _cpu_token_budget(ctx: Context, rate: float, max_tokens: int, reasons: dict[str, str]) -> int:
    per_token = ctx.measured_bytes_per_token or bytes_per_token(ctx.size, "cpu")
    spare = (int(ctx.ram["available_bytes"]) - (ram_to_load(ctx.size, "cpu") or 0)) // 2
    by_memory = max(0, spare) // per_token
    by_time = max(max_tokens, _pow2_floor(rate * CPU_BATCH_SECONDS))
    source = "measured" if ctx.measured_bytes_per_token else "reference"
    reasons["batch_token_budget"] = (
        f"memory: half the RAM left after loading ({gib(spare)}) at {per_token // 1024} KiB per token ({source}) "
        f"holds {by_memory}; time: about {CPU_BATCH_SECONDS:.0f} s per batch at {rate:.0f} tokens/s is {by_time}"
    )
    return int(min(by_memory, by_time))


def _choose_dims(ctx: Context, findings: list[Finding], reasons: dict[str, str]) -> int:
    vectors = ctx.vectors or 0
    limit = float(ctx.ram["total_bytes"]) * INDEX_RAM_SHARE
    for dims in DIMS_CHOICES:
        if vectors * dims * 4 <= limit:
            stored = "no store yet" if ctx.vectors is None else f"{vectors} stored chunks"
            reasons["dims"] = f"{stored} x {dims} dims fit in a quarter of the RAM ({gib(limit)})"
            return dims
    smallest = DIMS_CHOICES[-1]
    reasons["dims"] = f"{vectors} chunks exceed a quarter of the RAM even at {smallest} dims"
    findings.append(
        Finding(
            "warning", "index_too_big", f"{vectors} vectors x {smallest} dims need {gib(vectors * smallest * 4)} of RAM"
        )
    )
    return smallest

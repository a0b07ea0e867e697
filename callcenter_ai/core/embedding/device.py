"""Choosing where and in which precision to embed, and reading memory figures.

CUDA is used when torch sees a GPU and NVML reports enough free memory;
otherwise the CPU.  Half precision on CUDA is bf16 where the card supports
it, fp16 otherwise.  On the CPU bf16 and fp16 are emulated without AVX-512
BF16/AMX (bf16 measured ~13x slower than fp32), so ``auto`` there means int8
dynamic quantisation of the Linear layers for a model big enough to gain from
it, fp32 otherwise (decided once the model is loaded: see quantize.py and
docs/EMBEDDERS.md, "CPU speed").  ``int8`` is a CPU precision only.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

GIB = 1024**3
# Weights of Qwen3-Embedding-0.6B in half precision plus a 32 x 2048 batch, with room to spare.
CUDA_MIN_FREE_BYTES = int(3.0 * GIB)
# int8 (and CPU auto, resolved after loading) loads fp32 weights, then quantises them.
PRECISION_DTYPES = {"fp32": "float32", "bf16": "bfloat16", "fp16": "float16", "int8": "float32", "auto": "float32"}


@dataclass(frozen=True)
class Placement:
    device: str  # "cuda" or "cpu"
    precision: str  # "fp32", "bf16", "fp16", "int8" (CPU), or "auto" on the CPU until the model is loaded
    reason: str


def nvml_free_bytes(index: int = 0) -> int | None:
    """Free memory of GPU ``index`` by NVML, or None without a driver."""
    try:
        import pynvml

        pynvml.nvmlInit()
        try:
            handle = pynvml.nvmlDeviceGetHandleByIndex(index)
            return int(pynvml.nvmlDeviceGetMemoryInfo(handle).free)
        finally:
            pynvml.nvmlShutdown()
    except Exception as exc:  # NVMLError_LibraryNotFound and friends: no usable driver
        log.debug("NVML unavailable: %s", exc)
        return None


def cuda_available() -> bool:
    import torch

    return bool(torch.cuda.is_available())


def choose_placement(device: str, precision: str, min_free_bytes: int = CUDA_MIN_FREE_BYTES) -> Placement:
    """Resolve the ``device`` and ``precision`` settings to what this machine can do."""
    import torch

    if device == "cpu" or (device == "auto" and not cuda_available()):
        reason = "device=cpu in settings" if device == "cpu" else "no CUDA GPU visible to torch"
        return Placement("cpu", cpu_precision(precision), reason)
    if not cuda_available():
        return Placement("cpu", cpu_precision(precision), "device=cuda requested but torch sees no CUDA GPU")
    free = nvml_free_bytes(torch.cuda.current_device())
    if free is None:
        free, _total = torch.cuda.mem_get_info()
    if device == "auto" and free < min_free_bytes:
        reason = f"GPU has {free / GIB:.1f} GiB free, {min_free_bytes / GIB:.1f} GiB needed"
        return Placement("cpu", cpu_precision(precision), reason)
    chosen = precision
    note = ""
    if precision in ("auto", "bf16", "int8"):
        chosen = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
        note = "; int8 is for the CPU only" if precision == "int8" else ""
    return Placement("cuda", chosen, f"CUDA GPU with {free / GIB:.1f} GiB free{note}")


def cpu_precision(precision: str) -> str:
    """An explicit choice is kept; ``auto`` stays ``auto`` until the loaded model says int8 or fp32."""
    return precision


def torch_dtype(precision: str) -> Any:
    import torch

    return getattr(torch, PRECISION_DTYPES[precision])


def process_rss_bytes() -> int:
    import psutil

    return int(psutil.Process(os.getpid()).memory_info().rss)


def cuda_memory() -> dict[str, int]:
    """Allocated and peak bytes on the current CUDA device (zeros without CUDA)."""
    import torch

    if not torch.cuda.is_available():
        return {"allocated": 0, "peak": 0}
    return {"allocated": int(torch.cuda.memory_allocated()), "peak": int(torch.cuda.max_memory_allocated())}

"""Loading a sentence-transformers model with SDPA attention, and what to say when it fails.

Out of memory while loading (``MemoryError``, Windows "paging file too small"
= os error 1455, CUDA OOM) on the GPU moves to the CPU; on the CPU it becomes
a :class:`ModelUnavailableError` whose hint says what to change, and callers
may then use the offline embedder.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from callcenter_ai.core.embedding.device import Placement, cpu_precision, torch_dtype
from callcenter_ai.core.embedding.events import FALLBACK, OOM, EventLog
from callcenter_ai.core.embedding.model_id import local_model_folder
from callcenter_ai.core.embedding.quantize import int8_engine, quantize_int8, worth_int8
from callcenter_ai.core.errors import ModelUnavailableError
from callcenter_ai.core.messages import HINTS, msg

log = logging.getLogger(__name__)

WINDOWS_PAGING_FILE_TOO_SMALL = 1455
MEMORY_HINT = HINTS["model.memory"]
UNAVAILABLE_HINT = HINTS["model.unavailable"]


def hub_offline() -> bool:
    return any(os.environ.get(v, "").strip().lower() in ("1", "true", "yes", "on") for v in ("HF_HUB_OFFLINE",))


def looks_like_path(model: str) -> bool:
    return model.startswith((".", "~", "/", "\\")) or os.sep in model.replace("/", "") or Path(model).is_absolute()


def unavailable_reason(model: str) -> str | None:
    """Why ``model`` cannot be loaded here, decided without loading it; None if it may load."""
    if local_model_folder(model) is not None:
        return None
    if looks_like_path(model) or Path(model).expanduser().exists():
        return f"model folder {model} does not exist"
    if hub_offline() and not _in_hub_cache(model):
        return f"model {model} is not in the local cache and HF_HUB_OFFLINE=1 forbids downloading it"
    return None


def _in_hub_cache(model: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    try:
        found = try_to_load_from_cache(model, "modules.json") or try_to_load_from_cache(model, "config.json")
    except Exception as exc:  # an invalid repo id is simply "not cached"
        log.debug("cache lookup for %s failed: %s", model, exc)
        return False
    return isinstance(found, str)


def is_memory_failure(exc: BaseException) -> bool:
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError) and WINDOWS_PAGING_FILE_TOO_SMALL in (
        getattr(exc, "winerror", None),
        getattr(exc, "errno", None),
    ):
        return True
    text = str(exc).lower()
    return "paging file is too small" in text or "os error 1455" in text or "out of memory" in text


def load_sentence_transformer(model: str, placement: Placement, events: EventLog) -> tuple[Any, Placement]:
    """The loaded model and where it ended up (the CPU after a failure on the GPU)."""
    reason = unavailable_reason(model)
    if reason:
        raise ModelUnavailableError(msg("model.unavailable", reason=reason), hint=UNAVAILABLE_HINT)
    try:
        return _load(model, placement)
    except Exception as exc:
        if not is_memory_failure(exc):
            raise ModelUnavailableError(
                msg("model.load_failed", model=model, error_type=type(exc).__name__, error=exc), hint=UNAVAILABLE_HINT
            ) from exc
        events.emit(OOM, f"out of memory loading {model} on {placement.device}: {exc}; {MEMORY_HINT}", logging.ERROR)
        if placement.device == "cpu":
            raise ModelUnavailableError(msg("model.no_memory", model=model, error=exc), hint=MEMORY_HINT) from exc
    cpu = Placement("cpu", cpu_precision("auto"), "out of GPU memory while loading")
    events.emit(FALLBACK, f"loading {model} on the CPU instead", logging.WARNING)
    try:
        return _load(model, cpu)
    except Exception as exc:
        raise ModelUnavailableError(msg("model.no_memory_cpu", model=model, error=exc), hint=MEMORY_HINT) from exc


def _load(model: str, placement: Placement) -> tuple[Any, Placement]:
    import torch
    from sentence_transformers import SentenceTransformer

    if placement.device == "cpu":
        _tune_cpu_threads(torch)
    folder = local_model_folder(model)
    st = SentenceTransformer(
        str(folder) if folder else model,
        device=placement.device,
        local_files_only=hub_offline() or folder is not None,
        model_kwargs={"attn_implementation": "sdpa", "dtype": torch_dtype(placement.precision)},
    )
    st.eval()
    tokenizer = st.tokenizer
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    implementation = getattr(getattr(st[0], "auto_model", None), "config", None)
    attn = getattr(implementation, "_attn_implementation", "sdpa")
    if attn == "eager":
        raise ModelUnavailableError(f"{model} loaded with eager attention; SDPA is required (memory)")
    if placement.device == "cpu":
        placement = prepare_cpu_model(st, placement)
    return st, placement


def prepare_cpu_model(st: Any, placement: Placement) -> Placement:
    """Resolve CPU ``auto`` (int8 for a model big enough to gain, else fp32) and quantise for int8."""
    precision = placement.precision
    if precision == "auto":
        precision = "int8" if worth_int8(st) else "fp32"
    if precision == "int8":
        if int8_engine() is None:
            log.warning("int8 requested but this torch has no int8 CPU kernels: using fp32")
            return replace(placement, precision="fp32", reason=f"{placement.reason}; no int8 kernels, fp32")
        quantize_int8(st)
    return replace(placement, precision=precision)


def cpu_threads() -> int:
    """Intra-op threads: one per physical core that other processes are not already using.

    On a busy machine every parallel op waits at its thread barrier for a thread the OS has
    descheduled: measured on a 2-core VM at load ~4, one Qwen3-0.6B forward of 128 tokens took
    ~1 s (int8) / ~2 s (fp32) with one thread and ~9 s / 5-13 s with two.  Idle, all cores are used.

    "Busy" is what other processes use right now (a short CPU sample): the load average
    trails by a minute, so right after another heavy job it would cost an idle machine a
    core for the whole embedding job (seen in bench_embedding: plain ST ran just before).
    Without psutil the 1-minute load average is used.
    """
    try:
        import psutil

        cores = psutil.cpu_count(logical=False) or os.cpu_count() or 1
        busy = other_processes_busy_cores(psutil, cores)
    except ImportError:
        cores = os.cpu_count() or 1
        try:
            busy = os.getloadavg()[0]  # runnable processes, 1-minute average (not on Windows)
        except (AttributeError, OSError):
            busy = 0.0
    return max(1, min(cores, cores - int(busy + 0.5)))


BUSY_SAMPLE_S = 0.3


def other_processes_busy_cores(psutil: Any, cores: int) -> float:
    """Cores' worth of CPU that processes other than this one use, sampled over :data:`BUSY_SAMPLE_S`."""
    own = psutil.Process()
    own.cpu_percent(None)
    psutil.cpu_percent(None)
    time.sleep(BUSY_SAMPLE_S)
    everyone = psutil.cpu_percent(None) / 100.0 * (psutil.cpu_count() or cores)
    ours = own.cpu_percent(None) / 100.0
    return max(0.0, float(everyone - ours))


def _tune_cpu_threads(torch: Any) -> None:
    threads = cpu_threads()
    if torch.get_num_threads() != threads:
        log.info("torch CPU threads %d -> %d (cores not busy with other processes)", torch.get_num_threads(), threads)
        torch.set_num_threads(threads)

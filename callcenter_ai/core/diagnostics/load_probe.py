"""``--load-model``: memory before loading, after loading, after a test batch and after unloading.

Uses the real :class:`OptimizedEmbeddingProcessor` load / encode / unload.
Weights are often memory-mapped and paged in by the first forward, so one
short text warms the model up first.  The test batch is then ``texts``
call-like texts of exactly ``tokens_per_text`` tokens (the model's own
tokenizer): by default 32 x 2048 on CUDA (the batch the sizing rules are
based on) and 4 x 128 on the CPU, where a Qwen3-0.6B-shaped forward runs at
only about 77 tokens/s.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

import numpy as np

from callcenter_ai.core.diagnostics.gpu import gpu_info
from callcenter_ai.core.diagnostics.recommend import Finding, gib
from callcenter_ai.core.diagnostics.system import PeakRssSampler, process_rss, ram_info
from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)

CPU_TEST = (4, 128)
HELD_AFTER_UNLOAD_NOTE_BYTES = 256 * 1024**2
CUDA_TEST = (32, 2048)
SAMPLE_LINES = (
    "оператор: Здравствуйте, служба поддержки, меня зовут Анна, чем могу помочь?",
    "клиент: Добрый день. У меня с карты дважды списали оплату за заказ, хочу вернуть деньги.",
    "оператор: Назовите, пожалуйста, номер договора и дату платежа, я проверю операции.",
    "клиент: Договор 4417, платёж был вчера вечером, сумма две тысячи триста рублей.",
    "оператор: Вижу два списания. Второе отменю, деньги вернутся в течение трёх рабочих дней.",
    "клиент: Спасибо. И ещё: можно перейти на тариф подешевле со следующего месяца?",
    "оператор: Да, оформляю заявку на смену тарифа, подтверждение придёт в СМС.",
)


def _stage(name: str, cuda_allocated: int | None) -> dict[str, Any]:
    devices = gpu_info().get("devices") or []
    return {
        "stage": name,
        "rss_bytes": process_rss(),
        "ram_available_bytes": ram_info()["available_bytes"],
        "gpu_used_bytes": sum(int(d["used_bytes"]) for d in devices) if devices else None,
        "cuda_allocated_bytes": cuda_allocated,
    }


def _cuda_allocated() -> int | None:
    import torch

    return int(torch.cuda.memory_allocated()) if torch.cuda.is_available() else None


def test_token_ids(processor: Any, texts: int, tokens_per_text: int) -> list[list[int]]:
    """``texts`` token-id lists of exactly ``tokens_per_text`` tokens, each ending with end-of-text."""
    base = processor.tokenize(["\n".join(SAMPLE_LINES)])[0][:-1]
    eos = processor.token_counter().eos_id
    out = []
    for i in range(texts):
        body = (base[i % len(base) :] + base) * (tokens_per_text // max(len(base), 1) + 2)
        out.append([*body[: tokens_per_text - 1], eos])
    return out


def probe_model(
    settings: Settings,
    model: str,
    *,
    device: str | None = None,
    texts: int | None = None,
    tokens_per_text: int | None = None,
) -> dict[str, Any]:
    """Load ``model``, embed a test batch, unload; memory at each stage and what went wrong."""
    from callcenter_ai.core.embedding.processor import OptimizedEmbeddingProcessor

    run_settings = replace(settings, model=model, device=device or settings.device, idle_unload_s=0.0)
    processor = OptimizedEmbeddingProcessor(run_settings)
    result: dict[str, Any] = {"model": model, "ok": False, "stages": [], "findings": []}
    findings: list[Finding] = []
    result["stages"].append(_stage("start", None))
    import sentence_transformers  # noqa: F401  (the runtime's own memory, apart from the model's)
    import torch  # noqa: F401

    result["stages"].append(_stage("before load", None))
    try:
        started = time.perf_counter()
        with PeakRssSampler() as load_peak:
            processor.load()
        result["load_seconds"] = round(time.perf_counter() - started, 3)
        result["load_peak_rss_bytes"] = load_peak.peak
        result["device"], result["precision"] = processor.device, processor.precision
        result["stages"].append(_stage("loaded", _cuda_allocated()))
        default = CUDA_TEST if processor.device == "cuda" else CPU_TEST
        n_texts = texts or default[0]
        n_tokens = min(tokens_per_text or default[1], processor.context_limit)
        ids = test_token_ids(processor, n_texts, n_tokens)
        # Weights are often memory-mapped: the first forward pages them in.  Warm up with one
        # short text so that the test batch measures activations only.
        for _report in processor.encode_stream(test_token_ids(processor, 1, 16)):
            pass
        result["stages"].append(_stage("warmed up", _cuda_allocated()))
        _run_test_batch(processor, ids, result, findings)
        result["stages"].append(_stage("after batch", _cuda_allocated()))
    except KnownError as exc:
        findings.append(
            Finding("error", "model_unavailable", f"{exc.message} ({exc.hint})" if exc.hint else exc.message)
        )
    except (MemoryError, OSError, RuntimeError) as exc:
        findings.append(Finding("error", "load_test_failed", f"{type(exc).__name__}: {exc}"))
    finally:
        figures = processor.unload()
        result["stages"].append(_stage("unloaded", _cuda_allocated() if figures else None))
        result["events"] = [e.message for e in processor.events.events()]
    _check_release(result, findings)
    result["findings"] = [f.to_dict() for f in findings]
    result["ok"] = not any(f.level == "error" for f in findings)
    return result


def _run_test_batch(processor: Any, ids: list[list[int]], result: dict[str, Any], findings: list[Finding]) -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()
    vectors = []
    tokens = padded = 0
    started = time.perf_counter()
    with PeakRssSampler() as peak:
        for report in processor.encode_stream(ids):
            vectors.append(report.vectors)
            tokens += report.tokens
            padded += report.padded_tokens
    seconds = time.perf_counter() - started
    out = np.concatenate(vectors) if vectors else np.zeros((0, processor.dims), np.float32)
    warm_rss = result["stages"][-1]["rss_bytes"]
    result.update(
        texts=len(ids),
        tokens=tokens,
        padded_tokens=padded,
        batch_seconds=round(seconds, 3),
        tokens_per_s=round(tokens / seconds, 1) if seconds > 0 else None,
        peak_rss_bytes=peak.peak,
        ram_bytes_per_token=max(0, peak.peak - warm_rss) // max(padded, 1) or None,
        cuda_peak_bytes=int(torch.cuda.max_memory_allocated()) if torch.cuda.is_available() else None,
    )
    if out.shape[0] != len(ids) or not np.isfinite(out).all():
        findings.append(Finding("error", "test_batch_nan", f"the test batch gave {out.shape[0]} vectors with NaN/inf"))
    else:
        norms = np.linalg.norm(out, axis=1)
        result["vector_norms_ok"] = bool(np.allclose(norms, 1.0, atol=1e-3))


def _check_release(result: dict[str, Any], findings: list[Finding]) -> None:
    stages = {s["stage"]: s for s in result["stages"]}
    before, loaded, unloaded = stages.get("before load"), stages.get("loaded"), stages.get("unloaded")
    if not (before and loaded and unloaded):
        return
    held = unloaded["rss_bytes"] - before["rss_bytes"]
    result["rss_held_after_unload_bytes"] = held
    if held > HELD_AFTER_UNLOAD_NOTE_BYTES:
        findings.append(
            Finding(
                "info",
                "rss_held_after_unload",
                f"the process still holds {gib(held)} more than before loading after unload "
                "(the allocator keeps freed memory; it is reused by the next load)",
            )
        )
    allocated = unloaded.get("cuda_allocated_bytes")
    if allocated and allocated > 64 * 1024**2:
        findings.append(
            Finding(
                "warning", "gpu_memory_not_released", f"{gib(allocated)} of CUDA memory still allocated after unload"
            )
        )

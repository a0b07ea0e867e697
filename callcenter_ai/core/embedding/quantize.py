"""int8 dynamic quantisation of a model's Linear layers for the CPU.

Weights become int8 (one scale per output channel); activations are quantised
per batch on the fly and the products run in fbgemm's int8 kernels, which use
AVX2 on any x86-64 CPU of the last decade.  On this project's 2-core AVX2 CPU
it measured about 1.6x faster than fp32 for Qwen3-0.6B's shape, with mean
cosine 0.994 to the fp32 vectors (random weights; see docs/EMBEDDERS.md,
"CPU speed").  Embeddings, norms and attention stay fp32.

``torch.ao.quantization`` is deprecated in favour of ``torchao`` but works in
the pinned torch; its deprecation warnings are silenced here, only here, and a
torch without it simply keeps fp32.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)

# Below this many Linear weights the per-batch activation quantisation costs more than it saves
# (the 64-wide test model runs slower in int8); Qwen3-Embedding-0.6B has 440M.
MIN_LINEAR_PARAMS_FOR_INT8 = 20_000_000
_ENGINES = ("x86", "fbgemm")


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence torch's deprecation notices for eager-mode quantisation (it works in the pinned torch)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*torch\.ao\.quantization is deprecated.*")
        warnings.filterwarnings("ignore", message=r".*quantized tensor creation functions.*deprecated.*")
        yield


def int8_engine() -> str | None:
    """The quantised-kernel engine for int8 on this CPU (``x86``/``fbgemm``), or None."""
    import torch

    supported = list(torch.backends.quantized.supported_engines)
    engine = next((e for e in _ENGINES if e in supported), None)
    if engine is None:
        return None
    try:
        with _quiet():
            from torch.ao.quantization import quantize_dynamic  # noqa: F401
    except ImportError:
        return None
    return engine


def linear_params(model: Any) -> int:
    """Weights held in ``torch.nn.Linear`` layers of ``model``."""
    import torch

    return sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear))


def worth_int8(model: Any) -> bool:
    """Whether ``precision=auto`` should quantise this model on the CPU."""
    return int8_engine() is not None and linear_params(model) >= MIN_LINEAR_PARAMS_FOR_INT8


def quantize_int8(model: Any) -> int:
    """Replace ``model``'s Linear layers (in place) by int8 dynamic ones; returns how many were replaced."""
    import torch

    engine = int8_engine()
    if engine is None:
        raise RuntimeError("this torch build has no int8 CPU kernels (fbgemm/x86)")
    with _quiet():
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        torch.backends.quantized.engine = engine
        before = sum(isinstance(m, torch.nn.Linear) for m in model.modules())
        quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8, inplace=True)  # type: ignore[no-untyped-call]
        after = sum(isinstance(m, torch.nn.Linear) for m in model.modules())
    log.info("int8 dynamic quantisation (%s): %d Linear layers", engine, before - after)
    return before - after

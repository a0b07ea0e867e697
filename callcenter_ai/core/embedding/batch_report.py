"""What one model batch gives back, and the checks every batch's output goes through."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from callcenter_ai.core.arrays import FloatArray


@dataclass(frozen=True)
class BatchReport:
    """One model batch done: which input texts are now final, and how it went."""

    indices: list[int]
    vectors: FloatArray
    pieces: int
    tokens: int
    padded_tokens: int
    seconds: float
    device: str
    precision: str
    batch_size: int


def normalize(vectors: FloatArray) -> FloatArray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    normalised: FloatArray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalised


def is_out_of_memory(exc: BaseException) -> bool:
    import torch

    if isinstance(exc, (torch.OutOfMemoryError, MemoryError)):
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError) and ("out of memory" in text or "can't allocate memory" in text)

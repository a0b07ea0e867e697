"""What the rest of the app needs from an embedder.

Both the Qwen3 processor and the offline fallback satisfy :class:`Embedder`.
Vectors are float32, L2-normalised, shape ``(len(texts), dims)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from callcenter_ai.core.arrays import FloatArray


@runtime_checkable
class Embedder(Protocol):
    @property
    def model_id(self) -> str:
        """The vector space written to the store, e.g. ``Qwen/Qwen3-Embedding-0.6B@1024``."""
        ...

    @property
    def dims(self) -> int: ...

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        """Search queries: Qwen3 prepends its query instruction."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        """Call texts or chunks: no instruction."""
        ...


def space_id(model: str, dims: int) -> str:
    """The model id recorded with vectors: model name or folder, and dims kept."""
    return f"{model}@{dims}"

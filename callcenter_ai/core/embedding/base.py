"""What the rest of the app needs from an embedder.

Both the Qwen3 processor and the offline fallback satisfy :class:`Embedder`,
so the embed job, the search and the shells use either without asking which.
Vectors are float32, L2-normalised, shape ``(len(texts), dims)``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from callcenter_ai.core.arrays import FloatArray

if TYPE_CHECKING:
    from callcenter_ai.core.embedding.batch_report import BatchReport
    from callcenter_ai.core.embedding.chunking import TokenCounter
    from callcenter_ai.core.embedding.events import EventLog
    from callcenter_ai.core.settings import Settings


@runtime_checkable
class Embedder(Protocol):
    @property
    def model_id(self) -> str:
        """The vector space written to the store, e.g. ``Qwen/Qwen3-Embedding-0.6B@1024``."""
        ...

    @property
    def dims(self) -> int: ...

    @property
    def settings(self) -> Settings | None:
        """The settings it was made from (chunk size, side vectors); None: the defaults."""
        ...

    @property
    def speaker_labels(self) -> bool:
        """Whether chunk texts carry ``оператор:`` / ``клиент:`` labels for this model."""
        ...

    @property
    def fallback_reason(self) -> str | None:
        """Why the offline embedder stands in for the model (None: it is the model asked for)."""
        ...

    @property
    def events(self) -> EventLog:
        """Load, unload, fallback and out-of-memory events, for the log and the shells."""
        ...

    @property
    def is_loaded(self) -> bool: ...

    @property
    def state(self) -> str:
        """``not loaded``, ``loading``, or what is loaded where (for the status bar)."""
        ...

    def load(self) -> None:
        """Load now; raises ModelUnavailableError when the model cannot be had."""
        ...

    def unload(self) -> dict[str, int]:
        """Free the model's memory (it loads again on next use); returns memory figures."""
        ...

    def close(self) -> None: ...

    def memory_figures(self) -> dict[str, int]:
        """``rss`` and, on a GPU, ``cuda_peak`` bytes."""
        ...

    def token_counter(self) -> TokenCounter:
        """Counts tokens the way this embedder will (used to cut chunks)."""
        ...

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of ``texts`` for :meth:`encode_stream` (run ahead on a worker thread)."""
        ...

    def encode_stream(self, token_ids: Sequence[Sequence[int]]) -> Iterator[BatchReport]:
        """Document vectors of tokenized texts, a batch at a time, in any order (see ``BatchReport.indices``)."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        """Search queries: Qwen3 prepends its query instruction."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        """Call texts or chunks: no instruction."""
        ...


def space_id(model: str, dims: int) -> str:
    """The model id recorded with vectors: model name or folder, and dims kept."""
    return f"{model}@{dims}"

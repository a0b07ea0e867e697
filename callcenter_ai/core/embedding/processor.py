"""The Qwen3-Embedding processor: lazy loading, device choice, token-budget batching, OOM ladder.

The model is loaded through sentence-transformers on the first encode (never
at import), with SDPA attention and left padding.  Texts are tokenised once,
sorted by token length and packed under a token budget; vectors come back in
the caller's order, L2-normalised float32, cut to ``dims`` (Matryoshka) and
re-normalised.  A text longer than the context limit is embedded as token
windows whose vectors are averaged, so nothing is silently truncated.

Running the batches (the forward pass, NaN redo and the out-of-memory
ladder) is :class:`~callcenter_ai.core.embedding.forward.ForwardLadder`.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.embedding.batch_report import BatchReport, normalize
from callcenter_ai.core.embedding.batching import pack_batches, pack_batches_cpu
from callcenter_ai.core.embedding.device import choose_placement, cuda_memory, process_rss_bytes
from callcenter_ai.core.embedding.events import LOAD, UNLOAD, EventLog
from callcenter_ai.core.embedding.forward import ForwardFn, ForwardLadder
from callcenter_ai.core.embedding.loading import load_sentence_transformer, unavailable_reason
from callcenter_ai.core.embedding.model_id import model_name, native_dims
from callcenter_ai.core.embedding.tokens import ModelTokenCounter, split_ids
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)

QUERY_TASK = "Given a question about customer-service phone calls, retrieve the call transcripts that answer it"


class OptimizedEmbeddingProcessor(ForwardLadder):
    """Qwen3-Embedding (or any sentence-transformers model) behind the :class:`Embedder` protocol."""

    def __init__(self, settings: Settings, *, events: EventLog | None = None) -> None:
        self.settings = settings
        self.model = settings.model
        self.events = events or EventLog()
        self.fallback_reason: str | None = None  # the processor itself never falls back
        native = native_dims(settings.model)
        # A model narrower than the ``dims`` setting keeps all of its own dims.
        self._dims = min(settings.dims, native) if native else settings.dims
        self._model_id = space_id(model_name(settings.model), self._dims)
        self._lock = threading.RLock()
        self._st: Any = None
        self._counter: ModelTokenCounter | None = None
        self._state = "not loaded"
        self._idle_timer: threading.Timer | None = None
        self.device = "none"
        self.precision = "none"
        self.batch_size = settings.batch_size
        self.token_budget = settings.batch_token_budget
        self.context_limit = settings.max_tokens
        # Replaceable in tests to inject failures at the forward call.
        self.forward_fn: ForwardFn = self._model_forward

    # -- Embedder protocol -------------------------------------------------

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dims(self) -> int:
        return self._dims

    @property
    def speaker_labels(self) -> bool:
        """Chunk texts keep ``оператор:`` / ``клиент:`` labels (Qwen3 reads who says what)."""
        return True

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        vectors = self.encode([f"Instruct: {QUERY_TASK}\nQuery:{t}" for t in texts])
        self._arm_idle_timer()
        return vectors

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        return self.encode(list(texts))

    # -- state -------------------------------------------------------------

    @property
    def is_loaded(self) -> bool:
        return self._st is not None

    @property
    def state(self) -> str:
        """``not loaded``, ``loading``, or where and how it runs, e.g. ``CUDA bf16`` / ``CPU fp32``."""
        return self._state

    def unavailable_reason(self) -> str | None:
        """Why the model cannot be loaded here, found without loading it (None if it may load)."""
        return unavailable_reason(self.model)

    def token_counter(self) -> ModelTokenCounter:
        self.load()
        assert self._counter is not None
        return self._counter

    # -- loading and unloading ----------------------------------------------

    def load(self) -> None:
        """Load the model now (it is loaded on the first encode otherwise)."""
        with self._lock:
            if self._st is not None:
                return
            self._state = "loading"
            placement = choose_placement(self.settings.device, self.settings.precision)
            started = time.perf_counter()
            try:
                self._st, placement = load_sentence_transformer(self.model, placement, self.events)
            except BaseException:
                self._state = "not loaded"
                raise
            self._counter = ModelTokenCounter(self._st.tokenizer)
            loaded_dims = int(self._st.get_embedding_dimension() or self._dims)
            if loaded_dims < self._dims:
                self._dims = loaded_dims
                self._model_id = space_id(model_name(self.model), loaded_dims)
                self.events.emit(LOAD, f"{self.model} gives {loaded_dims} dims: model id is now {self._model_id}")
            self.device, self.precision = placement.device, placement.precision
            self.batch_size, self.token_budget = self.settings.batch_size, self.settings.batch_token_budget
            self.context_limit = self.settings.max_tokens
            self._state = f"{self.device.upper()} {self.precision}"
            self.events.emit(
                LOAD,
                f"loaded {self.model} on {self._state} in {time.perf_counter() - started:.1f} s ({placement.reason})",
            )

    def unload(self) -> dict[str, int]:
        """Release the model and return GPU memory; returns memory figures before and after."""
        with self._lock:
            self._cancel_idle_timer()
            if self._st is None:
                return {}
            before = cuda_memory()["allocated"]
            model_ref = weakref.ref(self._st)
            self._st = None
            gc.collect()
            after = self._release_cuda()
            self._state = "not loaded"
            self.device = self.precision = "none"
            figures = {"cuda_allocated_before": before, "cuda_allocated_after": after}
            released = model_ref() is None
            self.events.emit(
                UNLOAD,
                f"model unloaded (weights released: {released}; CUDA allocated {before / 2**20:.0f} MiB"
                f" -> {after / 2**20:.0f} MiB)",
                logging.INFO if released else logging.WARNING,
            )
            return figures

    def close(self) -> None:
        self.unload()

    def _arm_idle_timer(self) -> None:
        """Interactive use: unload after ``idle_unload_s`` without further queries."""
        if self.settings.idle_unload_s <= 0:
            return
        with self._lock:
            self._cancel_idle_timer()
            timer = threading.Timer(self.settings.idle_unload_s, self._idle_unload)
            timer.daemon = True
            timer.name = "embedder-idle-unload"
            self._idle_timer = timer
            timer.start()

    def _idle_unload(self) -> None:
        with self._lock:
            self._idle_timer = None
            if self._st is not None:
                self.events.emit(UNLOAD, f"idle for {self.settings.idle_unload_s:.0f} s: unloading the model")
                self.unload()

    def _cancel_idle_timer(self) -> None:
        timer, self._idle_timer = self._idle_timer, None
        if timer is not None and timer is not threading.current_thread():
            timer.cancel()
            timer.join()

    # -- encoding ------------------------------------------------------------

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """Vectors of ``texts`` in their order (documents as given; queries already prompted)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for report in self.encode_stream(self.tokenize(texts)):
            out[report.indices] = report.vectors
        return out

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids with the end-of-text token appended, as the model sees them."""
        if not texts:
            return []
        return self.token_counter().ids(texts)

    def encode_stream(self, token_ids: Sequence[Sequence[int]]) -> Iterator[BatchReport]:
        """Embed pre-tokenised texts batch by batch; each report carries the texts now final."""
        self.load()
        pieces: list[list[int]] = []
        owner: list[int] = []
        for index, ids in enumerate(token_ids):
            for window in split_ids(list(ids), self.context_limit, self._eos_id()):
                pieces.append(window)
                owner.append(index)
        remaining = np.bincount(np.asarray(owner, dtype=np.int64), minlength=len(token_ids))
        sums = np.zeros((len(token_ids), self.dims), dtype=np.float32)
        pack = pack_batches_cpu if self.device == "cpu" else pack_batches
        batches = pack([len(p) for p in pieces], self.batch_size, self.token_budget)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-collate") as pool:
            ahead: Future[Any] | None = pool.submit(self._collate, [pieces[i] for i in batches[0]]) if batches else None
            for number, batch in enumerate(batches):
                assert ahead is not None
                features = ahead.result()
                following = number + 1 < len(batches)
                ahead = pool.submit(self._collate, [pieces[i] for i in batches[number + 1]]) if following else None
                started = time.perf_counter()
                with self._lock:
                    vectors = self._run_batch([pieces[i] for i in batch], features)
                finished = []
                for row, piece_index in enumerate(batch):
                    text_index = owner[piece_index]
                    sums[text_index] += vectors[row]
                    remaining[text_index] -= 1
                    if remaining[text_index] == 0:
                        finished.append(text_index)
                lengths = [len(pieces[i]) for i in batch]
                yield BatchReport(
                    indices=finished,
                    vectors=normalize(sums[finished]) if finished else np.zeros((0, self.dims), np.float32),
                    pieces=len(batch),
                    tokens=sum(lengths),
                    padded_tokens=max(lengths) * len(lengths),
                    seconds=time.perf_counter() - started,
                    device=self.device,
                    precision=self.precision,
                    batch_size=self.batch_size,
                )

    def _eos_id(self) -> int:
        return self.token_counter().eos_id

    def memory_figures(self) -> dict[str, int]:
        figures = {"rss": process_rss_bytes()}
        if self.device == "cuda":
            cuda = cuda_memory()
            figures.update(cuda_allocated=cuda["allocated"], cuda_peak=cuda["peak"])
        return figures

"""The batch job: embed every call that has no current vectors for the embedder's model id.

:func:`embed_pending` is a generator: it yields an :class:`EmbedProgress`
after each model batch and returns an :class:`EmbedSummary`.  Calls are read
in groups; while one group is embedded, the next is chunked and tokenised on
a worker thread.  A call is written (chunks, per-side chunks and its call
vector, in one transaction with the other calls finished by the same batch)
as soon as all its chunks are embedded, so a cancelled job keeps its work and
a rerun picks up where it stopped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import numpy as np

from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.embedding.batch_report import normalize
from callcenter_ai.core.embedding.chunking import TokenCounter, chunk_call
from callcenter_ai.core.jobs import CancelFlag, is_cancelled, run_to_end
from callcenter_ai.core.records import Chunk, StoredCall
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.vectors import pending_calls, save_call_embedding

log = logging.getLogger(__name__)


class EmbedTarget(Protocol):
    """Where the job reads pending calls and writes their vectors (a store engine's calls and vectors)."""

    def transaction(self) -> AbstractContextManager[object]: ...
    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]: ...
    def pending_calls(self, model_id: str, limit: int | None = None) -> list[tuple[int, str]]: ...
    def save_call_embedding(
        self,
        call_id: int,
        model_id: str,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        call_vector: np.ndarray,
    ) -> list[int]: ...


class _StoreTarget:
    """The SQLite store as an :class:`EmbedTarget`."""

    def __init__(self, store: CallStore) -> None:
        self.store = store

    def transaction(self) -> AbstractContextManager[object]:
        return self.store.transaction()

    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]:
        return self.store.get_calls(call_ids)

    def pending_calls(self, model_id: str, limit: int | None = None) -> list[tuple[int, str]]:
        return pending_calls(self.store.db, model_id, limit)

    def save_call_embedding(
        self,
        call_id: int,
        model_id: str,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        call_vector: np.ndarray,
    ) -> list[int]:
        return save_call_embedding(self.store.db, call_id, model_id, content_hash, chunks, vectors, call_vector)


GROUP_CALLS = 64


@dataclass(frozen=True)
class EmbedProgress:
    model_id: str
    done: int  # calls written
    total: int  # calls pending when the job started
    chunks: int
    tokens: int
    padded_tokens: int
    elapsed_s: float
    eta_s: float | None
    chunks_per_s: float
    device: str
    precision: str
    batch_size: int
    peak_memory_bytes: int
    memory_kind: str  # "cuda" (allocated peak) or "rss" (process resident memory peak)
    chunks_embedded: int = 0  # chunks embedded so far, also of calls not finished yet
    chunks_known: int = 0  # chunks of the calls read so far (calls_known of total)
    calls_known: int = 0

    @property
    def fraction(self) -> float:
        """0..1 of the work done, moving within a call (by chunks), for a progress bar."""
        if not self.total or self.done >= self.total:
            return 1.0
        if not self.chunks_known:
            return self.done / self.total
        return self.chunks_embedded / self.chunks_known * self.calls_known / self.total

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EmbedSummary:
    model_id: str
    calls: int
    chunks: int
    tokens: int
    padded_tokens: int
    seconds: float
    cancelled: bool
    unloaded: bool
    fallback_reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Prepared:
    calls: list[StoredCall]
    chunks: list[list[Chunk]]
    texts: list[str]
    token_ids: list[list[int]]
    owners: list[tuple[int, int]]  # (call position in group, chunk position in call) per text


def _counter(embedder: Embedder) -> TokenCounter:
    return embedder.token_counter()


def _prepare(
    embedder: Embedder, counter: TokenCounter, calls: list[StoredCall], max_tokens: int, sides: bool
) -> _Prepared:
    labels = embedder.speaker_labels
    chunks = [chunk_call(c.turns, counter, max_tokens, side_vectors=sides, speaker_labels=labels) for c in calls]
    texts, owners = [], []
    for call_pos, call_chunks in enumerate(chunks):
        for chunk_pos, chunk in enumerate(call_chunks):
            texts.append(chunk.text)
            owners.append((call_pos, chunk_pos))
    return _Prepared(calls, chunks, texts, embedder.tokenize(texts), owners)


def _write_calls(
    store: EmbedTarget, model_id: str, prepared: _Prepared, positions: Sequence[int], vectors: dict[int, np.ndarray]
) -> int:
    """Write finished calls in one transaction; returns chunks written."""
    written = 0
    text_of = {(c, k): i for i, (c, k) in enumerate(prepared.owners)}
    with store.transaction():
        for call_pos in positions:
            call = prepared.calls[call_pos]
            chunks = prepared.chunks[call_pos]
            chunk_vectors = np.stack([vectors[text_of[(call_pos, chunk_pos)]] for chunk_pos in range(len(chunks))])
            whole = chunk_vectors[[chunk.side == "all" for chunk in chunks]]
            call_vector = normalize(whole.mean(axis=0))
            store.save_call_embedding(call.id, model_id, call.content_hash, chunks, chunk_vectors, call_vector)
            written += len(chunks)
    return written


def embed_pending(
    store: CallStore | EmbedTarget,
    embedder: Embedder,
    *,
    cancel: CancelFlag = None,
    keep_loaded: bool = False,
    limit: int | None = None,
    max_tokens: int | None = None,
    side_vectors: bool | None = None,
) -> Generator[EmbedProgress, None, EmbedSummary]:
    """Embed calls pending for ``embedder.model_id``; yields progress after each batch."""
    settings = embedder.settings
    max_tokens = max_tokens or (settings.max_tokens if settings else 2048)
    sides = side_vectors if side_vectors is not None else (settings.side_vectors if settings else True)
    model_id = embedder.model_id
    target: EmbedTarget = _StoreTarget(store) if isinstance(store, CallStore) else store
    pending = target.pending_calls(model_id, limit)
    started = time.perf_counter()
    done = chunks_done = tokens = padded = 0
    chunks_embedded = chunks_known = calls_known = 0
    peak, cancelled = 0, False
    memory_kind = "rss"
    log.info("embedding %d pending calls for %s", len(pending), model_id)
    try:
        if pending:
            counter = _counter(embedder)
            model_id = embedder.model_id  # the processor may narrow dims once loaded
            groups = [[cid for cid, _ in pending[i : i + GROUP_CALLS]] for i in range(0, len(pending), GROUP_CALLS)]
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-prepare") as pool:

                def submit(ids: list[int]) -> Future[_Prepared]:
                    return pool.submit(_prepare, embedder, counter, target.get_calls(ids), max_tokens, sides)

                upcoming: Future[_Prepared] | None = submit(groups[0])
                for number in range(len(groups)):
                    assert upcoming is not None
                    prepared = upcoming.result()
                    upcoming = submit(groups[number + 1]) if number + 1 < len(groups) else None
                    vectors: dict[int, np.ndarray] = {}
                    left = [len(c) for c in prepared.chunks]
                    chunks_known += len(prepared.owners)
                    calls_known += len(prepared.chunks)
                    for report in embedder.encode_stream(prepared.token_ids):
                        finished = []
                        for row, text_index in enumerate(report.indices):
                            vectors[text_index] = report.vectors[row]
                            call_pos = prepared.owners[text_index][0]
                            left[call_pos] -= 1
                            if left[call_pos] == 0:
                                finished.append(call_pos)
                        if finished:
                            chunks_done += _write_calls(target, model_id, prepared, finished, vectors)
                            done += len(finished)
                        chunks_embedded += len(report.indices)
                        tokens += report.tokens
                        padded += report.padded_tokens
                        figures = _memory(embedder)
                        memory_kind = "cuda" if "cuda_peak" in figures else "rss"
                        peak = max(peak, figures.get("cuda_peak", figures.get("rss", 0)))
                        elapsed = time.perf_counter() - started
                        yield EmbedProgress(
                            model_id=model_id,
                            done=done,
                            total=len(pending),
                            chunks=chunks_done,
                            tokens=tokens,
                            padded_tokens=padded,
                            elapsed_s=elapsed,
                            eta_s=_eta(elapsed, done, len(pending), chunks_embedded, chunks_known, calls_known),
                            chunks_per_s=chunks_embedded / elapsed if elapsed > 0 else 0.0,
                            device=report.device,
                            precision=report.precision,
                            batch_size=report.batch_size,
                            peak_memory_bytes=peak,
                            memory_kind=memory_kind,
                            chunks_embedded=chunks_embedded,
                            chunks_known=chunks_known,
                            calls_known=calls_known,
                        )
                        if is_cancelled(cancel):
                            cancelled = True
                            break
                    if cancelled:
                        log.info("embedding cancelled after %d of %d calls", done, len(pending))
                        break
    finally:
        unloaded = False
        if not keep_loaded:
            embedder.unload()
            unloaded = True
    return EmbedSummary(
        model_id=model_id,
        calls=done,
        chunks=chunks_done,
        tokens=tokens,
        padded_tokens=padded,
        seconds=time.perf_counter() - started,
        cancelled=cancelled,
        unloaded=unloaded,
        fallback_reason=embedder.fallback_reason,
    )


def _eta(elapsed: float, done: int, total: int, embedded: int, known: int, calls_known: int) -> float | None:
    """Seconds left: by calls once some are written, before that by the chunks of the calls read so far."""
    if done:
        return elapsed / done * (total - done)
    if embedded and calls_known == total:
        return elapsed / embedded * (known - embedded)
    return None


def _memory(embedder: Embedder) -> dict[str, int]:
    return dict(embedder.memory_figures())


def run_embed_job(store: CallStore | EmbedTarget, embedder: Embedder, **kwargs: Any) -> EmbedSummary:
    """Run :func:`embed_pending` to the end, ignoring progress; returns the summary."""
    return run_to_end(embed_pending(store, embedder, **kwargs))

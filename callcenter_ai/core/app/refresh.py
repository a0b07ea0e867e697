"""``refresh``: bring every search index up to date with the store, the same way from every shell.

Embed the pending calls, then stem new and changed calls into the keyword
index, then update (or rebuild) the vector index.  The window's index job,
``index`` on the command line and anything else that "updates the index" run
this one generator, so "rebuild" means the same everywhere: the keyword and
the vector index rebuilt from the store (stored vectors are kept).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

import numpy as np

from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.embedding.factory import load_or_fall_back
from callcenter_ai.core.embedding.job import EmbedProgress, EmbedSummary, EmbedTarget, embed_pending
from callcenter_ai.core.engines import Engine, engine_over
from callcenter_ai.core.index.files import check_index_folder
from callcenter_ai.core.index.update import IndexProgress, IndexReport
from callcenter_ai.core.jobs import is_cancelled
from callcenter_ai.core.records import Chunk, StoredCall
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore


@dataclass(frozen=True)
class KeywordProgress:
    """The keyword index is being brought up to date (one step, no batches)."""

    rebuild: bool


RefreshProgress = EmbedProgress | KeywordProgress | IndexProgress


@dataclass(frozen=True)
class RefreshReport:
    pending: int  # calls without current vectors when the refresh started
    embed: EmbedSummary
    keyword_calls_stemmed: int | None  # None: cancelled before this step
    index: IndexReport | None  # None: cancelled before this step

    @property
    def model_id(self) -> str:
        return self.embed.model_id

    @property
    def cancelled(self) -> bool:
        return self.index is None


def refresh(
    store: CallStore | Engine,
    settings: Settings,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    cancel: Callable[[], bool] | None = None,
) -> Generator[RefreshProgress, None, RefreshReport]:
    """Embed pending calls, sync the keyword index, update the vector index; yields each step's progress.

    ``embedder`` is loaded only when calls are pending; when its model cannot
    be loaded the offline embedder embeds them (``embed.fallback_reason`` says
    why), the policy of :func:`~callcenter_ai.core.embedding.factory.get_embedder`.

    Cancelled while embedding, the calls embedded so far are kept and the
    indexes are left as they were; cancelled while indexing, the old index
    stays (the index job's own rule).
    """
    engine = engine_over(store, settings)
    check_index_folder(settings.index_dir)  # a folder that cannot be written fails before any embedding work
    engine.check()
    pending = len(engine.vectors.pending_calls(embedder.model_id))
    if pending:  # load now, falling back to the offline embedder as every batch job does
        embedder = load_or_fall_back(embedder, settings)
    summary = yield from embed_pending(embedding_target(engine), embedder, cancel=cancel)
    if summary.cancelled or is_cancelled(cancel):
        return RefreshReport(pending, summary, None, None)
    yield KeywordProgress(rebuild)
    stemmed = engine.keyword.sync(rebuild=rebuild)
    if is_cancelled(cancel):
        return RefreshReport(pending, summary, stemmed, None)
    report = yield from engine.vectors.index_job(summary.model_id, embedder.dims, rebuild=rebuild, cancel=cancel)
    if report is not None:
        engine.assign_topics(summary.model_id)  # into the stored topics, if any (nearest centroid)
    return RefreshReport(pending, summary, stemmed, report)


def embedding_target(engine: Engine) -> EmbedTarget:
    """``engine``'s calls and vectors, where the embedding job reads and writes."""
    return _Target(engine)


class _Target:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def transaction(self) -> AbstractContextManager[object]:
        return self.engine.calls.transaction()

    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]:
        return self.engine.calls.get_calls(call_ids)

    def pending_calls(self, model_id: str, limit: int | None = None) -> list[tuple[int, str]]:
        return self.engine.vectors.pending_calls(model_id, limit)

    def save_call_embedding(
        self,
        call_id: int,
        model_id: str,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        call_vector: np.ndarray,
    ) -> list[int]:
        return self.engine.vectors.save_call_embedding(call_id, model_id, content_hash, chunks, vectors, call_vector)

"""Which embedder the app uses: the Qwen3 processor, or loudly the offline fallback."""

from __future__ import annotations

import logging

from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.embedding.events import EventLog
from callcenter_ai.core.embedding.offline import OfflineEmbedder
from callcenter_ai.core.embedding.processor import OptimizedEmbeddingProcessor
from callcenter_ai.core.errors import ModelUnavailableError
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)


def get_embedder(settings: Settings, *, allow_fallback: bool = True, events: EventLog | None = None) -> Embedder:
    """The processor for ``settings.model`` (not loaded yet), or the offline embedder when the
    model plainly cannot be had here (a missing folder, or not cached with HF_HUB_OFFLINE=1)."""
    processor = OptimizedEmbeddingProcessor(settings, events=events)
    if not (allow_fallback and settings.offline_fallback):
        return processor
    reason = processor.unavailable_reason()
    if reason is None:
        return processor
    return OfflineEmbedder(reason, events=processor.events)


def load_embedder(settings: Settings, *, allow_fallback: bool = True, events: EventLog | None = None) -> Embedder:
    """Like :func:`get_embedder` but loads now, falling back when loading fails (for batch jobs)."""
    embedder = get_embedder(settings, allow_fallback=allow_fallback, events=events)
    if not isinstance(embedder, OptimizedEmbeddingProcessor):
        return embedder
    try:
        embedder.load()
    except ModelUnavailableError as exc:
        if not (allow_fallback and settings.offline_fallback):
            raise
        return OfflineEmbedder(exc.message, events=embedder.events)
    return embedder

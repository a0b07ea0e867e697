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


def get_embedder(
    settings: Settings, *, allow_fallback: bool = True, load: bool = False, events: EventLog | None = None
) -> Embedder:
    """The embedder for ``settings.model``: the one way every shell gets it.

    The policy, the same for every command and the window: when the model
    cannot be had here, the offline embedder stands in, loudly (a WARNING
    event and ``fallback_reason`` set, which the shells show).  "Cannot be
    had" is either plain before loading (a missing folder; not in the hub
    cache with HF_HUB_OFFLINE=1) or, with ``load=True``, a load that fails.
    ``allow_fallback=False`` (``embed --no-fallback``) or the
    ``offline_fallback`` setting off raise ``ModelUnavailableError`` instead.

    Batch jobs (``embed``, ``index``, the window's index job) pass
    ``load=True`` so a broken model is found before any work; interactive
    search creates it unloaded, and a model that fails to load at query time
    is reported by the search (keyword results with a warning in hybrid mode).
    """
    processor = OptimizedEmbeddingProcessor(settings, events=events)
    reason = processor.unavailable_reason() if allow_fallback and settings.offline_fallback else None
    if reason is not None:
        return OfflineEmbedder(reason, events=processor.events)
    return load_or_fall_back(processor, settings, allow_fallback=allow_fallback) if load else processor


def load_or_fall_back(embedder: Embedder, settings: Settings, *, allow_fallback: bool = True) -> Embedder:
    """Load ``embedder`` now; when the model cannot be loaded, the offline embedder (the policy above)."""
    try:
        embedder.load()
    except ModelUnavailableError as exc:
        if not (allow_fallback and settings.offline_fallback):
            raise
        return OfflineEmbedder(exc.message, events=embedder.events)
    return embedder

"""Turning calls into vectors: the Qwen3 processor and its offline fallback."""

from __future__ import annotations

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.embedding.base import Embedder, space_id
from callcenter_ai.core.embedding.batch_report import BatchReport
from callcenter_ai.core.embedding.events import EmbedEvent, EventLog
from callcenter_ai.core.embedding.factory import get_embedder
from callcenter_ai.core.embedding.job import EmbedProgress, EmbedSummary, embed_pending, run_embed_job
from callcenter_ai.core.embedding.offline import OfflineEmbedder
from callcenter_ai.core.embedding.processor import OptimizedEmbeddingProcessor

__all__ = [
    "BatchReport",
    "EmbedEvent",
    "EmbedProgress",
    "EmbedSummary",
    "Embedder",
    "EventLog",
    "FloatArray",
    "OfflineEmbedder",
    "OptimizedEmbeddingProcessor",
    "embed_pending",
    "get_embedder",
    "run_embed_job",
    "space_id",
]

"""The vector a query is searched with: free text through the model, or a stored call's vector."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.errors import IndexMismatchError, ModelUnavailableError
from callcenter_ai.core.index.manifest import REBUILD_HINT
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.store import vectors as vec

EmbedderFactory = Callable[[], Embedder]


class VectorSpace(Protocol):
    """What a query vector must match: a local index, or the vectors a server searches."""

    @property
    def model_id(self) -> str: ...
    @property
    def dims(self) -> int: ...


class QueryEmbedder:
    """Embeds query texts with a model created on first use, checked against the index's vector space."""

    def __init__(self, factory: EmbedderFactory | None) -> None:
        self._factory = factory
        self._embedder: Embedder | None = None
        self._offline: Embedder | None = None

    def vector(self, text: str, index: VectorSpace) -> FloatArray:
        """Raises ModelUnavailableError (no model) or IndexMismatchError (another vector space)."""
        vector: FloatArray = self.vectors([text], index)[0]
        return vector

    def vectors(self, texts: Sequence[str], index: VectorSpace) -> FloatArray:
        """One row per text; the errors of :meth:`vector`."""
        if self._embedder is None:
            if self._factory is None:
                raise ModelUnavailableError(msg("search.no_embedder"))
            self._embedder = self._factory()
        embedder = self._embedder
        if embedder.model_id != index.model_id and index.model_id.startswith("offline/"):
            embedder = self._offline_for(index)
        if embedder.model_id != index.model_id:
            raise IndexMismatchError(
                msg("search.embedder_other_model", model=index.model_id, embedder=embedder.model_id),
                hint=HINTS["search.embed_with_model"],
            )
        vectors = embedder.embed_queries(list(texts))
        if embedder.model_id != index.model_id or vectors.shape[1:] != (index.dims,):
            raise IndexMismatchError(
                msg(
                    "search.embedder_other_dims",
                    dims=index.dims,
                    model=index.model_id,
                    got=vectors.shape[-1],
                    embedder=embedder.model_id,
                ),
                hint=REBUILD_HINT,
            )
        return np.asarray(vectors, dtype=np.float32)

    def _offline_for(self, index: VectorSpace) -> Embedder:
        """The offline embedder when the served index is an offline fallback's (the model itself has no index yet).

        Queries must be embedded in the index's own vector space; the model's index, once built, is served
        instead (see ``model_ids.resolve_index_model_id``) and this is no longer used.
        """
        if self._offline is None:
            from callcenter_ai.core.embedding.offline import OfflineEmbedder

            self._offline = OfflineEmbedder()
        return self._offline


def call_query_vector(db: sqlite3.Connection, call_id: int, model_id: str, side: str | None) -> FloatArray | None:
    """A stored call's vector (one side's: the mean of that side's chunks); None when it has none."""
    if side is None:
        return vec.call_vector(db, call_id, model_id)
    refs, vectors = vec.call_chunk_vectors(db, call_id, model_id)
    rows = [i for i, ref in enumerate(refs) if ref.side == side]
    if not rows:
        return None
    mean = vectors[rows].mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else None

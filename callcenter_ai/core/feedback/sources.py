"""Operators' feedback as the store holds it: ratings, the rated calls and their vectors, cached query
vectors, and the saved re-ranker.

:class:`FeedbackSource` is what training, learning statistics and the exports need of a store; the SQLite store's
is :class:`StoreSource` (the adapter's files next to the indexes), the
server's lives with its engine (``core/engines/pg/feedback.py``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.feedback.ratings import Rating, list_ratings, rating_count
from callcenter_ai.core.feedback.reranker import adapter_paths, call_vectors, read_info
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.calls import CallStore
from callcenter_ai.core.store.vectors import from_blob, to_blob


class FeedbackSource(Protocol):
    def list_ratings(self, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]: ...
    def rating_count(self, model_id: str | None = None) -> int: ...
    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]: ...
    def call_vectors(self, model_id: str, call_ids: set[int]) -> dict[int, FloatArray]: ...
    def cached_query_vectors(self, model_id: str, texts: Sequence[str]) -> dict[str, FloatArray]: ...
    def keep_query_vectors(self, model_id: str, vectors: Mapping[str, FloatArray]) -> None: ...
    def reranker_info(self, model_id: str) -> dict[str, Any] | None: ...
    def save_reranker(self, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None: ...


class StoreSource:
    """The SQLite store and the re-ranker's files (``indexes/rerank/<model>.npy`` + ``.json``)."""

    def __init__(self, store: CallStore, settings: Settings | None = None) -> None:
        """``settings`` say where the adapter's files are (needed only to read or save them)."""
        self.store = store
        self._settings = settings

    @property
    def settings(self) -> Settings:
        assert self._settings is not None, "the re-ranker's files need the settings"
        return self._settings

    def list_ratings(self, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]:
        return list_ratings(self.store.db, model_id=model_id, latest_only=latest_only)

    def rating_count(self, model_id: str | None = None) -> int:
        return rating_count(self.store.db, model_id)

    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]:
        return self.store.get_calls(call_ids)

    def call_vectors(self, model_id: str, call_ids: set[int]) -> dict[int, FloatArray]:
        return call_vectors(self.store, model_id, call_ids)

    def cached_query_vectors(self, model_id: str, texts: Sequence[str]) -> dict[str, FloatArray]:
        found: dict[str, FloatArray] = {}
        for text in set(texts):
            row = self.store.db.execute(
                "SELECT dims, vector FROM rating_query_vectors WHERE model_id = ? AND query_text = ?", (model_id, text)
            ).fetchone()
            if row is not None:
                found[text] = from_blob(row[1], row[0])
        return found

    def keep_query_vectors(self, model_id: str, vectors: Mapping[str, FloatArray]) -> None:
        with self.store.transaction():
            for text, vector in vectors.items():
                self.store.db.execute(
                    "INSERT OR REPLACE INTO rating_query_vectors (model_id, query_text, dims, vector) VALUES (?,?,?,?)",
                    (model_id, text, int(vector.shape[0]), to_blob(vector)),
                )

    def reranker_info(self, model_id: str) -> dict[str, Any] | None:
        return read_info(self.settings, model_id)

    def save_reranker(self, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None:
        save_adapter_files(self.settings, model_id, matrix, info)


def save_adapter_files(settings: Settings, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None:
    """Matrix first, then its info (which makes it current), each written whole and renamed into place."""
    matrix_path, info_path = adapter_paths(settings, model_id)
    matrix_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_matrix = matrix_path.with_name(matrix_path.stem + ".tmp.npy")
    np.save(tmp_matrix, np.asarray(matrix, dtype=np.float32), allow_pickle=False)
    os.replace(tmp_matrix, matrix_path)
    tmp_info = info_path.with_suffix(".json.tmp")
    tmp_info.write_text(json.dumps(info, indent=2), encoding="utf-8")
    os.replace(tmp_info, info_path)


def source_of(store: CallStore | FeedbackSource, settings: Settings | None = None) -> FeedbackSource:
    return StoreSource(store, settings) if isinstance(store, CallStore) else store

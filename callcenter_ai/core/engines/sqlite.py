"""The embedded engine: SQLite (FTS5 keyword index) + FAISS, one desktop's home folder, behind the engine protocols."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.sqlite_keyword import SqliteKeywordSearch
from callcenter_ai.core.errors import IndexFileError
from callcenter_ai.core.feedback import ratings as rating_rows
from callcenter_ai.core.feedback.learning import adapter_paths
from callcenter_ai.core.feedback.ratings import NewRating, Rating
from callcenter_ai.core.feedback.reranker import read_info
from callcenter_ai.core.feedback.sources import StoreSource, save_adapter_files
from callcenter_ai.core.index.manifest import manifest_path
from callcenter_ai.core.index.report import IndexProgress, IndexReport
from callcenter_ai.core.index.update import index_job, update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.records import Chunk
from callcenter_ai.core.search.dense import CallHit, dense_call_hits
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.query_vectors import EmbedderFactory, call_query_vector
from callcenter_ai.core.search.service import SearchService
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec
from callcenter_ai.core.store.database import check_integrity
from callcenter_ai.core.store.migrations import latest_version

__all__ = ["SqliteEngine", "SqliteKeywordSearch"]


class SqliteVectors:
    def __init__(self, store: CallStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._index: tuple[tuple[str, int], VectorIndex] | None = None

    def pending_calls(self, model_id: str, limit: int | None = None) -> list[tuple[int, str]]:
        return vec.pending_calls(self.store.db, model_id, limit)

    def save_call_embedding(
        self,
        call_id: int,
        model_id: str,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: FloatArray,
        call_vector: FloatArray,
    ) -> list[int]:
        args = (self.store.db, call_id, model_id, content_hash, chunks, vectors, call_vector)
        if self.store.db.in_transaction:
            return vec.save_call_embedding(*args)
        with self.store.transaction():
            return vec.save_call_embedding(*args)

    def call_vector(self, call_id: int, model_id: str, *, side: str | None = None) -> FloatArray | None:
        return call_query_vector(self.store.db, call_id, model_id, side)

    def embedded_count(self, model_id: str) -> int:
        return vec.embedded_count(self.store.db, model_id)

    def spaces(self) -> dict[str, int]:
        rows = self.store.db.execute("SELECT model_id, max(dims) FROM call_vectors GROUP BY model_id")
        return {str(r[0]): int(r[1]) for r in rows}

    def embedded_models(self) -> dict[str, int]:
        return vec.embedded_models(self.store.db)

    def update_index(self, model_id: str, dims: int) -> None:
        update_index(self.store, model_id, dims, self.settings.index_dir)

    def index_job(
        self, model_id: str, dims: int, *, rebuild: bool = False, cancel: Callable[[], bool] | None = None
    ) -> Generator[IndexProgress, None, IndexReport]:
        return index_job(self.store, model_id, dims, self.settings.index_dir, rebuild=rebuild, cancel=cancel)

    def nearest_calls(
        self,
        model_id: str,
        query: FloatArray,
        k: int,
        *,
        side: str = "all",
        filters: SearchFilters,
        exclude_call: int | None = None,
    ) -> list[CallHit]:
        """Through the FAISS index of ``model_id`` in the home's ``indexes/`` (built by the index job)."""
        path = manifest_path(self.settings.index_dir, model_id)
        if not path.exists():
            raise IndexFileError(msg("search.no_index", folder=self.settings.index_dir), hint=HINTS["search.no_index"])
        stamp = (model_id, path.stat().st_mtime_ns)
        if self._index is None or self._index[0] != stamp:
            self._index = (stamp, VectorIndex.load(self.settings.index_dir, model_id, mapped=True))
        index = self._index[1]
        return dense_call_hits(self.store.db, index, query, k, side=side, filters=filters, exclude_call=exclude_call)


class SqliteRatings:
    def __init__(self, store: CallStore) -> None:
        self.store = store

    def add_rating(self, rating: NewRating) -> int:
        return rating_rows.insert_rating(self.store, rating)

    def list_ratings(self, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]:
        return rating_rows.list_ratings(self.store.db, model_id=model_id, latest_only=latest_only)

    def rating_count(self, model_id: str | None = None) -> int:
        return rating_rows.rating_count(self.store.db, model_id)


class SqliteRerankerStates:
    """The re-ranker's files next to the indexes (``indexes/rerank/<model>.npy`` + ``.json``)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def save_reranker(self, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None:
        save_adapter_files(self.settings, model_id, matrix, info)

    def load_reranker(self, model_id: str) -> tuple[FloatArray, dict[str, Any]] | None:
        matrix_path, _ = adapter_paths(self.settings, model_id)
        info = read_info(self.settings, model_id)  # this model's, in the format this app writes
        if info is None or not matrix_path.exists():
            return None
        matrix = np.load(matrix_path, allow_pickle=False).astype(np.float32)
        return matrix, info


class SqliteMigrations:
    def __init__(self, store: CallStore) -> None:
        self.store = store

    def schema_version(self) -> int:
        return int(self.store.db.execute("PRAGMA user_version").fetchone()[0])

    def latest_version(self) -> int:
        return latest_version()


class SqliteEngine:
    """Every concern over the home's SQLite file and index folder."""

    name = "sqlite"
    thread_safe = False  # one connection: each thread opens its own engine

    def __init__(self, settings: Settings, *, readonly: bool = False, store: CallStore | None = None) -> None:
        """Opens the home's store, or wraps ``store`` (already open; closing the engine closes it)."""
        self.settings = settings
        self.store = store if store is not None else CallStore.open(settings.db_path, readonly=readonly)
        self.calls = self.store
        self.vectors = SqliteVectors(self.store, settings)
        self.keyword = SqliteKeywordSearch(self.store)
        self.ratings = SqliteRatings(self.store)
        self.rerankers = SqliteRerankerStates(settings)
        self.migrations = SqliteMigrations(self.store)
        self.sql = self.store.db

    @property
    def where(self) -> str:
        return str(self.store.path)

    def check(self) -> None:
        check_integrity(self.store.db, self.store.path)

    def assign_topics(self, model_id: str) -> int:
        from callcenter_ai.core.analytics.topics import assign_new_calls

        return assign_new_calls(self.store.db, model_id)

    def index_state(self, settings: Settings, model_id: str) -> dict[str, Any]:
        from callcenter_ai.core.stats import index_state

        return index_state(settings)

    def feedback(self) -> StoreSource:
        return StoreSource(self.store, self.settings)

    def search_service(
        self, settings: Settings, embedder_factory: EmbedderFactory | None = None, *, model_id: str | None = None
    ) -> SearchService:
        return SearchService(settings, self.store, embedder_factory, model_id=model_id)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> SqliteEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

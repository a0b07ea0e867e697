"""What the API keeps between requests: settings, one search service, the lazy model.

The store is SQLite in WAL mode, shared with the window: many readers, one
writer.  Searches run in parallel on the worker threads: each thread has its
own long-lived :class:`SearchService` (its own connection; the FAISS index is
memory-mapped, so its pages are shared), and only the embedding model is used
under a lock.  Writes (ratings) and reads for statistics and export open a short
connection per request.  The embedding model is created on the first
free-text query, never at start-up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

if TYPE_CHECKING:
    from callcenter_ai.core.embedding.base import Embedder
    from callcenter_ai.core.search import SearchService

log = logging.getLogger(__name__)


class ApiState:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.search_lock = threading.Lock()
        self._embedder = embedder
        self._own_embedder = embedder is None  # close only a model this state created
        self._embedder_lock = threading.Lock()
        self._local = threading.local()
        self._services: list[tuple[SearchService, CallStore]] = []
        self._services_lock = threading.Lock()

    @property
    def model_loaded(self) -> bool:
        return self._embedder is not None

    def embedder(self) -> Embedder:
        """The embedding model, created once on first use."""
        with self._embedder_lock:
            if self._embedder is None:
                from callcenter_ai.core.app import get_embedder

                log.info("creating the embedder for %s", self.settings.model)
                self._embedder = get_embedder(self.settings)
            return self._embedder

    def search_service(self) -> SearchService:
        """This thread's search service (a service serves one thread at a time)."""
        service: SearchService | None = getattr(self._local, "service", None)
        if service is None:
            from callcenter_ai.core.search import SearchService

            store = CallStore.open(self.settings.db_path)
            service = SearchService(self.settings, store, self._locked_embedder)
            self._local.service = service
            with self._services_lock:
                self._services.append((service, store))
        return service

    def _locked_embedder(self) -> Embedder:
        return _LockedEmbedder(self.embedder(), self.search_lock)

    @contextmanager
    def store(self) -> Iterator[CallStore]:
        """A connection for one request (the schema is migrated when needed)."""
        with CallStore.open(self.settings.db_path) as store:
            yield store

    def close(self) -> None:
        with self._services_lock:
            for _, store in self._services:
                store.close()
            self._services.clear()
        if self._own_embedder and self._embedder is not None:
            self._embedder.close()


class _LockedEmbedder:
    """The shared model behind a lock: queries from many threads are embedded one after another."""

    def __init__(self, embedder: Embedder, lock: threading.Lock) -> None:
        self._embedder = embedder
        self._lock = lock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._embedder, name)

    @property
    def model_id(self) -> str:
        return self._embedder.model_id

    @property
    def dims(self) -> int:
        return self._embedder.dims

    def embed_queries(self, texts: Any) -> Any:
        with self._lock:
            return self._embedder.embed_queries(texts)

    def embed_documents(self, texts: Any) -> Any:
        with self._lock:
            return self._embedder.embed_documents(texts)

"""What the API keeps between requests: settings, the store's engine, search services, the lazy model.

On SQLite (WAL mode, shared with the window: many readers, one writer) each
worker thread has its own engine and :class:`Searcher` (its own connection;
the FAISS index is memory-mapped, so its pages are shared), and writes and
reads for statistics and export open a short connection per request.  On
PostgreSQL (``database_url``) one engine, a connection pool, serves every
thread; each thread still has its own searcher.  Searches run in parallel;
only the embedding model is used under a lock.  The embedding model is
created on the first free-text query, never at start-up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from callcenter_ai.core.engines import Engine, Searcher, open_engine, open_shared_engine
from callcenter_ai.core.settings import Settings

if TYPE_CHECKING:
    from callcenter_ai.core.embedding.base import Embedder

log = logging.getLogger(__name__)


class ApiState:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.search_lock = threading.Lock()
        self._embedder = embedder
        self._own_embedder = embedder is None  # close only a model this state created
        self._embedder_lock = threading.Lock()
        self._local = threading.local()
        self._shared = open_shared_engine(settings)  # a server's pool, opened (and checked) at start-up
        self._engines: list[Engine] = [self._shared] if self._shared is not None else []
        self._engines_lock = threading.Lock()

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

    def search_service(self) -> Searcher:
        """This thread's search service (a service serves one thread at a time)."""
        service: Searcher | None = getattr(self._local, "service", None)
        if service is None:
            service = self._thread_engine().search_service(self.settings, self._locked_embedder)
            self._local.service = service
        return service

    def _thread_engine(self) -> Engine:
        """The shared engine, else this thread's own (kept for its searches)."""
        engine: Engine | None = self._shared or getattr(self._local, "engine", None)
        if engine is None:
            engine = open_engine(self.settings)
            self._local.engine = engine
            with self._engines_lock:
                self._engines.append(engine)
        return engine

    def _locked_embedder(self) -> Embedder:
        return _LockedEmbedder(self.embedder(), self.search_lock)

    @property
    def shared_engine(self) -> Engine | None:
        """The server's engine, shared by every thread (None: SQLite, a connection per thread or request)."""
        return self._shared

    @contextmanager
    def store(self) -> Iterator[Engine]:
        """The store for one request: the shared engine, else a short connection (migrated when needed)."""
        if self._shared is not None:
            yield self._shared
            return
        with open_engine(self.settings) as engine:
            yield engine

    def close(self) -> None:
        with self._engines_lock:
            for engine in self._engines:
                engine.close()
            self._engines.clear()
            self._shared = None
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

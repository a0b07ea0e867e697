"""What the API keeps between requests: settings, one search service, the lazy model.

The store is SQLite in WAL mode, shared with the window: many readers, one
writer.  Searches go through one long-lived :class:`SearchService` (it keeps
the FAISS index loaded) used under a lock, since a service serves one thread
at a time.  Writes (ratings) and reads for statistics and export open a short
connection per request.  The embedding model is created on the first
free-text query, never at start-up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

if TYPE_CHECKING:
    from callcenter_ai.core.embedding.base import Embedder
    from callcenter_ai.core.search.service import SearchService

log = logging.getLogger(__name__)


class ApiState:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.search_lock = threading.Lock()
        self._embedder = embedder
        self._own_embedder = embedder is None  # close only a model this state created
        self._embedder_lock = threading.Lock()
        self._service: SearchService | None = None
        self._service_store: CallStore | None = None

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
        """The shared search service; use it only while holding :attr:`search_lock`."""
        if self._service is None:
            from callcenter_ai.core.search.service import SearchService

            self._service_store = CallStore.open(self.settings.db_path)
            self._service = SearchService(self.settings, self._service_store, self.embedder)
        return self._service

    @contextmanager
    def store(self) -> Iterator[CallStore]:
        """A connection for one request (the schema is migrated when needed)."""
        with CallStore.open(self.settings.db_path) as store:
            yield store

    def close(self) -> None:
        if self._service_store is not None:
            self._service_store.close()
            self._service_store = None
            self._service = None
        if self._own_embedder and self._embedder is not None:
            self._embedder.close()

"""What the window asks of the core, and on which thread.

Three kinds of callers use this object:

* the GUI thread: :meth:`lookups`, :meth:`get_call`, :meth:`model_state` —
  quick SQL on a read-only connection of its own; never the model or FAISS;
* the *read* worker (one thread): :meth:`prepare_search_job`,
  :meth:`search_job`, :meth:`similar_job`, :meth:`unload_job` — they share
  the search service, its store connection and the interactive embedder;
* the *write* worker (one thread): import, demo, index and rating jobs, each
  with a store connection of its own (:class:`~callcenter_ai.gui.write_jobs.WriteJobs`).

A PostgreSQL ``database_url`` instead: one pool for every thread, pgvector searches (no index files).
Jobs are generators for :class:`~callcenter_ai.gui.worker.GeneratorWorker`;
the core's progress records are turned into :class:`Progress` for the view.
Heavy modules (torch, sentence-transformers, FAISS) are imported inside jobs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, Union

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.engines import Engine, Searcher, open_engine, open_shared_engine, store_exists
from callcenter_ai.core.errors import NotFoundError, StoreError
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.search import Facets, facets
from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.adapters import core_filters, to_row
from callcenter_ai.gui.dialogs import translate_message
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import IndexStatus, JobSummary, Lookups, Progress, SearchOutcome
from callcenter_ai.gui.worker import Job
from callcenter_ai.gui.write_jobs import WriteJobs

__all__ = ["Backend", "IndexStatus", "JobSummary", "Lookups", "Progress", "SearchOutcome", "WindowBackend"]

if TYPE_CHECKING:
    from callcenter_ai.core.analytics.drill import Drill
    from callcenter_ai.core.embedding.base import Embedder
    from callcenter_ai.gui.remote_backend import RemoteBackend

log = logging.getLogger(__name__)

WindowBackend = Union["Backend", "RemoteBackend"]  # the local home, or a server (gui/remote_backend.py)


class Backend(WriteJobs):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._shared: Engine | None = None  # a server's pool, for every thread (None: the home's SQLite)
        self._shared_lock = threading.Lock()
        self._lookup_store: Engine | None = None
        # Owned by the read worker:
        self._search_store: Engine | None = None
        self._service: Searcher | None = None
        self._embedder: Embedder | None = None
        self._embedder_lock = threading.Lock()

    def _shared_engine(self) -> Engine | None:
        """The server's engine, opened on first use and shared by every thread; None for the home's SQLite."""
        with self._shared_lock:
            if self._shared is None:
                self._shared = open_shared_engine(self.settings)
            return self._shared

    # -- GUI thread ------------------------------------------------------------------

    def _lookup(self) -> Engine | None:
        if self._lookup_store is None and store_exists(self.settings):
            self._lookup_store = self._shared_engine() or open_engine(self.settings, readonly=True)
        return self._lookup_store

    def lookups(self) -> Lookups:
        store = self._lookup()
        if store is None:
            return Lookups()
        calls = store.calls
        return Lookups(calls=calls.count("calls"), operators=calls.distinct("operator"), topics=calls.distinct("topic"))

    def facets(self) -> Facets:
        """Calls per operator and topic and the span of dates, for the filter panel."""
        store = self._lookup()
        return Facets() if store is None else facets(store.calls)

    def get_call(self, call_id: int) -> StoredCall:
        store = self._lookup()
        found = store.calls.get_calls([call_id]) if store is not None else []
        if not found:
            raise NotFoundError(msg("store.no_call_row", id=call_id))
        return found[0]

    def model_state(self) -> tuple[str, bool]:
        """(text for the status bar, whether the model is loaded and can be unloaded)."""
        embedder = self._embedder
        if embedder is None:
            return QCoreApplication.translate("Backend", "not loaded"), False
        state = embedder.state
        loaded = embedder.is_loaded
        if embedder.fallback_reason or state.startswith("offline"):
            loaded_text = (
                QCoreApplication.translate("Backend", "loaded")
                if loaded
                else QCoreApplication.translate("Backend", "not loaded")
            )
            text = (
                QCoreApplication.translate("Backend", "offline %1, %2")
                .replace("%1", embedder.model_id.removeprefix("offline/"))
                .replace("%2", loaded_text)
            )
            return text, loaded
        words = {
            "not loaded": QCoreApplication.translate("Backend", "not loaded"),
            "loading": QCoreApplication.translate("Backend", "loading"),
        }
        return words.get(state, state), loaded

    def close(self) -> None:
        for store in {
            id(s): s for s in (self._lookup_store, self._search_store, self._shared) if s is not None
        }.values():
            store.close()
        self._lookup_store = self._search_store = self._shared = None
        embedder, self._embedder = self._embedder, None
        if embedder is not None:
            embedder.close()

    # -- read worker -----------------------------------------------------------------

    def _get_embedder(self) -> Embedder:
        with self._embedder_lock:
            if self._embedder is None:
                from callcenter_ai.core.embedding import get_embedder

                self._embedder = get_embedder(self.settings)
            return self._embedder

    def prepare_search_job(self) -> Job:
        """Open the store and load the indexes (never the model)."""

        def job(_cancel: threading.Event) -> Generator[Any, None, IndexStatus | None]:
            if not store_exists(self.settings):
                return None
            from callcenter_ai.core.app.search_ready import search_state

            if self._search_store is None:
                self._search_store = self._shared_engine() or open_engine(self.settings)
            started = time.perf_counter()
            self._service = self._search_store.search_service(self.settings, self._get_embedder)
            state = search_state(self._search_store, self.settings, self._service)  # a damaged index raises now
            log.info("search service ready in %.2f s", time.perf_counter() - started)
            return IndexStatus(state.model_id, state.embedded, state.calls, state.index_vectors)
            yield  # pragma: no cover

        return job

    def _require_service(self) -> Searcher:
        if self._service is None:
            raise StoreError(msg("store.no_calls_yet"), hint=HINTS["store.no_calls_yet"])
        return self._service

    def search_job(self, text: str, k: int, mode: str, filters: FilterValues) -> Job:
        def job(_cancel: threading.Event) -> Generator[Any, None, SearchOutcome]:
            service = self._require_service()
            results = service.search(text, k=k, mode=mode, filters=core_filters(filters))
            served = results[0].mode if results else mode
            return SearchOutcome(
                [to_row(r) for r in results],
                [translate_message(w) for w in results.warnings],
                served,
                self._served_model_id(),
                query_text=text,
                total=results.total,
                total_capped=results.total_capped,
            )
            yield  # pragma: no cover

        return job

    def similar_job(self, dialog_id: str, k: int, filters: FilterValues) -> Job:
        def job(_cancel: threading.Event) -> Generator[Any, None, SearchOutcome]:
            service = self._require_service()
            results = service.similar(dialog_id, k=k, filters=core_filters(filters))
            served = results[0].mode if results else ""
            return SearchOutcome(
                [to_row(r) for r in results],
                [translate_message(w) for w in results.warnings],
                served,
                self._served_model_id(),
                source_dialog_id=dialog_id,
                total=results.total,
                total_capped=results.total_capped,
            )
            yield  # pragma: no cover

        return job

    def _served_model_id(self) -> str:
        from callcenter_ai.core.app import served_model_id

        return served_model_id(self.settings, self._shared)

    def stats_job(self) -> Job:
        """The learning statistics of the ratings (read worker)."""

        def job(_cancel: threading.Event) -> Generator[Any, None, dict[str, Any]]:
            from callcenter_ai.core.feedback import learning_stats

            self._require_service()
            assert self._search_store is not None
            stats: dict[str, Any] = learning_stats(
                self._search_store.feedback(), self.settings, self._served_model_id()
            )
            return stats
            yield  # pragma: no cover

        return job

    # The «Аналитика» tab's jobs, on the server's pool when there is one.
    def dashboard_job(self, rebuild: bool) -> Job:
        """The tab's numbers (run on the write worker: finding topics stores them)."""
        from callcenter_ai.gui.analytics_view import dashboard_job

        return dashboard_job(self.settings, rebuild, self._shared_engine)

    def analytics_job(self, what: str) -> Job:  # "alerts" after a write job, "outcomes" per topic
        from callcenter_ai.gui.analytics_view import analytics_job

        return analytics_job(self.settings, what, self._shared_engine)

    def drill_job(self, version: int, what: Drill) -> Job:
        from callcenter_ai.gui.analytics_view import drill_job

        return drill_job(self.settings, version, what, self._shared_engine)

    def unload_job(self) -> Job:
        def job(_cancel: threading.Event) -> Generator[Any, None, None]:
            if self._embedder is not None:
                self._embedder.unload()
            return None
            yield  # pragma: no cover

        return job

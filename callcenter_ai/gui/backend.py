"""What the window asks of the core, and on which thread.

Three kinds of callers use this object:

* the GUI thread: :meth:`lookups`, :meth:`get_call`, :meth:`model_state` —
  quick SQL on a read-only connection of its own; never the model or FAISS;
* the *read* worker (one thread): :meth:`prepare_search_job`,
  :meth:`search_job`, :meth:`similar_job`, :meth:`unload_job` — they share
  the search service, its store connection and the interactive embedder;
* the *write* worker (one thread): import, demo and index jobs, each with a
  store connection of its own.

Jobs are generators for :class:`~callcenter_ai.gui.worker.GeneratorWorker`;
the core's progress records are turned into :class:`Progress` for the view.
Heavy modules (torch, sentence-transformers, FAISS) are imported inside jobs.
"""

from __future__ import annotations

import functools
import getpass
import logging
import threading
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.search.facets import Facets, facets
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.gui.adapters import (
    adapt,
    core_filters,
    embed_line,
    embed_progress,
    import_line,
    import_progress,
    index_progress,
    sync_keywords,
    to_row,
    translate_warning,
)
from callcenter_ai.gui.dialogs import problem_text
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import IndexStatus, JobSummary, Lookups, Progress, SearchOutcome, group_digits
from callcenter_ai.gui.results_model import ResultRow
from callcenter_ai.gui.worker import Job

__all__ = ["Backend", "IndexStatus", "JobSummary", "Lookups", "Progress", "SearchOutcome"]

if TYPE_CHECKING:
    from callcenter_ai.core.embedding.base import Embedder

log = logging.getLogger(__name__)


class Backend:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lookup_store: CallStore | None = None
        # Owned by the read worker:
        self._search_store: CallStore | None = None
        self._service: Any = None
        self._embedder: Embedder | None = None
        self._embedder_lock = threading.Lock()

    # -- GUI thread ------------------------------------------------------------------

    def _lookup(self) -> CallStore | None:
        if self._lookup_store is None and self.settings.db_path.exists():
            self._lookup_store = CallStore.open(self.settings.db_path, readonly=True)
        return self._lookup_store

    def lookups(self) -> Lookups:
        store = self._lookup()
        if store is None:
            return Lookups()
        return Lookups(calls=store.count("calls"), operators=store.distinct("operator"), topics=store.distinct("topic"))

    def facets(self) -> Facets:
        """Calls per operator and topic and the span of dates, for the filter panel."""
        store = self._lookup()
        return Facets() if store is None else facets(store.db)

    def get_call(self, call_id: int) -> StoredCall:
        store = self._lookup()
        if store is None:
            from callcenter_ai.core.errors import NotFoundError

            raise NotFoundError(msg("store.no_call_row", id=call_id))
        return store.get_call(call_id)

    def model_state(self) -> tuple[str, bool]:
        """(text for the status bar, whether the model is loaded and can be unloaded)."""
        embedder = self._embedder
        if embedder is None:
            return QCoreApplication.translate("Backend", "not loaded"), False
        state = str(getattr(embedder, "state", "") or "")
        loaded = bool(getattr(embedder, "is_loaded", False))
        if getattr(embedder, "fallback_reason", None) or state.startswith("offline"):
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
        for store in (self._lookup_store, self._search_store):
            if store is not None:
                store.close()
        self._lookup_store = self._search_store = None
        embedder = self._embedder
        self._embedder = None
        close = getattr(embedder, "close", None) or getattr(embedder, "unload", None)
        if callable(close):
            close()

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
            if not self.settings.db_path.exists():
                return None
            from callcenter_ai.core.search.service import SearchService, preferred_model_id
            from callcenter_ai.core.store import vectors

            if self._search_store is None:
                self._search_store = CallStore.open(self.settings.db_path)
            started = time.perf_counter()
            service = SearchService(self.settings, self._search_store, self._get_embedder)
            self._service = service
            model_id = service.index_model_id or preferred_model_id(self.settings)
            status = IndexStatus(
                model_id=model_id,
                embedded=vectors.embedded_count(self._search_store.db, model_id),
                calls=self._search_store.count("calls"),
                index_vectors=None,
            )
            index = service.load_index()  # verified now, so a damaged index is reported at start-up
            if index is not None:
                status = replace(status, index_vectors=index.count("all"))
            log.info("search service ready in %.2f s", time.perf_counter() - started)
            return status
            yield  # pragma: no cover

        return job

    def _require_service(self) -> Any:
        if self._service is None:
            from callcenter_ai.core.errors import StoreError

            raise StoreError(msg("store.no_calls_yet"), hint=HINTS["store.no_calls_yet"])
        return self._service

    def search_job(self, text: str, k: int, mode: str, filters: FilterValues) -> Job:
        def job(_cancel: threading.Event) -> Generator[Any, None, SearchOutcome]:
            service = self._require_service()
            results = service.search(text, k=k, mode=mode, filters=core_filters(filters))
            served = results[0].mode if results else mode
            return SearchOutcome(
                [to_row(r) for r in results],
                [translate_warning(w) for w in service.warnings],
                served,
                self._served_model_id(),
                query_text=text,
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
                [translate_warning(w) for w in service.warnings],
                served,
                self._served_model_id(),
                source_dialog_id=dialog_id,
            )
            yield  # pragma: no cover

        return job

    def _served_model_id(self) -> str:
        from callcenter_ai.core.search.service import preferred_model_id

        service = self._require_service()
        return str(service.index_model_id or preferred_model_id(self.settings))

    def stats_job(self) -> Job:
        """The learning statistics of the ratings (read worker)."""

        def job(_cancel: threading.Event) -> Generator[Any, None, dict[str, Any]]:
            from callcenter_ai.core.feedback import learning_stats

            service = self._require_service()
            stats: dict[str, Any] = learning_stats(service.store, self.settings, self._served_model_id())
            return stats
            yield  # pragma: no cover

        return job

    def unload_job(self) -> Job:
        def job(_cancel: threading.Event) -> Generator[Any, None, None]:
            embedder = self._embedder
            unload = getattr(embedder, "unload", None)
            if callable(unload):
                unload()
            return None
            yield  # pragma: no cover

        return job

    # -- write worker ---------------------------------------------------------------

    def rate_job(self, outcome: SearchOutcome, row: ResultRow, rank: int, relevant: bool) -> Job:
        """Store an operator's judgement of one served result."""

        def job(_cancel: threading.Event) -> Generator[Any, None, int]:
            from callcenter_ai.core.feedback import add_rating

            with CallStore.open(self.settings.db_path) as store:
                rating_id = add_rating(
                    store,
                    result_dialog_id=row.dialog_id,
                    relevant=relevant,
                    model_id=outcome.model_id,
                    query_text=outcome.query_text,
                    source_dialog_id=outcome.source_dialog_id,
                    rater=getpass.getuser(),
                    rank=rank,
                    score=row.score,
                    mode=outcome.mode or None,
                    reranked=row.reranked,
                )
                self._retrain_if_due(store, outcome.model_id)
            return rating_id
            yield  # pragma: no cover

        return job

    def _retrain_if_due(self, store: CallStore, model_id: str) -> None:
        """Train the re-ranker again once enough new ratings arrived (as the HTTP API does after feedback).

        Query texts are embedded only with a model that is already loaded; the search service picks the
        new adapter up when its files change.  A failed training is logged, never lost as a rating.
        """
        from callcenter_ai.core.feedback import maybe_retrain, rerank_status

        if not rerank_status(store, self.settings, model_id)["needs_training"]:
            return
        embedder = self._embedder
        embed = embedder.embed_queries if embedder is not None and embedder.model_id == model_id else None
        try:
            info = maybe_retrain(store, self.settings, model_id, embed_queries=embed)
        except Exception:
            log.exception("re-ranker training failed")
            return
        if info is not None:
            log.info("re-ranker for %s trained on %s ratings", model_id, info.get("ratings_used"))

    def import_job(self, paths: Sequence[Path], *, skip_invalid: bool) -> Job:
        def job(cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            from callcenter_ai.core.ingest import import_file

            lines: list[str] = []
            totals = {"inserted": 0, "updated": 0, "unchanged": 0, "invalid": 0}
            with CallStore.open(self.settings.db_path) as store:
                for number, path in enumerate(paths, start=1):
                    stage = QCoreApplication.translate("Backend", "Importing %1 (%2 of %3)").replace("%1", path.name)
                    stage = stage.replace("%2", str(number)).replace("%3", str(len(paths)))
                    report = yield from adapt(
                        import_file(
                            store,
                            path,
                            skip_invalid=skip_invalid,
                            text_filter=self._text_filter(),
                            cancel=cancel.is_set,
                        ),
                        functools.partial(import_progress, stage),
                    )
                    for key in totals:
                        totals[key] += getattr(report, key)
                    lines.append(import_line(path, report))
                    lines.extend(problem_text(p) for p in report.problems[:50])
                    if report.problems_total > min(len(report.problems), 50):
                        more = report.problems_total - min(len(report.problems), 50)
                        lines.append(
                            QCoreApplication.translate("Backend", "%1: ... and %2 more problems")
                            .replace("%1", report.source)
                            .replace("%2", group_digits(more))
                        )
                yield from sync_keywords(store)
            title = (
                QCoreApplication.translate("Backend", "Imported: %1 new, %2 updated, %3 unchanged, %4 invalid")
                .replace("%1", group_digits(totals["inserted"]))
                .replace("%2", group_digits(totals["updated"]))
                .replace("%3", group_digits(totals["unchanged"]))
                .replace("%4", group_digits(totals["invalid"]))
            )
            return JobSummary(title, [title, *lines])

        return job

    def _text_filter(self) -> Callable[[str], str] | None:
        from callcenter_ai.core.privacy import import_text_filter

        return import_text_filter(self.settings)

    def demo_job(self, calls: int, seed: int = 0) -> Job:
        def job(cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            from callcenter_ai.core.demo import generate_demo

            with CallStore.open(self.settings.db_path) as store:
                stage = QCoreApplication.translate("Backend", "Generating the demo set")
                report = yield from adapt(
                    generate_demo(
                        store,
                        self.settings,
                        calls=calls,
                        seed=seed,
                        cancel=cancel.is_set,
                        text_filter=self._text_filter(),
                    ),
                    functools.partial(import_progress, stage),
                )
                yield from sync_keywords(store)
            title = (
                QCoreApplication.translate("Backend", "Demo set: %1 new, %2 updated, %3 unchanged calls")
                .replace("%1", group_digits(report.inserted))
                .replace("%2", group_digits(report.updated))
                .replace("%3", group_digits(report.unchanged))
            )
            if report.cancelled:
                title = QCoreApplication.translate("Backend", "Demo set cancelled, nothing written")
            return JobSummary(title, [title])

        return job

    def index_job(self, *, rebuild: bool = False) -> Job:
        """Embed the pending calls, then update (or rebuild) the index; cancel keeps the old index."""

        def job(cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            from callcenter_ai.core.analytics.topics import assign_new_calls
            from callcenter_ai.core.embedding import embed_pending
            from callcenter_ai.core.index.files import check_index_folder
            from callcenter_ai.core.index.update import index_job
            from callcenter_ai.core.store.database import check_integrity
            from callcenter_ai.core.store.vectors import pending_calls

            lines: list[str] = []
            check_index_folder(self.settings.index_dir)  # before any embedding work
            with CallStore.open(self.settings.db_path) as store:
                check_integrity(store.db, store.path)
                embedder = self._get_embedder()
                pending = len(pending_calls(store.db, embedder.model_id))
                yield Progress(QCoreApplication.translate("Backend", "Preparing the model…"), 0.0)
                summary = yield from adapt(
                    embed_pending(store, embedder, cancel=cancel.is_set),
                    lambda p: embed_progress(QCoreApplication.translate("Backend", "Embedding calls"), p),
                )
                lines.append(embed_line(summary, pending))
                if cancel.is_set():
                    return JobSummary(QCoreApplication.translate("Backend", "Cancelled"), lines)
                report = yield from adapt(
                    index_job(
                        store,
                        summary.model_id,
                        embedder.dims,
                        self.settings.index_dir,
                        rebuild=rebuild,
                        cancel=cancel.is_set,
                    ),
                    index_progress,
                )
                assign_new_calls(store.db, embedder.model_id)  # into the stored topics, if any
            lines.append(
                QCoreApplication.translate("Backend", "Index: %1 calls added, %2 removed, %3 unchanged; %4 vectors.")
                .replace("%1", group_digits(report.added_calls))
                .replace("%2", group_digits(report.removed_calls))
                .replace("%3", group_digits(report.unchanged_calls))
                .replace("%4", group_digits(report.vectors.get("all", 0)))
            )
            return JobSummary(lines[-1], lines, report)

        return job

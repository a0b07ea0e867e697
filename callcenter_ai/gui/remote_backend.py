"""The window's backend when it is connected to a central server: the local backend's jobs over HTTP.

:class:`RemoteBackend` has the methods of :class:`~callcenter_ai.gui.backend.Backend`
and returns the same records, so the tabs do not know which one they have.  Every
request goes through :meth:`RemoteBackend._ask`, which tells ``watch`` whether the
server answered: the connection controller shows a lost connection from that.
Import and indexing run on the server and are only offered to admins.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.app import KeywordProgress, RefreshReport
from callcenter_ai.core.embedding.job import EmbedProgress
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.index import IndexProgress
from callcenter_ai.core.messages import msg
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.remote import RemoteClient, RemoteUser, ServerUnreachableError, from_json
from callcenter_ai.core.search import Facets
from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.adapters import embed_line, index_line, refresh_progress
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import IndexStatus, JobSummary, Lookups, Progress, SearchOutcome, group_digits
from callcenter_ai.gui.remote_adapters import api_filters, import_lines, search_outcome
from callcenter_ai.gui.results_model import ResultRow
from callcenter_ai.gui.worker import Job

T = TypeVar("T")
_PROGRESS: dict[str, type[Any]] = {"embed": EmbedProgress, "keywords": KeywordProgress, "index": IndexProgress}


def _job(work: Callable[[], T]) -> Job:
    """A job that does one request on a worker thread."""

    def job(_cancel: threading.Event) -> Generator[Any, None, T]:
        yield from ()
        return work()

    return job


class RemoteBackend:
    def __init__(
        self, settings: Settings, client: RemoteClient, user: RemoteUser, watch: Callable[[bool], None]
    ) -> None:
        self.settings = settings
        self.client = client
        self.user = user
        self._watch = watch
        self._lookups: Lookups | None = None
        self.lookups_version = 0  # counts read so far; the session re-applies lookups when it grows
        self._facets = Facets()
        self._dialog_ids: dict[int, str] = {}  # call row id -> dialog id, for the viewer
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.client.url

    def _ask(self, request: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            answer = request(*args, **kwargs)
        except ServerUnreachableError:
            self._watch(False)
            raise
        self._watch(True)
        return answer

    def _remember(self, outcome: SearchOutcome) -> SearchOutcome:
        with self._lock:
            self._dialog_ids.update((row.call_id, row.dialog_id) for row in outcome.rows)
        return outcome

    # -- GUI thread (quick requests; the answers are kept) --------------------------------

    def _load_lookups(self) -> Lookups:
        """Calls (from ``/health``: cheap, no index loaded) and the filter facets."""
        calls = int(self._ask(self.client.health).get("dialogs") or 0)
        facets = self._ask(self.client.facets)
        lookups = Lookups(calls, [n for n, _ in facets.operators], [n for n, _ in facets.topics])
        self._lookups, self._facets = lookups, facets
        self.lookups_version += 1
        self._watch(True)  # after the new counts are in place: the window shows them
        return lookups

    def lookups(self) -> Lookups:
        """The server's counts as last read by :meth:`prepare_search_job` (no request on the GUI thread)."""
        return self._lookups or Lookups()

    def facets(self) -> Facets:
        return self._facets

    def get_call(self, call_id: int) -> StoredCall:
        with self._lock:
            dialog_id = self._dialog_ids.get(call_id)
        if dialog_id is None:
            raise NotFoundError(msg("store.no_call_row", id=call_id))
        return self._ask(self.client.call, dialog_id)

    def model_state(self) -> tuple[str, bool]:
        return QCoreApplication.translate("Remote", "on the server %1").replace("%1", self.url), False

    def close(self) -> None:
        self.client.close()

    # -- read worker -------------------------------------------------------------------

    def prepare_search_job(self) -> Job:
        def work() -> IndexStatus:
            self.user = self._ask(self.client.whoami)
            self._load_lookups()
            stats = self._ask(self.client.stats)
            index = stats.get("index") or {}
            served: dict[str, Any] = next((i for i in index.get("indexes", []) if i.get("served")), {})
            vectors = served.get("vector_count") if index.get("state") == "ready" else None
            return IndexStatus(
                model_id=str(stats.get("model") or ""),
                embedded=int(stats.get("embedded_dialogs") or 0),
                calls=int(stats.get("dialogs") or 0),
                index_vectors=None if vectors is None else int(vectors),
            )

        return _job(work)

    def search_job(self, text: str, k: int, mode: str, filters: FilterValues) -> Job:
        return _job(
            lambda: self._remember(
                search_outcome(self._ask(self.client.search, text, k, mode, api_filters(filters)), query=text)
            )
        )

    def similar_job(self, dialog_id: str, k: int, filters: FilterValues) -> Job:
        return _job(
            lambda: self._remember(
                search_outcome(self._ask(self.client.similar, dialog_id, k, api_filters(filters)), source=dialog_id)
            )
        )

    def stats_job(self) -> Job:
        return _job(lambda: self._ask(self.client.learning_stats))

    def unload_job(self) -> Job:
        return _job(lambda: None)  # the model lives on the server

    def dashboard_job(self, rebuild: bool) -> Job:
        return _job(lambda: self._ask(self.client.dashboard, rebuild=rebuild))

    def analytics_job(self, what: str) -> Job:
        return _job(lambda: self._ask(self.client.alerts if what == "alerts" else self.client.topic_summary))

    def drill_job(self, version: int, what: Drill) -> Job:
        def work() -> list[StoredCall]:
            calls = self._ask(self.client.drill, version, what)
            with self._lock:
                self._dialog_ids.update((c.id, c.dialog_id) for c in calls)
            return calls

        return _job(work)

    # -- write worker ------------------------------------------------------------------

    def rate_job(self, outcome: SearchOutcome, row: ResultRow, rank: int, relevant: bool) -> Job:
        rating = {
            "dialog_id": row.dialog_id,
            "relevant": relevant,
            "query": outcome.query_text,
            "source_dialog_id": outcome.source_dialog_id,
            "rank": rank,
            "score": row.score,
            "mode": outcome.mode if outcome.mode in ("semantic", "keyword", "hybrid") else None,
            "reranked": row.reranked,
            "model_id": outcome.model_id or None,
        }
        return _job(lambda: int(self._ask(self.client.rate, rating)["id"]))

    def import_job(self, paths: Sequence[Path], *, skip_invalid: bool) -> Job:
        def job(_cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            lines: list[str] = []
            inserted = 0
            for number, path in enumerate(paths, start=1):
                stage = QCoreApplication.translate("Backend", "Importing %1 (%2 of %3)").replace("%1", path.name)
                yield Progress(
                    stage.replace("%2", str(number)).replace("%3", str(len(paths))), (number - 1) / len(paths)
                )
                report = self._ask(self.client.import_file, path, skip_invalid=skip_invalid)
                inserted += int(report.get("inserted", 0))
                lines.extend(import_lines(report))
            title = QCoreApplication.translate("Remote", "Imported on the server: %1 new calls").replace(
                "%1", group_digits(inserted)
            )
            return JobSummary(title, [title, *lines])

        return job

    def demo_job(self, calls: int, seed: int = 0) -> Job:
        def work() -> JobSummary:
            raise ConfigError("the demo set is generated in a desktop's own home, not on a server")

        return _job(work)

    def index_job(self, *, rebuild: bool = False) -> Job:
        """The server's refresh, its streamed progress shown as the local one is."""

        def job(cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            yield Progress(QCoreApplication.translate("Backend", "Preparing the model…"), 0.0)
            report: RefreshReport | None = None
            try:
                for record in self.client.refresh(rebuild=rebuild):
                    if "result" in record:
                        report = from_json(RefreshReport, record["result"], what="index")
                    elif record.get("kind") in _PROGRESS:
                        yield refresh_progress(from_json(_PROGRESS[record["kind"]], record["progress"]))
                    if cancel.is_set():
                        break
            except ServerUnreachableError:
                self._watch(False)
                raise
            self._watch(True)
            if report is None or report.index is None:
                cancelled = QCoreApplication.translate("Backend", "Cancelled")
                return JobSummary(cancelled, [embed_line(report.embed, report.pending)] if report else [cancelled])
            index = report.index
            line = index_line(index)
            return JobSummary(line, [embed_line(report.embed, report.pending), line], index)

        return job

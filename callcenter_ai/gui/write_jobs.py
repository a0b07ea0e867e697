"""The window's jobs for the *write* worker: import, demo set, refresh of the indexes, ratings.

Each job opens a store connection of its own and runs a core job through
:func:`~callcenter_ai.core.jobs.relay`, turning its progress into
:class:`Progress` for the indexing tab.  The index job is the core's
:func:`~callcenter_ai.core.app.refresh`, the one ``index`` runs on the
command line: embed, keyword index, vector index.
"""

from __future__ import annotations

import functools
import getpass
import threading
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.engines import Engine, using_engine
from callcenter_ai.core.jobs import relay
from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.adapters import (
    embed_line,
    import_line,
    import_progress,
    index_line,
    refresh_progress,
    sync_keywords,
)
from callcenter_ai.gui.dialogs import problem_text, translate_message
from callcenter_ai.gui.job_records import JobSummary, Progress, SearchOutcome, group_digits
from callcenter_ai.gui.results_model import ResultRow
from callcenter_ai.gui.worker import Job

if TYPE_CHECKING:
    from callcenter_ai.core.embedding.base import Embedder

MAX_PROBLEM_LINES = 50


class WriteJobs:
    """Mixed into :class:`~callcenter_ai.gui.backend.Backend`: the jobs that write the store or the indexes."""

    settings: Settings
    _embedder: Embedder | None

    def _get_embedder(self) -> Embedder:
        raise NotImplementedError  # the backend's

    def _shared_engine(self) -> Engine | None:
        raise NotImplementedError  # the backend's: a server's pool, else None (each job opens the home's store)

    def _text_filter(self) -> Callable[[str], str] | None:
        from callcenter_ai.core.privacy import import_text_filter

        return import_text_filter(self.settings)

    def rate_job(self, outcome: SearchOutcome, row: ResultRow, rank: int, relevant: bool) -> Job:
        """Store an operator's judgement of one served result; train the re-ranker again when it is due."""

        def job(_cancel: threading.Event) -> Generator[Any, None, int]:
            from callcenter_ai.core.app import rate, retrain_if_due

            with using_engine(self.settings, self._shared_engine()) as store:
                rated = rate(
                    store,
                    self.settings,
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
                if rated.rerank.needs_training:  # the model only if already created: never loaded for this
                    retrain_if_due(store, self.settings, outcome.model_id, self._embedder)
            return rated.rating_id
            yield  # pragma: no cover

        return job

    def import_job(self, paths: Sequence[Path], *, skip_invalid: bool) -> Job:
        def job(cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            from callcenter_ai.core.ingest import import_file

            lines: list[str] = []
            totals = {"inserted": 0, "updated": 0, "unchanged": 0, "invalid": 0}
            with using_engine(self.settings, self._shared_engine()) as store:
                for number, path in enumerate(paths, start=1):
                    stage = QCoreApplication.translate("Backend", "Importing %1 (%2 of %3)").replace("%1", path.name)
                    stage = stage.replace("%2", str(number)).replace("%3", str(len(paths)))
                    report = yield from relay(
                        import_file(
                            store.calls,
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
                    shown = min(len(report.problems), MAX_PROBLEM_LINES)
                    lines.extend(problem_text(p, in_words=True) for p in report.problems[:shown])
                    if report.problems_total > shown:
                        lines.append(
                            QCoreApplication.translate("Backend", "%1: ... and %2 more problems")
                            .replace("%1", report.source)
                            .replace("%2", group_digits(report.problems_total - shown))
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

    def demo_job(self, calls: int, seed: int = 0) -> Job:
        def job(cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            from callcenter_ai.core.demo import generate_demo

            with using_engine(self.settings, self._shared_engine()) as store:
                report = yield from relay(
                    generate_demo(
                        store.calls,
                        self.settings,
                        calls=calls,
                        seed=seed,
                        cancel=cancel.is_set,
                        text_filter=self._text_filter(),
                    ),
                    functools.partial(
                        import_progress, QCoreApplication.translate("Backend", "Generating the demo set")
                    ),
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
        """The core's refresh: embed pending calls, sync the keyword index, update (or rebuild) the vector index.

        Cancelled, the calls embedded so far are kept and the old index stays.
        """

        def job(cancel: threading.Event) -> Generator[Progress, None, JobSummary]:
            from callcenter_ai.core.app import refresh

            with using_engine(self.settings, self._shared_engine()) as store:
                yield Progress(QCoreApplication.translate("Backend", "Preparing the model…"), 0.0)
                result = yield from relay(
                    refresh(store, self.settings, self._get_embedder(), rebuild=rebuild, cancel=cancel.is_set),
                    refresh_progress,
                )
            lines = [embed_line(result.embed, result.pending)]
            report = result.index
            if report is None:
                return JobSummary(QCoreApplication.translate("Backend", "Cancelled"), lines)
            lines.append(index_line(report))
            warnings = [translate_message(report.warning_message)] if report.warning_message else []
            return JobSummary(lines[-1], [*lines, *warnings], report, warnings)

        return job

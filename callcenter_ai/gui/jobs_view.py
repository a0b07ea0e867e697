"""Import, demo and indexing jobs: start them on the write pool and show their progress."""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox
from tqdm import tqdm

from callcenter_ai.core.errors import KnownError
from callcenter_ai.gui.backend import JobSummary, Progress
from callcenter_ai.gui.dialogs import error_text, warning_box
from callcenter_ai.gui.plain_text import for_operator
from callcenter_ai.gui.worker import Cancelled, GeneratorWorker, Job

if TYPE_CHECKING:
    from callcenter_ai.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def format_eta(seconds: float | None) -> str:
    """Time left as the command line's progress bars show it (tqdm's ``format_interval``: 01:05, 1:02:05)."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return ""
    return str(tqdm.format_interval(seconds))


class JobsController(QObject):
    """One write job at a time (the write pool has one thread); ``job_finished`` carries its outcome."""

    job_finished = Signal(object)  # JobSummary | Cancelled | BaseException

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tab = window.index_tab
        self.current: GeneratorWorker | None = None
        self.indexing = False  # the current job builds the index
        self._outcome: Any = None
        self._index_after = False  # build the index when the current (demo) job succeeds
        self._last_progress: Progress | None = None

    # -- requests ----------------------------------------------------------------

    def ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import calls"),
            str(Path.home()),
            self.tr("Transcripts (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)"),
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> GeneratorWorker | None:
        job = self.window.backend.import_job(paths, skip_invalid=self.tab.skip_invalid.isChecked())
        return self._start(job, self.tr("Importing %1 file(s)").replace("%1", str(len(paths))))

    def ask_demo(self) -> QMessageBox | None:
        """Generate the demo set; on a home that has calls, ask first (it rewrites the demo calls)."""
        calls = self.window.calls
        if not calls:
            self.generate_demo(index_after=True)
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Generate the demo set?"),
            self.tr(
                "The database already holds %1 calls. The demo set adds its calls and rewrites the demo calls "
                "made before (they then need indexing again). Your own calls are not touched."
            ).replace("%1", str(calls)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("demoConfirmDialog")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Generate"))
        box.accepted.connect(lambda: self.generate_demo(index_after=True))
        self.window.reporter.open_dialog(box)
        return box

    def generate_demo(self, seed: int = 0, *, index_after: bool = False) -> GeneratorWorker | None:
        """Generate the demo set; with ``index_after`` index it in the background once written."""
        calls = self.tab.demo_calls.value()
        job = self.window.backend.demo_job(calls, seed=seed)
        worker = self._start(job, self.tr("Generating %1 demo calls").replace("%1", str(calls)))
        self._index_after = index_after and worker is not None
        return worker

    def build_index(self, rebuild: bool = False, *, show: bool = True) -> GeneratorWorker | None:
        job = self.window.backend.index_job(rebuild=rebuild)
        title = self.tr("Rebuilding the index") if rebuild else self.tr("Building the index")
        worker = self._start(job, title, show=show)
        if worker is not None:
            self.indexing = True
            self.update_index_notice()
        return worker

    def update_index_notice(self) -> None:
        """Tell a Search tab with calls but no (or a partial) index what to do about it."""
        status, tab = self.window.index_status, self.window.search_tab
        if self.current is not None and self.indexing:
            tab.show_notice(self.tr("The index for search by meaning is being built; search by words works already."))
        elif status is None or not status.calls:
            tab.show_notice(None)
        elif status.index_vectors is None:
            tab.show_notice(
                self.tr("Search by meaning needs the index, which is not built yet. Search by words works already."),
                offer_index=True,
            )
        elif status.embedded < status.calls:
            tab.show_notice(
                self.tr("%1 calls are not in the index yet: search by meaning does not see them.").replace(
                    "%1", str(status.calls - status.embedded)
                ),
                offer_index=True,
            )
        else:
            tab.show_notice(None)

    def cancel(self) -> None:
        if self.current is not None:
            self.tab.stage.setText(self.tr("Cancelling after the current batch…"))
            self.current.cancel()

    # -- running -----------------------------------------------------------------

    def _start(self, job: Job, title: str, *, show: bool = True) -> GeneratorWorker | None:
        if self.current is not None:
            self.window.statusBar().showMessage(self.tr("Another job is running; wait or cancel it."), 5000)
            return None
        self._last_progress = None
        if show:
            self.window.tabs.setCurrentWidget(self.tab)
        self.tab.set_running(True)
        self.window.welcome.set_enabled(False)
        self.tab.start_stage(title)
        self.tab.add_summary("— " + title)
        self.current = self.window.runner.start(
            job,
            title,
            write=True,
            on_progress=self._progress,
            on_result=self._result,
            on_cancelled=self._result,
            on_error=self._error,
            on_finished=self._finished,
        )
        return self.current

    def _progress(self, progress: Any) -> None:
        if not isinstance(progress, Progress):
            return
        self._last_progress = progress
        if self.indexing:
            self.window.search_tab.notice.setText(
                self.tr("The index for search by meaning is being built: %1 %. Search by words works already.").replace(
                    "%1", str(round(progress.fraction * 100))
                )
            )
        if progress.stage:
            self.tab.stage.setText(progress.stage)
        done = ""
        if progress.total:
            done = f"{progress.done:,} / {progress.total:,}".replace(",", "\u202f")
        speed = f"{progress.per_s:,.1f} {progress.unit}".replace(",", "\u202f") if progress.per_s else ""
        self.tab.show_progress(
            progress.fraction,
            done=done,
            speed=speed,
            eta=format_eta(progress.eta_s),
            device=progress.device,
            batch=str(progress.batch_size) if progress.batch_size else "",
        )
        if progress.device:
            self.window.status.refresh_model()

    def _result(self, result: Any) -> None:
        if isinstance(result, Cancelled):
            self.tab.stage.setText(self._cancelled_text())
            self.tab.add_summary(self._cancelled_text())
            self.tab.reset_progress()
        elif isinstance(result, JobSummary):
            self.tab.progress.setValue(self.tab.progress.maximum())
            self.tab.stage.setText(result.title)
            for line in result.lines:
                log.info("%s", line)
            self.tab.add_summary("\n".join(for_operator(line) for line in result.lines))
            for warning in result.warnings:  # e.g. the old index's calls are all gone from the store
                self.window.reporter.open_dialog(warning_box(self.window, result.title, warning))
        self._outcome = result

    def _cancelled_text(self) -> str:
        """What a cancel kept: how far the job got, that the next run continues, and the old index if any."""
        text = self.tr("Cancelled.")
        progress = self._last_progress
        if self.indexing and progress is not None and progress.total:
            text += " " + (
                self.tr("Done: %1 of %2; the next run continues from there.")
                .replace("%1", str(progress.done))
                .replace("%2", str(progress.total))
            )
        status = self.window.index_status
        if self.indexing and status is not None and status.index_vectors is not None:
            text += " " + self.tr("Search uses the previous index meanwhile.")
        return text

    def _error(self, exc: BaseException) -> None:
        self.tab.stage.setText(self.tr("Failed."))
        detail = error_text(exc) if isinstance(exc, KnownError) else str(exc)
        self.tab.add_summary(self.tr("Failed: %1").replace("%1", detail))
        self.window.reporter.report(exc)
        self._outcome = exc

    def _finished(self) -> None:
        self.current = None
        self.indexing = False
        self.tab.set_running(False)
        self.window.welcome.set_enabled(True)
        self.window.refresh_lookups()
        self.window.status.refresh_model()
        self.window.load_search()
        outcome, self._outcome = self._outcome, None
        index_after, self._index_after = self._index_after, False
        if index_after and isinstance(outcome, JobSummary):
            self.window.tabs.setCurrentWidget(self.window.search_stack)  # keyword search works meanwhile
            self.build_index(show=False)
        self.job_finished.emit(outcome)

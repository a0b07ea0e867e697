"""Import, demo and indexing jobs: start them on the write pool and show their progress."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from callcenter_ai.core.errors import KnownError
from callcenter_ai.gui.backend import JobSummary, Progress
from callcenter_ai.gui.dialogs import error_text
from callcenter_ai.gui.index_tab import format_eta
from callcenter_ai.gui.worker import Cancelled, GeneratorWorker, Job

if TYPE_CHECKING:
    from callcenter_ai.gui.main_window import MainWindow

log = logging.getLogger(__name__)


class JobsController(QObject):
    """One write job at a time (the write pool has one thread); ``job_finished`` carries its outcome."""

    job_finished = Signal(object)  # JobSummary | Cancelled | BaseException

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tab = window.index_tab
        self.current: GeneratorWorker | None = None
        self._outcome: Any = None

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

    def generate_demo(self, seed: int = 0) -> GeneratorWorker | None:
        calls = self.tab.demo_calls.value()
        job = self.window.backend.demo_job(calls, seed=seed)
        return self._start(job, self.tr("Generating %1 demo calls").replace("%1", str(calls)))

    def build_index(self, rebuild: bool = False) -> GeneratorWorker | None:
        job = self.window.backend.index_job(rebuild=rebuild)
        title = self.tr("Rebuilding the index") if rebuild else self.tr("Updating the index")
        return self._start(job, title)

    def cancel(self) -> None:
        if self.current is not None:
            self.tab.stage.setText(self.tr("Cancelling after the current batch…"))
            self.current.cancel()

    # -- running -----------------------------------------------------------------

    def _start(self, job: Job, title: str) -> GeneratorWorker | None:
        if self.current is not None:
            self.window.statusBar().showMessage(self.tr("Another job is running; wait or cancel it."), 5000)
            return None
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
            on_error=self._error,
            on_finished=self._finished,
        )
        return self.current

    def _progress(self, progress: Any) -> None:
        if not isinstance(progress, Progress):
            return
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
            eta=format_eta(progress.eta_s) if progress.eta_s is not None else "",
            device=progress.device,
            batch=str(progress.batch_size) if progress.batch_size else "",
        )
        if progress.device:
            self.window.status.refresh_model()

    def _result(self, result: Any) -> None:
        if isinstance(result, Cancelled):
            self.tab.stage.setText(self.tr("Cancelled; the previous index is kept."))
            self.tab.add_summary(self.tr("Cancelled."))
        elif isinstance(result, JobSummary):
            self.tab.progress.setValue(self.tab.progress.maximum())
            self.tab.stage.setText(result.title)
            self.tab.add_summary("\n".join(result.lines))
        self._outcome = result

    def _error(self, exc: BaseException) -> None:
        self.tab.stage.setText(self.tr("Failed."))
        detail = error_text(exc) if isinstance(exc, KnownError) else str(exc)
        self.tab.add_summary(self.tr("Failed: %1").replace("%1", detail))
        self.window.reporter.report(exc)
        self._outcome = exc

    def _finished(self) -> None:
        self.current = None
        self.tab.set_running(False)
        self.window.welcome.set_enabled(True)
        self.window.refresh_lookups()
        self.window.status.refresh_model()
        self.window.load_search()
        outcome, self._outcome = self._outcome, None
        self.job_finished.emit(outcome)

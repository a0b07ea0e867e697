"""The main window: tabs, menus, shortcuts, status bar; runs every core job on a worker."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QStackedWidget, QTabWidget, QWidget

from callcenter_ai import __version__
from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.settings import Settings, save_settings
from callcenter_ai.gui import export
from callcenter_ai.gui.analytics_tab import AnalyticsTab
from callcenter_ai.gui.analytics_view import AnalyticsController
from callcenter_ai.gui.backend import Backend, IndexStatus, Lookups, SearchOutcome
from callcenter_ai.gui.dialogs import ErrorReporter, info_box
from callcenter_ai.gui.index_tab import IndexTab
from callcenter_ai.gui.jobs_view import JobsController
from callcenter_ai.gui.log_panel import LogPanel, QtLogHandler
from callcenter_ai.gui.results_model import ResultRow
from callcenter_ai.gui.search_tab import SearchTab
from callcenter_ai.gui.stats_tab import StatsTab
from callcenter_ai.gui.status_bar import StatusBar
from callcenter_ai.gui.welcome import WelcomePage
from callcenter_ai.gui.worker import JobRunner

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """``ready`` fires once the lookups and the indexes are loaded (never the model)."""

    ready = Signal()
    search_finished = Signal()
    rating_saved = Signal(bool)
    stats_shown = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.backend = Backend(settings)
        self.runner = JobRunner(self)
        self.reporter = ErrorReporter(self)
        self.is_ready = False
        self._closed = False
        self.index_status: IndexStatus | None = None
        self.last_outcome: SearchOutcome | None = None
        self.setWindowTitle(self.tr("CallCenter AI — call search"))
        self.resize(1280, 800)

        self.log_panel = LogPanel(self)
        self.log_handler = QtLogHandler()
        self.log_handler.emitter.record.connect(self.log_panel.append)
        logging.getLogger("callcenter_ai").addHandler(self.log_handler)
        if logging.getLogger("callcenter_ai").getEffectiveLevel() > logging.INFO:
            logging.getLogger("callcenter_ai").setLevel(logging.INFO)

        self.search_tab = SearchTab(settings.search_k, settings.search_mode, self)
        self.welcome = WelcomePage(self)
        self.search_stack = QStackedWidget(self)
        self.search_stack.addWidget(self.welcome)
        self.search_stack.addWidget(self.search_tab)
        self.index_tab = IndexTab(self)
        self.stats_tab = StatsTab(self)
        self.analytics_tab = AnalyticsTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(self.search_stack, self.tr("Search"))
        self.tabs.addTab(self.index_tab, self.tr("Indexing"))
        self.tabs.addTab(self.stats_tab, self.tr("Learning"))
        self.tabs.addTab(self.analytics_tab, self.tr("Analytics"))
        self.tabs.addTab(self.log_panel, self.tr("Log"))
        self.setCentralWidget(self.tabs)

        self.status = StatusBar(self.backend.model_state, self)
        self.setStatusBar(self.status)
        self.jobs = JobsController(self)

        self._build_menus()
        self._connect()
        self.analytics = AnalyticsController(self)
        self._restore_window_state()

    # -- construction ----------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = file_menu.addAction(self.tr("&Import files…"))
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.triggered.connect(self.jobs.ask_import)
        self.export_action = file_menu.addAction(self.tr("&Export results to CSV…"))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.export_action.triggered.connect(self.export_results)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)

        search_menu = self.menuBar().addMenu(self.tr("&Search"))
        self.focus_action = search_menu.addAction(self.tr("&Find…"))
        self.focus_action.setShortcut(QKeySequence("Ctrl+F"))
        self.focus_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.focus_action.triggered.connect(self.focus_query)
        similar_action = search_menu.addAction(self.tr("Find &similar calls"))
        similar_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        similar_action.triggered.connect(self.find_similar)

        settings_menu = self.menuBar().addMenu(self.tr("S&ettings"))
        language_menu = settings_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in (("ru", "Русский"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.settings.language)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("&About"), self.show_about)

    def _connect(self) -> None:
        tab = self.search_tab
        tab.search_requested.connect(self.run_search)
        tab.similar_requested.connect(self.find_similar)
        tab.export_requested.connect(self.export_results)
        tab.row_selected.connect(self.show_row)
        tab.rating_given.connect(self.rate_selected)
        self.stats_tab.refresh_requested.connect(self.refresh_stats)
        self.tabs.currentChanged.connect(
            lambda _i: self.refresh_stats() if self.tabs.currentWidget() is self.stats_tab else None
        )
        self.welcome.demo_requested.connect(self.jobs.generate_demo)
        self.welcome.import_requested.connect(self.jobs.ask_import)
        self.index_tab.import_requested.connect(self.jobs.ask_import)
        self.index_tab.demo_requested.connect(self.jobs.generate_demo)
        self.index_tab.index_requested.connect(self.jobs.build_index)
        self.index_tab.cancel_requested.connect(self.jobs.cancel)
        self.status.unload_requested.connect(self.unload_model)
        self.runner.busy_changed.connect(lambda _busy: self.status.refresh_model())

    def _restore_window_state(self) -> None:
        state = self._window_state()
        geometry = state.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = state.value("search_splitter")
        if splitter is not None:
            self.search_tab.splitter.restoreState(splitter)

    def _window_state(self) -> QSettings:
        """Window geometry and splitters, kept apart from the user's options (HOME/window.ini)."""
        return QSettings(str(self.settings.home / "window.ini"), QSettings.Format.IniFormat)

    # -- start-up ---------------------------------------------------------------

    def start(self) -> None:
        """Read the lookups now (fast SQL), load the indexes on a worker, then emit ``ready``."""
        self.status.start()
        self.apply_lookups(self.backend.lookups())
        self.load_search(initial=True)

    def apply_lookups(self, lookups: Lookups) -> None:
        self.search_tab.filters.set_choices(lookups.operators, lookups.topics)
        self.status.set_calls(lookups.calls)
        self.search_stack.setCurrentWidget(self.search_tab if lookups.calls else self.welcome)
        if not lookups.calls:
            self.index_tab.state_label.setText(self.tr("No calls yet: import files or generate the demo set."))

    def apply_index_status(self, status: IndexStatus) -> None:
        self.index_status = status
        self.status.set_calls(status.calls, status.embedded)
        self.index_tab.state_label.setText(status.describe())

    def refresh_lookups(self) -> None:
        try:
            self.apply_lookups(self.backend.lookups())
        except KnownError as exc:
            self.reporter.report(exc)

    def load_search(self, *, initial: bool = False) -> None:
        def done(result: Any) -> None:
            if isinstance(result, IndexStatus):
                self.apply_index_status(result)
            self._set_ready()

        def failed(exc: BaseException) -> None:
            self.reporter.report(exc)
            self._set_ready()

        self.runner.start(self.backend.prepare_search_job(), "load indexes", on_result=done, on_error=failed)

    def _set_ready(self) -> None:
        if not self.is_ready:
            self.is_ready = True
            log.info("window ready")
            self.ready.emit()

    # -- search -------------------------------------------------------------------

    def focus_query(self) -> None:
        self.tabs.setCurrentWidget(self.search_stack)
        self.search_tab.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_tab.query.selectAll()

    def run_search(self) -> None:
        tab = self.search_tab
        text = tab.query_text()
        if not text:
            tab.summary.setText(self.tr("Type what to look for."))
            return
        mode = tab.current_mode()
        job = self.backend.search_job(text, tab.k.value(), mode, tab.filter_values())
        self._run_search_job(job, self.tr("Searching: %1").replace("%1", text), mode=mode)

    def find_similar(self) -> None:
        row = self.search_tab.selected_row()
        if row is None:
            self.search_tab.summary.setText(self.tr("Select a call first."))
            return
        job = self.backend.similar_job(row.dialog_id, self.search_tab.k.value(), self.search_tab.filter_values())
        self._run_search_job(job, self.tr("Calls similar to %1").replace("%1", row.dialog_id), mode="similar")

    def _run_search_job(self, job: Any, title: str, *, mode: str) -> None:
        tab = self.search_tab
        tab.set_busy(True)
        tab.summary.setText(title + " …")
        if mode in ("semantic", "hybrid", "similar"):
            QTimer.singleShot(300, self.status.refresh_model)

        def done(outcome: Any) -> None:
            if not isinstance(outcome, SearchOutcome):
                tab.set_busy(False)
                return
            self.last_outcome = outcome
            summary = title + " — " + self.tr("found: %1").replace("%1", str(len(outcome.rows)))
            if outcome.warnings:
                summary += " (" + "; ".join(outcome.warnings) + ")"
            tab.show_results(outcome.rows, summary)
            self.status.refresh_model()
            self.search_finished.emit()

        def failed(exc: BaseException) -> None:
            self.last_outcome = None
            tab.show_results([], title + " — " + self.tr("failed"))  # never old results under new filters
            self.reporter.report(exc)
            self.search_finished.emit()

        self.runner.start(job, "search", on_result=done, on_error=failed)

    def show_row(self, row: ResultRow | None) -> None:
        if row is None:
            self.search_tab.viewer.clear()
            return
        try:
            call = self.backend.get_call(row.call_id)
        except KnownError as exc:
            self.reporter.report(exc)
            return
        self.search_tab.viewer.show_call(call, row.matched)

    def rate_selected(self, relevant: bool) -> None:
        row = self.search_tab.selected_row()
        outcome = self.last_outcome
        if row is None or outcome is None or row not in outcome.rows:
            return
        rank = outcome.rows.index(row) + 1
        note = self.search_tab.rating_note

        def done(_rating_id: Any) -> None:
            note.setText(self.tr("Saved: relevant") if relevant else self.tr("Saved: not relevant"))
            self.rating_saved.emit(relevant)

        self.runner.start(
            self.backend.rate_job(outcome, row, rank, relevant),
            "rate",
            write=True,
            on_result=done,
            on_error=self.report,
        )

    def refresh_stats(self) -> None:
        if self.backend.lookups().calls == 0:
            return
        self.runner.start(self.backend.stats_job(), "learning stats", on_result=self._show_stats, on_error=self.report)

    def _show_stats(self, stats: Any) -> None:
        if isinstance(stats, dict):
            self.stats_tab.show_stats(stats)
            self.stats_shown.emit()

    def export_results(self) -> None:
        rows = self.search_tab.proxy.shown_rows()
        if not rows:
            self.search_tab.summary.setText(self.tr("Nothing to export: search first."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), str(Path.home() / "results.csv"), self.tr("CSV files (*.csv)")
        )
        if path:
            self.write_export(Path(path), rows)

    def write_export(self, path: Path, rows: list[ResultRow]) -> None:
        try:
            export.write_results_csv(path, rows)
        except OSError as exc:
            self.reporter.report(KnownError(f"{path}: {exc}", hint=self.tr("Choose another file or folder.")))
            return
        self.search_tab.summary.setText(
            self.tr("Saved %1 rows to %2").replace("%1", str(len(rows))).replace("%2", str(path))
        )

    def report(self, exc: BaseException) -> None:
        self.reporter.report(exc)

    # -- model ----------------------------------------------------------------------

    def unload_model(self) -> None:
        self.runner.start(
            self.backend.unload_job(),
            "unload model",
            on_result=lambda _r: self.status.refresh_model(),
            on_error=self.report,
        )

    # -- settings, about, closing -----------------------------------------------------

    def set_language(self, code: str) -> None:
        if code == self.settings.language:
            return
        try:
            self.settings = save_settings(self.settings, {"language": code})
        except KnownError as exc:
            self.reporter.report(exc)
            return
        self.reporter.open_dialog(
            info_box(
                self,
                self.tr("Language"),
                self.tr("The language changes when the app starts next time."),
            )
        )

    def show_about(self) -> None:
        self.reporter.open_dialog(
            info_box(
                self,
                self.tr("About CallCenter AI"),
                self.tr("CallCenter AI %1\nSearch and analytics over call-center transcripts.\nData folder: %2")
                .replace("%1", __version__)
                .replace("%2", str(self.settings.home)),
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        state = self._window_state()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("search_splitter", self.search_tab.splitter.saveState())
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Cancel running jobs, unload the model on its worker, wait for the pools, close the store."""
        if self._closed:
            return
        self._closed = True
        self.status.stop()
        self.runner.cancel_all()
        self.runner.start(self.backend.unload_job(), "unload model")  # after any search on the read thread
        if not self.runner.wait(60_000):
            log.warning("some jobs did not stop within 60 s")
        self.backend.close()
        self.reporter.stop_watching_database()
        logging.getLogger("callcenter_ai").removeHandler(self.log_handler)

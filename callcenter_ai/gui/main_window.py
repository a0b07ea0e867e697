"""The main window: tabs, menus, shortcuts, status bar; runs every core job on a worker."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabWidget, QWidget

from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.analytics_tab import AnalyticsTab
from callcenter_ai.gui.analytics_view import AnalyticsController
from callcenter_ai.gui.backend import Backend, IndexStatus, Lookups, SearchOutcome, WindowBackend
from callcenter_ai.gui.dialogs import ErrorReporter
from callcenter_ai.gui.index_tab import IndexTab
from callcenter_ai.gui.jobs_view import JobsController
from callcenter_ai.gui.log_panel import LogPanel, QtLogHandler
from callcenter_ai.gui.results_model import ResultRow
from callcenter_ai.gui.search_controller import SearchController
from callcenter_ai.gui.search_tab import SearchTab
from callcenter_ai.gui.stats_tab import StatsTab
from callcenter_ai.gui.status_bar import StatusBar
from callcenter_ai.gui.welcome import WelcomePage
from callcenter_ai.gui.window_menus import build_menus, export_results
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
        self.backend: WindowBackend = Backend(settings)  # or a server's (gui/remote_session.py)
        self.runner = JobRunner(self)
        self.reporter = ErrorReporter(self)
        self.is_ready = False
        self._closed = False
        self.index_status: IndexStatus | None = None
        self.calls = 0
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

        self.status = StatusBar(lambda: self.backend.model_state(), self)  # noqa: PLW0108 (swapped backend)
        self.setStatusBar(self.status)
        self.jobs = JobsController(self)
        self.searches = SearchController(self)

        self.import_action, self.export_action, self.focus_action, self.unload_action = build_menus(self)
        self._connect()
        self.analytics = AnalyticsController(self)
        self._restore_window_state()

    # -- construction ----------------------------------------------------------

    def _connect(self) -> None:
        tab = self.search_tab
        tab.search_requested.connect(self.run_search)
        tab.similar_requested.connect(self.find_similar)
        tab.more_requested.connect(self.searches.more_results)
        tab.history_requested.connect(self.searches.go_history)
        tab.pinned_requested.connect(self.show_pinned)
        tab.export_requested.connect(lambda: export_results(self))
        tab.row_selected.connect(self.show_row)
        tab.rating_given.connect(self.rate_selected)
        self.stats_tab.refresh_requested.connect(self.refresh_stats)
        self.tabs.currentChanged.connect(
            lambda _i: self.refresh_stats() if self.tabs.currentWidget() is self.stats_tab else None
        )
        self.welcome.demo_requested.connect(self.jobs.ask_demo)
        self.welcome.import_requested.connect(self.jobs.ask_import)
        self.index_tab.import_requested.connect(self.jobs.ask_import)
        self.index_tab.demo_requested.connect(self.jobs.ask_demo)
        tab.index_requested.connect(lambda: self.jobs.build_index(show=False))
        self.index_tab.index_requested.connect(self.jobs.build_index)
        self.index_tab.cancel_requested.connect(self.jobs.cancel)
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
        self.refresh_lookups()  # a store that cannot be opened (a server down) is a dialog, not a crash
        self.load_search(initial=True)

    def apply_lookups(self, lookups: Lookups) -> None:
        self.calls = lookups.calls
        facets = self.backend.facets()
        self.search_tab.filters.set_facets(facets)
        self.status.set_calls(lookups.calls)
        self.search_stack.setCurrentWidget(self.search_tab if lookups.calls else self.welcome)
        status = self.index_status
        built = status is not None and status.index_vectors is not None
        self.index_tab.set_state(lookups.calls, None if status is None else status.embedded, built)

    def apply_index_status(self, status: IndexStatus) -> None:
        self.index_status = status
        self.calls = status.calls
        self.status.set_calls(status.calls, status.embedded)
        built = status.index_vectors is not None
        self.index_tab.set_state(status.calls, status.embedded, built, status.model_id)
        self.jobs.update_index_notice()

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
        self.searches.run_search()

    def find_similar(self) -> None:
        self.searches.find_similar()

    def show_pinned(self) -> None:
        self.searches.show_pinned()

    def show_row(self, row: ResultRow | None) -> None:
        self.searches.show_row(row)

    def rate_selected(self, relevant: bool) -> None:
        self.searches.rate_selected(relevant)

    @property
    def last_outcome(self) -> SearchOutcome | None:
        return self.searches.last_outcome

    @last_outcome.setter
    def last_outcome(self, outcome: SearchOutcome | None) -> None:
        self.searches.last_outcome = outcome

    def refresh_stats(self) -> None:
        if self.backend.lookups().calls == 0:
            return
        self.runner.start(self.backend.stats_job(), "learning stats", on_result=self._show_stats, on_error=self.report)

    def _show_stats(self, stats: Any) -> None:
        if isinstance(stats, dict):
            self.stats_tab.show_stats(stats)
            self.stats_shown.emit()

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

    # -- closing -----------------------------------------------------

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

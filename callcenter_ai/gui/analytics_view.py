"""The «Аналитика» tab's work: the dashboard and drill-down jobs, and opening drilled calls in the Поиск tab."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from callcenter_ai.core.analytics.alerts import Alerts
from callcenter_ai.core.analytics.dashboard import Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.analytics_export import failure_box
from callcenter_ai.gui.analytics_text import drill_summary
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import JobSummary
from callcenter_ai.gui.results_model import ResultRow
from callcenter_ai.gui.worker import Cancelled, GeneratorWorker, Job

if TYPE_CHECKING:
    from callcenter_ai.core.engines import Engine
    from callcenter_ai.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SNIPPET_CHARS = 160
ALERT_SHOWN_MS = 60_000  # the status bar's alert line


SharedEngine = Callable[[], "Engine | None"]  # the window's server pool (None: each job opens the home's SQLite)


def dashboard_job(settings: Settings, rebuild: bool, shared: SharedEngine = lambda: None) -> Job:
    def job(_cancel: threading.Event) -> Generator[Any, None, Dashboard]:
        yield from ()
        return service.dashboard(settings, rebuild=rebuild, engine=shared())

    return job


def analytics_job(settings: Settings, what: str, shared: SharedEngine = lambda: None) -> Job:
    """``alerts``: the latest week's emerging topics (None without topics); ``outcomes``: duration and outcome
    per topic (asked for when its table is opened: it reads every placed call, seconds at 1M calls)."""

    def job(_cancel: threading.Event) -> Generator[Any, None, object]:
        yield from ()
        engine = shared()
        if what == "alerts":
            return service.import_alerts(settings, engine=engine)
        return service.topic_summary(settings, engine=engine)

    return job


def drill_job(settings: Settings, version: int, what: Drill, shared: SharedEngine = lambda: None) -> Job:
    def job(_cancel: threading.Event) -> Generator[Any, None, list[StoredCall]]:
        yield from ()
        return service.drill(settings, version, what, engine=shared())

    return job


def call_row(call: StoredCall) -> ResultRow:
    """A results-table row for a drilled call (no score: it matched a filter, not a query)."""
    first = next((t.text for t in call.turns if t.speaker == "client"), call.turns[0].text if call.turns else "")
    return ResultRow(
        dialog_id=call.dialog_id,
        call_id=call.id,
        score=1.0,
        started_at=call.started_at,
        operator=call.operator,
        topic=call.topic,
        duration_s=call.duration_s,
        snippet=" ".join(first.split())[:SNIPPET_CHARS],
    )


class AnalyticsController(QObject):
    """Connects the tab to the window: refresh on request, open a drill in the Поиск tab."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tab = window.analytics_tab
        self.tab.refresh_requested.connect(self.refresh)
        self.tab.drill_requested.connect(self.open_drill)
        self.tab.outcomes_requested.connect(self.load_outcomes)
        self.tab.cancel_requested.connect(self.cancel)
        self.tab.export_failed.connect(
            lambda path, why: window.reporter.open_dialog(failure_box(window, Path(path), why))
        )
        window.tabs.currentChanged.connect(self._tab_changed)
        window.jobs.job_finished.connect(self._write_job_done)
        window.runner.busy_changed.connect(self._runner_busy)
        self.stale = False  # an import or indexing ran since the dashboard was made
        self.waiting = False  # the dashboard is due once the running jobs end
        self.worker: GeneratorWorker | None = None  # the dashboard job running

    def _tab_changed(self, _index: int) -> None:
        if self.window.tabs.currentWidget() is self.tab and (self.tab.dashboard is None or self.stale):
            if self.window.runner.active:  # e.g. the indexing after «Создать демо-набор»: load when it ends
                self.waiting = True
                self.tab.alerts.setText(self.tr("Analytics will load when the running job ends…"))
            else:
                self.refresh()

    def _runner_busy(self, busy: bool) -> None:
        if not busy and self.waiting and self.window.tabs.currentWidget() is self.tab and not self.window._closed:
            self.waiting = False
            self.refresh()

    def _write_job_done(self, outcome: object) -> None:
        """After an import, the demo or indexing: the latest week's alerts, where topics were found."""
        if not isinstance(outcome, JobSummary) or self.window.backend.lookups().calls == 0:
            return
        self.stale = self.waiting = True
        self.window.runner.start(
            self.window.backend.analytics_job("alerts"),
            "analytics alerts",
            write=True,  # placing newly embedded calls in the topics writes
            on_result=self.show_alerts,
            on_error=lambda exc: log.warning("emerging-topic alerts failed: %s", exc),
        )

    def show_alerts(self, alerts: Alerts | None) -> None:
        """Non-modal: the tab's alert line, the status bar and the Индексация summary (when any topic emerges)."""
        if alerts is None:  # no topics found yet: nothing to alert on
            return
        self.stale = self.tab.dashboard is not None
        text = self.tab.show_alerts(alerts.emerging)
        if alerts.emerging:
            self.window.statusBar().showMessage(text, ALERT_SHOWN_MS)
            self.window.index_tab.add_summary(text)

    def refresh(self, rebuild: bool = False) -> None:
        if self.window.backend.lookups().calls == 0:
            self.tab.show_empty(
                self.tr("No calls yet: import calls or create the demo set, then index them."), calls=False
            )
            return
        self.waiting = False
        if self.worker is not None:
            return
        self.tab.set_busy(True)
        self.tab.alerts.setText(self.tr("Finding topics again…") if rebuild else self.tr("Building the dashboard…"))
        self.worker = self.window.runner.start(
            self.window.backend.dashboard_job(rebuild),
            "analytics",
            write=True,
            on_result=self._shown,
            on_cancelled=self._cancelled,
            on_error=self._failed,
            on_finished=self._finished,
        )

    def cancel(self) -> None:
        """Cooperative: the core's step finishes in the background, its result is dropped."""
        if self.worker is not None:
            self.worker.cancel()

    def _cancelled(self, _cancelled: Cancelled) -> None:
        self.tab.set_busy(False)
        self.tab.alerts.setText(self.tr("Cancelled: the dashboard was not updated."))

    def _finished(self) -> None:
        self.worker = None

    def _shown(self, dashboard: Dashboard) -> None:
        self.stale = False
        self.tab.show_dashboard(dashboard)

    def load_outcomes(self) -> None:
        self.window.runner.start(
            self.window.backend.analytics_job("outcomes"),
            "analytics outcomes",
            write=True,  # new calls are placed in the topics first
            on_result=self.tab.show_outcomes,
            on_error=self.window.report,
        )

    def _failed(self, exc: BaseException) -> None:
        self.tab.set_busy(False)
        self.window.report(exc)

    def open_drill(self, what: Drill) -> None:
        dashboard = self.tab.dashboard
        if dashboard is None:
            return
        self.window.runner.start(
            self.window.backend.drill_job(dashboard.overview.version, what),
            "analytics drill-down",
            on_result=lambda calls: self.show_calls(what, calls),
            on_error=self.window.report,
        )

    def show_calls(self, what: Drill, calls: list[StoredCall]) -> None:
        search = self.window.search_tab
        dates = what.date_range()
        search.filters.set_values(
            FilterValues(
                date_from=dates[0] if dates else None,
                date_to=dates[1] if dates else None,
                operators=(what.operator,) if what.operator else (),
            )
        )
        search.filters_toggle.setChecked(search.filters.values().active)
        summary = drill_summary(self.tab.dashboard, what, len(calls))
        search.show_results([call_row(c) for c in calls], summary)
        self.window.search_stack.setCurrentWidget(search)
        self.window.tabs.setCurrentWidget(self.window.search_stack)

"""The «Аналитика» tab's work: the dashboard and drill-down jobs, and opening drilled calls in the Поиск tab."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from callcenter_ai.core.analytics.alerts import Alerts
from callcenter_ai.core.analytics.dashboard import Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import JobSummary
from callcenter_ai.gui.results_model import ResultRow
from callcenter_ai.gui.worker import Job

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
        window.tabs.currentChanged.connect(self._tab_changed)
        window.jobs.job_finished.connect(self._write_job_done)
        self.stale = False  # an import or indexing ran since the dashboard was made

    def _tab_changed(self, _index: int) -> None:
        if (
            self.window.tabs.currentWidget() is self.tab
            and (self.tab.dashboard is None or self.stale)
            and not self.window.runner.active
        ):
            self.refresh()

    def _write_job_done(self, outcome: object) -> None:
        """After an import, the demo or indexing: the latest week's alerts, where topics were found."""
        if not isinstance(outcome, JobSummary) or self.window.backend.lookups().calls == 0:
            return
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
            return
        self.tab.set_busy(True)
        self.window.runner.start(
            self.window.backend.dashboard_job(rebuild),
            "analytics",
            write=True,
            on_result=self._shown,
            on_error=self._failed,
        )

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
        summary = self.tr("{} calls from Analytics").format(len(calls))
        search.show_results([call_row(c) for c in calls], summary)
        self.window.search_stack.setCurrentWidget(search)
        self.window.tabs.setCurrentWidget(self.window.search_stack)

"""The «Аналитика» tab: calls per day / topic / operator / hour × weekday, alerts, topics, repeat calls.

It shows a core :class:`~callcenter_ai.core.analytics.dashboard.Dashboard`
and asks for nothing itself: every click on a bar, a cell or a row emits
``drill_requested(Drill)``; the window opens those calls in the Поиск tab.
Charts export as PNG, their numbers (the same the chart shows) as CSV/XLSX.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter_ai.core.analytics.dashboard import WEEKDAYS, Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.analytics.emerging import Emerging
from callcenter_ai.core.analytics.outcomes import TopicOutcomes
from callcenter_ai.core.analytics.tables import write_table
from callcenter_ai.gui import analytics_export
from callcenter_ai.gui.analytics_rows import Table, dashboard_rows, display_rows, fill_table, row_drill
from callcenter_ai.gui.analytics_text import empty_reasons, p_value_tip, section_names
from callcenter_ai.gui.plots import BarChart, Chart, HeatMap


class AnalyticsTab(QWidget):
    refresh_requested = Signal(bool)  # rebuild the topics
    drill_requested = Signal(object)  # a Drill
    outcomes_requested = Signal()  # the duration and outcome table was opened: read it
    cancel_requested = Signal()  # the dashboard or topics job shown as running
    export_failed = Signal(str, str)  # the file that could not be written, and why

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard: Dashboard | None = None
        self.topic_outcomes: list[TopicOutcomes] | None = None  # read when its table is first shown
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(lambda: self.refresh_requested.emit(False))
        self.rebuild_button = QPushButton(self.tr("Find topics again"), self)
        self.rebuild_button.clicked.connect(lambda: self.refresh_requested.emit(True))
        self.export_choice = QComboBox(self)
        self.png_button = png = QPushButton(self.tr("Chart as PNG…"), self)
        png.clicked.connect(lambda: analytics_export.ask_png(self))
        self.table_button = table = QPushButton(self.tr("Table as CSV/XLSX…"), self)
        table.clicked.connect(lambda: analytics_export.ask_table(self))
        self.export_note = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # the core's dashboard reports no steps: a moving bar while it works
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.alerts = QLabel(self.tr("No analytics yet: import and index calls, then press Refresh."), self)
        self.alerts.setObjectName("analyticsAlerts")
        self.alerts.setWordWrap(True)

        self.per_day = BarChart(self.tr("Calls per day"), self)
        self.per_topic = BarChart(self.tr("Calls per topic"), self)
        self.per_operator = BarChart(self.tr("Calls per operator"), self)
        self.hour_weekday = HeatMap(
            self.tr("Calls by hour and weekday"),
            WEEKDAYS,
            self,
            axes=(self.tr("Hour of day"), self.tr("Weekday"), self.tr("Calls")),
        )
        self.charts: dict[str, Chart] = {
            "per_day": self.per_day,
            "per_topic": self.per_topic,
            "per_operator": self.per_operator,
            "hour_weekday": self.hour_weekday,
        }
        for key, chart in self.charts.items():
            if isinstance(chart, BarChart):
                chart.bar_clicked.connect(lambda i, k=key: self._bar_clicked(k, i))
        self.hour_weekday.cell_clicked.connect(lambda h, d: self.drill_requested.emit(Drill(weekday=d, hour=h)))

        self.topics = self._table(
            [self.tr("Topic no."), self.tr("Topic"), self.tr("Calls"), self.tr("Keywords"), self.tr("Examples")]
        )
        rise = (self.tr("Calls"), self.tr("Expected"), self.tr("Rise"), self.tr("p-value"))
        self.emerging = self._table([self.tr("Topic"), self.tr("Week"), *rise])
        header = self.emerging.horizontalHeaderItem(5)
        assert header is not None
        header.setToolTip(p_value_tip())
        self.operators = self._table(
            [self.tr("Operator"), self.tr("Calls"), self.tr("Mean duration"), self.tr("Topics"), self.tr("Relevant")]
        )
        self.repeats = self._table([self.tr("Client"), self.tr("Calls"), self.tr("Topic")])
        duration = (self.tr("Mean duration"), self.tr("Median duration"))
        ends = (self.tr("Outcomes"), self.tr("Outcome unknown"), self.tr("Duration unknown"))
        self.outcomes = self._table([self.tr("Topic"), self.tr("Calls"), *duration, *ends])
        self.saved = self._table(
            [self.tr("Saved search"), self.tr("Calls"), self.tr("Week"), self.tr("In the week"), self.tr("Week before")]
        )
        keys = ("topics", "emerging", "operators", "outcomes", "repeats", "saved")
        self.tables: dict[str, QTableWidget] = {key: getattr(self, key) for key in keys}
        for key, widget in self.tables.items():
            widget.cellClicked.connect(lambda row, _col, k=key: self._row_clicked(k, row))
        for key, name in section_names().items():
            self.export_choice.addItem(name, key)
        self.export_choice.currentIndexChanged.connect(lambda _i: self._export_buttons())
        self._lay_out(png, table)
        self.set_busy(False)

    def _lay_out(self, png: QPushButton, table: QPushButton) -> None:
        bar = QHBoxLayout()
        for button in (self.refresh_button, self.rebuild_button, self.progress, self.cancel_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for item in (QLabel(self.tr("Export:"), self), self.export_choice, png, table, self.export_note):
            bar.addWidget(item)
        grid = QGridLayout()
        grid.addWidget(self.per_day, 0, 0)
        grid.addWidget(self.per_topic, 0, 1)
        grid.addWidget(self.per_operator, 1, 0)
        grid.addWidget(self.hour_weekday, 1, 1)
        self.sections = lower = QTabWidget(self)
        lower.currentChanged.connect(lambda _i: self._outcomes_shown())
        names = section_names()
        for key, widget in self.tables.items():
            lower.addTab(widget, names[key])
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addLayout(bar)
        inner.addWidget(self.alerts)
        inner.addLayout(grid, 3)
        inner.addWidget(lower, 2)
        scroll = QScrollArea(self)  # a 1024×600 screen scrolls the dashboard instead of growing the window
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _table(self, headers: Sequence[str]) -> QTableWidget:
        widget = QTableWidget(0, len(headers), self)
        widget.setHorizontalHeaderLabels(list(headers))
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        widget.horizontalHeader().setStretchLastSection(True)
        widget.setToolTip(self.tr("Click a row to open its calls in the Search tab"))
        return widget

    # -- showing ---------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        self.rebuild_button.setEnabled(not busy and self.dashboard is not None)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self._export_buttons()

    def _export_buttons(self) -> None:
        key = self.export_choice.currentData()
        shown = self.dashboard is not None
        self.png_button.setEnabled(shown and key in self.charts)
        self.png_button.setToolTip(
            "" if key in self.charts else self.tr("A table is chosen: only charts are saved as PNG")
        )
        self.table_button.setEnabled(shown)

    def show_empty(self, text: str, *, calls: bool) -> None:
        """No dashboard (``text`` says why): empty charts and tables; without ``calls`` nothing can be refreshed."""
        self.dashboard, self.topic_outcomes = None, None
        for chart in self.charts.values():
            chart.show_empty(self.tr("No data"))
        for widget in self.tables.values():
            fill_table(widget, [], "")
        self.alerts.setText(text)
        self.set_busy(False)
        self.refresh_button.setEnabled(calls)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard, self.topic_outcomes = dashboard, None
        for bars in (dashboard.per_day, dashboard.per_topic, dashboard.per_operator):
            chart = self.charts[bars.key]
            assert isinstance(chart, BarChart)
            chart.set_bars(bars.labels, bars.values)
        self.hour_weekday.set_counts(dashboard.hour_weekday.counts)
        reasons = empty_reasons()
        for key, widget in self.tables.items():  # duration and outcome: read when its table is opened
            fill_table(widget, display_rows(key, self.table_rows(key)[1]), "" if key == "outcomes" else reasons[key])
        self.show_alerts(dashboard.emerging)
        self.set_busy(False)
        self._outcomes_shown()

    def _outcomes_shown(self) -> None:
        if self.sections.currentWidget() is self.outcomes and self.dashboard and self.topic_outcomes is None:
            self.outcomes_requested.emit()

    def show_outcomes(self, outcomes: list[TopicOutcomes]) -> None:
        self.topic_outcomes = outcomes
        fill_table(self.outcomes, display_rows("outcomes", self.table_rows("outcomes")[1]), empty_reasons()["outcomes"])

    def show_alerts(self, emerging: Sequence[Emerging]) -> str:
        """The emerging topics in the line above the charts; the text shown."""
        if emerging:
            text = self.tr("Emerging: {}").format(
                "; ".join(f"{e.label} ({e.period}: {e.calls}, ×{e.ratio:.1f})" for e in emerging)
            )
        else:
            text = self.tr("No emerging topics in the last week.")
        self.alerts.setText(text)
        return text

    def table_rows(self, key: str) -> Table:
        """The numbers behind a chart or table, as exported."""
        return dashboard_rows(self.dashboard, key, self.topic_outcomes or [])

    # -- clicks ----------------------------------------------------------------

    def _bar_clicked(self, key: str, index: int) -> None:
        if self.dashboard is not None:
            self.drill_requested.emit(getattr(self.dashboard, key).drills[index])

    def _row_clicked(self, key: str, row: int) -> None:
        if self.dashboard is not None and row < len(self.table_rows(key)[1]):  # not the line saying why it is empty
            drill = row_drill(self.dashboard, key, row, self.topic_outcomes or [])
            if drill is not None:
                self.drill_requested.emit(drill)

    # -- export ----------------------------------------------------------------

    def export_png(self, key: str, path: Path) -> None:
        chart = self.charts.get(key)
        if chart is not None:
            chart.export_png(path)

    def export_table(self, key: str, path: Path) -> int:
        columns, rows = self.table_rows(key)
        return write_table(path, columns, rows)

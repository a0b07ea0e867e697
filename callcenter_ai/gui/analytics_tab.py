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
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
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
from callcenter_ai.core.analytics.tables import write_table
from callcenter_ai.gui.analytics_rows import Table, dashboard_rows, fill_table
from callcenter_ai.gui.plots import BarChart, Chart, HeatMap


class AnalyticsTab(QWidget):
    refresh_requested = Signal(bool)  # rebuild the topics
    drill_requested = Signal(object)  # a Drill

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard: Dashboard | None = None
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(lambda: self.refresh_requested.emit(False))
        self.rebuild_button = QPushButton(self.tr("Find topics again"), self)
        self.rebuild_button.clicked.connect(lambda: self.refresh_requested.emit(True))
        self.export_choice = QComboBox(self)
        png = QPushButton(self.tr("Chart as PNG…"), self)
        png.clicked.connect(self._ask_png)
        table = QPushButton(self.tr("Table as CSV/XLSX…"), self)
        table.clicked.connect(self._ask_table)
        self.alerts = QLabel(self.tr("No analytics yet: import and index calls, then press Refresh."), self)
        self.alerts.setObjectName("analyticsAlerts")
        self.alerts.setWordWrap(True)

        self.per_day = BarChart(self.tr("Calls per day"), self)
        self.per_topic = BarChart(self.tr("Calls per topic"), self)
        self.per_operator = BarChart(self.tr("Calls per operator"), self)
        self.hour_weekday = HeatMap(self.tr("Calls by hour and weekday"), WEEKDAYS, self)
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

        self.topics = self._table(["id", self.tr("Topic"), self.tr("Calls"), self.tr("Keywords"), self.tr("Examples")])
        self.emerging = self._table(
            [self.tr("Topic"), self.tr("Week"), self.tr("Calls"), self.tr("Expected"), self.tr("Rise"), "p"]
        )
        self.operators = self._table(
            [self.tr("Operator"), self.tr("Calls"), self.tr("Mean duration, s"), self.tr("Topics"), self.tr("Relevant")]
        )
        self.repeats = self._table([self.tr("Client"), self.tr("Calls"), self.tr("Topic")])
        self.outcomes = self._table(
            [
                *(self.tr("Topic"), self.tr("Calls"), self.tr("Mean duration, s"), self.tr("Median duration, s")),
                *(self.tr("Outcomes"), self.tr("Outcome unknown"), self.tr("Duration unknown")),
            ]
        )
        self.saved = self._table(
            [self.tr("Saved search"), self.tr("Calls"), self.tr("Week"), self.tr("In the week"), self.tr("Week before")]
        )
        self.tables: dict[str, QTableWidget] = {
            "topics": self.topics,
            "emerging": self.emerging,
            "operators": self.operators,
            "outcomes": self.outcomes,
            "repeats": self.repeats,
            "saved": self.saved,
        }
        for key, widget in self.tables.items():
            widget.cellClicked.connect(lambda row, _col, k=key: self._row_clicked(k, row))
        names = {
            "per_day": self.tr("Calls per day"),
            "per_topic": self.tr("Calls per topic"),
            "per_operator": self.tr("Calls per operator"),
            "hour_weekday": self.tr("Hour × weekday"),
            "topics": self.tr("Topics"),
            "emerging": self.tr("Emerging topics"),
            "operators": self.tr("Operators"),
            "outcomes": self.tr("Duration and outcome"),
            "repeats": self.tr("Repeat calls"),
            "saved": self.tr("Saved searches"),
        }
        for key, name in names.items():
            self.export_choice.addItem(name, key)
        self._lay_out(png, table)

    def _lay_out(self, png: QPushButton, table: QPushButton) -> None:
        bar = QHBoxLayout()
        for widget in (self.refresh_button, self.rebuild_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Export:"), self))
        bar.addWidget(self.export_choice)
        bar.addWidget(png)
        bar.addWidget(table)
        grid = QGridLayout()
        grid.addWidget(self.per_day, 0, 0)
        grid.addWidget(self.per_topic, 0, 1)
        grid.addWidget(self.per_operator, 1, 0)
        grid.addWidget(self.hour_weekday, 1, 1)
        lower = QTabWidget(self)
        lower.addTab(self.topics, self.tr("Topics"))
        lower.addTab(self.emerging, self.tr("Emerging topics"))
        lower.addTab(self.operators, self.tr("Operators"))
        lower.addTab(self.outcomes, self.tr("Duration and outcome"))
        lower.addTab(self.repeats, self.tr("Repeat calls"))
        lower.addTab(self.saved, self.tr("Saved searches"))
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
        self.rebuild_button.setEnabled(not busy)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        for bars in (dashboard.per_day, dashboard.per_topic, dashboard.per_operator):
            chart = self.charts[bars.key]
            assert isinstance(chart, BarChart)
            chart.set_bars(bars.labels, bars.values)
        self.hour_weekday.set_counts(dashboard.hour_weekday.counts)
        for key, widget in self.tables.items():
            fill_table(widget, self.table_rows(key)[1])
        self.show_alerts(dashboard.emerging)
        self.set_busy(False)

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
        return dashboard_rows(self.dashboard, key)

    # -- clicks ----------------------------------------------------------------

    def _bar_clicked(self, key: str, index: int) -> None:
        if self.dashboard is not None:
            self.drill_requested.emit(getattr(self.dashboard, key).drills[index])

    def _row_clicked(self, key: str, row: int) -> None:
        d = self.dashboard
        if d is None:
            return
        if key == "topics":
            self.drill_requested.emit(Drill(topic_id=d.overview.topics[row].id))
        elif key == "emerging":
            alert = d.emerging[row]
            self.drill_requested.emit(Drill(topic_id=alert.topic_id, period=alert.period, by="week"))
        elif key == "operators":
            self.drill_requested.emit(Drill(operator=d.operators[row].operator))
        elif key == "outcomes":
            self.drill_requested.emit(Drill(topic_id=d.outcomes[row].topic_id))
        elif key == "saved":
            if d.weekly is not None:
                self.drill_requested.emit(Drill(saved_search=d.weekly.saved[row].name))
        else:
            self.drill_requested.emit(Drill(dialog_ids=tuple(d.repeats.repeats[row].calls)))

    # -- export ----------------------------------------------------------------

    def export_png(self, key: str, path: Path) -> None:
        chart = self.charts.get(key)
        if chart is not None:
            chart.export_png(path)

    def export_table(self, key: str, path: Path) -> int:
        columns, rows = self.table_rows(key)
        return write_table(path, columns, rows)

    def _ask_png(self) -> None:
        key = str(self.export_choice.currentData())
        if key not in self.charts:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the chart"), f"{key}.png", "PNG (*.png)")
        if name:
            self.export_png(key, Path(name))

    def _ask_table(self) -> None:
        key = str(self.export_choice.currentData())
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the table"), f"{key}.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if name:
            self.export_table(key, Path(name))

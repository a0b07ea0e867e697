"""The learning tab: what operators' ratings say about the search, and the re-ranking's state.

Shows the object of the core's ``learning_stats`` as charts (precision@k over
time, share relevant by topic and by operator, plain vs re-ranked precision)
above the same figures as tables.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcenter_ai.gui.charts import BarChart, ComparisonChart, LineChart
from callcenter_ai.gui.results_model import format_date

Rows = list[dict[str, Any]]


def share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


def timeline(rows: Rows, key: str = "period") -> list[tuple[str, float | None]]:
    """(period, precision@k) points, oldest first, as ``learning_stats`` orders them."""
    return [(format_date(str(row[key])), row["precision_at_k"]) for row in rows]  # the window's one date format


def shares_by(rows: Rows, key: str, unnamed: str) -> tuple[list[tuple[str, float]], list[str]]:
    """(label, share positive) bars with the most rated first, and the number of ratings of each."""
    rated = sorted(
        (row for row in rows if row["share_positive"] is not None),
        key=lambda row: (-int(row["ratings"]), str(row[key] or "")),
    )
    return [(str(row[key] or unnamed), float(row["share_positive"])) for row in rated], [
        str(row["ratings"]) for row in rated
    ]


class StatsTab(QWidget):
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("statsRefreshButton")
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.values: dict[str, QLabel] = {}
        summary = QGroupBox(self.tr("Ratings"), self)
        form = QFormLayout(summary)
        for key, title in (
            ("ratings", self.tr("Ratings recorded")),
            ("pairs", self.tr("Rated query–call pairs")),
            ("positive", self.tr("Rated relevant")),
            ("precision", self.tr("Precision of served results")),
            ("rerank", self.tr("Re-ranking from ratings")),
            ("gain", self.tr("Gain on held-out ratings")),
        ):
            label = QLabel("—", summary)
            label.setObjectName(f"stats_{key}")
            self.values[key] = label
            form.addRow(title, label)

        self.precision_chart = LineChart(self.tr("Precision of served results over time"), self)
        self.precision_chart.setObjectName("precisionChart")
        self.gain_chart = ComparisonChart(self.tr("Precision: plain vs re-ranked results"), self)
        self.gain_chart.setObjectName("gainChart")
        self.topic_chart = BarChart(self.tr("Rated relevant by topic"), self)
        self.topic_chart.setObjectName("topicChart")
        self.operator_chart = BarChart(self.tr("Rated relevant, by who rated"), self)
        self.operator_chart.setObjectName("operatorChart")
        charts = QWidget(self)
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.precision_chart, 0, 0)
        grid.addWidget(self.gain_chart, 0, 1)
        grid.addWidget(self.topic_chart, 1, 0)
        grid.addWidget(self.operator_chart, 1, 1)

        self.by_topic = self._table(self.tr("Topic"))
        self.by_operator = self._table(self.tr("Who rated"))
        self.over_time = self._table(self.tr("Period"))
        tables = QWidget(self)
        tables_layout = QHBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        for title, table in (
            (self.tr("By topic"), self.by_topic),
            (self.tr("By who rated"), self.by_operator),
            (self.tr("Over time"), self.over_time),
        ):
            box = QGroupBox(title, tables)
            QVBoxLayout(box).addWidget(table)
            tables_layout.addWidget(box)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("statsSplitter")
        self.splitter.addWidget(charts)
        self.splitter.addWidget(tables)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([500, 250])
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(summary, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addLayout(top)
        inner.addWidget(self.splitter, 1)
        scroll = QScrollArea(self)  # a 1024×600 screen scrolls the tab instead of growing the window
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _table(self, first: str) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setHorizontalHeaderLabels([first, self.tr("Ratings"), self.tr("Rated useful"), self.tr("Precision")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.setColumnWidth(0, 170)
        for column in (1, 2):  # the headers are read whole; the first column and the last share the rest
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def show_stats(self, stats: dict[str, Any]) -> None:
        """Fill the figures, charts and tables from a ``learning_stats`` object."""
        self.values["ratings"].setText(str(stats["ratings_recorded"]))
        self.values["pairs"].setText(str(stats["rated_pairs"]))
        self.values["positive"].setText(share(stats.get("share_positive")))
        self.values["precision"].setText(share(stats.get("precision_at_k")))
        rerank = stats["rerank"]
        if rerank["enabled"]:
            state = self.tr("on")
        else:
            state = (
                self.tr("off until %1 ratings (now %2)")
                .replace("%1", str(rerank["min_ratings"]))
                .replace("%2", str(rerank["ratings"]))
            )
        self.values["rerank"].setText(state)
        self.values["gain"].setText(self._held_out_text(rerank.get("held_out")))

        k = str(stats.get("k", 10))
        self.precision_chart.title = self.tr("Precision@%1 of served results over time").replace("%1", k)
        self.precision_chart.set_points(timeline(stats["over_time"]))
        self.gain_chart.title = self.tr("Precision@%1: plain vs re-ranked results").replace("%1", k)
        self.gain_chart.set_bars(*self._served_bars(stats.get("served") or {}))
        unnamed = self.tr("(none)")
        self.topic_chart.set_bars(*shares_by(stats["by_topic"], "topic", unnamed))
        self.operator_chart.set_bars(*shares_by(stats.get("by_operator", []), "operator", unnamed))

        self._fill(self.by_topic, stats["by_topic"], "topic")
        self._fill(self.by_operator, stats.get("by_operator", []), "operator")
        self._fill(self.over_time, stats["over_time"], "period")

    def _served_bars(self, served: dict[str, Any]) -> tuple[list[tuple[str, float]], list[str]]:
        bars: list[tuple[str, float]] = []
        notes: list[str] = []
        for key, label in (("plain", self.tr("plain")), ("reranked", self.tr("re-ranked"))):
            part = served.get(key) or {}
            if part.get("precision_at_k") is not None:
                bars.append((label, float(part["precision_at_k"])))
                notes.append(str(part.get("ratings", "")))
        return bars, notes

    def _held_out_text(self, held_out: dict[str, Any] | None) -> str:
        """«R-precision 40 % → 55 % on 6 held-out queries» from the last training, or «—»."""
        if not held_out:
            return "—"
        plain = (held_out.get("plain") or {}).get("r_precision")
        reranked = (held_out.get("reranked") or {}).get("r_precision")
        if plain is None or reranked is None:
            return "—"
        return (
            self.tr("R-precision %1 → %2 on %3 held-out queries")
            .replace("%1", share(plain))
            .replace("%2", share(reranked))
            .replace("%3", str(held_out.get("held_out_anchors", "?")))
        )

    @staticmethod
    def _fill(table: QTableWidget, rows: Rows, key: str) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = (
                format_date(str(row[key])) if key == "period" else str(row[key] or "—"),
                str(row["ratings"]),
                share(row["share_positive"]),
                share(row["precision_at_k"]),
            )
            for j, text in enumerate(cells):
                table.setItem(i, j, QTableWidgetItem(text))

"""The learning tab: what operators' ratings say about the search, and the re-ranking's state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


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
        self.by_topic = self._table(self.tr("Topic"))
        self.over_time = self._table(self.tr("Day"))
        tables = QHBoxLayout()
        for title, table in ((self.tr("By topic"), self.by_topic), (self.tr("Over time"), self.over_time)):
            box = QGroupBox(title, self)
            QVBoxLayout(box).addWidget(table)
            tables.addWidget(box)
        top = QHBoxLayout()
        top.addWidget(summary, 1)
        top.addWidget(self.refresh_button, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tables, 1)

    def _table(self, first: str) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setHorizontalHeaderLabels([first, self.tr("Ratings"), self.tr("Relevant"), self.tr("Precision")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    def show_stats(self, stats: dict[str, Any]) -> None:
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
        held_out = rerank.get("held_out")
        self.values["gain"].setText(str(held_out) if held_out else "—")
        self._fill(self.by_topic, stats["by_topic"], "topic")
        self._fill(self.over_time, stats["over_time"], "period")

    @staticmethod
    def _fill(table: QTableWidget, rows: list[dict[str, Any]], key: str) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = (
                str(row[key] or "—"),
                str(row["ratings"]),
                share(row["share_positive"]),
                share(row["precision_at_k"]),
            )
            for j, text in enumerate(cells):
                table.setItem(i, j, QTableWidgetItem(text))

"""Moving through the search results from the keyboard: the base of the search tab."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

from callcenter_ai.gui.results_model import ResultRow, ResultsProxy


class ResultsNavigation(QWidget):
    """The selected result, and Up/Down in the query box moving it (the subclass builds the widgets)."""

    query: QLineEdit
    table: QTableView
    proxy: ResultsProxy

    def selected_row(self) -> ResultRow | None:
        index = self.table.currentIndex()
        return self.proxy.row_at(index.row()) if index.isValid() else None

    def select_proxy_row(self, row: int) -> None:
        if not 0 <= row < self.proxy.rowCount():
            return
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def step(self, delta: int) -> None:
        """Move the selection by ``delta`` rows (Up/Down in the query box)."""
        current = self.table.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        self.select_proxy_row(max(0, min(self.proxy.rowCount() - 1, row)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down:
                self.step(1)
                return True
            if event.key() == Qt.Key.Key_Up:
                self.step(-1)
                return True
        return super().eventFilter(watched, event)

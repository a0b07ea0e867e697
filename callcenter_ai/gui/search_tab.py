"""The search tab: query, filters, sortable results and the call viewer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter_ai.gui.call_viewer import CallViewer
from callcenter_ai.gui.filter_panel import FilterPanel, FilterValues
from callcenter_ai.gui.results_model import ResultRow, ResultsModel, ResultsProxy

MODES = ("semantic", "keyword", "hybrid")


class SearchTab(QWidget):
    """Widgets only: the main window runs searches and fills :meth:`show_results`."""

    search_requested = Signal()
    similar_requested = Signal()
    export_requested = Signal()
    rating_given = Signal(bool)  # relevant?
    row_selected = Signal(object)  # ResultRow | None

    def __init__(self, default_k: int, default_mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = QLineEdit(self)
        self.query.setObjectName("queryEdit")
        self.query.setPlaceholderText(self.tr("What are you looking for? E.g. charged twice for one purchase"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.search_requested)
        self.query.installEventFilter(self)

        self.k = QSpinBox(self)
        self.k.setObjectName("kSpin")
        self.k.setRange(1, 1000)
        self.k.setValue(default_k)
        self.k.setPrefix(self.tr("top "))
        self.mode = QComboBox(self)
        self.mode.setObjectName("modeCombo")
        self.mode.addItem(self.tr("semantic"), "semantic")
        self.mode.addItem(self.tr("by words"), "keyword")
        self.mode.addItem(self.tr("hybrid"), "hybrid")
        self.mode.setCurrentIndex(max(0, self.mode.findData(default_mode)))
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.search_requested)
        self.similar_button = QPushButton(self.tr("Find similar"), self)
        self.similar_button.setObjectName("similarButton")
        self.similar_button.setToolTip(self.tr("Calls similar to the selected one"))
        self.similar_button.clicked.connect(self.similar_requested)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.tr("Save the shown results to a CSV file (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_requested)

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.k)
        top.addWidget(self.mode)
        top.addWidget(self.search_button)
        top.addWidget(self.similar_button)
        top.addWidget(self.export_button)

        self.filters_toggle = QCheckBox(self.tr("Filters"), self)
        self.filters_toggle.setObjectName("filtersToggle")
        self.filters = FilterPanel(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("searchSummary")

        self.model = ResultsModel(self)
        self.proxy = ResultsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("resultsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the ranking until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 115, 140, 170, 60)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.viewer = CallViewer(self)
        self.relevant_button = QPushButton(self.tr("✓ Relevant"), self)
        self.relevant_button.setObjectName("relevantButton")
        self.relevant_button.setToolTip(self.tr("This call answers the query: ratings improve the ranking"))
        self.relevant_button.clicked.connect(lambda: self.rating_given.emit(True))
        self.irrelevant_button = QPushButton(self.tr("✗ Not relevant"), self)
        self.irrelevant_button.setObjectName("irrelevantButton")
        self.irrelevant_button.clicked.connect(lambda: self.rating_given.emit(False))
        self.rating_note = QLabel(self)
        self.rating_note.setObjectName("ratingNote")
        rating_row = QHBoxLayout()
        rating_row.addWidget(QLabel(self.tr("Is this result useful?"), self))
        rating_row.addWidget(self.relevant_button)
        rating_row.addWidget(self.irrelevant_button)
        rating_row.addWidget(self.rating_note, 1)
        viewer_box = QWidget(self)
        viewer_layout = QVBoxLayout(viewer_box)
        viewer_layout.setContentsMargins(0, 0, 0, 0)
        viewer_layout.addWidget(self.viewer, 1)
        viewer_layout.addLayout(rating_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("searchSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(viewer_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters_toggle)
        layout.addWidget(self.filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.filters_toggle.toggled.connect(self.filters.setVisible)
        self.filters.setVisible(False)
        self.set_busy(False)

    # -- state ---------------------------------------------------------------

    def query_text(self) -> str:
        return self.query.text().strip()

    def current_mode(self) -> str:
        return str(self.mode.currentData())

    def filter_values(self) -> FilterValues:
        return self.filters.values() if self.filters_toggle.isChecked() else FilterValues()

    def set_busy(self, busy: bool) -> None:
        self.search_button.setEnabled(not busy)
        self.similar_button.setEnabled(not busy and self.selected_row() is not None)
        self.export_button.setEnabled(self.proxy.rowCount() > 0)
        self._enable_rating(not busy and self.selected_row() is not None)

    def _enable_rating(self, on: bool) -> None:
        self.relevant_button.setEnabled(on)
        self.irrelevant_button.setEnabled(on)

    def show_results(self, rows: list[ResultRow], summary: str) -> None:
        self.viewer.clear()
        self.model.set_rows(rows)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.summary.setText(summary)
        if rows:
            self.select_proxy_row(0)
        self.set_busy(False)

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

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.row_at(current.row()) if current.isValid() else None
        self.similar_button.setEnabled(row is not None and self.search_button.isEnabled())
        self._enable_rating(row is not None and self.search_button.isEnabled())
        self.rating_note.clear()
        self.row_selected.emit(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down:
                self.step(1)
                return True
            if event.key() == Qt.Key.Key_Up:
                self.step(-1)
                return True
        return super().eventFilter(watched, event)

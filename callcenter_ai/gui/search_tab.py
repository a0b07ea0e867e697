"""The search tab: query, filters, sortable results and the call viewer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
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
    more_requested = Signal()
    history_requested = Signal(int)  # -1 back, +1 forward
    index_requested = Signal()  # «build the index» from the notice above the results
    pinned_requested = Signal()  # show the source call of «find similar» again

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
        self.k.setToolTip(self.tr("How many calls to show at once; «More» shows the next ones"))
        self.mode = QComboBox(self)
        self.mode.setObjectName("modeCombo")
        self.mode.addItem(self.tr("semantic"), "semantic")
        self.mode.addItem(self.tr("by words"), "keyword")
        self.mode.addItem(self.tr("hybrid"), "hybrid")
        self.mode.setToolTip(
            self.tr(
                "By meaning: calls about the same thing in other words.\n"
                "By words: calls holding the query's words in any form; "
                '"exact phrase", -exclude, OR between alternatives.\n'
                "Hybrid: both lists merged."
            )
        )
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

        self.back_button = QPushButton("◀", self)
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip(self.tr("Previous search (Alt+Left)"))
        self.back_button.setShortcut(QKeySequence("Alt+Left"))
        self.back_button.clicked.connect(lambda: self.history_requested.emit(-1))
        self.forward_button = QPushButton("▶", self)
        self.forward_button.setObjectName("forwardButton")
        self.forward_button.setToolTip(self.tr("Next search (Alt+Right)"))
        self.forward_button.setShortcut(QKeySequence("Alt+Right"))
        self.forward_button.clicked.connect(lambda: self.history_requested.emit(1))
        for button in (self.back_button, self.forward_button):
            button.setFixedWidth(32)
            button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.forward_button)
        top.addWidget(self.query, 1)
        top.addWidget(self.k)
        top.addWidget(self.mode)
        top.addWidget(self.search_button)
        top.addWidget(self.similar_button)
        top.addWidget(self.export_button)

        self.filters_toggle = QCheckBox(self.tr("Filters"), self)
        self.filters_toggle.setObjectName("filtersToggle")
        self.filters_toggle.setToolTip(
            self.tr("Show the filters (date, operator, topic, duration, side); hidden filters are off")
        )
        self.filters = FilterPanel(self)
        self.filters_state = QLabel(self)
        self.filters_state.setObjectName("filtersState")
        self.summary = QLabel(self)
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("indexNotice")
        self.notice.setWordWrap(True)
        self.notice_button = QPushButton(self.tr("Build index"), self)
        self.notice_button.setObjectName("noticeIndexButton")
        self.notice_button.clicked.connect(self.index_requested)
        self.notice_box = QWidget(self)
        self.notice_box.setStyleSheet("background: #fff6d6")
        notice_row = QHBoxLayout(self.notice_box)
        notice_row.setContentsMargins(6, 2, 6, 2)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.notice_button)
        self.notice_box.setVisible(False)
        self.more_button = QPushButton(self.tr("More"), self)
        self.more_button.setObjectName("moreButton")
        self.more_button.setToolTip(self.tr("Show the next calls of this search"))
        self.more_button.clicked.connect(self.more_requested)
        self.weak_button = QPushButton(self)
        self.weak_button.setObjectName("weakButton")
        self.weak_button.setCheckable(True)
        self.weak_button.setToolTip(self.tr("Calls the search judges more likely unrelated than related"))
        self.weak_button.toggled.connect(self._show_weak)
        self.pinned = QPushButton(self)
        self.pinned.setObjectName("pinnedSource")
        self.pinned.setFlat(True)
        self.pinned.setToolTip(self.tr("The call these results are similar to: click to show it"))
        self.pinned.clicked.connect(self.pinned_requested)
        self.pinned.setVisible(False)

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
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the viewer and the rating buttons
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # «Snippet», the widest
        header.setMinimumSectionSize(40)
        for column, width in enumerate((66, 128, 130, 140, 52)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.viewer = CallViewer(self)
        self.relevant_button = QPushButton(self.tr("✓ Relevant"), self)
        self.relevant_button.setObjectName("relevantButton")
        self.relevant_button.setToolTip(self.tr("This call answers the query (Ctrl+1): ratings improve the order"))
        self.relevant_button.clicked.connect(lambda: self.rating_given.emit(True))
        self.irrelevant_button = QPushButton(self.tr("✗ Not relevant"), self)
        self.irrelevant_button.setObjectName("irrelevantButton")
        self.irrelevant_button.setToolTip(self.tr("This call does not answer the query (Ctrl+2)"))
        self.irrelevant_button.clicked.connect(lambda: self.rating_given.emit(False))
        for key, button in (("Ctrl+1", self.relevant_button), ("Ctrl+2", self.irrelevant_button)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(button.click)  # a disabled button ignores it
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
        results_box = QWidget(self)
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.pinned, 0, Qt.AlignmentFlag.AlignLeft)
        results_layout.addWidget(self.table, 1)
        more_row = QHBoxLayout()
        more_row.addWidget(self.weak_button)
        more_row.addStretch(1)
        more_row.addWidget(self.more_button)
        results_layout.addLayout(more_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("searchSplitter")
        self.splitter.addWidget(results_box)
        self.splitter.addWidget(viewer_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([600, 400])  # the results get the larger share; a saved layout replaces it

        filters_row = QHBoxLayout()
        filters_row.addWidget(self.filters_toggle)
        filters_row.addWidget(self.filters_state, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice_box)
        layout.addLayout(filters_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.filters_toggle.toggled.connect(self.filters.setVisible)
        self.filters_toggle.toggled.connect(self._describe_filters)
        self.filters.changed.connect(self._describe_filters)
        self.filters.setVisible(False)
        for first, second in (
            (self.query, self.k),
            (self.k, self.mode),
            (self.mode, self.search_button),
            (self.search_button, self.similar_button),
            (self.similar_button, self.export_button),
            (self.export_button, self.filters_toggle),
            (self.filters_toggle, self.table),
            (self.table, self.viewer.browser),
            (self.viewer.browser, self.relevant_button),
            (self.relevant_button, self.irrelevant_button),
        ):
            QWidget.setTabOrder(first, second)
        self.shown_total: int | None = None
        self.set_busy(False)
        self._describe_filters()

    # -- state ---------------------------------------------------------------

    def query_text(self) -> str:
        return self.query.text().strip()

    def current_mode(self) -> str:
        return str(self.mode.currentData())

    def filter_values(self) -> FilterValues:
        return self.filters.values() if self.filters_toggle.isChecked() else FilterValues()

    def _describe_filters(self) -> None:
        """Say beside the toggle whether filters apply, so a hidden panel never filters unseen."""
        if not self.filters_toggle.isChecked():
            self.filters_state.setText(self.tr("off: all calls are searched"))
            return
        count = self.filters.values().count
        self.filters_state.setText(
            self.tr("on: %1 set").replace("%1", str(count)) if count else self.tr("on: nothing set yet")
        )

    def _show_weak(self, show: bool) -> None:
        self.proxy.set_show_weak(show)
        self._update_weak_button()

    def _update_weak_button(self) -> None:
        weak = sum(1 for row in self.model.rows if row.below_threshold)
        self.weak_button.setVisible(weak > 0)
        self.weak_button.setText(
            self.tr("Hide less similar")
            if self.weak_button.isChecked()
            else self.tr("Show less similar (%1)").replace("%1", str(weak))
        )

    def set_busy(self, busy: bool) -> None:
        self.more_button.setEnabled(not busy)
        self.search_button.setEnabled(not busy)
        self.similar_button.setEnabled(not busy and self.selected_row() is not None)
        self.export_button.setEnabled(self.proxy.rowCount() > 0)
        self._enable_rating(not busy and self.selected_row() is not None)

    def _enable_rating(self, on: bool) -> None:
        self.relevant_button.setEnabled(on)
        self.irrelevant_button.setEnabled(on)

    def show_results(
        self,
        rows: list[ResultRow],
        summary: str,
        *,
        more: bool = False,
        ratings: dict[str, bool] | None = None,
        keep: str | None = None,
    ) -> None:
        """Show ``rows``; ``more``: the search may have further calls; ``keep``: the dialog id to select."""
        self.viewer.clear()
        self.weak_button.setChecked(False)
        self.model.set_rows(rows, ratings)
        self.proxy.set_show_weak(False)
        self._update_weak_button()
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.summary.setText(summary)
        self.more_button.setVisible(more)
        shown = self.proxy.shown_rows()
        if shown:
            ids = [r.dialog_id for r in shown]
            self.select_proxy_row(ids.index(keep) if keep in ids else 0)
        self.set_busy(False)

    def show_notice(self, text: str | None, *, offer_index: bool = False) -> None:
        """A line above the results about the index (None hides it); ``offer_index`` adds «Build index»."""
        self.notice_box.setVisible(text is not None)
        self.notice.setText(text or "")
        self.notice_button.setVisible(offer_index)

    def pin_source(self, text: str | None) -> None:
        """Show (or, with None, hide) the call that «find similar» started from, above the results."""
        self.pinned.setVisible(text is not None)
        self.pinned.setText(self.tr("Similar to: %1").replace("%1", text or ""))

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

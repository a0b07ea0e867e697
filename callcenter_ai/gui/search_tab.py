"""The search tab: query, filters, sortable results and the call viewer."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from callcenter_ai.gui.call_viewer import CallViewer
from callcenter_ai.gui.filter_panel import FilterPanel, FilterValues
from callcenter_ai.gui.results_model import ResultRow, ResultsModel, ResultsProxy
from callcenter_ai.gui.results_navigation import ResultsNavigation
from callcenter_ai.gui.search_widgets import (
    chain_tab_order,
    count_spin,
    history_buttons,
    mode_combo,
    named_button,
    notice_box,
    rating_row,
    results_splitter,
    results_table,
    row_layout,
)

MODES = ("semantic", "keyword", "hybrid")


class SearchTab(ResultsNavigation):
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

        self.k = count_spin(self, default_k)
        self.mode = mode_combo(self, default_mode)
        self.search_button = named_button(self, "searchButton", self.tr("Search"))
        self.search_button.clicked.connect(self.search_requested)
        self.similar_button = named_button(
            self, "similarButton", self.tr("Find similar"), self.tr("Calls similar to the selected one")
        )
        self.similar_button.clicked.connect(self.similar_requested)
        self.export_button = named_button(
            self, "exportButton", self.tr("Export CSV…"), self.tr("Save the shown results to a CSV file (Ctrl+E)")
        )
        self.export_button.clicked.connect(self.export_requested)

        self.back_button, self.forward_button = history_buttons(self)
        self.back_button.clicked.connect(lambda: self.history_requested.emit(-1))
        self.forward_button.clicked.connect(lambda: self.history_requested.emit(1))
        top = row_layout(
            self.back_button,
            self.forward_button,
            (self.query, 1),
            self.k,
            self.mode,
            self.search_button,
            self.similar_button,
            self.export_button,
        )

        self.filters_toggle = QCheckBox(self.tr("Filters"), self)
        self.filters_toggle.setObjectName("filtersToggle")
        self.filters_toggle.setToolTip(
            self.tr(
                "Show the filters (date, operator, topic, channel, outcome, duration, side); hidden filters are off"
            )
        )
        self.filters = FilterPanel(self)
        self.filters_state = QLabel(self)
        self.filters_state.setObjectName("filtersState")
        self.summary = QLabel(self)
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        self.notice_box, self.notice, self.notice_button = notice_box(self)
        self.notice_button.clicked.connect(self.index_requested)
        self.more_button = named_button(
            self, "moreButton", self.tr("More"), self.tr("Show the next calls of this search")
        )
        self.more_button.clicked.connect(self.more_requested)
        self.weak_button = named_button(
            self, "weakButton", "", self.tr("Calls the search judges more likely unrelated than related")
        )
        self.weak_button.setCheckable(True)
        self.weak_button.toggled.connect(self._show_weak)
        self.pinned = named_button(
            self, "pinnedSource", "", self.tr("The call these results are similar to: click to show it")
        )
        self.pinned.setFlat(True)
        self.pinned.clicked.connect(self.pinned_requested)
        self.pinned.setVisible(False)

        self.model = ResultsModel(self)
        self.proxy = ResultsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = results_table(self, self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.viewer = CallViewer(self)
        under_viewer, self.relevant_button, self.irrelevant_button, self.rating_note = rating_row(self)
        self.relevant_button.clicked.connect(lambda: self.rating_given.emit(True))
        self.irrelevant_button.clicked.connect(lambda: self.rating_given.emit(False))
        more_row = row_layout(self.weak_button, None, self.more_button)
        self.splitter = results_splitter(self, self.pinned, self.table, more_row, self.viewer, under_viewer)

        filters_row = row_layout(self.filters_toggle, (self.filters_state, 1))
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
        chain_tab_order(
            self.query,
            self.k,
            self.mode,
            self.search_button,
            self.similar_button,
            self.export_button,
            self.filters_toggle,
            self.table,
            self.viewer.browser,
            self.relevant_button,
            self.irrelevant_button,
        )
        self.has_more = False  # the search on screen has calls beyond the shown ones («More»)
        self.showing_search = False  # the rows answer a search (not a list of calls, e.g. from Analytics)
        self.more_button.setVisible(False)
        self._update_weak_button()  # hidden until a search has less similar rows
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
        self.more_button.setEnabled(not busy and self.has_more)
        self.search_button.setEnabled(not busy)
        self.similar_button.setEnabled(not busy and self.selected_row() is not None)
        self.export_button.setEnabled(self.proxy.rowCount() > 0)
        self._enable_rating(not busy and self.selected_row() is not None)

    def _enable_rating(self, on: bool) -> None:
        """A rating says whether a result answers its query: a listed call (no query) cannot be rated."""
        self.relevant_button.setEnabled(on and self.showing_search)
        self.irrelevant_button.setEnabled(on and self.showing_search)

    def show_results(
        self,
        rows: list[ResultRow],
        summary: str,
        *,
        more: bool = False,
        ratings: dict[str, bool] | None = None,
        keep: str | None = None,
        searched: bool = False,
    ) -> None:
        """Show ``rows``; ``more``: the search may have further calls; ``keep``: the dialog id to select;
        not ``searched``: a list of calls (from Analytics) that answers no query: no query, «Match» or ratings."""
        self.showing_search = searched
        if not searched:
            self.query.clear()
            self.pin_source(None)
        self.table.setColumnHidden(0, not searched)
        self.viewer.clear()
        self.weak_button.setChecked(False)
        self.model.set_rows(rows, ratings)
        self.proxy.set_show_weak(False)
        self._update_weak_button()
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.summary.setText(summary)
        self.has_more = more
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

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.row_at(current.row()) if current.isValid() else None
        self.similar_button.setEnabled(row is not None and self.search_button.isEnabled())
        self._enable_rating(row is not None and self.search_button.isEnabled())
        self.rating_note.clear()
        self.row_selected.emit(row)

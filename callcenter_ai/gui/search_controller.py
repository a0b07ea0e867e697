"""Running searches from the Search tab: the search on screen, «More», «find similar» with its source
pinned, Back/Forward history, the viewer's call and the operator's ratings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from callcenter_ai.core.errors import KnownError
from callcenter_ai.gui.backend import SearchOutcome
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.plain_text import for_operator
from callcenter_ai.gui.result_summary import found_text
from callcenter_ai.gui.results_model import ResultRow

if TYPE_CHECKING:
    from callcenter_ai.gui.main_window import MainWindow


@dataclass(frozen=True)
class SearchRequest:
    """The search on screen: «More» repeats it with a larger ``k``; ``source`` is set for «find similar»."""

    text: str
    mode: str
    filters: FilterValues
    source: ResultRow | None
    k: int


class SearchController(QObject):
    """The window's searches; it emits the window's ``search_finished`` and ``rating_saved``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_outcome: SearchOutcome | None = None
        self._request: SearchRequest | None = None  # the search on screen, for «More»
        self._history: list[SearchRequest] = []  # searches run, for Back / Forward
        self._history_at = -1
        self._ratings: dict[str, dict[str, bool]] = {}  # query or source call -> dialog id -> relevant?
        self._refilter = QTimer(self)  # changed filters apply to the search on screen, once the user pauses
        self._refilter.setSingleShot(True)
        self._refilter.setInterval(400)
        self._refilter.timeout.connect(self._apply_filters)
        window.search_tab.filters.changed.connect(self._refilter.start)
        window.search_tab.filters_toggle.toggled.connect(self._refilter.start)

    def _apply_filters(self) -> None:
        """Run the search on screen again when the filters now differ from the ones it was run with."""
        tab, request = self.window.search_tab, self._request
        if request is None or not tab.showing_search or request.filters == tab.filter_values():
            return  # a list of calls (e.g. from Analytics) is not the search in ``request``: keep it
        if not tab.search_button.isEnabled():  # a search is running: try again when it is done
            self._refilter.start()
            return
        self.run_search(refilter=True)

    def run_search(self, *, more: bool = False, refilter: bool = False) -> None:
        tab = self.window.search_tab
        request = self._request
        self._refilter.stop()
        if refilter and request is not None:
            text, mode, source, k = request.text, request.mode, request.source, request.k
            filters = tab.filter_values()
        elif more and request is not None:
            text, mode, filters, source = request.text, request.mode, request.filters, request.source
            k = request.k + tab.k.value()
        else:
            text = tab.query_text()
            if not text:
                tab.summary.setText(self.tr("Type what to look for."))
                return
            mode, filters, source, k = tab.current_mode(), tab.filter_values(), None, tab.k.value()
            tab.pin_source(None)
        self._request = SearchRequest(text, mode, filters, source, k)
        if not more:
            self._remember(self._request)
        if source is not None:
            job = self.window.backend.similar_job(source.dialog_id, k, filters)
            title = self.tr("Calls similar to %1").replace("%1", source.dialog_id)
        else:
            job = self.window.backend.search_job(text, k, mode, filters)
            title = self.tr("Searching: %1").replace("%1", text)
        selected = tab.selected_row()
        keep = selected.dialog_id if more and selected is not None else None
        self._run_search_job(job, title, mode=mode, k=k, keep=keep)

    def _remember(self, request: SearchRequest) -> None:
        if 0 <= self._history_at < len(self._history) and self._history[self._history_at] == request:
            return
        del self._history[self._history_at + 1 :]
        self._history.append(request)
        self._history_at = len(self._history) - 1
        self._update_history_buttons()

    def _update_history_buttons(self) -> None:
        self.window.search_tab.back_button.setEnabled(self._history_at > 0)
        self.window.search_tab.forward_button.setEnabled(self._history_at < len(self._history) - 1)

    def go_history(self, step: int) -> None:
        """Show the previous (-1) or next (+1) search again, with its query, mode and filters."""
        at = self._history_at + step
        if not 0 <= at < len(self._history) or not self.window.search_tab.search_button.isEnabled():
            return
        self._history_at = at
        self._update_history_buttons()
        request = self._history[at]
        tab = self.window.search_tab
        tab.filters_toggle.setChecked(request.filters.active)
        tab.filters.set_values(request.filters)
        self._request = request
        if request.source is not None:
            tab.query.clear()
            tab.pin_source(" · ".join(p for p in (request.source.dialog_id, request.source.topic) if p))
            job = self.window.backend.similar_job(request.source.dialog_id, request.k, request.filters)
            title = self.tr("Calls similar to %1").replace("%1", request.source.dialog_id)
            self._run_search_job(job, title, mode="similar", k=request.k)
            return
        tab.pin_source(None)
        tab.query.setText(request.text)
        tab.mode.setCurrentIndex(max(0, tab.mode.findData(request.mode)))
        job = self.window.backend.search_job(request.text, request.k, request.mode, request.filters)
        self._run_search_job(job, self.tr("Searching: %1").replace("%1", request.text), mode=request.mode, k=request.k)

    def more_results(self) -> None:
        self.run_search(more=True)

    def find_similar(self) -> None:
        tab = self.window.search_tab
        row = tab.selected_row()
        if row is None:
            tab.summary.setText(self.tr("Select a call first."))
            return
        k = tab.k.value()
        self._request = SearchRequest("", "similar", tab.filter_values(), row, k)
        self._remember(self._request)
        tab.query.clear()  # the results answer the call, not the text that was typed
        tab.pin_source(" · ".join(p for p in (row.dialog_id, row.topic, row.operator) if p))
        job = self.window.backend.similar_job(row.dialog_id, k, self._request.filters)
        self._run_search_job(job, self.tr("Calls similar to %1").replace("%1", row.dialog_id), mode="similar", k=k)

    def show_pinned(self) -> None:
        request = self._request
        if request is None or request.source is None:
            return
        self.window.search_tab.table.clearSelection()
        self.show_row(request.source)

    def _run_search_job(self, job: Any, title: str, *, mode: str, k: int, keep: str | None = None) -> None:
        tab = self.window.search_tab
        tab.set_busy(True)
        tab.summary.setText(title + " …")
        if mode in ("semantic", "hybrid", "similar"):
            QTimer.singleShot(300, self.window.status.refresh_model)

        def done(outcome: Any) -> None:
            if not isinstance(outcome, SearchOutcome):
                tab.set_busy(False)
                return
            self.last_outcome = outcome
            found, more = found_text(outcome, k)
            summary = title + " — " + found
            if outcome.warnings:  # model ids and commands stay in the tooltip, for admins
                summary += " (" + "; ".join(for_operator(w) for w in outcome.warnings) + ")"
            tab.summary.setToolTip("\n".join(outcome.warnings))
            ratings = self._ratings.get(self._rating_key(outcome), {})
            tab.show_results(outcome.rows, summary, more=more, ratings=ratings, keep=keep, searched=True)
            self.window.status.refresh_model()
            self.window.search_finished.emit()

        def failed(exc: BaseException) -> None:
            self.last_outcome = None
            failure = title + " — " + self.tr("failed")
            tab.show_results([], failure, searched=True)  # never old results under new filters
            self.window.reporter.report(exc)
            self.window.search_finished.emit()

        self.window.runner.start(job, "search", on_result=done, on_error=failed)

    @staticmethod
    def _rating_key(outcome: SearchOutcome) -> str:
        return outcome.source_dialog_id or outcome.query_text or ""

    def show_row(self, row: ResultRow | None) -> None:
        if row is None:
            self.window.search_tab.viewer.clear()
            return
        try:
            call = self.window.backend.get_call(row.call_id)
        except KnownError as exc:
            self.window.reporter.report(exc)
            return
        query = self.last_outcome.query_text if self.last_outcome is not None else None
        self.window.search_tab.viewer.show_call(call, row.matched, query=query or "")

    def rate_selected(self, relevant: bool) -> None:
        row = self.window.search_tab.selected_row()
        outcome = self.last_outcome
        if row is None or outcome is None or row not in outcome.rows:
            return
        rank = outcome.rows.index(row) + 1
        note = self.window.search_tab.rating_note

        def done(_rating_id: Any) -> None:
            note.setText(self.tr("Saved: useful") if relevant else self.tr("Saved: not useful"))
            self._ratings.setdefault(self._rating_key(outcome), {})[row.dialog_id] = relevant
            self.window.search_tab.model.set_rating(row.dialog_id, relevant)
            self.window.rating_saved.emit(relevant)

        self.window.runner.start(
            self.window.backend.rate_job(outcome, row, rank, relevant),
            "rate",
            write=True,
            on_result=done,
            on_error=self.window.report,
        )

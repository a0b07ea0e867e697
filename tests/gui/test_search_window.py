"""The window on demo data indexed by the tiny model: search, viewer, find similar, keyboard, export, ratings;
on both engines (the demo home's SQLite + FAISS, and the same calls on PostgreSQL + pgvector)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from callcenter_ai.gui.backend import SearchOutcome
from callcenter_ai.gui.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
DEMO_CALLS = 60  # as built by conftest.demo_home_template


def search(qtbot: Any, window: MainWindow, text: str, mode: str) -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)
    tab.query.setFocus()
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.keyClick(tab.query, Qt.Key.Key_Return)


@pytest.fixture
def window(open_window: OpenWindow, engine_demo_home: Path, gui_settings: Callable[..., Any]) -> MainWindow:
    return open_window(gui_settings(engine_demo_home))


def test_start_shows_search_with_filters_and_index_state(window: MainWindow) -> None:
    assert window.search_stack.currentWidget() is window.search_tab
    assert window.search_tab.filters.operators.count() >= 5
    assert window.search_tab.filters.topics.count() >= 10
    status = window.index_status
    assert status is not None and status.calls == DEMO_CALLS and status.embedded == DEMO_CALLS
    assert status.index_vectors and status.index_vectors >= DEMO_CALLS
    assert window.backend.model_state() == ("not loaded", False) or not window.backend.model_state()[1]


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
def test_enter_searches_and_the_viewer_highlights_matches(qtbot: Any, window: MainWindow, mode: str) -> None:
    search(qtbot, window, "списали деньги дважды", mode)
    tab = window.search_tab
    rows = tab.proxy.shown_rows()
    assert 0 < len(rows) <= tab.k.value()
    assert tab.selected_row() == rows[0]
    viewer = tab.viewer
    assert viewer.call is not None and viewer.call.dialog_id == rows[0].dialog_id
    assert viewer.matched_positions, "the matched turns are highlighted"
    kinds = set().union(*viewer.matched_positions.values())
    if mode == "keyword":
        assert kinds == {"keyword"}
    if mode == "semantic":
        assert kinds == {"semantic"}
    assert all(0 <= p < len(viewer.call.turns) for p in viewer.matched_positions)
    scores = [r.score for r in rows]
    assert scores == sorted(scores, reverse=True)
    if mode != "keyword":
        assert window.backend.model_state()[1], "a semantic query loaded the model on the worker"
        window.status.refresh_model()
        assert window.unload_action.isEnabled()  # in the Settings menu, not the operator's status bar
        tip = window.status.model_label.toolTip()
        assert "fp32" in tip or "bf16" in tip, "device and precision are kept for admins in the tooltip"
        assert "fp32" not in window.status.model_label.text()
        with qtbot.waitSignal(window.runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=30_000):
            window.unload_action.trigger()
        assert not window.backend.model_state()[1]
        assert not window.unload_action.isEnabled()


def test_filters_restrict_results(qtbot: Any, window: MainWindow) -> None:
    tab = window.search_tab
    search(qtbot, window, "здравствуйте", "keyword")
    unfiltered = tab.proxy.shown_rows()
    chosen = unfiltered[-1].operator
    assert chosen and {r.operator for r in unfiltered} != {chosen}
    tab.filters_toggle.setChecked(True)
    assert tab.filters.isVisible()
    operators = tab.filters.operators
    tab.filters.check(operators, chosen)
    search(qtbot, window, "здравствуйте", "keyword")
    rows = tab.proxy.shown_rows()
    assert rows and {r.operator for r in rows} == {chosen}
    tab.filters_toggle.setChecked(False)  # hidden filters do not filter
    search(qtbot, window, "здравствуйте", "keyword")
    assert {r.operator for r in tab.proxy.shown_rows()} != {chosen}


def test_find_similar_on_the_selected_call(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "интернет не работает", "keyword")
    tab = window.search_tab
    source = tab.selected_row()
    assert source is not None
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.similar_button, Qt.MouseButton.LeftButton)
    rows = tab.proxy.shown_rows()
    assert rows and source.dialog_id not in {r.dialog_id for r in rows}
    assert source.dialog_id in tab.summary.text()


def test_keyboard_steps_through_results_and_shortcuts(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    search(qtbot, window, "возврат денег", "keyword")
    tab = window.search_tab
    rows = tab.proxy.shown_rows()
    assert len(rows) >= 3
    qtbot.keyClick(tab.query, Qt.Key.Key_Down)
    assert tab.selected_row() == rows[1] and tab.viewer.call is not None
    assert tab.viewer.call.dialog_id == rows[1].dialog_id
    qtbot.keyClick(tab.query, Qt.Key.Key_Down)
    assert tab.viewer.call.dialog_id == rows[2].dialog_id
    qtbot.keyClick(tab.query, Qt.Key.Key_Up)
    assert tab.viewer.call.dialog_id == rows[1].dialog_id
    # Up/Down in the table itself also moves the viewer.
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.viewer.call.dialog_id == rows[2].dialog_id

    # Ctrl+F puts the focus back into the query box.
    window.activateWindow()
    window.focus_action.trigger()
    assert QApplication.focusWidget() is tab.query or tab.query.hasFocus()
    assert window.focus_action.shortcut().toString() == "Ctrl+F"

    # Ctrl+E exports the shown rows, in the shown order (sorted by duration here).
    tab.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    target = tmp_path / "shown.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    window.export_action.trigger()
    with open(target, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["dialog_id"] for r in table] == [r.dialog_id for r in tab.proxy.shown_rows()]
    durations = [float(r["duration_s"]) for r in table]
    assert durations == sorted(durations)


def test_sorting_keeps_the_viewer_on_the_selected_call(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "тариф", "keyword")
    tab = window.search_tab
    tab.step(1)
    chosen = tab.selected_row()
    tab.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert tab.selected_row() == chosen
    dates = [r.started_at or "" for r in tab.proxy.shown_rows()]
    assert dates == sorted(dates, reverse=True)


def test_search_result_object(qtbot: Any, window: MainWindow, wait_idle: Any) -> None:
    outcomes: list[Any] = []
    window.runner.start(
        window.backend.search_job("пароль", 5, "keyword", window.search_tab.filter_values()),
        "direct",
        on_result=outcomes.append,
    )
    wait_idle(window.runner)
    assert isinstance(outcomes[0], SearchOutcome) and len(outcomes[0].rows) <= 5


def test_ratings_are_saved_and_shown_in_the_learning_tab(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "сбросить пароль", "keyword")
    tab = window.search_tab
    assert tab.relevant_button.isEnabled()
    with qtbot.waitSignal(window.rating_saved, timeout=30_000):
        qtbot.mouseClick(tab.relevant_button, Qt.MouseButton.LeftButton)
    assert tab.rating_note.text()
    tab.step(1)
    with qtbot.waitSignal(window.rating_saved, timeout=30_000):
        qtbot.mouseClick(tab.irrelevant_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.stats_shown, timeout=30_000):
        window.tabs.setCurrentWidget(window.stats_tab)
    values = window.stats_tab.values
    assert values["ratings"].text() == "2"
    assert values["positive"].text() == "50 %"
    assert window.stats_tab.by_topic.rowCount() >= 1

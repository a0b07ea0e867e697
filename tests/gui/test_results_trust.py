"""Results an operator can trust (issue 12): a readable similarity, «More», cut-off of weak rows,
word marks and match navigation in the viewer, «find similar» pinning its source, ratings shown
again, keyboard reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from callcenter_ai.gui.call_viewer import WORD_COLOUR
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.results_model import ROW_ROLE

OpenWindow = Callable[..., MainWindow]


def search(qtbot: Any, window: MainWindow, text: str, mode: str) -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)
    tab.query.setFocus()
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.keyClick(tab.query, Qt.Key.Key_Return)


@pytest.fixture
def window(open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Any]) -> MainWindow:
    return open_window(gui_settings(demo_home))


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
def test_one_readable_similarity_with_the_raw_score_in_a_tooltip(qtbot: Any, window: MainWindow, mode: str) -> None:
    search(qtbot, window, "списали деньги дважды", mode)
    model = window.search_tab.model
    header = model.headerData(0, Qt.Orientation.Horizontal)
    assert header in ("Match", "Сходство"), "not «Оценка», which clashes with ratings"
    for number, row in enumerate(model.rows):
        shown = model.data(model.index(number, 0))
        assert shown.endswith("%") and 0 <= int(shown.split("\u202f")[0]) <= 100
        tip = model.data(model.index(number, 0), Qt.ItemDataRole.ToolTipRole)
        assert f"{row.score:.4f}" in tip


def test_more_shows_the_next_calls_and_keeps_the_selection(qtbot: Any, window: MainWindow) -> None:
    tab = window.search_tab
    tab.k.setValue(3)
    search(qtbot, window, "деньги тариф интернет", "keyword")
    first = tab.proxy.shown_rows()
    assert len(first) == 3 and tab.more_button.isVisible()
    assert "1–3" in tab.summary.text()
    tab.step(1)
    chosen = tab.selected_row()
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.more_button, Qt.MouseButton.LeftButton)
    rows = tab.proxy.shown_rows()
    assert len(rows) == 6 and rows[:3] == first
    assert tab.selected_row() == chosen
    assert "1–6" in tab.summary.text()


def test_stop_words_alone_find_nothing(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "и на за", "keyword")
    assert window.search_tab.proxy.rowCount() == 0
    assert not window.search_tab.more_button.isVisible()


def test_rows_below_the_cut_off_are_hidden_until_asked(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "деньги", "keyword")
    tab = window.search_tab
    rows = tab.model.rows
    assert len(rows) >= 3
    weak = [replace(r, below_threshold=True) if i else r for i, r in enumerate(rows)]
    tab.show_results(weak, "x")
    assert tab.proxy.rowCount() == 1 and tab.weak_button.isVisible()
    assert str(len(rows) - 1) in tab.weak_button.text()
    qtbot.mouseClick(tab.weak_button, Qt.MouseButton.LeftButton)
    assert tab.proxy.rowCount() == len(rows)
    none_close = [replace(r, below_threshold=True) for r in rows]
    window.last_outcome = None
    tab.show_results(none_close, "y")
    assert tab.proxy.rowCount() == 0 and tab.viewer.call is None


def test_viewer_marks_the_words_and_steps_through_matches(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "деньги тариф интернет пароль", "keyword")
    tab = window.search_tab
    many = next(i for i, r in enumerate(tab.proxy.shown_rows()) if len(r.matched) > 1)
    tab.select_proxy_row(many)
    viewer = tab.viewer
    assert WORD_COLOUR in viewer.browser.toHtml()
    assert viewer.next_button.isEnabled() and viewer.match_label.text().startswith("1 /")
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.match_label.text().startswith("2 /")
    qtbot.mouseClick(viewer.previous_button, Qt.MouseButton.LeftButton)
    assert viewer.match_label.text().startswith("1 /")


def test_find_similar_pins_its_source_and_clears_the_query(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "интернет не работает", "keyword")
    tab = window.search_tab
    source = tab.selected_row()
    assert source is not None
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.similar_button, Qt.MouseButton.LeftButton)
    assert tab.query.text() == ""
    assert tab.pinned.isVisible() and source.dialog_id in tab.pinned.text()
    qtbot.mouseClick(tab.pinned, Qt.MouseButton.LeftButton)
    assert tab.viewer.call is not None and tab.viewer.call.dialog_id == source.dialog_id
    search(qtbot, window, "тариф", "keyword")
    assert not tab.pinned.isVisible()


def test_ratings_show_again_and_have_shortcuts(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "сбросить пароль", "keyword")
    tab = window.search_tab
    rated = tab.selected_row()
    assert rated is not None
    with qtbot.waitSignal(window.rating_saved, timeout=30_000):
        qtbot.keyClick(tab.query, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    search(qtbot, window, "тариф", "keyword")
    search(qtbot, window, "сбросить пароль", "keyword")
    model = tab.model
    number = next(i for i, r in enumerate(model.rows) if r.dialog_id == rated.dialog_id)
    assert model.data(model.index(number, 0)).startswith("✓")
    assert model.data(model.index(number, 0), ROW_ROLE) == model.rows[number]


def test_tab_reaches_the_viewer_and_the_rating_buttons(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "деньги", "keyword")
    tab = window.search_tab
    window.activateWindow()
    tab.table.setFocus()
    reached = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget() or tab.table, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert tab.viewer.browser in reached and tab.relevant_button in reached


def test_hidden_filters_say_they_are_off(window: MainWindow) -> None:
    tab = window.search_tab
    assert "off" in tab.filters_state.text() or "выкл" in tab.filters_state.text()
    tab.filters_toggle.setChecked(True)
    tab.filters.side.setCurrentIndex(1)
    assert "1" in tab.filters_state.text()


def test_filter_panel_shows_counts_and_the_data_range(window: MainWindow) -> None:
    panel = window.search_tab.filters
    counts = [int(panel.topics.item(i).text().rsplit("(", 1)[1].rstrip(")")) for i in range(panel.topics.count())]
    assert sum(counts) == window.backend.lookups().calls
    assert panel.topics.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    facets = window.backend.facets()
    assert panel.date_from.date().toString(Qt.DateFormat.ISODate) == facets.first_date
    assert panel.date_to.date().toString(Qt.DateFormat.ISODate) == facets.last_date
    name = facets.operators[0][0]
    panel.check(panel.operators, name)
    assert panel.values().operators == (name,)


def test_the_window_fits_1024_by_600_with_the_snippet_widest(window: MainWindow) -> None:
    window.search_tab.filters_toggle.setChecked(True)
    for page in range(window.tabs.count()):
        window.tabs.setCurrentIndex(page)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 600, (window.tabs.tabText(page), hint)
    window.resize(1920, 1080)
    QApplication.processEvents()
    table = window.search_tab.table
    widths = [table.columnWidth(c) for c in range(window.search_tab.model.columnCount())]
    assert widths[-1] == max(widths), widths  # «Фрагмент» takes the room a large screen gives

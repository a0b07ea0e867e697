"""Back / Forward across searches (issue 12): each search is remembered with its query, mode and
filters; going back shows it again and restores the panel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from callcenter_ai.gui.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def search(qtbot: Any, window: MainWindow, text: str, mode: str) -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)


def test_back_and_forward_restore_query_mode_and_filters(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Any]
) -> None:
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    assert not tab.back_button.isEnabled() and not tab.forward_button.isEnabled()
    search(qtbot, window, "деньги", "keyword")
    first = [r.dialog_id for r in tab.proxy.shown_rows()]
    tab.filters_toggle.setChecked(True)
    tab.filters.side.setCurrentIndex(tab.filters.side.findData("client"))
    search(qtbot, window, "тариф", "hybrid")
    assert tab.back_button.isEnabled()

    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.back_button, Qt.MouseButton.LeftButton)
    assert tab.query.text() == "деньги" and tab.current_mode() == "keyword"
    assert not tab.filters_toggle.isChecked()
    assert [r.dialog_id for r in tab.proxy.shown_rows()] == first
    assert tab.forward_button.isEnabled() and not tab.back_button.isEnabled()

    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.forward_button, Qt.MouseButton.LeftButton)
    assert tab.query.text() == "тариф" and tab.current_mode() == "hybrid"
    assert tab.filters_toggle.isChecked() and tab.filters.values().side == "client"

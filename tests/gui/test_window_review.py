"""Findings of a review of the window as a new operator and a new analyst use it (the screenshots of
scripts/screenshots.py): a drill-down from Аналитика kept under its filters and not rated as a search result,
file names kept in the import summary, empty charts without made-up axis numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QFileDialog, QMessageBox

from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.i18n import install_translators
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import JobRunner

OpenWindow = Callable[..., MainWindow]
WaitIdle = Callable[[JobRunner], None]


@pytest.fixture
def russian(qapp: Any) -> Iterator[None]:
    installed: list[QTranslator] = install_translators(qapp, "ru")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def type_and_search(qtbot: Any, window: MainWindow, text: str, mode: str = "keyword") -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)  # qtbot.keyClicks types ASCII only (Qt's test key map aborts on Cyrillic)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.keyClick(tab.query, Qt.Key.Key_Return)


def shown_ids(window: MainWindow) -> list[str]:
    return [row.dialog_id for row in window.search_tab.proxy.shown_rows()]


def test_a_day_drilled_from_analytics_stays_on_screen_and_is_not_rated_as_a_search_result(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings], wait_idle: WaitIdle
) -> None:
    """The drill sets the day as a filter: that must not re-run the search typed before it over the list
    (it replaced the day's calls with the old query's few, 0.4 s later), nor leave the old query, a
    «Match» of 1.000 and rating buttons that saved nothing."""
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    type_and_search(qtbot, window, "пароль")
    wait_idle(window.runner)  # the tab builds its dashboard on the first visit only when no job runs
    window.tabs.setCurrentWidget(window.analytics_tab)
    qtbot.waitUntil(lambda: window.analytics_tab.dashboard is not None, timeout=60_000)
    wait_idle(window.runner)
    dashboard = window.analytics_tab.dashboard
    assert dashboard is not None
    chart = window.analytics_tab.per_day
    busiest = max(range(len(dashboard.per_day.values)), key=lambda i: dashboard.per_day.values[i])
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(busiest).toPoint())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    drilled = shown_ids(window)
    assert len(drilled) == dashboard.per_day.values[busiest]
    assert tab.filters_toggle.isChecked() and tab.filters.values().date_from == dashboard.per_day.labels[busiest]

    qtbot.wait(1000)  # longer than the pause after which changed filters re-run the search on screen
    wait_idle(window.runner)
    assert shown_ids(window) == drilled
    assert tab.query.text() == "" and tab.table.isColumnHidden(0)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.selected_row() is not None and tab.viewer.call is not None
    assert not tab.relevant_button.isEnabled() and not tab.irrelevant_button.isEnabled()
    assert tab.similar_button.isEnabled()

    type_and_search(qtbot, window, "деньги", "semantic")  # a search again: within the day, rated, «Match»
    assert not tab.table.isColumnHidden(0) and tab.relevant_button.isEnabled()
    day = dashboard.per_day.labels[busiest]
    assert all((row.started_at or "").startswith(day) for row in tab.proxy.shown_rows())


def test_the_import_summary_keeps_the_file_of_each_skipped_record(
    qtbot: Any,
    open_window: OpenWindow,
    tmp_path: Path,
    gui_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """«/data/in/calls.jsonl:2: …» was shown as «//:2: …»: the folders were cut out as if a model id."""
    source = tmp_path / "in" / "calls.jsonl"
    source.parent.mkdir()
    good = '{"id": "c-1", "turns": [{"speaker": "client", "text": "С карты списали дважды"}]}'
    source.write_text(good + '\n{"id": "c-2", "started_at": "вчера", "text": "клиент: привет"}\n', encoding="utf-8")
    window = open_window(gui_settings(tmp_path / "home"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args, **_kw: ([str(source)], ""))
    index_tab = window.index_tab
    window.tabs.setCurrentWidget(index_tab)
    qtbot.mouseClick(index_tab.skip_invalid, Qt.MouseButton.LeftButton)
    assert index_tab.skip_invalid.isChecked()
    with qtbot.waitSignal(window.jobs.job_finished, timeout=60_000):
        qtbot.mouseClick(index_tab.import_button, Qt.MouseButton.LeftButton)
    summary = index_tab.summary.toPlainText()
    assert f"{source}:2: " in summary, summary


def test_charts_without_ratings_show_no_made_up_axis_numbers(
    qtbot: Any, open_window: OpenWindow, tmp_path: Path, gui_settings: Callable[..., Settings]
) -> None:
    """Before the first rating the Обучение tab showed axes of -0.4 … 0.4 under «Пока нет отметок»."""
    window = open_window(gui_settings(tmp_path / "home"))
    window.tabs.setCurrentWidget(window.stats_tab)
    stats = window.stats_tab
    for chart in (stats.precision_chart, stats.gain_chart, stats.topic_chart, stats.operator_chart):
        assert chart.empty.isVisible()
        for side in ("left", "bottom"):
            axis = chart.getAxis(side)
            # pyqtgraph draws its own automatic numbers unless the chart set the ticks (kept in _tickLevels)
            assert axis._tickLevels is not None, (chart.title, side)
            shown = [label for level in axis._tickLevels for _value, label in level]
            assert not any(label.startswith("-") for label in shown), (chart.title, side, shown)


def test_a_file_that_cannot_be_imported_lists_its_bad_lines_in_the_dialog(
    qtbot: Any,
    open_window: OpenWindow,
    tmp_path: Path,
    gui_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    russian: None,
) -> None:
    """The dialog said «Исправьте перечисленные строки» and listed none (they hid behind «Подробности»), then
    said it again as a «Подсказка»."""
    source = tmp_path / "calls.jsonl"
    good = '{"id": "c-1", "turns": [{"speaker": "client", "text": "Списали дважды"}]}'
    bad = [f'{{"id": "b-{n}", "started_at": "вчера", "text": "клиент: привет"}}' for n in range(7)]
    source.write_text("\n".join([good, *bad, good.replace("c-1", "c-2")]) + "\n", encoding="utf-8")
    window = open_window(gui_settings(tmp_path / "home"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args, **_kw: ([str(source)], ""))
    with qtbot.waitSignal(window.reporter.dialog_opened, timeout=60_000) as opened:
        qtbot.mouseClick(window.index_tab.import_button, Qt.MouseButton.LeftButton)
    box = opened.args[0]
    assert isinstance(box, QMessageBox) and box.objectName() == "knownErrorDialog"
    text = box.informativeText()
    assert "Строка 2: дата и время: " in text and "Строка 6: " in text, text
    assert "Строка 7: " not in text and "… и ещё 2" in text, text
    assert text.count("Исправьте") == 1 and "Подсказка" not in text, text
    assert f"{source}:8: started_at: " in box.detailedText()  # every line, with its file, for whoever fixes it
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.reporter.dialogs)
    assert window.calls == 0  # nothing half-written

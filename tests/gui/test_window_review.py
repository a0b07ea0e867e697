"""Findings of a review of the window as a new operator and a new analyst use it (the screenshots of
scripts/screenshots.py): a drill-down from Аналитика kept under its filters and not rated as a search result,
file names kept in the import summary, empty charts without made-up axis numbers."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.backend import Backend
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import JobRunner
from tests.gui.conftest import drain

OpenWindow = Callable[..., MainWindow]
WaitIdle = Callable[[JobRunner], None]


def type_and_search(qtbot: Any, window: MainWindow, text: str, mode: str = "keyword") -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)  # qtbot.keyClicks types ASCII only (Qt's test key map aborts on Cyrillic)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.keyClick(tab.query, Qt.Key.Key_Return)


def shown_ids(window: MainWindow) -> list[str]:
    return [row.dialog_id for row in window.search_tab.proxy.shown_rows()]


def test_a_day_drilled_from_analytics_stays_on_screen_and_is_not_rated_as_a_search_result(
    qtbot: Any,
    open_window: OpenWindow,
    demo_home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Settings],
    wait_idle: WaitIdle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The drill sets the day as a filter: that must not re-run the search typed before it over the list
    (it replaced the day's calls with the old query's few, 0.4 s later), nor leave the old query, a
    «Match» of 1.000 (also in the CSV export) and rating buttons that saved nothing."""
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
    exported = tmp_path / "drilled.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(exported), ""))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    with open(exported, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [line["dialog_id"] for line in lines] == drilled and {line["score"] for line in lines} == {""}

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


def test_search_by_meaning_before_the_index_is_built_says_so(
    qtbot: Any, open_window: OpenWindow, tmp_path: Path, gui_settings: Callable[..., Settings], russian: None
) -> None:
    """It said «Поисковый индекс нельзя использовать — Перестройте его» of an index never built."""
    source = tmp_path / "calls.jsonl"
    source.write_text('{"id": "c-1", "text": "клиент: с карты списали дважды"}\n', encoding="utf-8")
    settings = gui_settings(tmp_path / "home")
    backend = Backend(settings)
    try:
        drain(backend.import_job([source], skip_invalid=False))
    finally:
        backend.close()
    window = open_window(settings)
    tab = window.search_tab
    with qtbot.waitSignal(window.reporter.dialog_opened, timeout=60_000) as opened:
        type_and_search(qtbot, window, "списали дважды", "semantic")
    box = opened.args[0]
    assert box.text() == "Индекс для поиска по смыслу ещё не построен"
    assert "Перестройте" not in box.informativeText()
    assert "постройте индекс на вкладке «Индексация»" in box.informativeText()
    assert "в режиме «по словам»" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    type_and_search(qtbot, window, "списали дважды", "keyword")  # what the dialog offers works
    assert [row.dialog_id for row in tab.proxy.shown_rows()] == ["c-1"]


def test_filters_that_contradict_say_so_above_the_results_without_a_dialog(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings], russian: None
) -> None:
    """A «from» date moved past the «to» date opened «Неверное значение настройки — Исправьте значение в
    settings.json», 0.4 s after the change, while the operator was still choosing the dates."""
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    type_and_search(qtbot, window, "деньги", "keyword")
    found = tab.proxy.rowCount()
    qtbot.mouseClick(tab.filters_toggle, Qt.MouseButton.LeftButton)
    panel = tab.filters
    for check in (panel.use_from, panel.use_to):
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        panel.date_to.setDate(QDate(2026, 5, 1))
        panel.date_from.setDate(QDate(2026, 6, 1))
    assert not window.reporter.dialogs
    assert "дата «с» позже даты «по»" in tab.summary.text() and tab.proxy.rowCount() == 0
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(panel.use_to, Qt.MouseButton.LeftButton)  # the «to» date off: the search runs again
    assert not window.reporter.dialogs and "позже" not in tab.summary.text()
    assert 0 < tab.proxy.rowCount() <= found

    panel.min_duration.setValue(10)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        panel.max_duration.setValue(5)
    assert not window.reporter.dialogs
    assert "длительность «с» больше, чем «по»" in tab.summary.text() and tab.proxy.rowCount() == 0


def test_indexing_speaks_of_search_by_meaning_and_narrow_columns_show_their_whole_text(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings], russian: None
) -> None:
    """The stage said «Векторизация звонков» (jargon; the summary says «Подготовлено для поиска по смыслу»);
    «Екатерина …» in the operator column had no way to read the whole name."""
    source = demo_home / "new_calls.jsonl"  # two calls the index does not hold yet
    source.write_text(
        "".join(f'{{"id": "n-{n}", "text": "клиент: с карты списали дважды {n}"}}\n' for n in (1, 2)), encoding="utf-8"
    )
    settings = gui_settings(demo_home)
    backend = Backend(settings)
    try:
        drain(backend.import_job([source], skip_invalid=False))
    finally:
        backend.close()
    window = open_window(settings)
    index_tab = window.index_tab
    window.tabs.setCurrentWidget(index_tab)
    stages: list[str] = []
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000):
        qtbot.mouseClick(index_tab.index_button, Qt.MouseButton.LeftButton)
        worker = window.jobs.current
        assert worker is not None
        worker.signals.progress.connect(lambda _p: stages.append(index_tab.stage.text()))
    assert "Подготовка звонков к поиску по смыслу" in stages, stages
    assert not any("ектор" in stage for stage in stages), stages  # «векторы» mean nothing to an operator
    assert "ектор" not in index_tab.index_button.toolTip()

    type_and_search(qtbot, window, "здравствуйте", "keyword")
    model = window.search_tab.proxy
    columns = {name: i for i, name in enumerate(window.search_tab.model.COLUMNS)}
    for number, row in enumerate(model.shown_rows()):
        for name, value in (("operator", row.operator), ("topic", row.topic)):
            assert model.data(model.index(number, columns[name]), Qt.ItemDataRole.ToolTipRole) == (value or "")


def test_before_the_first_search_the_tab_says_what_to_do(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings], russian: None
) -> None:
    """A new operator saw an empty line over an empty table."""
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    assert window.search_stack.currentWidget() is tab
    assert "нажмите Enter" in tab.summary.text()
    type_and_search(qtbot, window, "деньги", "keyword")
    assert "нажмите Enter" not in tab.summary.text()


def test_the_cancel_button_says_what_a_cancel_keeps_for_an_import_too(
    open_window: OpenWindow, tmp_path: Path, gui_settings: Callable[..., Settings], russian: None
) -> None:
    """The one «Отмена» also stops an import, which its tooltip («следующий запуск продолжит») did not say."""
    window = open_window(gui_settings(tmp_path / "home"))
    tip = window.index_tab.cancel_button.toolTip()
    assert "следующий запуск продолжит" in tip and "импорт сохранит уже загруженные файлы" in tip, tip

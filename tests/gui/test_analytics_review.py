"""The «Аналитика» tab as a new analyst meets it (a review from screenshots): export failures said plainly,
a PNG button that only works for charts, a dashboard that loads once a running job ends, drill summaries
that name what was clicked, the window's units, readable axes, empty states, a job that can be cancelled."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.analytics_text import calls_count
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import JobRunner, call_job

Wait = Callable[[JobRunner], None]


@pytest.fixture
def window(
    russian: None, demo_home: Path, gui_settings: Callable[..., Settings], open_window: Callable[..., MainWindow]
) -> MainWindow:
    return open_window(gui_settings(demo_home))


def open_dashboard(window: MainWindow, qtbot: Any, wait_idle: Wait) -> None:
    window.tabs.setCurrentWidget(window.analytics_tab)
    qtbot.waitUntil(lambda: window.analytics_tab.dashboard is not None, timeout=60_000)
    wait_idle(window.runner)


def choose_export(window: MainWindow, key: str) -> None:
    choice = window.analytics_tab.export_choice
    choice.setCurrentIndex(choice.findData(key))


def ticks(chart: Any, side: str = "bottom") -> list[tuple[float, str]]:
    levels = chart.getAxis(side)._tickLevels  # what setTicks was given
    return list(levels[0]) if levels else []


@pytest.mark.parametrize(("key", "name", "button"), [
    ("per_topic", "chart.png", "png_button"),
    ("per_topic", "table.csv", "table_button"),
    ("operators", "table.xlsx", "table_button"),
])  # fmt: skip
def test_an_unwritable_export_file_is_named_with_the_reason_not_a_crash(
    window: MainWindow, qtbot: Any, wait_idle: Wait, tmp_path: Path, monkeypatch: Any, key: str, name: str, button: str
) -> None:
    open_dashboard(window, qtbot, wait_idle)
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    target = blocker / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    choose_export(window, key)
    with qtbot.waitSignal(window.reporter.dialog_opened, timeout=5_000) as opened:
        qtbot.mouseClick(getattr(window.analytics_tab, button), Qt.MouseButton.LeftButton)
    box: QMessageBox = opened.args[0]
    said = box.informativeText()
    assert box.text() == "Файл не сохранён" and str(target) in said
    assert ("Not a directory" in said or "File exists" in said) and "другой файл" in said
    assert window.reporter.dialogs == [box]  # the only dialog: no crash dialog
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not window.reporter.dialogs)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / name), ""))
    qtbot.mouseClick(getattr(window.analytics_tab, button), Qt.MouseButton.LeftButton)  # again, to a good file
    assert (tmp_path / name).stat().st_size > 0 and str(tmp_path / name) in window.analytics_tab.export_note.text()


def test_png_is_offered_for_charts_only(window: MainWindow, qtbot: Any, wait_idle: Wait) -> None:
    tab = window.analytics_tab
    open_dashboard(window, qtbot, wait_idle)
    choose_export(window, "emerging")
    assert not tab.png_button.isEnabled() and "PNG" in tab.png_button.toolTip()
    assert tab.table_button.isEnabled()
    choose_export(window, "per_day")
    assert tab.png_button.isEnabled()


def test_the_dashboard_loads_when_the_job_running_at_the_first_visit_ends(
    window: MainWindow, qtbot: Any, wait_idle: Wait
) -> None:
    tab = window.analytics_tab
    window.jobs.build_index(rebuild=True)  # like the indexing after «Создать демо-набор»
    assert window.runner.active
    window.tabs.setCurrentWidget(tab)
    assert tab.dashboard is None and "когда" in tab.alerts.text()  # says it waits, not «Аналитики пока нет»
    qtbot.waitUntil(lambda: tab.dashboard is not None, timeout=60_000)  # nobody pressed Обновить
    wait_idle(window.runner)


def test_a_drill_says_how_many_calls_and_what_was_clicked(window: MainWindow, qtbot: Any, wait_idle: Wait) -> None:
    tab = window.analytics_tab
    open_dashboard(window, qtbot, wait_idle)
    d = tab.dashboard
    assert d is not None
    busiest = max(range(len(d.per_day.values)), key=lambda i: d.per_day.values[i])
    qtbot.mouseClick(tab.per_day.viewport(), Qt.MouseButton.LeftButton, pos=tab.per_day.bar_center(busiest).toPoint())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    day = d.per_day.labels[busiest]
    shown = window.search_tab.summary.text()
    assert shown == f"{calls_count(int(d.per_day.values[busiest]))}: {day[8:10]}.{day[5:7]}.{day[:4]}"
    window.tabs.setCurrentWidget(tab)
    topic = d.overview.topics[0]
    qtbot.mouseClick(
        tab.topics.viewport(), Qt.MouseButton.LeftButton, pos=tab.topics.visualItemRect(tab.topics.item(0, 1)).center()
    )
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    assert window.search_tab.summary.text() == f"{calls_count(topic.size)}: тема «{topic.label}»"


def test_russian_plural_of_calls(russian: None) -> None:
    assert [calls_count(n) for n in (1, 3, 5, 11, 21, 24, 112)] == [
        "1 звонок", "3 звонка", "5 звонков", "11 звонков", "21 звонок", "24 звонка", "112 звонков",
    ]  # fmt: skip


def test_tables_speak_the_windows_units_and_russian(window: MainWindow, qtbot: Any, wait_idle: Wait) -> None:
    tab = window.analytics_tab
    open_dashboard(window, qtbot, wait_idle)
    d = tab.dashboard
    assert d is not None
    for row, operator in enumerate(d.operators):
        duration = tab.operators.item(row, 2).text()
        assert re.fullmatch(r"\d+:\d\d", duration) or operator.mean_duration_s is None
        share = tab.operators.item(row, 4).text()
        assert share.endswith("%") or operator.relevant_share is None
    headers = [tab.topics.horizontalHeaderItem(0).text(), tab.emerging.horizontalHeaderItem(5).text()]
    assert headers == ["№ темы", "p-значение"]
    assert "случайно" in tab.emerging.horizontalHeaderItem(5).toolTip()


def test_axes_are_readable(window: MainWindow, qtbot: Any, wait_idle: Wait) -> None:
    tab = window.analytics_tab
    open_dashboard(window, qtbot, wait_idle)
    days = ticks(tab.per_day)
    assert 1 < len(days) <= 12 and all(re.fullmatch(r"\d\d\.\d\d", label) for _, label in days)
    for chart in (tab.per_topic, tab.per_operator):
        names = ticks(chart)
        assert len(names) <= 6 and all(len(label) <= 11 for _, label in names)
    chart = tab.per_topic
    chart_pos = chart.bar_center(0).toPoint()
    qtbot.mouseMove(chart.viewport(), chart_pos)
    qtbot.waitUntil(lambda: chart.toolTip().startswith(chart.labels[0]))
    heat = tab.hour_weekday
    assert heat.getAxis("bottom").labelText == "Час" and heat.getAxis("left").labelText == "День недели"
    assert heat.scale.isVisible() and heat.scale.levels()[1] == max(map(max, tab.dashboard.hour_weekday.counts))


def test_an_empty_table_says_why_and_its_line_opens_nothing(window: MainWindow, qtbot: Any, wait_idle: Wait) -> None:
    tab = window.analytics_tab
    open_dashboard(window, qtbot, wait_idle)
    assert tab.dashboard is not None and tab.dashboard.weekly is not None and not tab.dashboard.weekly.saved
    tab.sections.setCurrentWidget(tab.saved)
    assert tab.saved.rowCount() == 1 and tab.saved.item(0, 0).text().startswith("Сохранённых поисков нет")
    qtbot.mouseClick(
        tab.saved.viewport(), Qt.MouseButton.LeftButton, pos=tab.saved.visualItemRect(tab.saved.item(0, 0)).center()
    )
    wait_idle(window.runner)
    assert window.tabs.currentWidget() is tab


def test_with_no_calls_the_tab_says_so_and_offers_nothing_that_cannot_work(
    russian: None, home: Path, gui_settings: Callable[..., Settings], open_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = open_window(gui_settings(home))
    tab = window.analytics_tab
    window.tabs.setCurrentWidget(tab)
    assert "Звонков пока нет" in tab.alerts.text()
    buttons = (tab.refresh_button, tab.rebuild_button, tab.png_button, tab.table_button)
    assert not any(b.isEnabled() for b in buttons)
    for chart in tab.charts.values():
        assert chart.empty.isVisible() and chart.empty.toPlainText() == "Нет данных"
        assert ticks(chart, "left") == [] and ticks(chart, "bottom") == []  # no made-up 0.1 … 0.9


def test_the_dashboard_job_shows_progress_and_can_be_cancelled(window: MainWindow, qtbot: Any, wait_idle: Wait) -> None:
    tab = window.analytics_tab
    open_dashboard(window, qtbot, wait_idle)
    before = tab.dashboard
    hold = threading.Event()
    window.runner.start(call_job(lambda: hold.wait(30)), "another write", write=True)  # the dashboard waits behind it
    qtbot.mouseClick(tab.rebuild_button, Qt.MouseButton.LeftButton)
    assert tab.progress.isVisible() and tab.cancel_button.isVisible() and not tab.refresh_button.isEnabled()
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    hold.set()
    wait_idle(window.runner)
    assert tab.dashboard is before and "Отменено" in tab.alerts.text()
    assert not tab.progress.isVisible() and tab.refresh_button.isEnabled()
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)  # and it works again afterwards
    qtbot.waitUntil(lambda: tab.dashboard is not before, timeout=60_000)
    wait_idle(window.runner)

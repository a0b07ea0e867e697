"""The «Аналитика» tab in the real window: charts from the core, clicks that open calls in Поиск, export;
on both engines (``engine_demo_home``, ``engine_home``)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from callcenter_ai.core.analytics.topics import topic_overview
from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import Settings
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import JobRunner
from tests.analytics.helpers import MODEL
from tests.analytics.test_trends import fill_weeks
from tests.gui.conftest import DEMO_CALLS


@pytest.fixture
def analytics_window(
    engine_demo_home: Path,
    gui_settings: Callable[..., Settings],
    open_window: Callable[..., MainWindow],
    wait_idle: Callable[[JobRunner], None],
    qtbot: Any,
) -> MainWindow:
    window = open_window(gui_settings(engine_demo_home))
    window.tabs.setCurrentWidget(window.analytics_tab)  # the first visit computes the dashboard
    qtbot.waitUntil(lambda: window.analytics_tab.dashboard is not None, timeout=60_000)
    wait_idle(window.runner)
    return window


def shown_ids(window: MainWindow) -> list[str]:
    model = window.search_tab.model
    return sorted(model.rows[i].dialog_id for i in range(model.rowCount()))


def test_dashboard_shows_the_core_numbers(analytics_window: MainWindow) -> None:
    tab = analytics_window.analytics_tab
    d = tab.dashboard
    assert d is not None
    assert sum(d.per_day.values) == DEMO_CALLS == sum(d.per_topic.values)
    assert sum(map(sum, d.hour_weekday.counts)) == DEMO_CALLS
    assert tab.per_operator.values == d.per_operator.values and tab.topics.rowCount() == len(d.overview.topics)


def test_clicking_an_operator_bar_opens_its_calls_in_search(
    analytics_window: MainWindow, qtbot: Any, wait_idle: Callable[[JobRunner], None]
) -> None:
    window = analytics_window
    chart = window.analytics_tab.per_operator
    d = window.analytics_tab.dashboard
    assert d is not None
    for index in (0, len(chart.values) - 1):  # twice: the second click replaces the first drill
        operator = d.per_operator.labels[index]
        window.tabs.setCurrentWidget(window.analytics_tab)
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(index).toPoint())
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
        wait_idle(window.runner)
        with open_engine(window.settings, readonly=True) as store:
            expected = sorted(
                r[0] for r in store.sql.execute("SELECT external_id FROM calls WHERE operator = ?", (operator,))
            )
        assert shown_ids(window) == expected
        assert window.search_tab.filters_toggle.isChecked()
        assert window.search_tab.filters.values().operators == (operator,)


def test_clicking_a_day_bar_and_a_topic_row(
    analytics_window: MainWindow, qtbot: Any, wait_idle: Callable[[JobRunner], None]
) -> None:
    window = analytics_window
    tab = window.analytics_tab
    d = tab.dashboard
    assert d is not None
    busiest = max(range(len(d.per_day.values)), key=lambda i: d.per_day.values[i])
    qtbot.mouseClick(tab.per_day.viewport(), Qt.MouseButton.LeftButton, pos=tab.per_day.bar_center(busiest).toPoint())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    day = d.per_day.labels[busiest]
    assert len(shown_ids(window)) == d.per_day.values[busiest]
    values = window.search_tab.filters.values()
    assert values.date_from == day == values.date_to
    window.tabs.setCurrentWidget(tab)
    topic = d.overview.topics[0]
    rect = tab.topics.visualItemRect(tab.topics.item(0, 1))
    qtbot.mouseClick(tab.topics.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    assert len(shown_ids(window)) == topic.size
    assert set(topic.examples) <= set(shown_ids(window))


def test_export_chart_png_and_table(analytics_window: MainWindow, tmp_path: Path) -> None:
    tab = analytics_window.analytics_tab
    d = tab.dashboard
    assert d is not None
    tab.export_png("per_topic", tmp_path / "topics.png")
    assert (tmp_path / "topics.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert tab.export_table("per_topic", tmp_path / "topics.csv") == len(d.per_topic.labels)
    with (tmp_path / "topics.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["label", "calls"] and [float(r[1]) for r in rows[1:]] == d.per_topic.values
    assert tab.export_table("hour_weekday", tmp_path / "grid.xlsx") == 7 * 24
    sheet = load_workbook(tmp_path / "grid.xlsx").active
    assert sheet is not None and sheet.max_row == 1 + 7 * 24


def test_saved_search_volume_row_opens_its_calls(
    engine_demo_home: Path,
    gui_settings: Callable[..., Settings],
    open_window: Callable[..., MainWindow],
    wait_idle: Callable[[JobRunner], None],
    qtbot: Any,
) -> None:
    settings = gui_settings(engine_demo_home)
    service.saved_add(settings, "интернет", "интернет", "keyword", {})
    (saved,) = service.saved_list(settings)  # runs it, as an import would
    assert saved.total > 0
    window = open_window(settings)
    tab = window.analytics_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.dashboard is not None, timeout=60_000)
    wait_idle(window.runner)
    assert tab.saved.rowCount() == 1 and tab.saved.item(0, 0).text() == "интернет"
    assert int(tab.saved.item(0, 1).text()) == saved.total  # the demo's calls all fall in the trend's weeks
    rect = tab.saved.visualItemRect(tab.saved.item(0, 0))
    qtbot.mouseClick(tab.saved.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    with open_engine(settings, readonly=True) as store:
        found = sorted(
            r[0]
            for r in store.sql.execute(
                "SELECT c.external_id FROM saved_search_hits h JOIN calls c ON c.id = h.call_id WHERE h.name = ?",
                ("интернет",),
            )
        )
    assert shown_ids(window) == found


def test_duration_and_outcome_table_and_its_drill(
    analytics_window: MainWindow, qtbot: Any, wait_idle: Callable[[JobRunner], None], tmp_path: Path
) -> None:
    window = analytics_window
    tab = window.analytics_tab
    d = tab.dashboard
    assert d is not None and tab.topic_outcomes is None  # not read with the dashboard: it reads every call
    tab.sections.setCurrentWidget(tab.outcomes)  # opening its table reads it
    qtbot.waitUntil(lambda: tab.topic_outcomes is not None, timeout=30_000)
    wait_idle(window.runner)
    outcomes = tab.topic_outcomes
    assert outcomes and sum(o.calls for o in outcomes) == DEMO_CALLS
    assert tab.outcomes.rowCount() == len(outcomes)
    first = outcomes[0]
    with open_engine(window.settings, readonly=True) as store:
        calls, mean, resolved = store.sql.execute(
            "SELECT count(*), avg(c.duration_s), sum(CASE WHEN c.outcome = 'решено' THEN 1 ELSE 0 END)"
            " FROM call_topics t"
            " JOIN calls c ON c.id = t.call_id WHERE t.model_version = ? AND t.topic_id = ?",
            (d.overview.version, first.topic_id),
        ).fetchone()
    assert int(tab.outcomes.item(0, 1).text()) == first.calls == calls
    assert int(tab.outcomes.item(0, 2).text()) == round(mean)
    assert first.outcomes.get("решено", 0) == resolved
    assert f"решено {resolved}" in tab.outcomes.item(0, 4).text() or not resolved
    assert tab.export_table("outcomes", tmp_path / "outcomes.csv") == len(outcomes)
    rect = tab.outcomes.visualItemRect(tab.outcomes.item(0, 0))
    qtbot.mouseClick(tab.outcomes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    with open_engine(window.settings, readonly=True) as store:
        expected = sorted(
            r[0]
            for r in store.sql.execute(
                "SELECT c.external_id FROM call_topics t JOIN calls c ON c.id = t.call_id"
                " WHERE t.model_version = ? AND t.topic_id = ?",
                (d.overview.version, first.topic_id),
            )
        )
    assert shown_ids(window) == expected


def test_an_import_shows_the_emerging_topics_without_a_dialog(
    engine_home: Path,
    gui_settings: Callable[..., Settings],
    open_window: Callable[..., MainWindow],
    wait_idle: Callable[[JobRunner], None],
    qtbot: Any,
) -> None:
    settings = gui_settings(engine_home)
    with open_engine(settings) as store:
        fill_weeks(store, surge="интернет")  # six weeks, «интернет» tripled in the last
        overview = topic_overview(store.sql, MODEL, k=3)
    internet = next(t for t in overview.topics if t.examples[0].startswith("интернет"))
    calls = engine_home / "new.jsonl"
    calls.write_text('{"id": "new-1", "text": "клиент: не работает интернет"}\n', encoding="utf-8")
    window = open_window(settings)
    with qtbot.waitSignal(window.jobs.job_finished, timeout=30_000):
        window.jobs.import_files([calls])
    wait_idle(window.runner)
    tab = window.analytics_tab
    qtbot.waitUntil(lambda: internet.label in tab.alerts.text(), timeout=30_000)
    assert "2026-W15" in tab.alerts.text()
    assert internet.label in window.statusBar().currentMessage()
    assert internet.label in window.index_tab.summary.toPlainText()
    assert not window.reporter.dialogs  # non-modal: no dialog was opened


def test_the_dashboard_is_made_again_after_an_import(
    analytics_window: MainWindow, qtbot: Any, wait_idle: Callable[[JobRunner], None], tmp_path: Path
) -> None:
    window = analytics_window
    tab = window.analytics_tab
    before = tab.dashboard
    assert before is not None
    calls = tmp_path / "more.jsonl"
    calls.write_text('{"id": "more-1", "text": "клиент: вопрос про кредит"}\n', encoding="utf-8")
    with qtbot.waitSignal(window.jobs.job_finished, timeout=30_000):
        window.jobs.import_files([calls])
    wait_idle(window.runner)  # the alerts' check after the import
    window.tabs.setCurrentWidget(window.search_stack)
    window.tabs.setCurrentWidget(tab)  # the next visit computes the dashboard again
    qtbot.waitUntil(lambda: tab.dashboard is not before, timeout=60_000)
    wait_idle(window.runner)
    assert tab.dashboard is not None and tab.dashboard.overview.version == before.overview.version

"""The learning tab's charts: drawn with and without data, fed from real ratings, and ratings that record
whether the rated result was re-ranked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget

from callcenter_ai.core.feedback import add_rating, learning_stats, list_ratings, train_reranker
from callcenter_ai.core.search.service import preferred_model_id
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.gui.charts import SERIES_COLORS, BarChart, ChartWidget, ComparisonChart, LineChart
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.stats_tab import StatsTab, shares_by, timeline

OpenWindow = Callable[..., MainWindow]


def render(widget: QWidget, qtbot: Any) -> QImage:
    qtbot.addWidget(widget)
    widget.resize(480, 260)
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= 480 and image.height() >= 260
    return image


def count_pixels(image: QImage, predicate: Callable[[QColor], bool]) -> int:
    return sum(
        1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if predicate(image.pixelColor(x, y))
    )


def near(color: QColor, target: QColor, tolerance: int = 40) -> bool:
    return (
        abs(color.red() - target.red()) + abs(color.green() - target.green()) + abs(color.blue() - target.blue())
        <= tolerance
    )


def series_pixels(image: QImage) -> int:
    return count_pixels(image, lambda c: any(near(c, s) for s in SERIES_COLORS))


def non_background_pixels(widget: ChartWidget, image: QImage) -> int:
    base = widget.palette().color(QPalette.ColorRole.Base)
    return count_pixels(image, lambda c: not near(c, base, 0))


def test_line_chart_draws_points_and_the_empty_state(qtbot: Any) -> None:
    empty = LineChart("precision")
    empty.set_points([("2026-01-01", None)])
    empty_image = render(empty, qtbot)
    assert not empty.has_data()
    assert non_background_pixels(empty, empty_image) > 50  # title, frame and «no ratings yet»
    assert series_pixels(empty_image) == 0

    chart = LineChart("precision")
    chart.set_points([("2026-01-01", 0.2), ("2026-01-02", None), ("2026-01-03", 0.6), ("2026-01-04", 0.9)])
    image = render(chart, qtbot)
    assert chart.has_data()
    assert series_pixels(image) > 30
    assert non_background_pixels(chart, image) > non_background_pixels(empty, empty_image)


def test_line_chart_takes_many_periods_and_out_of_range_values(qtbot: Any) -> None:
    chart = LineChart("precision")
    chart.set_points([(f"2026-W{i:02d}", i / 40 * 1.5 - 0.2) for i in range(1, 41)])
    assert all(0.0 <= value <= 1.0 for _, value in chart.points if value is not None)
    assert series_pixels(render(chart, qtbot)) > 30


@pytest.mark.parametrize("chart_type", [BarChart, ComparisonChart])
def test_bar_charts_draw_bars_in_proportion(qtbot: Any, chart_type: type[BarChart]) -> None:
    empty = chart_type("by topic")
    empty.set_bars([])
    assert series_pixels(render(empty, qtbot)) == 0

    low = chart_type("by topic")
    low.set_bars([("billing", 0.1), ("delivery", 0.1)], ["3", "4"])
    high = chart_type("by topic")
    high.set_bars([("billing", 0.9), ("delivery", 0.9)], ["3", "4"])
    low_pixels, high_pixels = series_pixels(render(low, qtbot)), series_pixels(render(high, qtbot))
    assert low_pixels > 0
    assert high_pixels > 3 * low_pixels


def test_bar_chart_keeps_the_first_bars_only(qtbot: Any) -> None:
    chart = BarChart("by operator", max_bars=5)
    chart.set_bars([(f"operator {i}", i / 20) for i in range(20)], [str(i) for i in range(20)])
    assert len(chart.bars) == 5 and len(chart.notes) == 5
    assert series_pixels(render(chart, qtbot)) > 0


def test_chart_data_from_stats_rows() -> None:
    rows = [
        {"topic": "b", "ratings": 2, "share_positive": 0.5, "precision_at_k": 0.5},
        {"topic": "a", "ratings": 5, "share_positive": 0.2, "precision_at_k": None},
        {"topic": "", "ratings": 1, "share_positive": 1.0, "precision_at_k": 1.0},
    ]
    bars, notes = shares_by(rows, "topic", "(none)")
    assert bars == [("a", 0.2), ("b", 0.5), ("(none)", 1.0)]
    assert notes == ["5", "2", "1"]
    assert timeline([{"period": "2026-01", **rows[1]}]) == [("2026-01", None)]


def rate_calls(store: CallStore, model_id: str) -> list[str]:
    """Ratings from two operators over three days, some of re-ranked results; returns the rated dialog ids."""
    dialogs = [call.dialog_id for call in store.get_calls(list(range(1, 13)))]
    for i, dialog_id in enumerate(dialogs):
        add_rating(
            store,
            result_dialog_id=dialog_id,
            relevant=i % 3 != 0,
            model_id=model_id,
            query_text=f"запрос {i % 4}",
            rater="ivanova" if i % 2 else "petrov",
            rank=i % 12 + 1,
            reranked=i >= 8,
            now=f"2026-03-0{1 + i // 4}T10:00:00+00:00",
        )
    return dialogs


def test_stats_tab_shows_charts_from_real_ratings(
    qtbot: Any, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    settings = gui_settings(demo_home)
    model_id = preferred_model_id(settings)
    with CallStore.open(settings.db_path) as store:
        rate_calls(store, model_id)
        stats = learning_stats(store, settings, model_id)
    tab = StatsTab()
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    blank = [series_pixels(chart.grab().toImage()) for chart in (tab.precision_chart, tab.topic_chart)]
    assert blank == [0, 0]

    tab.show_stats(stats)
    assert tab.values["ratings"].text() == "12"
    assert [label for label, _ in tab.precision_chart.points] == ["01.03.2026", "02.03.2026", "03.03.2026"]
    assert {label for label, _ in tab.operator_chart.bars} == {"ivanova", "petrov"}
    assert sum(int(n) for n in tab.topic_chart.notes) == 12
    assert [label for label, _ in tab.gain_chart.bars] == [tab.tr("plain"), tab.tr("re-ranked")]
    assert tab.gain_chart.notes == ["8", "4"]
    assert tab.by_operator.rowCount() == 2 and tab.over_time.rowCount() == 3
    for chart in (tab.precision_chart, tab.gain_chart, tab.topic_chart, tab.operator_chart):
        assert chart.has_data()
        assert series_pixels(chart.grab().toImage()) > 30, chart.objectName()


def test_rating_in_the_window_records_the_rerank_state(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    settings = gui_settings(demo_home, rerank_min_ratings=4)
    model_id = preferred_model_id(settings)
    with CallStore.open(settings.db_path) as store:
        dialogs = [call.dialog_id for call in store.get_calls(list(range(1, 9)))]
        for i, dialog_id in enumerate(dialogs[1:]):
            add_rating(
                store,
                result_dialog_id=dialog_id,
                relevant=i % 2 == 0,
                model_id=model_id,
                source_dialog_id=dialogs[0],
                rater="test",
            )
        assert train_reranker(store, settings, model_id, force=True) is not None
    window = open_window(settings)
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData("semantic"))
    tab.query.setText("списали деньги два раза")
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        window.run_search()
    row = tab.selected_row()
    assert row is not None and row.reranked and row.rerank_score is not None
    index = tab.proxy.index(0, 0)
    assert f"{row.rerank_score:.3f}" in str(tab.proxy.data(index, Qt.ItemDataRole.ToolTipRole))
    with qtbot.waitSignal(window.rating_saved, timeout=30_000):
        qtbot.mouseClick(tab.relevant_button, Qt.MouseButton.LeftButton)
    with CallStore.open(settings.db_path) as store:
        latest = list_ratings(store.db)[-1]
    assert latest.result_dialog_id == row.dialog_id
    assert latest.reranked and latest.rank == 1 and latest.query_text == "списали деньги два раза"
    assert latest.mode == "semantic"

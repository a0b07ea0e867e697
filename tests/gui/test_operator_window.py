"""What an operator sees all day (issue 12, the reviewers' findings): true totals and «Ещё», канал and исход
filters, the Журнал in Russian, one word for a useful result, no model ids, no empty buttons, the warning of
an index whose calls all vanished."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QPushButton

from callcenter_ai.core.search import SearchService
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.gui.i18n import install_translators
from callcenter_ai.gui.main_window import MainWindow
from tests.gui.conftest import DEMO_CALLS

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def russian(qapp: Any) -> Iterator[None]:
    """The window in Russian, as an operator runs it (``--lang ru``, the default)."""
    installed: list[QTranslator] = install_translators(qapp, "ru")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def search(qtbot: Any, window: MainWindow, text: str, mode: str) -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)


def click_more(qtbot: Any, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(window.search_tab.more_button, Qt.MouseButton.LeftButton)


def keyword_matches(settings: Settings, text: str) -> int:
    with CallStore.open(settings.db_path) as store:
        return len(SearchService(settings, store).search(text, k=1000, mode="keyword"))


# -- 1. true totals and «Ещё» ---------------------------------------------------------------------


def test_keyword_summary_gives_the_true_total_and_more_stops_when_all_are_shown(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    settings = gui_settings(demo_home)
    window = open_window(settings)
    tab = window.search_tab
    assert not tab.more_button.isEnabled() and not tab.more_button.isVisible(), "«More» before any search"
    matches = keyword_matches(settings, "деньги")
    assert matches > 4
    tab.k.setValue(matches - 2)
    search(qtbot, window, "деньги", "keyword")
    assert re.search(rf"1–{matches - 2} (of|из) {matches}\b", tab.summary.text()), tab.summary.text()
    assert tab.more_button.isVisible() and tab.more_button.isEnabled()
    click_more(qtbot, window)
    assert len(tab.proxy.shown_rows()) == matches
    assert re.search(rf"1–{matches} (of|из) {matches}\b", tab.summary.text()), tab.summary.text()
    assert not tab.more_button.isEnabled(), "«More» when everything is shown"


def test_semantic_summary_counts_the_close_calls_beyond_the_page(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    window = open_window(replace(gui_settings(demo_home), nothing_close_below=-1.0))  # every call counts as close
    tab = window.search_tab
    tab.k.setValue(10)
    search(qtbot, window, "списали деньги дважды", "semantic")
    assert re.search(rf"1–10 (of|из) {DEMO_CALLS}\b", tab.summary.text()), tab.summary.text()
    assert tab.more_button.isEnabled()


# -- 6. no empty button ---------------------------------------------------------------------------


def test_no_empty_button_is_shown_before_or_after_a_search(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    window = open_window(gui_settings(demo_home))

    def empty_buttons() -> list[str]:
        return [
            b.objectName()
            for b in window.findChildren(QPushButton)
            if b.isVisible() and not b.text().strip() and b.icon().isNull()
        ]

    assert empty_buttons() == []
    search(qtbot, window, "деньги", "keyword")
    assert empty_buttons() == []


# -- 2. канал and исход ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
def test_channel_and_outcome_filters_alone_and_together(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings], mode: str
) -> None:
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    tab.k.setValue(DEMO_CALLS)
    qtbot.mouseClick(tab.filters_toggle, Qt.MouseButton.LeftButton)
    panel = tab.filters
    channels = {panel.channels.item(i).text() for i in range(panel.channels.count())}
    assert any(re.fullmatch(r"чат \(\d+\)", text) for text in channels), channels
    assert panel.outcomes.count() >= 2

    def facts() -> set[tuple[str | None, str | None]]:
        calls = [window.backend.get_call(row.call_id) for row in tab.model.rows]
        return {(call.channel, call.outcome) for call in calls}

    panel.check(panel.channels, "чат")
    search(qtbot, window, "здравствуйте деньги", mode)
    assert tab.model.rows and {channel for channel, _ in facts()} == {"чат"}
    assert "2" not in tab.filters_state.text() and "1" in tab.filters_state.text()
    panel.check(panel.outcomes, "решено")
    search(qtbot, window, "здравствуйте деньги", mode)
    assert tab.model.rows and facts() == {("чат", "решено")}
    panel.check(panel.channels, "чат", on=False)
    search(qtbot, window, "здравствуйте деньги", mode)
    found = facts()
    assert {outcome for _, outcome in found} == {"решено"} and len({channel for channel, _ in found}) > 1

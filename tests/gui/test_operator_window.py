"""What an operator sees all day (issue 12, the reviewers' findings): true totals and «Ещё», канал and исход
filters, the Журнал in Russian, one word for a useful result, no model ids, no empty buttons, the warning of
an index whose calls all vanished."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)
from tqdm import tqdm

from callcenter_ai.core.search import SearchService
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.gui.i18n import qm_path
from callcenter_ai.gui.i18n.log_catalog import CONTEXT, log_sources
from callcenter_ai.gui.main_window import MainWindow
from tests.gui.conftest import DEMO_CALLS
from tests.gui.test_translated_errors import seed_home

OpenWindow = Callable[..., MainWindow]


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


# -- 3. the Журнал in Russian ---------------------------------------------------------------------


def test_every_log_template_the_window_shows_has_a_russian_translation() -> None:
    translator = QTranslator()
    assert translator.load(str(qm_path("ru")))
    for source in log_sources():
        russian = translator.translate(CONTEXT, source)
        words = re.sub(r"%[-.\d]*[sdrf]", "", russian)
        assert russian and (re.search("[а-яё]", words, re.I) or not re.search("[a-z]", words, re.I)), source
        assert re.findall(r"%[-.\d]*[sdrf]", russian) == re.findall(r"%[-.\d]*[sdrf]", source), source


def test_the_log_tab_speaks_russian(
    qtbot: Any,
    russian: None,
    open_window: OpenWindow,
    demo_home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": \n', encoding="utf-8")
    window = open_window(gui_settings(demo_home))
    search(qtbot, window, "списали деньги дважды", "semantic")  # loads the model: a processor event
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    with qtbot.waitSignal(window.reporter.dialog_opened, timeout=60_000) as opened:
        window.import_action.trigger()
    opened.args[0].close()
    lines = [line for line in window.log_panel.text().splitlines() if re.match(r"\d\d:\d\d:\d\d ", line)]
    assert len(lines) >= 4, lines
    for line in lines:
        assert re.search("[а-яё]{3}", line[9:], re.I), line
        assert not re.search(r"\b(INFO|WARNING|ERROR|callcenter_ai\.)", line), line
    text = window.log_panel.text()
    assert "Модель загружена" in text and "окно готово к работе" in text and "bad.jsonl" in text


# -- 4. one word for a useful result; 5. no model ids or command lines where an operator reads ----


def shown_texts(window: MainWindow) -> list[str]:
    """Every text of the window's labels, buttons, group boxes, tabs and table headers."""
    texts: list[str] = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTableView):
            model = widget.model()
            if model is not None:
                texts.extend(
                    str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())
                )
    return texts


def test_a_useful_result_is_called_useful_everywhere(
    qtbot: Any, russian: None, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    search(qtbot, window, "деньги", "keyword")
    assert tab.relevant_button.text() == "✓ Полезно" and tab.irrelevant_button.text() == "✗ Не полезно"
    with qtbot.waitSignal(window.rating_saved, timeout=30_000):
        qtbot.mouseClick(tab.relevant_button, Qt.MouseButton.LeftButton)
    assert tab.rating_note.text() == "Сохранено: полезно"
    with qtbot.waitSignal(window.stats_shown, timeout=30_000):
        window.tabs.setCurrentWidget(window.stats_tab)
    texts = " | ".join(shown_texts(window))
    assert "полезн" in texts.lower()
    assert not re.search("релевант|оценк", texts, re.I), texts
    assert not re.search("Точность@|Переранжир|По операторам", texts), texts  # plain words; raters are not operators


def test_summaries_and_hints_hold_no_model_ids_or_command_lines(
    qtbot: Any,
    russian: None,
    open_window: OpenWindow,
    demo_home: Path,
    home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Settings],
) -> None:
    window = open_window(gui_settings(demo_home))
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000):
        qtbot.mouseClick(window.index_tab.rebuild_button, Qt.MouseButton.LeftButton)
    summary = window.index_tab.summary.toPlainText()
    assert "Подготовлено для поиска по смыслу" in summary, summary
    model_id = window.index_status.model_id if window.index_status else ""
    assert model_id and model_id not in summary and "модел" not in summary, summary
    assert model_id not in " ".join(shown_texts(window))

    settings = gui_settings(home)
    seed_home(settings, tmp_path)  # calls, no index: search by meaning says what to do
    other = open_window(settings)
    other.search_tab.mode.setCurrentIndex(other.search_tab.mode.findData("semantic"))
    other.search_tab.query.setText("вопрос")
    with qtbot.waitSignal(other.search_finished, timeout=30_000):
        qtbot.mouseClick(other.search_tab.search_button, Qt.MouseButton.LeftButton)
    box = other.reporter.dialogs[-1]
    assert "Сначала постройте индекс" in box.informativeText()
    assert not re.search(r"python|`|--\w", box.text() + box.informativeText()), box.informativeText()
    assert "python -m callcenter_ai index" in box.detailedText()  # for admins, in «Подробности»


# -- 7. the time left as the command line shows it --------------------------------------------------


def test_time_left_uses_the_same_format_as_the_command_line(
    qtbot: Any,
    open_window: OpenWindow,
    home: Path,
    gui_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(gui_settings(home))
    shown: list[str] = []
    real = window.index_tab.show_progress

    def recording(fraction: float, **numbers: str) -> None:
        shown.append(numbers.get("eta", ""))
        real(fraction, **numbers)

    monkeypatch.setattr(window.index_tab, "show_progress", recording)
    window.index_tab.demo_calls.setValue(30)
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000):
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000):
        pass  # the demo set is indexed in the background
    etas = [eta for eta in shown if eta]
    assert etas and all(eta == tqdm.format_interval(_seconds(eta)) for eta in etas), etas


def _seconds(eta: str) -> int:
    parts = [int(p) for p in eta.split(":")]
    return sum(value * 60**power for power, value in enumerate(reversed(parts)))


# -- 8. the old index's calls all gone -------------------------------------------------------------


def test_the_window_warns_when_the_old_index_lost_all_its_calls(
    qtbot: Any,
    russian: None,
    open_window: OpenWindow,
    demo_home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Settings],
) -> None:
    settings = gui_settings(demo_home)
    seed_home(settings, tmp_path)  # three new calls, then the indexed demo calls go (a replaced database)
    with CallStore.open(settings.db_path) as store:
        demo = [str(r[0]) for r in store.db.execute("SELECT external_id FROM calls WHERE external_id LIKE 'demo-%'")]
        assert store.delete_calls(demo) == DEMO_CALLS
    window = open_window(settings)
    with qtbot.waitSignal(window.reporter.dialog_opened, timeout=60_000) as opened:
        qtbot.mouseClick(window.index_tab.index_button, Qt.MouseButton.LeftButton)
    box = opened.args[0]
    assert box.objectName() == "warningDialog"
    assert f"ни одного из {DEMO_CALLS} звонков прежнего индекса больше нет в базе" in box.informativeText()
    assert "ни одного из" in window.index_tab.summary.toPlainText()
    box.close()


def test_rows_are_numbered_as_shown_when_less_similar_ones_are_hidden(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    search(qtbot, window, "деньги", "keyword")
    rows = tab.model.rows
    tab.show_results([replace(r, below_threshold=i % 2 == 1) for i, r in enumerate(rows)], "x")
    shown = tab.proxy.rowCount()
    assert 1 < shown < len(rows)
    numbers = [tab.proxy.headerData(i, Qt.Orientation.Vertical) for i in range(shown)]
    assert numbers == list(range(1, shown + 1))


def test_changed_filters_apply_to_the_search_on_screen(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    tab.k.setValue(DEMO_CALLS)
    search(qtbot, window, "здравствуйте", "keyword")
    everyone = {r.operator for r in tab.model.rows}
    chosen = tab.model.rows[-1].operator
    assert chosen and len(everyone) > 1
    tab.query.setText("что-то ещё, не отправленное")  # the search on screen is filtered, not the box's text
    with qtbot.waitSignal(window.search_finished, timeout=30_000):
        qtbot.mouseClick(tab.filters_toggle, Qt.MouseButton.LeftButton)
        tab.filters.check(tab.filters.operators, chosen)
    assert tab.model.rows and {r.operator for r in tab.model.rows} == {chosen}
    assert window.last_outcome is not None and window.last_outcome.query_text == "здравствуйте"
    with qtbot.waitSignal(window.search_finished, timeout=30_000):
        qtbot.mouseClick(tab.filters_toggle, Qt.MouseButton.LeftButton)  # hidden filters are off
    assert {r.operator for r in tab.model.rows} == everyone


def test_the_mode_box_top_k_and_filters_explain_themselves(
    russian: None, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Settings]
) -> None:
    tab = open_window(gui_settings(demo_home)).search_tab
    assert "По смыслу" in tab.mode.toolTip() and "По словам" in tab.mode.toolTip()
    assert "Ещё" in tab.k.toolTip()
    assert "канал" in tab.filters_toggle.toolTip() and "исход" in tab.filters_toggle.toolTip()

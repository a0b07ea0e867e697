"""The three crashes of issue 12, driven through the real window: every search mode × every filter
(each alone and all together), two error dialogs in a row, and a failed search after a good one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.results_model import ResultRow

OpenWindow = Callable[..., MainWindow]


def press_ok(box: QMessageBox) -> None:
    """Close a dialog with its own button, as a person would."""
    box.button(QMessageBox.StandardButton.Ok).click()


def search(qtbot: Any, window: MainWindow, text: str, mode: str) -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)


def find_similar(qtbot: Any, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(window.search_tab.similar_button, Qt.MouseButton.LeftButton)


def choose(window: MainWindow, name: str, rows: list[ResultRow]) -> Callable[[ResultRow], bool]:
    """Set one filter from values seen in ``rows``; return the check each filtered row must pass."""
    panel = window.search_tab.filters
    if name == "operator":
        operator = rows[-1].operator or ""
        panel.check(panel.operators, operator)
        return lambda r: r.operator == operator
    if name == "topic":
        topic = rows[-1].topic or ""
        panel.check(panel.topics, topic)
        return lambda r: r.topic == topic
    if name in ("date_from", "date_to"):
        day = sorted((r.started_at or "")[:10] for r in rows)[len(rows) // 2]
        check, edit = (panel.use_from, panel.date_from) if name == "date_from" else (panel.use_to, panel.date_to)
        check.setChecked(True)
        edit.setDate(QDate.fromString(day, Qt.DateFormat.ISODate))
        if name == "date_from":
            return lambda r: (r.started_at or "")[:10] >= day
        return lambda r: (r.started_at or "")[:10] <= day
    if name == "min_duration":
        panel.min_duration.setValue(1)
        return lambda r: r.duration_s is not None and r.duration_s >= 60
    if name == "max_duration":
        panel.max_duration.setValue(60)
        return lambda r: r.duration_s is None or r.duration_s <= 3600
    side = name.removeprefix("side_")
    panel.side.setCurrentIndex(panel.side.findData(side))
    return lambda r: all(window.backend.get_call(r.call_id).turns[t.position].speaker == side for t in r.matched)


FILTERS = ("operator", "topic", "date_from", "date_to", "min_duration", "max_duration", "side_client", "side_operator")


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid", "similar"])
def test_every_mode_with_every_filter_alone_and_combined(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Any], mode: str
) -> None:
    window = open_window(gui_settings(demo_home))
    tab = window.search_tab
    text = "здравствуйте деньги тариф интернет"
    search(qtbot, window, text, "keyword" if mode == "similar" else mode)
    baseline = tab.proxy.shown_rows()
    assert len(baseline) >= 3
    source = tab.selected_row()
    tab.filters_toggle.setChecked(True)

    def run() -> list[ResultRow]:
        if mode == "similar":
            tab.select_proxy_row(next(i for i, r in enumerate(tab.proxy.shown_rows()) if r == source))
            find_similar(qtbot, window)
        else:
            search(qtbot, window, text, mode)
        assert not window.reporter.dialogs, [d.detailedText() for d in window.reporter.dialogs]
        assert "failed" not in tab.summary.text() and "ошибка" not in tab.summary.text().lower()
        return tab.proxy.shown_rows()

    for name in FILTERS:
        tab.filters.reset()
        if mode == "similar":  # find similar needs the source row on screen
            tab.filters_toggle.setChecked(False)
            search(qtbot, window, text, "keyword")
            tab.filters_toggle.setChecked(True)
        check = choose(window, name, baseline)
        rows = run()
        assert all(check(r) for r in rows), (name, rows)
        if name == "side_client" and mode in ("keyword", "hybrid"):
            assert rows, "the client speaks in every demo call"

    tab.filters.reset()
    if mode == "similar":
        tab.filters_toggle.setChecked(False)
        search(qtbot, window, text, "keyword")
        tab.filters_toggle.setChecked(True)
    checks = [choose(window, name, baseline) for name in ("date_from", "min_duration", "max_duration")]
    tab.filters.side.setCurrentIndex(tab.filters.side.findData("client"))
    rows = run()
    assert all(check(r) for check in checks for r in rows)


def test_two_errors_in_a_row_each_get_a_dialog_and_the_window_lives(
    qtbot: Any,
    open_window: OpenWindow,
    home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": "клиент: привет"}\n{"id": "x2", "text": \n', encoding="utf-8")
    window = open_window(gui_settings(home))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    shown: list[QMessageBox] = []
    window.reporter.dialog_opened.connect(shown.append)
    for attempt in (1, 2, 3):
        with qtbot.waitSignal(window.reporter.dialog_opened, timeout=60_000) as opened:
            window.import_action.trigger()
        box = opened.args[0]
        assert box.objectName() == "knownErrorDialog", box.detailedText()
        assert "bad.jsonl:2" in box.detailedText()
        QTimer.singleShot(0, lambda b=box: press_ok(b))
        qtbot.waitUntil(lambda b=box: not shiboken6.isValid(b), timeout=5_000)
        assert window.reporter.dialogs == [], attempt
    assert len(shown) == 3 and window.isVisible()
    assert not [d for d in shown if shiboken6.isValid(d)]


def test_a_crash_while_reporting_a_crash_does_not_loop(
    qtbot: Any, open_window: OpenWindow, home: Path, gui_settings: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(gui_settings(home))
    reporter = window.reporter
    calls: list[str] = []
    original = reporter.open_dialog

    def failing(box: QMessageBox) -> QMessageBox:
        calls.append(box.objectName())
        box.deleteLater()
        raise RuntimeError("dialog cannot be shown")

    monkeypatch.setattr(reporter, "open_dialog", failing)
    with qtbot.captureExceptions() as caught:
        reporter.excepthook(ValueError, ValueError("a bug"), None)
        qtbot.wait(200)
    assert calls == ["crashDialog"], calls  # tried once, then logged, never again and again
    monkeypatch.setattr(reporter, "open_dialog", original)
    assert not caught, "a failure of the crash dialog itself must not escape (it would come back as a crash)"
    reporter.excepthook(ValueError, ValueError("another bug"), None)  # the next crash shows again
    qtbot.waitUntil(lambda: bool(reporter.dialogs), timeout=5_000)
    assert reporter.dialogs[-1].objectName() == "crashDialog"


def test_a_failed_search_clears_the_previous_results(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, tmp_path: Path, gui_settings: Callable[..., Any]
) -> None:
    window = open_window(gui_settings(demo_home, model=str(tmp_path / "no-such-model")))
    for box in window.reporter.dialogs:
        press_ok(box)
    tab = window.search_tab
    search(qtbot, window, "деньги", "keyword")
    assert tab.proxy.rowCount() > 0 and tab.viewer.call is not None
    search(qtbot, window, "деньги", "semantic")  # the model is missing: the search fails
    assert window.reporter.dialogs, "the failure was reported"
    assert tab.proxy.rowCount() == 0
    assert tab.viewer.call is None
    assert not tab.export_button.isEnabled()
    assert not tab.relevant_button.isEnabled()

"""First run and long work (issue 12): an empty home cannot build an index, data without an index
says so on the Search tab and offers to build it, the demo set asks before rewriting a home with
calls, and a cancelled first build says how far it got without promising a previous index."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from callcenter_ai.gui.backend import JobSummary
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import Cancelled

OpenWindow = Callable[..., MainWindow]


def calls_file(folder: Path, count: int) -> Path:
    path = folder / "calls.jsonl"
    lines = [
        json.dumps(
            {
                "id": f"c{i}",
                "operator": "Ольга",
                "topic": "тариф",
                "text": f"клиент: сменить тариф {i}\nоператор: помогу",
            },
            ensure_ascii=False,
        )
        for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_empty_home_cannot_build_an_index(open_window: OpenWindow, home: Path, gui_settings: Any) -> None:
    window = open_window(gui_settings(home))
    assert not window.index_tab.index_button.isEnabled()
    assert not window.index_tab.rebuild_button.isVisibleTo(window.index_tab)


def test_calls_without_an_index_say_so_and_offer_to_build_it(
    qtbot: Any,
    open_window: OpenWindow,
    home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(gui_settings(home))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(calls_file(tmp_path, 5))], ""))
    with qtbot.waitSignal(window.jobs.job_finished, timeout=60_000):
        window.import_action.trigger()
    qtbot.waitUntil(lambda: window.index_status is not None and window.index_status.calls == 5, timeout=30_000)
    tab = window.search_tab
    window.tabs.setCurrentWidget(window.search_stack)
    assert tab.notice_box.isVisible() and tab.notice_button.isVisible()
    assert "перестро" not in tab.notice.text().lower() and "rebuild" not in tab.notice.text().lower()
    index_tab = window.index_tab
    assert index_tab.index_button.isEnabled() and not index_tab.rebuild_button.isVisibleTo(index_tab)
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000) as done:
        qtbot.mouseClick(tab.notice_button, Qt.MouseButton.LeftButton)
    assert isinstance(done.args[0], JobSummary)
    qtbot.waitUntil(lambda: window.index_status is not None and window.index_status.index_vectors == 5, timeout=30_000)
    assert not tab.notice_box.isVisible()
    assert window.index_tab.rebuild_button.isVisibleTo(window.index_tab)


def test_demo_on_a_home_with_calls_asks_first(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Any]
) -> None:
    window = open_window(gui_settings(demo_home))
    calls = window.backend.lookups().calls
    box = window.jobs.ask_demo()
    assert box is not None and str(calls) in box.text()
    QTimer.singleShot(0, lambda: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.waitUntil(lambda: not shiboken6.isValid(box), timeout=5_000)
    assert window.jobs.current is None, "cancel starts nothing"


def test_cancelling_a_first_build_says_how_far_it_got(
    qtbot: Any,
    open_window: OpenWindow,
    home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(gui_settings(home, batch_size=4))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(calls_file(tmp_path, 60))], ""))
    with qtbot.waitSignal(window.jobs.job_finished, timeout=60_000):
        window.import_action.trigger()

    def cancel_once(progress: Any) -> None:
        if getattr(progress, "total", 0) and window.jobs.current is not None and not window.jobs.current.is_cancelled:
            qtbot.mouseClick(window.index_tab.cancel_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000) as blocker:
        worker = window.jobs.build_index()
        assert worker is not None
        worker.signals.progress.connect(cancel_once)
    assert isinstance(blocker.args[0], Cancelled)
    text = window.index_tab.stage.text()
    assert "60" in text, text
    assert "прежн" not in text.lower() and "previous" not in text.lower()
    assert window.index_tab.progress.value() == 0
    assert all(label.text() == "—" for label in window.index_tab.numbers.values())

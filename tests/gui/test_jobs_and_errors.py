"""Jobs from the window (demo, import, indexing, cancel) and the dialogs for known failures and bugs.

Import through the dialog runs on both engines (``engine_home``); the rest is about the home's own files
(the demo offer of an empty home, index files kept on cancel, a locked or corrupt SQLite file) and stays on SQLite.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from callcenter_ai.core.store import database
from callcenter_ai.gui.backend import Backend, JobSummary
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import Cancelled
from tests.gui.conftest import DEMO_CALLS

OpenWindow = Callable[..., MainWindow]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def run_job(qtbot: Any, window: MainWindow, start: Callable[[], Any], timeout: int = 120_000) -> Any:
    with qtbot.waitSignal(window.jobs.job_finished, timeout=timeout) as blocker:
        start()
    return blocker.args[0]


def last_dialog(window: MainWindow) -> QMessageBox:
    assert window.reporter.dialogs, "a dialog was opened"
    return window.reporter.dialogs[-1]


def demo_job_on_a_locked_database(qtbot: Any, window: MainWindow, db_path: Path, monkeypatch: Any) -> QMessageBox:
    """Run the demo job while another program holds the store's write lock; the dialog it opens."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        run_job(qtbot, window, window.jobs.generate_demo)
    finally:
        other.execute("ROLLBACK")
        other.close()
    box = last_dialog(window)
    assert box.property("errorClass") == "DatabaseLockedError"
    return box


def test_empty_home_offers_demo_and_generates_it(
    qtbot: Any, open_window: OpenWindow, home: Path, gui_settings: Callable[..., Any], wait_idle: Any
) -> None:
    window = open_window(gui_settings(home))
    assert window.search_stack.currentWidget() is window.welcome
    window.index_tab.demo_calls.setValue(40)
    outcome = run_job(qtbot, window, lambda: qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton))
    assert isinstance(outcome, JobSummary), outcome
    assert window.search_stack.currentWidget() is window.search_tab
    assert window.search_tab.filters.topics.count() > 5
    assert "40" in window.index_tab.summary.toPlainText()
    # the demo set is indexed in the background right away, from the Search tab, which says so
    assert window.jobs.indexing and window.tabs.currentWidget() is window.search_stack
    assert window.search_tab.notice_box.isVisible()
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000) as indexed:
        pass
    assert isinstance(indexed.args[0], JobSummary), indexed.args[0]
    wait_idle(window.runner)
    assert window.index_status is not None and window.index_status.calls == 40
    assert window.index_status.index_vectors == 40
    assert not window.search_tab.notice_box.isVisible()
    assert window.index_tab.state_label.text()


def test_import_through_the_dialog_and_a_bad_file(
    qtbot: Any,
    open_window: OpenWindow,
    engine_home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = tmp_path / "calls.jsonl"
    good.write_text(
        "\n".join(
            json.dumps(
                {
                    "id": f"c{i}",
                    "operator": "Ольга",
                    "topic": "смена тарифа",
                    "text": f"клиент: хочу сменить тариф {i}\nоператор: сейчас помогу",
                },
                ensure_ascii=False,
            )
            for i in range(3)
        )
        + "\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": "клиент: привет"}\n{"id": "x2", "text": \n', encoding="utf-8")
    window = open_window(gui_settings(engine_home))

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(good)], ""))
    outcome = run_job(qtbot, window, window.import_action.trigger)
    assert isinstance(outcome, JobSummary)
    assert "3" in outcome.title
    assert window.backend.lookups().calls == 3
    assert window.search_tab.filters.operators.item(0).text() == "Ольга (3)"  # with its number of calls

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    outcome = run_job(qtbot, window, window.import_action.trigger)
    box = last_dialog(window)
    assert box.property("errorClass") == "InputError"
    assert "bad.jsonl:2" in box.detailedText()
    assert window.backend.lookups().calls == 3  # nothing of the bad file was written


def test_cancel_during_indexing_keeps_the_previous_index(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Any]
) -> None:
    settings = gui_settings(demo_home)
    backend = Backend(settings)
    try:  # change every call so that all of them must be embedded again
        generator = backend.demo_job(60, seed=8)(threading.Event())
        for _ in generator:
            pass
    finally:
        backend.close()
    before = snapshot(settings.index_dir)
    assert any(name.endswith(".json") for name in before)
    window = open_window(settings)
    stages: list[str] = []
    numbers: list[dict[str, str]] = []

    def cancel_when_embedding(progress: Any) -> None:
        stages.append(window.index_tab.stage.text())
        numbers.append({key: label.text() for key, label in window.index_tab.numbers.items()})
        shown = all(window.index_tab.numbers[key].text() not in ("", "—") for key in ("batch", "speed", "device"))
        if shown and window.jobs.current is not None and not window.jobs.current.is_cancelled:
            qtbot.mouseClick(window.index_tab.cancel_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000) as blocker:
        worker = window.jobs.build_index()
        assert worker is not None
        worker.signals.progress.connect(cancel_when_embedding)
        assert window.index_tab.cancel_button.isEnabled()
    assert isinstance(blocker.args[0], Cancelled)
    assert stages, "progress was shown"
    assert numbers[-1]["device"] not in ("", "—") and numbers[-1]["speed"] not in ("", "—")
    assert all(label.text() == "—" for label in window.index_tab.numbers.values()), "progress and ETA reset"
    assert window.index_tab.progress.value() == 0
    stage = window.index_tab.stage.text()
    assert "previous index" in stage or "прежний индекс" in stage, stage  # there was one
    assert snapshot(settings.index_dir) == before
    assert not window.index_tab.cancel_button.isEnabled()
    assert window.index_tab.index_button.isEnabled()


def test_locked_database_dialog(
    qtbot: Any,
    open_window: OpenWindow,
    demo_home: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = gui_settings(demo_home)
    window = open_window(settings)
    box = demo_job_on_a_locked_database(qtbot, window, settings.db_path, monkeypatch)
    assert "locked" in box.text().lower() or "заблокирована" in box.text()


def test_corrupt_index_dialog_at_start(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, gui_settings: Callable[..., Any]
) -> None:
    settings = gui_settings(demo_home)
    parts = [p for p in settings.index_dir.iterdir() if p.is_file() and not p.name.endswith(".json")]
    assert parts
    for part in parts:
        part.write_bytes(b"\0garbage" * 64)
    window = open_window(settings)
    box = last_dialog(window)
    assert box.property("errorClass") == "IndexCorruptError"
    assert "Rebuild" in box.informativeText() or "Перестройте" in box.informativeText()
    # keyword search still works with a damaged dense index
    window.search_tab.mode.setCurrentIndex(window.search_tab.mode.findData("keyword"))
    window.search_tab.query.setText("деньги")
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        window.run_search()
    assert window.search_tab.proxy.rowCount() > 0


def test_missing_model_dialog_when_indexing(
    qtbot: Any, open_window: OpenWindow, demo_home: Path, tmp_path: Path, gui_settings: Callable[..., Any]
) -> None:
    settings = gui_settings(demo_home, model=str(tmp_path / "no-such-model"))
    window = open_window(settings)
    outcome = run_job(qtbot, window, window.jobs.build_index)
    assert isinstance(outcome, Exception)
    box = last_dialog(window)
    assert box.property("errorClass") == "ModelUnavailableError"


def test_a_bug_in_a_job_reaches_the_crash_dialog_and_the_log(
    qtbot: Any,
    open_window: OpenWindow,
    demo_home: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(gui_settings(demo_home))

    def broken_job(*_args: Any) -> Callable[[threading.Event], Generator[Any, None, Any]]:
        def job(_cancel: threading.Event) -> Generator[Any, None, Any]:
            yield None
            return {}["missing"]

        return job

    monkeypatch.setattr(window.backend, "search_job", broken_job)
    window.search_tab.query.setText("что угодно")
    with qtbot.waitSignal(window.search_finished, timeout=30_000):
        window.run_search()
    box = last_dialog(window)
    assert box.objectName() == "crashDialog"
    assert "KeyError" in box.detailedText()
    qtbot.waitUntil(lambda: "KeyError" in window.log_panel.text(), timeout=5000)


def test_the_index_summary_after_an_error_dialog_says_new_changed_and_removed_calls(
    qtbot: Any,
    open_window: OpenWindow,
    demo_home: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    russian: None,
) -> None:
    """The operator closes a «база заблокирована» dialog, then indexes one new, one changed and one deleted call:
    the Индексация tab's summary says so in those words, a changed call not counted as added and removed."""
    from callcenter_ai.core.records import CallRecord, Turn
    from callcenter_ai.core.store import CallStore

    settings = gui_settings(demo_home)
    window = open_window(settings)
    demo_job_on_a_locked_database(qtbot, window, settings.db_path, monkeypatch).close()
    assert window.index_status is not None
    vectors = window.index_status.index_vectors  # a long demo call may have two chunks
    with CallStore.open(settings.db_path) as store:
        changed, gone = (str(r[0]) for r in store.db.execute("SELECT external_id FROM calls ORDER BY id LIMIT 2"))
        with store.transaction():
            store.upsert_call(CallRecord(changed, (Turn("client", "Совсем другой вопрос: как сменить тариф"),)))
            store.upsert_call(CallRecord("new-call", (Turn("client", "Списали деньги дважды"),)))
        store.delete_calls([gone])
    outcome = run_job(qtbot, window, lambda: qtbot.mouseClick(window.index_tab.index_button, Qt.MouseButton.LeftButton))
    assert isinstance(outcome, JobSummary), outcome
    summary = window.index_tab.summary.toPlainText()
    unchanged = DEMO_CALLS - 2
    expected = f"Индекс: новых звонков 1, изменено 1, удалено 1, без изменений {unchanged}; векторов {vectors}."
    assert expected in summary, summary
    assert window.index_status is not None and window.index_status.calls == DEMO_CALLS

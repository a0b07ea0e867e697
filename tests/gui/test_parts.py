"""The window's parts on their own: worker, log handler, dialogs, results model, viewer, export."""

from __future__ import annotations

import csv
import logging
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from callcenter_ai.core import errors
from callcenter_ai.core.records import StoredCall, Turn
from callcenter_ai.gui.call_viewer import BOTH_COLOUR, KEYWORD_COLOUR, SEMANTIC_COLOUR, CallViewer
from callcenter_ai.gui.dialogs import ErrorReporter, explain
from callcenter_ai.gui.export import write_results_csv
from callcenter_ai.gui.i18n import install_translators, qm_path
from callcenter_ai.gui.log_panel import LogPanel, QtLogHandler
from callcenter_ai.gui.results_model import HighlightedTurn, ResultRow, ResultsModel, ResultsProxy
from callcenter_ai.gui.worker import Cancelled, JobRunner


def rows() -> list[ResultRow]:
    return [
        ResultRow("c-1", 1, 0.9, "2026-03-02T10:00:00+03:00", "Анна", "возврат денег", 300.0, "вернуть деньги"),
        ResultRow("c-2", 2, 0.5, "2026-01-15T09:30:00+03:00", "Борис", "двойное списание", 61.0, "списали дважды"),
        ResultRow("c-3", 3, 0.7, "2026-02-20T18:05:00+03:00", "Вера", "нет интернета", 1200.0, "нет сети"),
    ]


# -- worker -------------------------------------------------------------------------


def counting_job(cancel: threading.Event, steps: int, gate: threading.Event | None = None) -> Generator[int, None, str]:
    for i in range(steps):
        if gate is not None:
            gate.wait(5)
            time.sleep(0.001)
        yield i
    return "done"


def test_worker_delivers_progress_and_result(qtbot: Any, wait_idle: Any) -> None:
    runner = JobRunner()
    seen: list[int] = []
    results: list[Any] = []
    runner.start(lambda cancel: counting_job(cancel, 5), "count", on_progress=seen.append, on_result=results.append)
    wait_idle(runner)
    assert seen == [0, 1, 2, 3, 4]
    assert results == ["done"]
    assert runner.wait(1000)


def test_worker_cancel_closes_the_generator(qtbot: Any, wait_idle: Any) -> None:
    closed = threading.Event()
    gate = threading.Event()

    def job(cancel: threading.Event) -> Generator[int, None, str]:
        try:
            yield from counting_job(cancel, 1000, gate)
        finally:
            closed.set()
        return "finished anyway"

    runner = JobRunner()
    results: list[Any] = []
    cancels: list[Any] = []
    seen: list[int] = []
    worker = runner.start(
        job, "long", write=True, on_result=results.append, on_cancelled=cancels.append, on_progress=seen.append
    )
    with qtbot.waitSignal(worker.signals.progress, timeout=5000):
        gate.set()
    worker.cancel()
    wait_idle(runner)
    assert closed.is_set()
    # A cancel never reaches on_result: handlers of a job's value need not know about cancels (the
    # emerging-topic alerts once got a Cancelled when the window closed during their job).
    assert results == []
    assert len(cancels) == 1 and isinstance(cancels[0], Cancelled)
    assert runner.wait(1000)


def test_worker_hands_errors_to_the_gui_thread(qtbot: Any, wait_idle: Any) -> None:
    def job(cancel: threading.Event) -> Generator[int, None, None]:
        yield 1
        raise errors.DatabaseLockedError("db locked")

    runner = JobRunner()
    failures: list[BaseException] = []
    threads: list[bool] = []
    runner.start(
        job,
        "fails",
        on_error=lambda exc: (
            failures.append(exc),
            threads.append(threading.current_thread() is threading.main_thread()),
        ),
    )
    wait_idle(runner)
    assert isinstance(failures[0], errors.DatabaseLockedError)
    assert threads == [True]
    assert runner.wait(1000)


# -- log panel ------------------------------------------------------------------------


def test_log_records_from_a_worker_thread_reach_the_panel(qtbot: Any) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    handler = QtLogHandler()
    handler.emitter.record.connect(panel.append)
    logger = logging.getLogger("callcenter_ai.test_gui_log")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        thread = threading.Thread(
            target=lambda: logger.warning("oom: CUDA out of memory: batch 32 -> 16"), name="fake-processor"
        )
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: "batch 32 -> 16" in panel.text(), timeout=2000)
        logger.debug("hidden debug line")
        QCoreApplication.processEvents()
        assert "hidden debug line" not in panel.text()
    finally:
        logger.removeHandler(handler)


# -- dialogs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errors.DatabaseLockedError("x"), "locked"),
        (errors.DatabaseCorruptError("x"), "damaged"),
        (errors.SchemaTooNewError("x"), "newer"),
        (errors.IndexCorruptError("x"), "damaged"),
        (errors.IndexMismatchError("x"), "another model"),
        (errors.ModelUnavailableError("x"), "model"),
        (errors.InputError("bad file", [errors.Problem("a.jsonl", 3, "broken JSON")]), "imported"),
    ],
)
def test_known_errors_get_their_own_dialog(qtbot: Any, error: errors.KnownError, words: str) -> None:
    reporter = ErrorReporter()
    box = reporter.report(error)
    try:
        title, advice = explain(error)
        assert words in title
        assert advice and advice in box.informativeText()
        assert box.objectName() == "knownErrorDialog"
        assert box.icon() == QMessageBox.Icon.Warning
        assert error.message in box.detailedText()
        assert box.isVisible()  # opened, not exec()'d: the test goes on
    finally:
        box.close()


def test_bug_gets_the_crash_dialog_with_traceback(qtbot: Any) -> None:
    reporter = ErrorReporter()
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError as exc:
        box = reporter.report(exc)
    try:
        assert box.objectName() == "crashDialog"
        assert "ZeroDivisionError: a bug" in box.detailedText()
    finally:
        box.close()


def test_thread_excepthook_shows_the_crash_dialog_on_the_gui_thread(qtbot: Any) -> None:
    reporter = ErrorReporter()
    opened: list[QMessageBox] = []
    reporter.dialog_opened.connect(opened.append)

    def crash() -> None:
        raise RuntimeError("boom in a thread")

    thread = threading.Thread(target=crash, name="crasher")
    previous = threading.excepthook
    threading.excepthook = reporter.thread_excepthook
    try:
        thread.start()
        thread.join()
    finally:
        threading.excepthook = previous
    qtbot.waitUntil(lambda: bool(opened), timeout=2000)
    assert "boom in a thread" in opened[0].detailedText()
    opened[0].close()


# -- results model and viewer ----------------------------------------------------------------


def test_proxy_sorts_numbers_and_dates_by_value() -> None:
    model = ResultsModel()
    proxy = ResultsProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows())
    assert [r.dialog_id for r in proxy.shown_rows()] == ["c-1", "c-2", "c-3"]  # ranking kept
    proxy.sort(ResultsModel.COLUMNS.index("score"), Qt.SortOrder.DescendingOrder)
    assert [r.dialog_id for r in proxy.shown_rows()] == ["c-1", "c-3", "c-2"]
    proxy.sort(ResultsModel.COLUMNS.index("duration"), Qt.SortOrder.AscendingOrder)
    assert [r.dialog_id for r in proxy.shown_rows()] == ["c-2", "c-1", "c-3"]  # 61 < 300 < 1200, not as text
    proxy.sort(ResultsModel.COLUMNS.index("date"), Qt.SortOrder.AscendingOrder)
    assert [r.dialog_id for r in proxy.shown_rows()] == ["c-2", "c-3", "c-1"]
    assert proxy.data(proxy.index(0, ResultsModel.COLUMNS.index("duration"))) == "1:01"


def test_viewer_highlights_matches_by_kind(qtbot: Any) -> None:
    viewer = CallViewer()
    qtbot.addWidget(viewer)
    call = StoredCall(
        id=1,
        dialog_id="c-1",
        turns=(
            Turn("client", "Здравствуйте, у меня списали деньги дважды"),
            Turn("operator", "Сейчас проверю"),
            Turn("client", "Верните, пожалуйста"),
        ),
        started_at="2026-03-02T10:00:00+03:00",
        duration_s=95.0,
        operator="Анна",
        topic="двойное списание",
        channel="phone",
        direction="inbound",
        outcome="resolved",
        metadata={},
        content_hash="x",
    )
    matched = (
        HighlightedTurn(0, frozenset({"semantic"})),
        HighlightedTurn(0, frozenset({"keyword"})),
        HighlightedTurn(2, frozenset({"keyword"})),
    )
    viewer.show_call(call, matched)
    assert viewer.matched_positions == {0: frozenset({"semantic", "keyword"}), 2: frozenset({"keyword"})}
    html = viewer.browser.toHtml()
    assert "списали деньги дважды" in viewer.browser.toPlainText()
    assert BOTH_COLOUR in html and KEYWORD_COLOUR in html
    viewer.show_call(call, (HighlightedTurn(1, frozenset({"semantic"})),))
    assert SEMANTIC_COLOUR in viewer.browser.toHtml()
    assert "c-1" in viewer.header.text()


def test_export_writes_the_shown_rows_in_order(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    shown = [rows()[2], rows()[0]]
    shown[0] = ResultRow(**{**shown[0].__dict__, "matched": (HighlightedTurn(4, frozenset({"keyword", "semantic"})),)})
    write_results_csv(path, shown)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["dialog_id"] for r in table] == ["c-3", "c-1"]
    assert table[0]["rank"] == "1" and table[0]["matched_turns"] == "5:keyword+semantic"
    assert table[1]["operator"] == "Анна"


def test_export_neutralises_formulas(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    row = ResultRow(**{**rows()[0].__dict__, "operator": "=HYPERLINK(1)", "snippet": "@клиент"})
    write_results_csv(path, [row])
    with open(path, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert table[0]["operator"] == "'=HYPERLINK(1)" and table[0]["snippet"] == "'@клиент"


# -- translations ----------------------------------------------------------------------


def test_russian_and_english_translations_exist_and_load(qapp: Any) -> None:
    for language in ("ru", "en"):
        assert qm_path(language).exists()
        assert qm_path(language).with_suffix(".ts").exists()
    translators = install_translators(qapp, "ru")
    try:
        assert QCoreApplication.translate("MainWindow", "Search") == "Поиск"
        assert QCoreApplication.translate("Dialogs", "The database is locked") == "База данных заблокирована"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Search") == "Search"

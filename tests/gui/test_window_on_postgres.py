"""The local window on a PostgreSQL ``database_url``: import, indexing, search, viewer and ratings on the server.

No home SQLite file and no FAISS files are made: pgvector does the search.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import JobRunner
from tests.gui.conftest import home_on_copy
from tests.gui.test_search_window import search

CALLS = [
    ("vklad-1", "хочу открыть вклад на год под хороший процент", "откроем вклад сегодня"),
    ("vklad-2", "какой процент по вкладу если пополнять", "процент по вкладу девять"),
    ("karta-1", "заблокировали карту не могу оплатить покупку", "разблокирую карту"),
    ("net-1", "не работает интернет роутер мигает красным", "перезагрузите роутер"),
]


def test_the_local_window_imports_indexes_searches_and_rates_on_postgres(
    qtbot: Any,
    open_window: Callable[..., MainWindow],
    gui_settings: Callable[..., Any],
    pg_url: str,
    wait_idle: Callable[[JobRunner], None],
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    settings = gui_settings(home, database_url=pg_url)
    window = open_window(settings)
    path = tmp_path / "calls.jsonl"
    lines = [{"id": i, "operator": "анна", "text": f"клиент: {c}\nоператор: {o}"} for i, c, o in CALLS]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.jobs.job_finished, timeout=60_000):
        window.jobs.import_files([path])
    wait_idle(window.runner)
    assert "calls.jsonl: 4 new" in window.index_tab.summary.toPlainText()
    assert window.calls == len(CALLS)
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000):
        window.jobs.build_index()
    wait_idle(window.runner)
    status = window.index_status
    assert status is not None and status.embedded == len(CALLS) and status.index_vectors == len(CALLS)

    search(qtbot, window, "открыть вклад", "keyword")
    tab = window.search_tab
    assert {r.dialog_id for r in tab.proxy.shown_rows()} >= {"vklad-1"}
    viewer = tab.viewer
    assert viewer.call is not None and viewer.call.dialog_id == tab.selected_row().dialog_id
    assert viewer.matched_positions
    search(qtbot, window, "роутер не работает", "semantic")  # pgvector's nearest chunks
    shown = tab.proxy.shown_rows()
    assert shown and all(r.semantic_score is not None for r in shown)
    rated = shown[0].dialog_id
    with qtbot.waitSignal(window.rating_saved, timeout=30_000):
        qtbot.mouseClick(tab.relevant_button, Qt.MouseButton.LeftButton)

    assert not settings.db_path.exists() and not any(settings.index_dir.glob("*.json"))
    with PgEngine(pg_url) as server:
        ratings = server.ratings.list_ratings()
        assert [(r.relevant, r.query_text) for r in ratings] == [(True, "роутер не работает")]
        assert ratings[0].result_dialog_id == rated
        assert server.calls.count("calls") == len(CALLS)


def test_a_server_that_does_not_answer_is_a_dialog_not_a_crash(
    open_window: Callable[..., MainWindow], gui_settings: Callable[..., Any], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    window = open_window(gui_settings(home, database_url="postgresql://nobody@127.0.0.1:9/nowhere"))
    errors = [box.property("errorClass") for box in window.reporter.dialogs]
    assert errors and set(errors) == {"StoreError"}
    box = window.reporter.dialogs[0]
    assert "database server" in box.text() and "database_url" in box.informativeText()
    assert "127.0.0.1:9" in box.detailedText()
    assert window.calls == 0


def test_the_windows_analytics_jobs_use_its_one_pool(
    qtbot: Any,
    request: pytest.FixtureRequest,
    open_window: Callable[..., MainWindow],
    gui_settings: Callable[..., Any],
    demo_database: str,
    wait_idle: Callable[[JobRunner], None],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The dashboard, the outcomes table, a drill-down and the alerts after an import open no pool of their own."""
    opened: list[str] = []
    real_init = PgEngine.__init__

    def counted(self: PgEngine, url: str) -> None:
        opened.append(url)
        real_init(self, url)

    monkeypatch.setattr(PgEngine, "__init__", counted)
    home = tmp_path / "home"
    home.mkdir()
    window = open_window(gui_settings(home_on_copy(request, home, demo_database)))
    tab = window.analytics_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.dashboard is not None, timeout=60_000)
    wait_idle(window.runner)
    tab.sections.setCurrentWidget(tab.outcomes)
    qtbot.waitUntil(lambda: tab.topic_outcomes is not None, timeout=30_000)
    wait_idle(window.runner)
    rect = tab.outcomes.visualItemRect(tab.outcomes.item(0, 0))
    qtbot.mouseClick(tab.outcomes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a drill-down
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=10_000)
    wait_idle(window.runner)
    path = tmp_path / "more.jsonl"
    path.write_text('{"id": "more-1", "text": "клиент: вопрос про кредит"}\n', encoding="utf-8")
    with qtbot.waitSignal(window.jobs.job_finished, timeout=30_000):
        window.jobs.import_files([path])
    wait_idle(window.runner)  # the alerts' check after the import
    assert window.search_tab.model.rowCount() > 0
    assert len(opened) == 1, opened

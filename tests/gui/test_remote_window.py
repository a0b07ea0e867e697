"""The window as a client of a real ``serve`` on loopback: connect, search, read, rate, learning statistics and
analytics as an operator; import and indexing as an admin; a stopped server is a state the window recovers from."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from callcenter_ai.core.auth.access import FileAccessList
from callcenter_ai.core.feedback.ratings import list_ratings
from callcenter_ai.core.remote import SERVICE_NAME
from callcenter_ai.core.settings import Settings, load_settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.gui.backend import Backend
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.remote_backend import RemoteBackend
from callcenter_ai.gui.remote_session import RemoteSession
from callcenter_ai.gui.worker import JobRunner
from tests.gui.conftest import DEMO_CALLS
from tests.gui.live_server import LiveServer, MemoryKeyring

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(previous)


@pytest.fixture
def server(demo_home: Path, gui_settings: Callable[..., Settings]) -> Iterator[LiveServer]:
    live = LiveServer(gui_settings(demo_home))
    live.start()
    yield live
    live.stop()


@pytest.fixture
def tokens(server: LiveServer) -> dict[str, str]:
    users = FileAccessList(server.settings.home / "data" / "api_users.json")
    return {"operator": users.add_user("anna", "operator"), "admin": users.add_user("boss", "admin")}


@pytest.fixture
def desk(tmp_path: Path) -> Settings:
    """A desktop's own home: empty (the calls are on the server)."""
    home = tmp_path / "desk"
    home.mkdir()
    return load_settings(home, environ={})


def session_of(window: MainWindow) -> RemoteSession:
    session = window.findChild(RemoteSession, "remoteSession")
    assert isinstance(session, RemoteSession)
    return session


def connect(qtbot: Any, window: MainWindow, url: str, token: str, wait_idle: Callable[[JobRunner], None]) -> None:
    """Through the File menu's «Подключиться к серверу…» and its dialog, as a person does."""
    session = session_of(window)
    session.connect_action.trigger()
    dialog = session.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.url.clear()
    qtbot.keyClicks(dialog.url, url)
    qtbot.keyClicks(dialog.token, token)
    with qtbot.waitSignal(session.state_changed, timeout=30_000, check_params_cb=lambda s: s == "connected"):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.index_status is not None, timeout=30_000)
    wait_idle(window.runner)


def search(qtbot: Any, window: MainWindow, text: str, mode: str = "hybrid") -> None:
    tab = window.search_tab
    tab.mode.setCurrentIndex(tab.mode.findData(mode))
    tab.query.setText(text)
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)


def test_an_operator_works_on_the_server_and_survives_its_loss(
    qtbot: Any,
    open_window: OpenWindow,
    desk: Settings,
    server: LiveServer,
    tokens: dict[str, str],
    memory_keyring: MemoryKeyring,
    wait_idle: Callable[[JobRunner], None],
) -> None:
    window = open_window(desk)
    assert window.search_stack.currentWidget() is window.welcome  # nothing local
    connect(qtbot, window, server.url, tokens["operator"], wait_idle)
    session = session_of(window)
    assert isinstance(window.backend, RemoteBackend) and session.state == "connected"
    assert server.url in session.label.text() and "anna (operator)" in session.label.text()
    assert memory_keyring.saved[(SERVICE_NAME, server.url)] == tokens["operator"]
    assert json.loads(desk.settings_path.read_text())["server_url"] == server.url
    # Import and indexing are not offered to an operator; the demo set is a desktop's.
    assert not window.import_action.isVisible() and not window.import_action.isEnabled()  # Ctrl+O neither
    assert not window.tabs.isTabVisible(window.tabs.indexOf(window.index_tab))
    assert not window.analytics_tab.rebuild_button.isVisibleTo(window.analytics_tab)
    status = window.index_status
    assert status is not None and status.calls == DEMO_CALLS and status.embedded == DEMO_CALLS
    assert window.search_stack.currentWidget() is window.search_tab
    assert window.search_tab.filters.operators.count() >= 5  # the server's facets
    assert window.search_tab.filters.channels.count() >= 2  # канал and исход too
    search(qtbot, window, "деньги", "keyword")
    assert re.search(r"1–\d+ (of|из) \d+", window.search_tab.summary.text())  # the server's total

    search(qtbot, window, "списали деньги дважды")
    tab = window.search_tab
    rows = tab.proxy.shown_rows()
    assert rows and tab.selected_row() == rows[0]
    viewer = tab.viewer
    assert viewer.call is not None and viewer.call.dialog_id == rows[0].dialog_id and viewer.call.turns
    assert viewer.matched_positions  # the server's matched turns are highlighted

    with qtbot.waitSignal(window.rating_saved, timeout=30_000):
        qtbot.mouseClick(tab.relevant_button, Qt.MouseButton.LeftButton)
    with CallStore.open(server.settings.db_path) as store:
        assert [(r.rater, r.relevant) for r in list_ratings(store.db)] == [("anna", True)]

    source = rows[0]
    with qtbot.waitSignal(window.search_finished, timeout=60_000):
        qtbot.mouseClick(tab.similar_button, Qt.MouseButton.LeftButton)
    similar = tab.proxy.shown_rows()
    assert similar and source.dialog_id not in {r.dialog_id for r in similar}

    tab.filters_toggle.setChecked(True)
    chosen = similar[-1].operator
    assert chosen
    tab.filters.check(tab.filters.operators, chosen)
    search(qtbot, window, "здравствуйте", "keyword")
    assert tab.proxy.shown_rows() and {r.operator for r in tab.proxy.shown_rows()} == {chosen}
    tab.filters.set_values(type(tab.filter_values())())
    tab.filters.check(tab.filters.channels, "чат")  # the server's facets fill канал and исход too
    search(qtbot, window, "здравствуйте деньги", "keyword")
    channels = {window.backend.get_call(row.call_id).channel for row in tab.model.rows}
    assert tab.model.rows and channels == {"чат"}
    assert window.last_outcome is not None and window.last_outcome.total is not None  # «1–10 из N»
    tab.filters.set_values(type(tab.filter_values())())

    with qtbot.waitSignal(window.stats_shown, timeout=30_000):
        window.tabs.setCurrentWidget(window.stats_tab)
    assert window.stats_tab.values["ratings"].text() == "1"

    window.tabs.setCurrentWidget(window.analytics_tab)
    qtbot.waitUntil(lambda: window.analytics_tab.dashboard is not None, timeout=120_000)
    wait_idle(window.runner)
    dashboard = window.analytics_tab.dashboard
    assert dashboard is not None and sum(dashboard.per_day.values) == DEMO_CALLS
    assert sum(o.calls for o in dashboard.outcomes) == DEMO_CALLS  # duration and outcome per topic, over the wire
    operator = dashboard.per_operator.labels[0]
    chart = window.analytics_tab.per_operator
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(0).toPoint())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_stack, timeout=30_000)
    drilled = tab.proxy.shown_rows()
    assert drilled and {r.operator for r in drilled} == {operator}
    tab.table.selectRow(0)  # a drilled call opens in the viewer from the server too
    qtbot.waitUntil(lambda: viewer.call is not None and viewer.call.dialog_id == tab.selected_row().dialog_id)

    # The server goes away: a clear message, a red label with «Retry», no crash.
    server.stop()
    tab.filters.set_values(type(tab.filter_values())())
    with qtbot.waitSignal(window.reporter.dialog_opened, timeout=30_000) as opened:
        search(qtbot, window, "карта")
    box = opened.args[0]
    assert box.text() == "No connection to the server" and "Retry" in box.informativeText()
    assert "no connection to the server" in box.detailedText() and server.url in box.detailedText()
    qtbot.waitUntil(lambda: session.state == "lost")
    assert session.retry_button.isVisible() and "no connection" in session.label.text()
    assert tab.proxy.rowCount() == 0
    with qtbot.waitSignal(window.reporter.dialog_opened, timeout=30_000):
        window.tabs.setCurrentWidget(window.stats_tab)  # another request fails: its dialog replaces the first
    qtbot.waitUntil(lambda: len(window.reporter.dialogs) == 1)
    box = window.reporter.dialogs[0]
    assert box.text() == "No connection to the server"
    retry = box.findChild(QPushButton, "retryInDialog")
    assert retry is not None and retry.text() == "Retry"

    server.start()  # the same port
    with qtbot.waitSignal(session.state_changed, timeout=30_000, check_params_cb=lambda s: s == "connected"):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)  # «Повторить» in the dialog itself
    window.tabs.setCurrentWidget(window.search_stack)
    wait_idle(window.runner)
    assert not session.retry_button.isVisible() and "anna" in session.label.text()
    search(qtbot, window, "карта")
    assert tab.proxy.shown_rows()


def test_an_admin_imports_and_indexes_on_the_server(
    qtbot: Any,
    open_window: OpenWindow,
    desk: Settings,
    server: LiveServer,
    tokens: dict[str, str],
    memory_keyring: MemoryKeyring,
    wait_idle: Callable[[JobRunner], None],
    tmp_path: Path,
) -> None:
    window = open_window(desk)
    connect(qtbot, window, server.url, tokens["admin"], wait_idle)
    session = session_of(window)
    assert "boss (admin)" in session.label.text()
    assert window.import_action.isVisible() and window.index_tab.import_button.isVisibleTo(window.index_tab)
    assert window.tabs.isTabVisible(window.tabs.indexOf(window.index_tab))
    assert not window.index_tab.demo_button.isVisibleTo(window.index_tab)
    path = tmp_path / "new.jsonl"
    lines = [
        {"id": f"vklad-{i}", "operator": "анна", "text": f"клиент: хочу открыть вклад номер {i}\nоператор: откроем"}
        for i in range(3)
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.jobs.job_finished, timeout=60_000):
        window.jobs.import_files([path])
    wait_idle(window.runner)
    assert "new.jsonl: 3 new" in window.index_tab.summary.toPlainText()
    assert window.calls == DEMO_CALLS + 3
    with qtbot.waitSignal(window.jobs.job_finished, timeout=120_000) as finished:
        window.jobs.build_index()
    wait_idle(window.runner)
    assert finished.args[0].details.added_calls == 3
    status = window.index_status
    assert status is not None and status.embedded == DEMO_CALLS + 3
    search(qtbot, window, "открыть вклад", "keyword")
    assert {r.dialog_id for r in window.search_tab.proxy.shown_rows()} >= {"vklad-0", "vklad-1", "vklad-2"}


def test_the_server_is_remembered_and_disconnecting_returns_to_the_home(
    qtbot: Any,
    open_window: OpenWindow,
    desk: Settings,
    server: LiveServer,
    tokens: dict[str, str],
    memory_keyring: MemoryKeyring,
    wait_idle: Callable[[JobRunner], None],
) -> None:
    first = open_window(desk)
    connect(qtbot, first, server.url, tokens["operator"], wait_idle)
    first.close()
    again = open_window(load_settings(desk.home, environ={}))  # the next start: no dialog, straight to the server
    wait_idle(again.runner)
    session = session_of(again)
    assert isinstance(again.backend, RemoteBackend) and session.dialog is None
    assert again.index_status is not None and again.index_status.calls == DEMO_CALLS
    assert "anna (operator)" in session.label.text()
    session.disconnect_action.trigger()
    wait_idle(again.runner)
    assert isinstance(again.backend, Backend) and session.state == "local" and not session.label.isVisible()
    assert (SERVICE_NAME, server.url) not in memory_keyring.saved
    assert again.import_action.isVisible() and again.search_stack.currentWidget() is again.welcome


def test_a_wrong_token_is_answered_in_the_dialog(
    qtbot: Any,
    open_window: OpenWindow,
    desk: Settings,
    server: LiveServer,
    tokens: dict[str, str],
    memory_keyring: MemoryKeyring,
) -> None:
    window = open_window(desk)
    session = session_of(window)
    session.connect_action.trigger()
    dialog = session.dialog
    assert dialog is not None
    for url, token, expected in (
        (server.url, "wrong", "does not accept this token"),
        ("ftp://nowhere", "x", "not a server address"),
        ("http://127.0.0.1:9", "x", "no connection to the server"),
    ):
        dialog.url.setText(url)
        dialog.token.setText(token)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda e=expected: e in dialog.error.text(), timeout=30_000)
        assert dialog.connect_button.isEnabled() and dialog.isVisible()
    assert isinstance(window.backend, Backend) and not memory_keyring.saved


def test_without_a_keyring_the_window_connects_and_says_the_token_is_not_kept(
    qtbot: Any,
    open_window: OpenWindow,
    desk: Settings,
    server: LiveServer,
    tokens: dict[str, str],
    wait_idle: Callable[[JobRunner], None],
) -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        window = open_window(desk)
        with qtbot.waitSignal(window.reporter.dialog_opened, timeout=30_000) as opened:
            connect(qtbot, window, server.url, tokens["operator"], wait_idle)
        assert "cannot be kept in the system keyring" in opened.args[0].detailedText()
        assert isinstance(window.backend, RemoteBackend) and session_of(window).state == "connected"
        opened.args[0].close()
        window.close()
        again = open_window(load_settings(desk.home, environ={}), wait_ready=False)
        qtbot.waitUntil(lambda: session_of(again).dialog is not None)  # no token kept: it is asked for again
        dialog = session_of(again).dialog
        assert dialog is not None and dialog.url.text() == server.url and not dialog.token.text()
        assert isinstance(again.backend, Backend)
        dialog.reject()
    finally:
        keyring.set_keyring(previous)


def test_a_window_started_while_its_server_is_down_recovers_with_retry(
    qtbot: Any,
    open_window: OpenWindow,
    desk: Settings,
    server: LiveServer,
    tokens: dict[str, str],
    memory_keyring: MemoryKeyring,
    wait_idle: Callable[[JobRunner], None],
) -> None:
    first = open_window(desk)
    connect(qtbot, first, server.url, tokens["operator"], wait_idle)
    first.close()
    server.stop()
    window = open_window(load_settings(desk.home, environ={}))  # ready even without the server
    wait_idle(window.runner)
    session = session_of(window)
    assert session.state == "lost" and session.retry_button.isVisible()
    assert [box.text() for box in window.reporter.dialogs] == ["No connection to the server"]
    window.reporter.dialogs[0].close()
    assert window.search_stack.currentWidget() is window.welcome and not window.import_action.isVisible()
    server.start()
    with qtbot.waitSignal(session.state_changed, timeout=30_000, check_params_cb=lambda s: s == "connected"):
        qtbot.mouseClick(session.retry_button, Qt.MouseButton.LeftButton)
    wait_idle(window.runner)
    qtbot.waitUntil(lambda: window.search_stack.currentWidget() is window.search_tab)
    assert window.calls == DEMO_CALLS and window.search_tab.filters.operators.count() >= 5
    search(qtbot, window, "карта", "keyword")
    assert window.search_tab.proxy.shown_rows()

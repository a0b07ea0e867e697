"""The window as a client of a central server: connect, disconnect, show the server, survive its loss.

:class:`RemoteSession` swaps the window's backend between the local home and a
:class:`~callcenter_ai.gui.remote_backend.RemoteBackend`, keeps the token in
the system keyring and the address in the settings (``server_url``), shows
«Сервер: адрес · пользователь (роль)» in the status bar and offers import and
indexing only to admins.  A server that stops answering turns the label red
with a «Повторить» button; nothing else changes until it answers again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QToolButton

from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.remote import (
    RemoteClient,
    RemoteUser,
    ServerUnreachableError,
    forget_token,
    load_token,
    save_token,
    server_url,
)
from callcenter_ai.core.settings import save_settings
from callcenter_ai.gui.backend import Backend
from callcenter_ai.gui.dialogs import error_text
from callcenter_ai.gui.remote_backend import RemoteBackend, _job
from callcenter_ai.gui.remote_connect import ConnectDialog, refusal_text
from callcenter_ai.gui.remote_roles import apply_role, who

if TYPE_CHECKING:
    from callcenter_ai.gui.main_window import MainWindow

log = logging.getLogger(__name__)
LOST_STYLE = "color: #b00020; font-weight: bold"


class RemoteSession(QObject):
    """``state`` is "local", "connected" or "lost"; ``state_changed`` fires when it changes."""

    state_changed = Signal(str)
    _answered = Signal(bool)  # from any thread: did the server answer?

    def __init__(self, window: MainWindow, menu: QMenu, import_action: QAction) -> None:
        super().__init__(window)
        self.setObjectName("remoteSession")
        self.window = window
        self.import_action = import_action
        self.state = "local"
        self.dialog: ConnectDialog | None = None
        self._lookups_seen = 0
        self._answered.connect(self._on_answer)
        self.connect_action = QAction(self.tr("Connect to a &server…"), window)
        self.connect_action.triggered.connect(lambda _checked=False: self.ask())
        self.disconnect_action = QAction(self.tr("&Disconnect from the server"), window)
        self.disconnect_action.triggered.connect(self.disconnect_server)
        self.disconnect_action.setVisible(False)
        first = menu.actions()[0]  # «Импорт файлов…»: the server's actions go above it
        menu.insertActions(first, [self.connect_action, self.disconnect_action])
        menu.insertSeparator(first)
        self.label = QLabel(window)
        self.label.setObjectName("serverLabel")
        self.retry_button = QToolButton(window)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.clicked.connect(self.retry)
        window.status.insertPermanentWidget(0, self.retry_button)
        window.status.insertPermanentWidget(0, self.label)
        window.reporter.dialog_opened.connect(self._offer_retry)
        self._show()
        self._start_saved()

    # -- connecting ----------------------------------------------------------------------

    def _start_saved(self) -> None:
        """At start: the server of the settings, with the kept token; without one, ask for it."""
        saved = self.window.settings.server_url.strip()
        if not saved:
            return
        try:
            url = server_url(saved)  # written by hand: "https://host/" finds the token kept for "https://host"
        except KnownError as exc:
            log.warning("the saved server %r is not used: %s", saved, exc)
            QTimer.singleShot(0, lambda: self.ask(saved))
            return
        token = load_token(url)
        if token is None:
            QTimer.singleShot(0, lambda: self.ask(url))
            return
        client = RemoteClient(url, token)
        self._install(RemoteBackend(self.window.settings, client, RemoteUser("", "", ()), self._answered.emit))

    def ask(self, url: str | None = None) -> ConnectDialog:
        """Open «Подключиться к серверу» (the address of the settings filled in)."""
        if self.dialog is None:
            self.dialog = ConnectDialog(url or self.window.settings.server_url, self.window)
            self.dialog.connect_requested.connect(self._try)
            self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _try(self, url: str, token: str, remember: bool) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if self.window.jobs.current is not None:
            dialog.failed(self.tr("Wait for the running job to finish (or cancel it), then connect."))
            return
        try:
            client = RemoteClient(url, token)
        except KnownError as exc:
            dialog.failed(error_text(exc))
            return

        def refused(exc: BaseException) -> None:
            client.close()
            if self.dialog is not None:
                self.dialog.failed(refusal_text(exc))

        self.window.runner.start(
            _job(client.whoami),
            "connect",
            on_result=lambda user: self._connected(client, user, token, remember),
            on_error=refused,
        )

    def _connected(self, client: RemoteClient, user: Any, token: str, remember: bool) -> None:
        window = self.window
        if self.dialog is None:  # cancelled while the server was being asked
            client.close()
            return
        try:
            window.settings = save_settings(window.settings, {"server_url": client.url})
        except KnownError as exc:
            window.reporter.report(exc)
        if remember:
            try:
                save_token(client.url, token)
            except KnownError as exc:
                window.reporter.report(exc)
        self._install(RemoteBackend(window.settings, client, user, self._answered.emit))
        self.dialog.accept()
        self._reload()

    def disconnect_server(self) -> None:
        """Back to this computer's own home; the kept token is forgotten."""
        backend = self.window.backend
        if not isinstance(backend, RemoteBackend):
            return
        forget_token(backend.url)
        try:
            self.window.settings = save_settings(self.window.settings, {"server_url": ""})
        except KnownError as exc:
            self.window.reporter.report(exc)
        self._install(Backend(self.window.settings))
        self._reload()

    def _offer_retry(self, box: QMessageBox) -> None:
        """A «no connection» dialog gets «Retry» and replaces the one shown before (no pile of them)."""
        if box.property("errorClass") != ServerUnreachableError.__name__:
            return
        for older in self.window.reporter.dialogs:
            if older is not box and older.property("errorClass") == ServerUnreachableError.__name__:
                older.close()
        retry = box.addButton(self.tr("Retry"), QMessageBox.ButtonRole.AcceptRole)
        retry.setObjectName("retryInDialog")
        retry.clicked.connect(self.retry)

    def retry(self) -> None:
        """Ask the server again: who am I, its counts and index; the label follows the answer."""
        backend = self.window.backend
        if isinstance(backend, RemoteBackend):
            self.label.setText(self.tr("Server: %1 — connecting…").replace("%1", backend.url))
            self.window.load_search()

    # -- the window ------------------------------------------------------------------------

    def _install(self, backend: Backend | RemoteBackend) -> None:
        window = self.window
        old, window.backend = window.backend, backend
        self._close_when_idle(old)
        window.index_status = None
        window.last_outcome = None
        window.search_tab.show_results([], "")
        window.search_tab.viewer.clear()
        window.analytics_tab.dashboard = None
        self._lookups_seen = 0
        self._set_state("connected" if isinstance(backend, RemoteBackend) else "local")

    def _close_when_idle(self, backend: Backend | RemoteBackend) -> None:
        """Close the backend left once no job of it runs any more."""
        runner = self.window.runner
        if not runner.active:
            backend.close()
            return

        def closed(busy: bool) -> None:
            if not busy:
                runner.busy_changed.disconnect(closed)
                backend.close()

        runner.busy_changed.connect(closed)

    def _reload(self) -> None:
        self.window.refresh_lookups()
        self.window.load_search()
        self.window.status.refresh_model()

    def _on_answer(self, answered: bool) -> None:
        backend = self.window.backend
        if not isinstance(backend, RemoteBackend):
            return
        self._set_state("connected" if answered else "lost")
        if answered and backend.lookups_version != self._lookups_seen:  # new counts and facets from the server
            self._lookups_seen = backend.lookups_version
            self.window.refresh_lookups()

    def _set_state(self, state: str) -> None:
        changed = state != self.state
        self.state = state
        self._show()
        if changed:
            self.state_changed.emit(state)

    def _show(self) -> None:
        backend = self.window.backend
        remote = isinstance(backend, RemoteBackend)
        self.label.setVisible(remote)
        self.retry_button.setVisible(self.state == "lost")
        self.disconnect_action.setVisible(remote)
        if isinstance(backend, RemoteBackend):
            if self.state == "lost":
                self.label.setStyleSheet(LOST_STYLE)
                self.label.setText(self.tr("Server: %1 — no connection").replace("%1", backend.url))
            else:
                self.label.setStyleSheet("")
                self.label.setText(self.tr("Server: %1").replace("%1", backend.url) + who(backend.user))
            self.label.setToolTip(self.tr("Searches, calls, ratings and analytics come from this server."))
        apply_role(self.window, self.import_action, backend)

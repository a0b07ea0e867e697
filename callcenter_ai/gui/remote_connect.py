"""«Подключиться к серверу»: the server's address and the user's token.

The dialog only asks; :class:`~callcenter_ai.gui.remote_session.RemoteSession`
checks the pair with the server on a worker and either closes the dialog or
shows why the server could not be used, here, in the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from callcenter_ai.core.errors import KnownError
from callcenter_ai.gui.dialogs import error_text, explain


def refusal_text(exc: BaseException) -> str:
    """Why the server could not be used, with what to do, for the dialog's own label."""
    if not isinstance(exc, KnownError):
        return str(exc)
    title, advice = explain(exc)
    return "\n".join(part for part in (error_text(exc), advice) if part and part != title)


class ConnectDialog(QDialog):
    """Emits ``connect_requested(url, token, remember)``; :meth:`failed` shows the answer and lets the user retry."""

    connect_requested = Signal(str, str, bool)

    def __init__(self, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect to a server"))
        intro = QLabel(
            self.tr(
                "Work on the call center's shared archive instead of this computer's own calls. "
                "The administrator gives you the address and your token."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.url = QLineEdit(url, self)
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("https://callcenter.example.ru")
        self.token = QLineEdit(self)
        self.token.setObjectName("serverToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText("cc_…")
        self.remember = QCheckBox(self.tr("Remember the token in the system keyring"), self)
        self.remember.setChecked(True)
        self.error = QLabel(self)
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Server address:"), self.url)
        form.addRow(self.tr("Token:"), self.token)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("Connect"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._ask)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _ask(self) -> None:
        url, token = self.url.text().strip(), self.token.text().strip()
        if not url:
            self.failed(self.tr("Enter the server's address."))
            return
        self.error.setText(self.tr("Connecting to %1…").replace("%1", url))
        self.error.setStyleSheet("")
        self.error.setVisible(True)
        self.connect_button.setEnabled(False)
        self.connect_requested.emit(url, token, self.remember.isChecked())

    def failed(self, text: str) -> None:
        """Show why the connection was refused; the fields stay as typed for another try."""
        self.error.setStyleSheet("color: #b00020")
        self.error.setText(text)
        self.error.setVisible(True)
        self.connect_button.setEnabled(True)

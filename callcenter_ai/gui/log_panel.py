"""The log panel: log records from any thread, shown on the GUI thread in the interface language."""

from __future__ import annotations

import contextlib
import html
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from callcenter_ai.gui.log_lines import display_line

MAX_LINES = 5000


class _Emitter(QObject):
    record = Signal(str, int)


class QtLogHandler(logging.Handler):
    """Formats records on the logging thread and hands the text to the GUI thread by a signal."""

    def __init__(self, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.emitter = _Emitter()

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(RuntimeError):  # the emitter was deleted while the app closes
            self.emitter.record.emit(display_line(record), record.levelno)


class LogPanel(QWidget):
    """Read-only view of the app's log, in the interface language (``log_lines.py``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(MAX_LINES)
        self.view.setFont(QFont("DejaVu Sans Mono", 9))
        self.view.setObjectName("logView")
        self.debug_box = QCheckBox(self.tr("Show debug messages"), self)
        clear = QPushButton(self.tr("Clear"), self)
        clear.clicked.connect(self.view.clear)
        row = QHBoxLayout()
        row.addWidget(self.debug_box)
        row.addStretch(1)
        row.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view)

    def append(self, text: str, level: int) -> None:
        if level < logging.INFO and not self.debug_box.isChecked():
            return
        colour = "#b00020" if level >= logging.ERROR else "#a05a00" if level >= logging.WARNING else "#202020"
        escaped = html.escape(text).replace("\n", "<br>")
        self.view.appendHtml(f'<span style="color:{colour}; white-space:pre-wrap">{escaped}</span>')
        self.view.moveCursor(QTextCursor.MoveOperation.End)

    def text(self) -> str:
        return self.view.toPlainText()

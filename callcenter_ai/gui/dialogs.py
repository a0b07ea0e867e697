"""One place for the messages the user sees: known failures, crashes, notices.

Known failures (:class:`~callcenter_ai.core.errors.KnownError`) get a dialog
saying what happened and what to do; anything else is a bug and gets the
crash dialog, with the traceback in the log.  Dialogs are opened with
``open()``, never ``exec()``, so nothing blocks the event loop (or a test).

The core's messages carry a catalog key (:mod:`callcenter_ai.core.messages`):
they are translated here through Qt (context ``CoreMessages``) and filled with
the same values, so file names, lines and fields stay exact.  A message
without a key, or a translation that does not fit its values, shows in English.
The texts themselves are built in :mod:`callcenter_ai.gui.error_texts`.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
import weakref
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from callcenter_ai.core import errors
from callcenter_ai.core.store import lock_wait
from callcenter_ai.gui.error_texts import error_text, explain, hint_text, problem_text, translate_message
from callcenter_ai.gui.plain_text import operator_hint

__all__ = [
    "ErrorReporter",
    "crash_box",
    "error_text",
    "explain",
    "format_exception",
    "hint_text",
    "info_box",
    "known_error_box",
    "problem_text",
    "translate_message",
    "warning_box",
]

log = logging.getLogger(__name__)


SHOWN_PROBLEMS = 5  # a file's problems listed in the dialog itself; all of them in «Подробности»


def listed_problems(exc: errors.InputError) -> str:
    """The file's first problems as an operator reads them («Строка 2: дата и время: …»), and how many more."""
    lines = [
        QCoreApplication.translate("Dialogs", "Line %1: %2")
        .replace("%1", str(p.line))
        .replace("%2", problem_text(p, in_words=True, located=False))
        for p in exc.problems[:SHOWN_PROBLEMS]
    ]
    if len(exc.problems) > SHOWN_PROBLEMS:
        more = str(len(exc.problems) - SHOWN_PROBLEMS)
        lines.append(QCoreApplication.translate("Dialogs", "… and %1 more (see the details)").replace("%1", more))
    return "\n".join(lines)


def known_error_box(parent: QWidget | None, exc: errors.KnownError) -> QMessageBox:
    title, advice = explain(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("knownErrorDialog")
    hint = hint_text(exc.hint)
    plain_hint = operator_hint(hint)  # commands and option names only in the details, for admins
    said = QCoreApplication.translate("Dialogs", "Hint: ")
    listed = listed_problems(exc) if isinstance(exc, errors.InputError) and exc.problems else ""
    if listed:  # the advice asks to fix the lines listed under it; the hint would repeat the advice
        plain_hint = ""
    box.setInformativeText("\n\n".join(part for part in (advice, listed, plain_hint and said + plain_hint) if part))
    moved = hint if hint != plain_hint else ""
    box.setDetailedText("\n\n".join(part for part in (error_text(exc), moved and said + moved) if part))
    box.setProperty("errorClass", type(exc).__name__)
    return box


def crash_box(parent: QWidget | None, details: str) -> QMessageBox:
    title = QCoreApplication.translate("Dialogs", "Unexpected error")
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        title,
        QCoreApplication.translate("Dialogs", "Something went wrong inside CallCenter AI (a bug)."),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("crashDialog")
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs", "The details are in the log panel. Please send them to the developers. You can keep working."
        )
    )
    box.setDetailedText(details)
    return box


def info_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("infoDialog")
    return box


def warning_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A job finished but something needs the user's attention (the job's summary is the title)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("warningDialog")
    box.setInformativeText(text)
    return box


def format_exception(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class ErrorReporter(QObject):
    """Shows known failures and crashes; safe to call from any thread through its signals.

    With a main window it also shows, in the status bar, when a write waits for
    another program's lock on the database (:mod:`callcenter_ai.core.store.lock_wait`).
    """

    crashed = Signal(str)
    dialog_opened = Signal(object)
    database_wait = Signal(object)  # core LockWait, delivered on the GUI thread

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        self._dialogs: list[QMessageBox] = []
        self._in_crash = False
        self.crashed.connect(self._show_crash)
        if isinstance(parent_widget, QMainWindow):
            self._wait_signal = _WaitSignal()
            self._wait_signal.changed.connect(self._show_database_wait)
            self._stop_watching = lock_wait.add_listener(_forwarder(self._wait_signal))
            parent_widget.destroyed.connect(self._stop_watching)

    def _show_database_wait(self, wait: lock_wait.LockWait) -> None:
        window = self.parent_widget
        if not isinstance(window, QMainWindow) or not shiboken6.isValid(window):
            return
        if wait.state == "waiting":
            text = QCoreApplication.translate(
                "Dialogs", "Waiting for the database: another program is writing to it (up to %1 s)…"
            ).replace("%1", f"{wait.timeout_s:g}")
            window.statusBar().showMessage(text)
        else:
            window.statusBar().clearMessage()
        self.database_wait.emit(wait)

    def stop_watching_database(self) -> None:
        stop = getattr(self, "_stop_watching", None)
        if stop is not None:
            stop()

    def report(self, exc: BaseException) -> QMessageBox | None:
        """Show ``exc``: a known failure's dialog, or the crash dialog for a bug."""
        if isinstance(exc, errors.KnownError):
            log.warning("known failure: %s", exc)  # the class is in the dialog's details
            return self.open_dialog(known_error_box(self.parent_widget, exc))
        return self._show_crash(format_exception(exc))

    def _show_crash(self, details: str) -> QMessageBox | None:
        """The crash dialog; a failure while showing it is logged, never reported again (no loop)."""
        if self._in_crash:
            log.critical("another failure while the crash dialog was being opened\n%s", details)
            return None
        self._in_crash = True
        try:
            return self.open_dialog(crash_box(self.parent_widget, details))
        except Exception:
            log.critical("the crash dialog could not be shown\n%s", details, exc_info=True)
            return None
        finally:
            self._in_crash = False

    @property
    def dialogs(self) -> list[QMessageBox]:
        """The dialogs still open (a closed one deletes itself and leaves this list)."""
        self._dialogs = [d for d in self._dialogs if shiboken6.isValid(d)]
        return list(self._dialogs)

    def open_dialog(self, box: QMessageBox) -> QMessageBox:
        self._dialogs.append(box)
        box.destroyed.connect(lambda _obj=None, b=box: self._forget(b))
        box.finished.connect(box.deleteLater)
        box.open()
        self.dialog_opened.emit(box)
        return box

    def _forget(self, box: QMessageBox) -> None:
        self._dialogs = [d for d in self._dialogs if d is not box]

    # -- hooks ---------------------------------------------------------------

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.critical("unhandled exception\n%s", details)
        if isinstance(value, errors.KnownError):
            self.report(value)
        else:
            self.crashed.emit(details)

    def thread_excepthook(self, hook_args: threading.ExceptHookArgs) -> None:
        if hook_args.exc_value is None:
            return
        details = "".join(traceback.format_exception(hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback))
        name = hook_args.thread.name if hook_args.thread else "?"
        log.critical("unhandled exception in thread %s\n%s", name, details)
        self.crashed.emit(details)  # queued to the GUI thread

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook


class _WaitSignal(QObject):
    changed = Signal(object)


def _forwarder(target: _WaitSignal) -> lock_wait.LockWaitListener:
    """A lock-wait listener (called on a worker thread) that hands the wait to the GUI thread by a signal."""
    ref = weakref.ref(target)

    def forward(wait: lock_wait.LockWait) -> None:
        signal_object = ref()
        if signal_object is None:
            return
        try:
            signal_object.changed.emit(wait)  # queued: the object lives on the GUI thread
        except RuntimeError:  # its window is gone
            log.debug("lock-wait notice for a closed window dropped")

    return forward

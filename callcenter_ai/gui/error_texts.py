"""The texts of known failures in the interface language (context ``Dialogs`` for the advice,
``CoreMessages`` for the core's catalog messages and hints)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core import errors, messages
from callcenter_ai.core.remote import ServerRefusedError, ServerUnreachableError
from callcenter_ai.gui.field_words import field_words

log = logging.getLogger(__name__)


def explain(exc: errors.KnownError) -> tuple[str, str]:
    """(title, what to do) for a known failure, translated."""
    if isinstance(exc, errors.DatabaseLockedError):
        return QCoreApplication.translate("Dialogs", "The database is locked"), QCoreApplication.translate(
            "Dialogs",
            "Another CallCenter AI window or job is writing to the database. "
            "Wait for it to finish or close it, then try again.",
        )
    if isinstance(exc, errors.DatabaseCorruptError):
        return QCoreApplication.translate("Dialogs", "The database is damaged"), QCoreApplication.translate(
            "Dialogs", "Restore data/callcenter.db from a backup, or move the file away and import the calls again."
        )
    if isinstance(exc, errors.SchemaTooNewError):
        return QCoreApplication.translate(
            "Dialogs", "The database is from a newer version"
        ), QCoreApplication.translate("Dialogs", "Update CallCenter AI, or start it with another home folder (--home).")
    if isinstance(exc, errors.StoreError) and exc.key == "store.no_calls_yet":
        return QCoreApplication.translate("Dialogs", "No calls yet"), QCoreApplication.translate(
            "Dialogs", "Import files (File menu) or generate the demo set, then search again."
        )
    if isinstance(exc, errors.StoreError) and exc.key == "store.no_server":
        return QCoreApplication.translate(
            "Dialogs", "No connection to the database server"
        ), QCoreApplication.translate(
            "Dialogs", "Check that the server is running and the database_url setting is right, then start again."
        )
    if isinstance(exc, errors.StoreError):
        return QCoreApplication.translate("Dialogs", "The database cannot be used"), QCoreApplication.translate(
            "Dialogs", "Check that the disk has free space and the folder is writable."
        )
    if isinstance(exc, errors.IndexCorruptError):
        return QCoreApplication.translate("Dialogs", "The search index is damaged"), QCoreApplication.translate(
            "Dialogs", "Rebuild it on the Indexing tab (\u00abRebuild index\u00bb). Keyword search works meanwhile."
        )
    if isinstance(exc, errors.IndexMismatchError):
        return QCoreApplication.translate(
            "Dialogs", "The index was built by another model"
        ), QCoreApplication.translate(
            "Dialogs",
            "Rebuild the index for the current model on the Indexing tab, or set the model back in the settings.",
        )
    if isinstance(exc, errors.IndexFileError):
        return QCoreApplication.translate("Dialogs", "The search index cannot be used"), QCoreApplication.translate(
            "Dialogs", "Rebuild it on the Indexing tab."
        )
    if isinstance(exc, errors.ModelUnavailableError):
        return QCoreApplication.translate(
            "Dialogs", "The embedding model is not available"
        ), QCoreApplication.translate(
            "Dialogs",
            "The first start downloads the model from the internet: check the connection, or set a local "
            "model folder in the settings (option model). Keyword search works without the model.",
        )
    if isinstance(exc, ServerUnreachableError):
        return QCoreApplication.translate("Dialogs", "No connection to the server"), QCoreApplication.translate(
            "Dialogs", "Nothing was lost: the window goes on as soon as the server answers again."
        )
    if isinstance(exc, ServerRefusedError):
        return QCoreApplication.translate("Dialogs", "The server refused"), QCoreApplication.translate(
            "Dialogs", "Connect again with a valid token (File menu, «Connect to a server…»)."
        )
    if isinstance(exc, errors.InputError):
        return QCoreApplication.translate("Dialogs", "The file cannot be imported"), QCoreApplication.translate(
            "Dialogs", "Fix the lines listed below, or import with \u00abSkip invalid records\u00bb."
        )
    if isinstance(exc, errors.ConfigError):
        return QCoreApplication.translate("Dialogs", "A setting is invalid"), QCoreApplication.translate(
            "Dialogs", "Correct the value in settings.json or on the command line."
        )
    if isinstance(exc, errors.NotFoundError):
        return QCoreApplication.translate("Dialogs", "Not found"), QCoreApplication.translate(
            "Dialogs", "The call may have been deleted; search again."
        )
    return QCoreApplication.translate("Dialogs", "The operation failed"), ""


def translate_message(message: messages.Message) -> str:
    """A catalog message in the interface language (English when it has no fitting translation)."""
    template = QCoreApplication.translate(messages.CONTEXT, messages.MESSAGES[message.key])
    try:
        return messages.render(template, message.params, translate_message)
    except (KeyError, IndexError, ValueError) as exc:
        log.error("translation of message %r does not fit its values: %s", message.key, exc)
        return str(message)


def problem_text(problem: errors.Problem, *, in_words: bool = False, located: bool = True) -> str:
    """``file:line: [field: ]reason`` with the reason translated (without ``file:line: `` unless ``located``).

    The field is its path in the file (for a dialog's «Подробности»), or, ``in_words``, what an
    operator reads (``turns[0].speaker``: «реплика 1, кто говорит»).
    """
    reason_message = problem.reason_message
    reason = problem.reason if reason_message is None else translate_message(reason_message)
    what = f"{field_words(problem.field) if in_words else problem.field}: {reason}" if problem.field else reason
    return f"{problem.source}:{problem.line}: {what}" if located else what


def error_text(exc: errors.KnownError) -> str:
    """What failed, where, in the interface language: the core's message, translated where it has a key."""
    if isinstance(exc, errors.InputError):
        summary = translate_message(messages.Message(exc.key, exc.params)) if exc.key else exc.summary
        return "\n".join([summary, *(problem_text(p) for p in exc.problems)])
    return translate_message(messages.Message(exc.key, exc.params)) if exc.key else exc.message


def hint_text(hint: str) -> str:
    """A core hint in the interface language (the catalog's hints are translated as they are)."""
    return QCoreApplication.translate(messages.CONTEXT, hint) if hint else ""

"""A log record as a line of the Журнал tab, in the interface language.

The app logs in English; here the record's template is translated (context
``Log``, :mod:`callcenter_ai.gui.i18n.log_catalog`) and filled with the same
values, a core error or catalog message among them translated too.  The
processor's events (``core/embedding/events.py``) become one plain sentence per
kind; their English details stay in the English log (``-v`` on stderr).  A
template without a translation, or one that does not fit its values, keeps
its English text.  Thread-safe: ``QCoreApplication.translate`` may be called
from the logging thread.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.messages import Message
from callcenter_ai.gui.error_texts import error_text, translate_message

CONTEXT = "Log"
EVENTS_LOGGER = "callcenter_ai.core.embedding.events"
_LEVELS = (
    (logging.CRITICAL, "Failure"),
    (logging.ERROR, "Error"),
    (logging.WARNING, "Warning"),
    (logging.INFO, "Information"),
    (logging.NOTSET, "Debug"),
)
_EVENTS = {
    "load": "The model was loaded",
    "unload": "The model was unloaded from memory",
    "fallback": "The model works in a fallback mode",
    "oom": "Out of memory: the batch or the device is changed and the work goes on",
    "nan": "A batch gave invalid numbers and is redone at full precision",
    "info": "Model notice",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def level_word(level: int) -> str:
    return _tr(next(word for at_least, word in _LEVELS if level >= at_least))


def message_text(record: logging.LogRecord) -> str:
    """The record's message in the interface language (English where there is no translation)."""
    if record.name == EVENTS_LOGGER and isinstance(record.args, tuple) and record.args:
        event = _EVENTS.get(str(record.args[0]))
        if event is not None:
            return _tr(event)
    if not isinstance(record.msg, str):
        return record.getMessage()
    template = _tr(record.msg)
    if template == record.msg and not isinstance(record.args, tuple):
        return record.getMessage()
    args = tuple(_value(a) for a in record.args) if isinstance(record.args, tuple) else record.args
    try:
        return template % args if args else template
    except (TypeError, ValueError, KeyError):
        return record.getMessage()


def display_line(record: logging.LogRecord) -> str:
    """``HH:MM:SS Предупреждение: …`` with a traceback (for developers, as it is) under an error."""
    stamp = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
    line = f"{stamp} {level_word(record.levelno)}: {message_text(record)}"
    if record.exc_info and record.exc_info[1] is not None:
        line += "\n" + logging.Formatter().formatException(record.exc_info)
    return line


def _value(value: object) -> object:
    if isinstance(value, KnownError):
        return error_text(value)
    if isinstance(value, Message):
        return translate_message(value)
    return value

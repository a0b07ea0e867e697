"""A field of an imported record as an operator reads it: «реплика 3, кто говорит», not ``turns[2].speaker``.

The core names fields by their path in the file (``turns[2].speaker``, ``duration_s``), which an
admin needs to fix the file; the window says it in words and keeps the path in the log's details.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_TURN_FIELD = re.compile(r"^turns\[(\d+)\](?:\.(\w+))?$")


def _name(field: str) -> str:
    names = {
        "id": QCoreApplication.translate("Fields", "call id"),
        "started_at": QCoreApplication.translate("Fields", "date and time"),
        "duration_s": QCoreApplication.translate("Fields", "duration"),
        "operator": QCoreApplication.translate("Fields", "operator"),
        "topic": QCoreApplication.translate("Fields", "topic"),
        "channel": QCoreApplication.translate("Fields", "channel"),
        "direction": QCoreApplication.translate("Fields", "direction"),
        "outcome": QCoreApplication.translate("Fields", "outcome"),
        "client_id": QCoreApplication.translate("Fields", "client"),
        "turns": QCoreApplication.translate("Fields", "turns"),
        "text": QCoreApplication.translate("Fields", "text"),
        "speaker": QCoreApplication.translate("Fields", "who speaks"),
        "start": QCoreApplication.translate("Fields", "start time"),
        "end": QCoreApplication.translate("Fields", "end time"),
        "order": QCoreApplication.translate("Fields", "turn order"),
        "metadata": QCoreApplication.translate("Fields", "extra fields"),
    }
    return names.get(field, f"«{field}»")


def field_words(field: str) -> str:
    """``turns[2].speaker`` -> «реплика 3, кто говорит»; ``duration_s`` -> «длительность»; others quoted."""
    turn = _TURN_FIELD.match(field)
    if turn is None:
        return _name(field)
    words = QCoreApplication.translate("Fields", "turn %1").replace("%1", str(int(turn[1]) + 1))
    return f"{words}, {_name(turn[2])}" if turn[2] else words

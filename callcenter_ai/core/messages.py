"""The catalog of messages the core shows to users: a stable key per English template.

A failure that reaches a user carries a :class:`Message` (key + values) next
to its English text: :class:`~callcenter_ai.core.errors.KnownError` has
``key`` / ``params`` and :class:`~callcenter_ai.core.errors.Problem` has
``reason_key`` / ``params``.  The CLI, the API, the log and the tests read the
English text, rendered here; the GUI translates the template through Qt
(context :data:`CONTEXT`, the English template as source text) and fills in
the same values, so file names, line numbers and fields stay exact.

Templates use :meth:`str.format` fields; a value may itself be a
:class:`Message` (a word such as "an object" that is translated too).  Hints
are fixed texts translated as they are (:data:`HINTS`).  No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from callcenter_ai.core.message_hints import HINTS, REBUILD
from callcenter_ai.core.message_texts import MESSAGES

CONTEXT: Final = "CoreMessages"

__all__ = [
    "CONTEXT",
    "HINTS",
    "JSON_ERRORS",
    "MESSAGES",
    "REBUILD",
    "Message",
    "json_error",
    "msg",
    "render",
]


# Python's JSON decoder messages that have a key above.
JSON_ERRORS: Final[dict[str, str]] = {
    MESSAGES[key]: key
    for key in (
        "json.error.expecting_value",
        "json.error.expecting_comma",
        "json.error.expecting_colon",
        "json.error.expecting_name",
        "json.error.unterminated_string",
        "json.error.control_character",
        "json.error.bad_escape",
        "json.error.bad_unicode_escape",
        "json.error.extra_data",
    )
}


@dataclass(frozen=True)
class Message:
    """A catalog key and the values of its template; ``str()`` is the English text."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.key not in MESSAGES:
            raise KeyError(f"no message {self.key!r} in the catalog")

    def __str__(self) -> str:
        return render(MESSAGES[self.key], self.params, str)


def msg(key: str, /, **params: object) -> Message:
    """``Message(key, params)`` written shortly: ``msg("input.empty_file", source=path)``."""
    return Message(key, params)


def json_error(text: str) -> Message | str:
    """A JSON decoder's message as a catalog message where it has one, else as it is."""
    key = JSON_ERRORS.get(text)
    return msg(key) if key else text


def render(template: str, params: Mapping[str, object], show: Callable[[Message], str]) -> str:
    """Fill ``template``; nested messages are turned into text by ``show`` (English: ``str``)."""
    values = {name: show(value) if isinstance(value, Message) else value for name, value in params.items()}
    return template.format_map(values)

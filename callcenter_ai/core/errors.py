"""Errors the user can act on.

Environment and input failures become a :class:`KnownError` carrying a message
for the user and, where useful, a hint saying what to do.  Anything else is a
bug and must reach the crash handler.  Catch ``KnownError`` only at the edges
(GUI, CLI, API).  A message may be given as a catalog
:class:`~callcenter_ai.core.messages.Message`: the English text is the same,
and ``key`` / ``params`` let the GUI show it translated.

    KnownError
    ├── InputError              bad import file; ``problems`` lists file:line: reason
    ├── ConfigError             a setting or command-line value is invalid
    ├── NotFoundError           an unknown call id (HTTP 404)
    ├── StoreError              the SQLite store cannot be used
    │   ├── DatabaseLockedError
    │   ├── DatabaseCorruptError
    │   └── SchemaTooNewError   written by a newer version of the app
    ├── IndexFileError          a FAISS index cannot be used as it is
    │   ├── IndexCorruptError   checksum / format failure: rebuild it
    │   └── IndexMismatchError  model id or dims differ from the settings
    └── ModelUnavailableError   the embedding model cannot be loaded
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from callcenter_ai.core.messages import Message


class KnownError(Exception):
    """A failure with a clear message for the user (not a bug).

    ``key`` and ``params`` name the catalog message (empty for a plain text).
    """

    def __init__(self, message: str | Message, *, hint: str = "") -> None:
        text = str(message)
        super().__init__(text)
        self.message = text
        self.hint = hint
        self.key = message.key if isinstance(message, Message) else ""
        self.params: Mapping[str, object] = message.params if isinstance(message, Message) else {}

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem found in an input file, located by file, line and field.

    ``reason_key`` / ``params`` name the catalog message of ``reason`` (see :meth:`of`).
    """

    source: str
    line: int
    reason: str
    field: str = ""
    reason_key: str = dataclasses.field(default="", compare=False)
    params: Mapping[str, object] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, source: str, line: int, reason: Message, field: str = "") -> Problem:
        return cls(source, line, str(reason), field, reason.key, reason.params)

    @property
    def reason_message(self) -> Message | None:
        return Message(self.reason_key, self.params) if self.reason_key else None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


class InputError(KnownError):
    """An input file has problems; ``problems`` says where and why."""

    def __init__(self, summary: str | Message, problems: list[Problem] | None = None, *, hint: str = "") -> None:
        self.summary = str(summary)
        self.problems = list(problems or [])
        listed = "\n".join([self.summary, *map(str, self.problems)])
        super().__init__(listed if self.problems else summary, hint=hint)
        if isinstance(summary, Message):  # the key names the summary; each problem has its own
            self.key, self.params = summary.key, summary.params


class ConfigError(KnownError):
    """A setting or a command-line value is invalid."""


class NotFoundError(KnownError):
    """An unknown call (dialog) id."""


class StoreError(KnownError):
    """The SQLite store cannot be used."""


class DatabaseLockedError(StoreError):
    """Another process holds a write lock for too long."""


class DatabaseCorruptError(StoreError):
    """The database file is damaged or is not a database."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of the app."""


class IndexFileError(KnownError):
    """A FAISS index file cannot be used as it is."""


class IndexCorruptError(IndexFileError):
    """The index file fails its checksum or cannot be read: rebuild it."""


class IndexMismatchError(IndexFileError):
    """The index was built by another model or with other dims."""


class ModelUnavailableError(KnownError):
    """The embedding model cannot be loaded (no cache, no network, no memory)."""

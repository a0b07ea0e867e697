"""Errors the user can act on.

Environment and input failures become a :class:`KnownError` carrying a message
for the user and, where useful, a hint saying what to do.  Anything else is a
bug and must reach the crash handler.  Catch ``KnownError`` only at the edges
(GUI, CLI, API).

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

from dataclasses import dataclass


class KnownError(Exception):
    """A failure with a clear message for the user (not a bug)."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, located by file, line and field."""

    source: str
    line: int
    reason: str
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


class InputError(KnownError):
    """An input file has problems; ``problems`` says where and why."""

    def __init__(self, summary: str, problems: list[Problem] | None = None, *, hint: str = "") -> None:
        self.summary = summary
        self.problems = list(problems or [])
        super().__init__("\n".join([summary, *(str(p) for p in self.problems)]), hint=hint)


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

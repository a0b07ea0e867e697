"""SQL over the store's tables on either engine, for the reports (core/analytics).

The reports run their own queries (counts off triggers and indexes, the
newest calls of a drill-down) and so take a :class:`Sql`: the home's
``sqlite3.Connection`` itself, or the server's session
(``core.engines.pg.sql.PgSql``), which takes the same ``?`` placeholders.
Queries are written once in the SQL both understand; the few that differ
(dates, JSON fields, vectors) ask :func:`is_postgres`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol, runtime_checkable

from callcenter_ai.core.store.database import transaction as sqlite_transaction


class Sql(Protocol):
    """What the reports use of a connection: ``execute`` (rows by ``fetchone``, ``fetchall`` or iteration)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...
    def executemany(self, sql: str, parameters: Any, /) -> Any: ...


@runtime_checkable
class ServerSql(Sql, Protocol):
    """A server's session: it says how to hold one transaction."""

    def transaction(self) -> AbstractContextManager[object]: ...


def is_postgres(db: Sql) -> bool:
    return not isinstance(db, sqlite3.Connection)


@contextmanager
def transaction(db: Sql) -> Iterator[Sql]:
    """All writes inside commit together or not at all, on either engine."""
    if isinstance(db, sqlite3.Connection):
        with sqlite_transaction(db):
            yield db
        return
    if not isinstance(db, ServerSql):
        raise TypeError(f"not a store session: {type(db).__name__}")
    with db.transaction():
        yield db

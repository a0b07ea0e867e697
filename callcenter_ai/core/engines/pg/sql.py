"""The server's tables as a :class:`~callcenter_ai.core.store.sql.Sql` session for the reports (core/analytics)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

import psycopg

from callcenter_ai.core.engines.pg.database import PgDatabase, translate_error


def server_sql(text: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled): the reports write SQL once for both."""
    return text.replace("%", "%%").replace("?", "%s")


class Rows:
    """A statement's rows, read whole before the connection went back to the pool."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows
        self._at = 0

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        rest, self._at = self._rows[self._at :], len(self._rows)
        return rest

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


class PgSql:
    """Statements with ``?`` placeholders on the pool; inside :meth:`transaction` all on one connection."""

    def __init__(self, database: PgDatabase) -> None:
        self.database = database

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Rows:
        return Rows(self.database.execute(server_sql(sql), tuple(parameters)))

    def executemany(self, sql: str, parameters: Sequence[Sequence[Any]], /) -> None:
        rows = [tuple(p) for p in parameters]
        if not rows:
            return
        with self.database.connection() as conn:
            try:
                with conn.cursor() as cursor:
                    cursor.executemany(server_sql(sql), rows)
            except psycopg.Error as exc:
                raise translate_error(exc, self.database.url) from exc

    def transaction(self) -> AbstractContextManager[object]:
        return self.database.transaction()

"""Connecting to PostgreSQL: a psycopg 3 pool, migrations on open, one transaction per thread, error mapping."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import psycopg
from pgvector.psycopg import register_vector
from psycopg_pool import ConnectionPool, PoolTimeout

from callcenter_ai.core.engines.pg.schema import MIGRATIONS, latest_version
from callcenter_ai.core.errors import DatabaseLockedError, SchemaTooNewError, StoreError
from callcenter_ai.core.messages import HINTS, msg

log = logging.getLogger(__name__)

_MIGRATION_LOCK = 7_140_001  # advisory lock key held while migrating
POOL_MAX = 8


def display_url(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    return parts._replace(netloc=netloc[0].split(":", 1)[0] + ":***@" + netloc[1]).geturl()


def translate_error(exc: Exception, url: str) -> StoreError:
    """A failure of the server or the connection as a KnownError for the user."""
    where = display_url(url)
    if isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.DeadlockDetected | PoolTimeout):
        return DatabaseLockedError(msg("store.locked", path=where), hint=HINTS["store.locked"])
    if isinstance(exc, psycopg.OperationalError):  # refused, timed out, dropped: the server is not reachable
        return StoreError(msg("store.no_server", path=where, error=_first_line(exc)), hint=HINTS["store.no_server"])
    return StoreError(msg("store.error", path=where, error=_first_line(exc)))


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def migrate(url: str) -> list[int]:
    """Create or update the schema at ``url``; refuse a schema newer than this app. Returns versions applied."""
    applied: list[int] = []
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
            try:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY,"
                    " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
                )
                row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
                current = int(row[0]) if row else 0
                if current > latest_version():
                    raise SchemaTooNewError(
                        msg("store.schema_too_new", path=display_url(url), version=current, latest=latest_version()),
                        hint=HINTS["store.schema_too_new"],
                    )
                for version, description, script in MIGRATIONS:
                    if version <= current:
                        continue
                    with conn.transaction():
                        conn.execute(script)
                        conn.execute(
                            "INSERT INTO schema_migrations (version, description) VALUES (%s, %s)",
                            (version, description),
                        )
                    applied.append(version)
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    except psycopg.Error as exc:
        raise translate_error(exc, url) from exc
    if applied:
        log.info("migrated %s to schema %s", display_url(url), applied[-1])
    return applied


def schema_version(url: str) -> int:
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    except psycopg.Error as exc:
        raise translate_error(exc, url) from exc
    return int(row[0]) if row else 0


class PgDatabase:
    """A pool of connections to one database; each thread's transaction pins one of them.

    Outside :meth:`transaction` every statement runs on a pooled connection
    and commits on its own; inside, all statements of that thread share one
    connection and commit (or roll back) together.
    """

    def __init__(self, url: str, *, max_size: int = POOL_MAX) -> None:
        self.url = url
        migrate(url)
        self._local = threading.local()
        try:
            self.pool = ConnectionPool(
                url,
                min_size=1,
                max_size=max_size,
                open=True,
                configure=register_vector,
                check=ConnectionPool.check_connection,
                name="callcenter",
            )
            self.pool.wait(timeout=30)
        except (psycopg.Error, PoolTimeout) as exc:
            raise translate_error(exc, url) from exc

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """This thread's transaction connection, or a pooled one that commits when the block ends."""
        pinned: psycopg.Connection[Any] | None = getattr(self._local, "conn", None)
        if pinned is not None:
            yield pinned
            return
        try:
            with self.pool.connection() as conn:
                yield conn
        except (psycopg.Error, PoolTimeout) as exc:
            raise translate_error(exc, self.url) from exc

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """One transaction on one connection for this thread; a nested call joins the outer one."""
        pinned: psycopg.Connection[Any] | None = getattr(self._local, "conn", None)
        if pinned is not None:
            yield pinned
            return
        try:
            with self.pool.connection() as conn, conn.transaction():
                self._local.conn = conn
                try:
                    yield conn
                finally:
                    self._local.conn = None
        except (psycopg.Error, PoolTimeout) as exc:
            raise translate_error(exc, self.url) from exc

    def execute(self, sql: Any, params: Any = None) -> list[tuple[Any, ...]]:
        """Run one statement; its rows (none for a statement without a result)."""
        with self.connection() as conn:
            try:
                cursor = conn.execute(sql, params)
                return cursor.fetchall() if cursor.description is not None else []
            except psycopg.Error as exc:
                raise translate_error(exc, self.url) from exc

    def scalar(self, sql: Any, params: Any = None) -> Any:
        rows = self.execute(sql, params)
        return rows[0][0] if rows else None

"""Choosing the engine once, from the ``database_url`` setting: empty is the home's SQLite, a URL the server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(url: str) -> bool:
    return url.startswith(POSTGRES_SCHEMES)


def engine_over(store: CallStore | Engine, settings: Settings) -> Engine:
    """``store`` as an engine: an engine as it is, an open SQLite store wrapped (closing stays with its opener)."""
    if isinstance(store, CallStore):
        from callcenter_ai.core.engines.sqlite import SqliteEngine

        return SqliteEngine(settings, store=store)
    return store


def store_exists(settings: Settings) -> bool:
    """Whether there is a store to read yet: a server always (it answers when opened), a home once its file is made."""
    return is_postgres_url(settings.database_url.strip()) or settings.db_path.exists()


@contextmanager
def using_engine(settings: Settings, shared: Engine | None = None, *, readonly: bool = False) -> Iterator[Engine]:
    """``shared`` as it is (its opener closes it), else the store ``settings`` name, opened now and closed after."""
    if shared is not None:
        yield shared
        return
    with open_engine(settings, readonly=readonly) as engine:
        yield engine


def open_shared_engine(settings: Settings) -> Engine | None:
    """The engine every thread of a server process may share, opened now, when the settings name one
    (PostgreSQL: a connection pool); None for the home's SQLite (each thread opens its own connection)."""
    return open_engine(settings) if is_postgres_url(settings.database_url.strip()) else None


def open_engine(settings: Settings, *, readonly: bool = False) -> Engine:
    """The store ``settings`` name, opened (and migrated when writable)."""
    url = settings.database_url.strip()
    if not url:
        from callcenter_ai.core.engines.sqlite import SqliteEngine

        return SqliteEngine(settings, readonly=readonly)
    if is_postgres_url(url):
        from callcenter_ai.core.engines.pg import PgEngine

        return PgEngine(url)
    scheme = url.split("://", 1)[0] + "://..." if "://" in url else url
    raise ConfigError(
        msg("config.wrong_type", source="settings", name="database_url", kind="empty or postgresql://...", value=scheme)
    )

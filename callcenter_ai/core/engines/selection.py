"""Choosing the engine once, from the ``database_url`` setting: empty is the home's SQLite, a URL the server."""

from __future__ import annotations

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

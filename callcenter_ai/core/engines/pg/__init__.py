"""The PostgreSQL + pgvector engine: one central archive for many desktops and the API server."""

from __future__ import annotations

from callcenter_ai.core.engines.pg import database
from callcenter_ai.core.engines.pg.calls import PgCalls
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.engines.pg.keyword import PgKeywordSearch
from callcenter_ai.core.engines.pg.ratings import PgRatings, PgRerankerStates
from callcenter_ai.core.engines.pg.schema import latest_version
from callcenter_ai.core.engines.pg.vectors import PgVectors

__all__ = ["PgEngine"]


class PgMigrations:
    def __init__(self, url: str) -> None:
        self.url = url

    def schema_version(self) -> int:
        return database.schema_version(self.url)

    def latest_version(self) -> int:
        return latest_version()


class PgEngine:
    """Every concern over one pool of connections to ``url`` (migrated when opened)."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        self.database = PgDatabase(url)
        self.calls = PgCalls(self.database)
        self.vectors = PgVectors(self.database)
        self.keyword = PgKeywordSearch(self.database)
        self.ratings = PgRatings(self.database, self.calls)
        self.rerankers = PgRerankerStates(self.database)
        self.migrations = PgMigrations(url)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> PgEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

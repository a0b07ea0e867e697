"""The PostgreSQL + pgvector engine: one central archive for many desktops and the API server."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from callcenter_ai.core.engines.pg import database
from callcenter_ai.core.engines.pg.calls import PgCalls
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.engines.pg.feedback import PgFeedbackSource
from callcenter_ai.core.engines.pg.keyword import PgKeywordSearch
from callcenter_ai.core.engines.pg.ratings import PgRatings, PgRerankerStates
from callcenter_ai.core.engines.pg.schema import latest_version
from callcenter_ai.core.engines.pg.sql import PgSql
from callcenter_ai.core.engines.pg.vectors import PgVectors
from callcenter_ai.core.settings import Settings

if TYPE_CHECKING:
    from callcenter_ai.core.engines.search import EngineSearch
    from callcenter_ai.core.search.query_vectors import EmbedderFactory

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
    thread_safe = True  # a pool: every thread takes its own connection

    def __init__(self, url: str) -> None:
        self.where = database.display_url(url)
        self.database = PgDatabase(url)
        self.calls = PgCalls(self.database)
        self.vectors = PgVectors(self.database)
        self.keyword = PgKeywordSearch(self.database)
        self.ratings = PgRatings(self.database, self.calls)
        self.rerankers = PgRerankerStates(self.database)
        self.migrations = PgMigrations(url)
        self.sql = PgSql(self.database)

    def check(self) -> None:
        """Nothing to check here: the server keeps its own files consistent."""

    def assign_topics(self, model_id: str) -> int:
        from callcenter_ai.core.analytics.topics import assign_new_calls

        return assign_new_calls(self.sql, model_id)

    def index_state(self, settings: Settings, model_id: str) -> dict[str, Any]:
        """The server's HNSW index of ``model_id``: ready once it holds vectors (the server keeps it current)."""
        counts = self.vectors.embedded_models()
        indexes = [{"model_id": m, "kind": "hnsw", "call_count": n, "served": m == model_id} for m, n in counts.items()]
        return {
            "path": self.where,
            "files": [],
            "state": "ready" if counts.get(model_id) else "absent",
            "model_id": model_id if counts.get(model_id) else None,
            "indexes": indexes,
        }

    def feedback(self) -> PgFeedbackSource:
        return PgFeedbackSource(self.database, self.calls, self.ratings, self.rerankers)

    def search_service(
        self, settings: Settings, embedder_factory: EmbedderFactory | None = None, *, model_id: str | None = None
    ) -> EngineSearch:
        from callcenter_ai.core.engines.search import EngineSearch

        return EngineSearch(settings, self, embedder_factory, model_id=model_id)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> PgEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

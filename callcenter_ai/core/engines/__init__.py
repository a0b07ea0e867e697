"""One store, two engines: SQLite + FAISS (one desktop) or PostgreSQL + pgvector (the call center's server)."""

from __future__ import annotations

from callcenter_ai.core.engines.interface import (
    Calls,
    Engine,
    KeywordSearch,
    Migrations,
    Ratings,
    RerankerStates,
    Searcher,
    TurnMatch,
    Vectors,
)
from callcenter_ai.core.engines.selection import (
    engine_over,
    is_postgres_url,
    open_engine,
    open_shared_engine,
    store_exists,
    using_engine,
)

__all__ = [
    "Calls",
    "Engine",
    "KeywordSearch",
    "Migrations",
    "Ratings",
    "RerankerStates",
    "Searcher",
    "TurnMatch",
    "Vectors",
    "engine_over",
    "is_postgres_url",
    "open_engine",
    "open_shared_engine",
    "store_exists",
    "using_engine",
]

"""Engine fixtures: every test taking ``engine`` runs on SQLite + FAISS and on PostgreSQL + pgvector."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.settings import Settings
from tests.pg_fixtures import ENGINES


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Engine]:
    opened: Engine
    if request.param == "sqlite":
        from callcenter_ai.core.engines.sqlite import SqliteEngine

        opened = SqliteEngine(settings)
    else:
        from callcenter_ai.core.engines.pg import PgEngine

        opened = PgEngine(request.getfixturevalue("pg_url"))
    try:
        yield opened
    finally:
        opened.close()

"""Import tests run on both engines (``engine`` from tests/pg_fixtures.py): on SQLite a file is one transaction of
the home's connection, on PostgreSQL one of the server's (its scratch tables in a private SQLite file).

``test_fuzz.py`` stays on SQLite: hypothesis makes a store per example (50 per test), too many for a database
each; the same all-or-nothing paths run on both engines here in test_jsonl.py and test_csv.py.
"""

from __future__ import annotations

import pytest

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.ingest import run_import
from tests.pg_fixtures import ENGINES, engine_on

from .helpers import call, write_jsonl


@pytest.fixture(scope="module", params=ENGINES)
def holding_one(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """A store holding one call, shared by a module's refused files (each test checks nothing changed)."""
    folder = tmp_path_factory.mktemp("ingest")
    engine = engine_on(request, request.param, folder / "home")
    run_import(engine.calls, write_jsonl(folder / "old.jsonl", [call("old")]))
    return engine

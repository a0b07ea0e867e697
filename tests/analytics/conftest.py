"""Homes on either engine for the analytics' command-line and API tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from callcenter_ai.core.engines import Engine, open_engine
from callcenter_ai.core.settings import Settings, load_settings, save_settings
from tests.pg_fixtures import ENGINES, home_on


@pytest.fixture(params=ENGINES)
def engine_settings(request: pytest.FixtureRequest, home: Path) -> Settings:
    """The settings of ``home``, whose store is its SQLite file or (``database_url`` saved) a fresh PostgreSQL."""
    url = home_on(request, request.param)
    if url:
        save_settings(load_settings(home, environ={}), {"database_url": url})
    return load_settings(home, environ={})


@pytest.fixture(params=ENGINES)
def any_engine(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Engine]:
    """The home's SQLite engine, or a fresh PostgreSQL one."""
    opened = open_engine(replace(settings, database_url=home_on(request, request.param)))
    try:
        yield opened
    finally:
        opened.close()

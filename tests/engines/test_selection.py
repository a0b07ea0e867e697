"""The engine is chosen once, from the database_url setting (env CALLCENTER_DATABASE_URL, then DATABASE_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.settings import load_settings


def test_database_url_from_the_environment(home: Path) -> None:
    assert load_settings(home, environ={}).database_url == ""
    assert load_settings(home, environ={"DATABASE_URL": "postgresql://a/b"}).database_url == "postgresql://a/b"
    both = {"DATABASE_URL": "postgresql://a/b", "CALLCENTER_DATABASE_URL": "postgresql://c/d"}
    assert load_settings(home, environ=both).database_url == "postgresql://c/d"


def test_empty_url_opens_the_home_sqlite_and_a_server_url_opens_postgresql(home: Path, pg_url: str) -> None:
    with open_engine(load_settings(home, environ={})) as engine:
        assert engine.name == "sqlite"
    assert (home / "data" / "callcenter.db").exists()
    with open_engine(load_settings(home, environ={"DATABASE_URL": pg_url})) as engine:
        assert engine.name == "postgresql"
        assert engine.calls.count("calls") == 0


def test_other_urls_are_refused_clearly(home: Path) -> None:
    with pytest.raises(ConfigError, match="database_url"):
        open_engine(load_settings(home, environ={"DATABASE_URL": "mysql://x/y"}))

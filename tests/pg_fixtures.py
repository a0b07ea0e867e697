"""PostgreSQL for the tests: one throwaway server per session, a fresh database per test.

The server is ``CALLCENTER_TEST_DATABASE_URL`` when set (its user must be
allowed to create databases and the ``vector`` extension), otherwise a
``pgserver`` (PostgreSQL 16 + pgvector, Unix socket only) started in a
temporary folder and stopped at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from callcenter_ai.core.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from callcenter_ai.core.engines.interface import Engine

ENGINES = ("sqlite", "postgresql")  # the store's engines: tests of the store, search, CLI, API, import and GUI


def home_on(request: pytest.FixtureRequest, engine: str) -> str:
    """A fresh PostgreSQL database (dropped when ``request``'s scope ends) for a home on ``engine``, else ""."""
    if engine == "sqlite":
        return ""
    server = request.getfixturevalue("pg_server_url")
    url = create_database(server, request.getfixturevalue("pg_template"))
    request.addfinalizer(lambda: drop_database(server, url))
    return url


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` on the same server."""
    return urlsplit(url)._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="session")
def pg_server_folder() -> Iterator[Path | None]:
    """The data folder of the pgserver the tests started (None: ``CALLCENTER_TEST_DATABASE_URL`` is used)."""
    if os.environ.get("CALLCENTER_TEST_DATABASE_URL"):
        yield None
        return
    from callcenter_ai.devtools.pg import start_server, stop_server

    folder = Path(tempfile.mkdtemp(prefix="ccpg-")) / "data"  # short: the socket path has a length limit
    try:
        start_server(folder)
        yield folder
    finally:
        stop_server(folder)
        shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server_url(pg_server_folder: Path | None) -> str:
    if pg_server_folder is None:
        return os.environ["CALLCENTER_TEST_DATABASE_URL"]
    from callcenter_ai.devtools.pg import server_url

    url = server_url(pg_server_folder)
    assert url is not None
    return url


@pytest.fixture(scope="session")
def pg_template(pg_server_url: str) -> Iterator[str]:
    """A database with the current schema, copied for each test (faster than migrating each)."""
    import psycopg

    from callcenter_ai.core.engines.pg import PgEngine

    name = f"cc_template_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    PgEngine(with_database(pg_server_url, name)).close()
    try:
        yield name
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(server_url: str, template: str) -> str:
    """The URL of a new database copied from ``template`` (a database name or URL on the same server)."""
    import psycopg

    name = f"cc_test_{uuid.uuid4().hex[:12]}"
    source = urlsplit(template).path.lstrip("/") if "://" in template else template
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    return with_database(server_url, name)


def drop_database(server_url: str, url: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_server_url: str, pg_template: str) -> Iterator[str]:
    """The URL of a new database with the current schema and no rows, dropped after the test."""
    url = create_database(pg_server_url, pg_template)
    try:
        yield url
    finally:
        drop_database(pg_server_url, url)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Engine]:
    """The home's SQLite + FAISS engine, or PostgreSQL + pgvector on a fresh database: a test taking it runs on both."""
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


@pytest.fixture(params=ENGINES)
def engine_home(request: pytest.FixtureRequest, home: Path) -> Path:
    """``home`` with its store on either engine: its SQLite file, or a fresh PostgreSQL database named by
    ``database_url`` in its settings.json (so every command and window opened on it uses the server)."""
    url = home_on(request, request.param)
    if url:
        save_settings(load_settings(home, environ={}), {"database_url": url})
    return home


def engine_on(request: pytest.FixtureRequest, name: str, home: Path) -> Engine:
    """An open engine ``name`` over ``home``: its SQLite file, or a fresh PostgreSQL database; both closed (and the
    database dropped) when ``request``'s scope ends: for module-scoped stores that tests only read."""
    from callcenter_ai.core.engines import open_engine

    settings = load_settings(home, overrides={"database_url": home_on(request, name)}, environ={})
    opened = open_engine(settings)
    request.addfinalizer(opened.close)
    return opened

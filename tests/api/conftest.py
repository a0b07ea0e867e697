"""An app home with real calls embedded by the tiny Qwen3 model and indexed, and API clients over it.

Every API test runs on both engines: the home's SQLite + FAISS, and PostgreSQL + pgvector (each
test gets a fresh copy of the module's database, as it gets a fresh copy of the home's files).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from callcenter_ai.api import create_app
from callcenter_ai.core.app import embedding_target
from callcenter_ai.core.embedding import get_embedder, run_embed_job
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import Settings, load_settings
from tests.pg_fixtures import ENGINES, create_database, drop_database, home_on

CALLS = [
    ("card-1", "карты", "анна", "у меня заблокировали карту, не могу оплатить", "разблокируем карту после проверки"),
    ("card-2", "карты", "анна", "карта не работает в магазине", "проверю блокировку карты"),
    ("card-3", "карты", "борис", "потерял карту, нужна новая", "перевыпустим карту"),
    ("loan-1", "кредиты", "борис", "хочу взять кредит наличными", "расскажу про ставки по кредиту"),
    ("loan-2", "кредиты", "анна", "досрочно погасить кредит", "оформим досрочное погашение"),
    ("app-1", "приложение", "вера", "приложение не открывается после обновления", "переустановите приложение"),
]


@pytest.fixture(scope="module", params=ENGINES)
def api_home(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path
) -> tuple[Settings, Embedder]:
    home = tmp_path_factory.mktemp("api_home")
    options = {"model": str(tiny_model_dir), "device": "cpu", "idle_unload_s": 0}
    settings = load_settings(home, overrides={**options, "database_url": home_on(request, request.param)}, environ={})
    embedder = get_embedder(settings, allow_fallback=False)
    with open_engine(settings) as engine:
        with engine.calls.transaction():
            for i, (cid, topic, operator, client, agent) in enumerate(CALLS):
                engine.calls.upsert_call(
                    CallRecord(
                        dialog_id=cid,
                        turns=(Turn("client", client), Turn("operator", agent)),
                        topic=topic,
                        operator=operator,
                        started_at=f"2026-03-0{i + 1}T10:00:00+03:00",
                        duration_s=60.0 * (i + 1),
                    )
                )
        run_embed_job(embedding_target(engine), embedder)
        engine.vectors.update_index(embedder.model_id, embedder.dims)
    return settings, embedder


@pytest.fixture
def make_client(
    request: pytest.FixtureRequest, api_home: tuple[Settings, Embedder], tmp_path: Path
) -> Iterator[Callable[..., TestClient]]:
    """A TestClient over a fresh copy of the module's home (and database), with settings changed as asked."""
    settings, embedder = api_home
    copy = tmp_path / "home"
    shutil.copytree(settings.home, copy)
    settings = replace(settings, home=copy)
    if settings.database_url:
        server = request.getfixturevalue("pg_server_url")
        settings = replace(settings, database_url=create_database(server, settings.database_url))
        request.addfinalizer(lambda: drop_database(server, settings.database_url))
    clients: list[TestClient] = []

    def make(**changes: object) -> TestClient:
        client = TestClient(create_app(replace(settings, **changes), embedder=embedder))  # type: ignore[arg-type]
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()

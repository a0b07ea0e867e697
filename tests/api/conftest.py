"""An app home with real calls embedded by the tiny Qwen3 model and indexed, and API clients over it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from callcenter_ai.api import create_app
from callcenter_ai.core.embedding import get_embedder, run_embed_job
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import Settings, load_settings
from callcenter_ai.core.store import CallStore

CALLS = [
    ("card-1", "карты", "анна", "у меня заблокировали карту, не могу оплатить", "разблокируем карту после проверки"),
    ("card-2", "карты", "анна", "карта не работает в магазине", "проверю блокировку карты"),
    ("card-3", "карты", "борис", "потерял карту, нужна новая", "перевыпустим карту"),
    ("loan-1", "кредиты", "борис", "хочу взять кредит наличными", "расскажу про ставки по кредиту"),
    ("loan-2", "кредиты", "анна", "досрочно погасить кредит", "оформим досрочное погашение"),
    ("app-1", "приложение", "вера", "приложение не открывается после обновления", "переустановите приложение"),
]


@pytest.fixture(scope="module")
def api_home(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> tuple[Settings, Embedder]:
    home = tmp_path_factory.mktemp("api_home")
    settings = load_settings(
        home, overrides={"model": str(tiny_model_dir), "device": "cpu", "idle_unload_s": 0}, environ={}
    )
    embedder = get_embedder(settings, allow_fallback=False)
    with CallStore.open(settings.db_path) as store:
        with store.transaction():
            for i, (cid, topic, operator, client, agent) in enumerate(CALLS):
                store.upsert_call(
                    CallRecord(
                        dialog_id=cid,
                        turns=(Turn("client", client), Turn("operator", agent)),
                        topic=topic,
                        operator=operator,
                        started_at=f"2026-03-0{i + 1}T10:00:00+03:00",
                        duration_s=60.0 * (i + 1),
                    )
                )
        run_embed_job(store, embedder)
        update_index(store, embedder.model_id, embedder.dims, settings.index_dir)
    return settings, embedder


@pytest.fixture
def make_client(api_home: tuple[Settings, Embedder], tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """A TestClient over a fresh copy of the module's home, with settings changed as asked."""
    settings, embedder = api_home
    copy = tmp_path / "home"
    shutil.copytree(settings.home, copy)
    settings = replace(settings, home=copy)
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

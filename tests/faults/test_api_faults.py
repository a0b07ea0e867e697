"""The API's fault findings: unrenderable 422s, auth order, server paths in errors, ids with '/', busy servers."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from callcenter_ai.api import create_app
from callcenter_ai.api.guards import ConcurrencyLimit, is_loopback
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.settings import load_settings

MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(home_copy: Path) -> Iterator[MakeClient]:
    clients: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        settings = replace(load_settings(home_copy, environ={}), **changes)
        client = TestClient(create_app(settings), raise_server_exceptions=False)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def _post(client: TestClient, body: str, **headers: str) -> httpx.Response:
    return client.post("/api/search", content=body.encode(), headers={"content-type": "application/json", **headers})


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "\\ud800"}',
        '{"query": "карта \\udfff"}',
        '{"query": "\\u0000карта"}',
        '{"query": "карта", "k": NaN}',
        '{"query": "карта", "k": Infinity}',
        '{"query": "карта", "k": 1e309}',
        '{"query": "карта", "k": -Infinity}',
        '{"query": "карта", "filters": {"min_duration": NaN}}',
        '{"query": "карта", "filters": {"max_duration": 1e309}}',
        '{"query": "карта", "filters": {"operators": ["\\ud83d"]}}',
        '{"\\ud800": 1, "query": "карта"}',
        '{"query": "карта", "k": 99999999999999999999999}',
        '{"query": "\\"", "mode": "hybrid"}',
        '{"query": "*", "mode": "semantic"}',
        '{"query": "карта", "filters": {"date_from": "2026-03-05", "date_to": "2026-03-01"}}',
        '{"query": "карта", "filters": {"date_from": "garbage"}}',
    ],
)
def test_unrenderable_or_empty_input_is_a_readable_422(make_client: MakeClient, body: str) -> None:
    response = _post(make_client(), body)
    assert response.status_code == 422, response.text
    payload = response.json()
    assert payload["error"] == "invalid_request" and payload["message"]


def test_feedback_with_non_finite_score_is_422(make_client: MakeClient) -> None:
    client = make_client()
    for score in ("NaN", "Infinity", "1e309"):
        body = f'{{"dialog_id": "card-1", "relevant": true, "query": "карта", "score": {score}}}'
        response = client.post("/api/feedback", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    ("date_from", "date_to"), [(None, "9999-12-31"), ("0001-01-01T00:00:00+03:00", None), (None, "0001-01-01")]
)
def test_dates_at_the_ends_of_the_calendar_are_answered(
    make_client: MakeClient, date_from: str | None, date_to: str | None
) -> None:
    body = {"query": "карта", "mode": "keyword", "filters": {"date_from": date_from, "date_to": date_to}}
    response = make_client().post("/api/search", json=body)
    assert response.status_code == 200, response.text


def test_auth_comes_before_body_parsing_for_every_request(make_client: MakeClient) -> None:
    client = make_client(api_token="s3cret-token")
    for response in (
        _post(client, "{not json"),
        _post(client, '{"query": "\\ud800"}'),
        client.get("/api/similar/card-1", params={"k": "NaN"}),
        client.get("/api/nope"),
        client.post("/api/feedback", content=b"x" * 10),
    ):
        assert response.status_code == 401, response.text
        assert response.headers["www-authenticate"] == "Bearer"
    ok = _post(client, '{"query": "карта", "mode": "keyword"}', authorization="Bearer s3cret-token")
    assert ok.status_code == 200
    assert client.get("/api/health").status_code == 200


@pytest.mark.parametrize("token", ["   ", " s3cret", "s3cret\n"])
def test_a_blank_or_padded_token_is_refused(home: Path, token: str) -> None:
    with pytest.raises(ConfigError, match="api_token"):
        create_app(replace(load_settings(home, environ={}), api_token=token))


def test_is_loopback_takes_addresses_not_names() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"))
    assert not any(is_loopback(h) for h in ("127.evil.com", "127.0.0.1.nip.io", "0.0.0.0", "10.0.0.1", "", "::"))


def test_ids_with_a_slash_are_reachable(make_client: MakeClient) -> None:
    client = make_client()
    response = client.get("/api/similar/net/2", params={"mode": "keyword"})
    assert response.status_code == 200, response.text
    assert response.json()["dialog_id"] == "net/2"
    assert client.get("/api/similar/no/such").status_code == 404


def test_error_bodies_and_health_hold_no_server_paths(make_client: MakeClient, home_copy: Path) -> None:
    for part in (home_copy / "indexes").iterdir():
        if part.name.endswith(".faiss"):
            data = bytearray(part.read_bytes())
            data[-10] ^= 0xFF
            part.write_bytes(bytes(data))
    client = make_client(api_token="s3cret-token")
    auth = {"authorization": "Bearer s3cret-token"}
    response = client.post("/api/search", json={"query": "карта", "mode": "semantic"}, headers=auth)
    assert response.status_code == 409 and "checksum" in response.json()["message"]
    assert str(home_copy) not in response.text and "/indexes/" not in response.text
    hybrid = client.post("/api/search", json={"query": "карта", "mode": "hybrid"}, headers=auth)
    assert hybrid.status_code == 200 and hybrid.json()["mode"] == "keyword"
    assert str(home_copy) not in hybrid.text
    db = home_copy / "data" / "callcenter.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.write_bytes(b"garbage, not a database " * 100)
    for response in (client.get("/api/health"), client.get("/api/similar/card-1", headers=auth)):
        assert response.status_code == 503, response.text
        assert "damaged" in response.json()["message"] and str(home_copy) not in response.text
        assert response.json()["key"] == "store.corrupt"


def test_excess_load_gets_503_with_retry_after() -> None:
    started = asyncio.Event()

    async def slow(scope: Any, receive: Any, send: Any) -> None:
        started.set()
        await asyncio.sleep(0.3)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limited = ConcurrencyLimit(slow, max_active=2, max_waiting=2, wait_s=0.1)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=limited)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return list(await asyncio.gather(*(client.get("/") for _ in range(10))))

    responses = asyncio.run(burst())
    codes = sorted(r.status_code for r in responses)
    assert codes.count(200) == 2 and codes.count(503) == 8
    busy = next(r for r in responses if r.status_code == 503)
    assert busy.headers["retry-after"] == "1" and busy.json()["error"] == "busy"

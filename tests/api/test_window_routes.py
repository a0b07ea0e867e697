"""The endpoints the window needs as a client: whoami, a call turn by turn, facets, stats, «similar» with
filters, the dashboard's admin-only rebuild, and an admin's import and indexing."""

from __future__ import annotations

import json
from collections.abc import Callable

from fastapi.testclient import TestClient

from callcenter_ai.core.auth.access import open_access_list
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.remote import from_json
from callcenter_ai.core.search import Facets
from callcenter_ai.core.settings import Settings

MakeClient = Callable[..., TestClient]


def tokens(client: TestClient) -> tuple[dict[str, str], dict[str, str]]:
    """Headers of an operator and of an admin of the client's server."""
    settings: Settings = client.app.state.api.settings  # type: ignore[attr-defined]
    users = open_access_list(settings)  # the home's users file, or the server's table
    operator, admin = users.add_user("anna", "operator"), users.add_user("boss", "admin")
    return {"Authorization": f"Bearer {operator}"}, {"Authorization": f"Bearer {admin}"}


def test_whoami_names_the_tokens_user_and_what_the_role_may_do(make_client: MakeClient) -> None:
    client = make_client()
    operator, admin = tokens(client)
    assert client.get("/api/whoami", headers=operator).json() == {
        "user": "anna",
        "role": "operator",
        "permissions": ["rate", "read", "search"],
    }
    boss = client.get("/api/whoami", headers=admin).json()
    assert boss["role"] == "admin" and {"import", "index"} <= set(boss["permissions"])
    assert client.get("/api/whoami").status_code == 401


def test_a_call_turn_by_turn_facets_and_stats(make_client: MakeClient) -> None:
    client = make_client()
    operator, _ = tokens(client)
    call = from_json(StoredCall, client.get("/api/calls/card-2", headers=operator).json())
    assert call.dialog_id == "card-2" and [t.speaker for t in call.turns] == ["client", "operator"]
    assert call.turns[0].text == "карта не работает в магазине"
    missing = client.get("/api/calls/nope", headers=operator)
    assert missing.status_code == 404 and "nope" in missing.json()["message"]
    facets = from_json(Facets, client.get("/api/facets", headers=operator).json())
    assert dict(facets.operators) == {"анна": 3, "борис": 2, "вера": 1}
    assert facets.first_date == "2026-03-01" and facets.last_date == "2026-03-06"
    stats = client.get("/api/stats", headers=operator).json()
    assert stats["dialogs"] == 6 and stats["embedded_dialogs"] == 6 and stats["index"]["state"] == "ready"
    settings: Settings = client.app.state.api.settings  # type: ignore[attr-defined]
    assert "/" not in stats["database"] and "@" not in stats["database"]  # the server's paths stay on the server
    assert settings.database_url or stats["database"] == "callcenter.db"
    assert "/" not in stats["index"]["path"]


def test_similar_takes_every_filter_and_results_carry_the_call_id(make_client: MakeClient) -> None:
    client = make_client()
    operator, _ = tokens(client)
    body = {"dialog_id": "card-1", "k": 5, "mode": "semantic", "filters": {"operators": ["борис"]}}
    response = client.post("/api/similar", json=body, headers=operator)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert results and {r["operator"] for r in results} == {"борис"}
    assert all(isinstance(r["call_id"], int) for r in results)
    assert "card-1" not in {r["dialog_id"] for r in results}
    bad = client.post("/api/similar", json={**body, "filters": {"date_from": "вчера"}}, headers=operator)
    assert bad.status_code == 422 and "вчера" in bad.json()["message"]


def test_operators_may_not_import_index_or_find_topics_again(make_client: MakeClient) -> None:
    client = make_client()
    operator, _ = tokens(client)
    line = json.dumps({"id": "new-1", "text": "клиент: привет\nоператор: здравствуйте"}, ensure_ascii=False)
    assert client.post("/api/import?filename=a.jsonl", content=line, headers=operator).status_code == 403
    assert client.post("/api/index", headers=operator).status_code == 403
    assert client.get("/api/analytics/dashboard?rebuild=true", headers=operator).status_code == 403


def test_an_admin_imports_a_file_then_indexes_it(make_client: MakeClient) -> None:
    client = make_client()
    operator, admin = tokens(client)
    lines = "\n".join(
        json.dumps({"id": f"new-{i}", "text": f"клиент: вопрос про вклад {i}\nоператор: ответ"}, ensure_ascii=False)
        for i in range(3)
    )
    response = client.post("/api/import?filename=batch.jsonl", content=lines.encode(), headers=admin)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["source"], report["inserted"], report["committed"]) == ("batch.jsonl", 3, True)
    records = [json.loads(line) for line in client.post("/api/index", headers=admin).iter_lines() if line]
    assert {r["kind"] for r in records[:-1]} >= {"embed", "keywords", "index"}
    result = records[-1]["result"]
    assert result["pending"] == 3 and result["embed"]["calls"] == 3
    settings: Settings = client.app.state.api.settings  # type: ignore[attr-defined]
    if not settings.database_url:  # PostgreSQL's HNSW index takes vectors as they are stored: nothing to add
        assert result["index"]["added_calls"] == 3
    assert client.get("/api/stats", headers=operator).json()["embedded_dialogs"] == 9
    assert client.get("/api/calls/new-2", headers=operator).json()["turns"][0]["text"] == "вопрос про вклад 2"


def test_a_bad_import_file_is_refused_with_its_line_and_nothing_written(make_client: MakeClient) -> None:
    client = make_client()
    _, admin = tokens(client)
    body = '{"id": "ok-1", "text": "клиент: да"}\n{"id": "bad", "text": '
    response = client.post("/api/import?filename=broken.jsonl", content=body, headers=admin)
    assert response.status_code == 422
    assert "broken.jsonl:2" in response.json()["message"]
    assert client.get("/api/calls/ok-1", headers=admin).status_code == 404

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from callcenter_ai.cli.main import main
from callcenter_ai.cli.serve_cmd import check_binding
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.settings import load_settings

MakeClient = Callable[..., TestClient]


def test_health_does_not_load_the_model(make_client: MakeClient) -> None:
    from callcenter_ai.api.state import ApiState

    client = make_client()
    state: ApiState = client.app.state.api  # type: ignore[attr-defined]
    state._embedder = None  # as at start-up: nothing loaded
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["dialogs"] == 6 and body["model_id"].endswith("@64")
    assert body["model_loaded"] is False and body["rerank_enabled"] is False and body["auth_required"] is False


def test_search_returns_results_with_matched_turns(client: TestClient) -> None:
    response = client.post("/api/search", json={"query": "заблокировали карту", "k": 3, "mode": "hybrid"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["k"] == 3 and body["mode"] == "hybrid" and body["reranked"] is False
    results = body["results"]
    assert 1 <= len(results) <= 3 and [r["rank"] for r in results] == list(range(1, len(results) + 1))
    assert results[0]["dialog_id"].startswith("card-")  # keyword part finds the card calls
    assert results[0]["matched_turns"] and results[0]["rerank_score"] is None
    keyword = client.post("/api/search", json={"query": "кредит", "mode": "keyword"}).json()
    assert {r["dialog_id"] for r in keyword["results"]} == {"loan-1", "loan-2"}
    assert all(r["similarity"] == 1.0 for r in keyword["results"]), "every query word found: 100 %"
    filtered = client.post(
        "/api/search", json={"query": "карту", "mode": "keyword", "filters": {"operators": ["борис"]}}
    )
    assert [r["dialog_id"] for r in filtered.json()["results"]] == ["card-3"]


def test_semantic_search_embeds_the_query(client: TestClient) -> None:
    body = client.post("/api/search", json={"query": "приложение", "k": 6, "mode": "semantic"}).json()
    assert body["mode"] == "semantic" and len(body["results"]) == 6
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_similar(client: TestClient) -> None:
    body = client.get("/api/similar/card-1", params={"k": 5, "mode": "semantic"}).json()
    assert body["dialog_id"] == "card-1" and len(body["results"]) == 5
    assert "card-1" not in {r["dialog_id"] for r in body["results"]}
    assert client.get("/api/similar/nope").status_code == 404
    assert client.get("/api/similar/nope").json()["error"] == "not_found"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({}, "query"),
        ({"query": ""}, "query"),
        ({"query": "x", "k": 0}, "k"),
        ({"query": "x", "k": 101}, "k"),
        ({"query": "x", "mode": "fuzzy"}, "mode"),
        ({"query": "x", "filters": {"side": "both"}}, "side"),
        ({"query": "x", "filters": {"date_from": "вчера"}}, ""),
        ({"query": "x", "extra": 1}, "extra"),
    ],
)
def test_bad_search_bodies_are_422(client: TestClient, body: dict[str, object], where: str) -> None:
    response = client.post("/api/search", json=body)
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["error"] == "invalid_request" and where in error["message"]


def test_malformed_json_is_422_and_large_body_is_413(make_client: MakeClient) -> None:
    client = make_client(api_max_body_bytes=200)
    response = client.post("/api/search", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"
    big = client.post("/api/search", json={"query": "карта " * 100})
    assert big.status_code == 413 and big.json()["error"] == "too_large"

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b'{"query": "' + b"a" * 50

    streamed = client.post("/api/search", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413  # no Content-Length: counted while reading


def test_unknown_path_and_method_are_json(client: TestClient) -> None:
    assert client.get("/api/nothing").json()["error"] == "not_found"
    assert client.get("/api/search").status_code == 405


def test_feedback_then_statistics_and_export(client: TestClient) -> None:
    ok = client.post(
        "/api/feedback",
        json={
            "dialog_id": "card-2",
            "relevant": True,
            "query": "карта 4111 1111 1111 1111",
            "rater": "анна",
            "rank": 1,
        },
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["ratings"] == 1 and ok.json()["rerank_enabled"] is False
    no = client.post(
        "/api/feedback",
        json={"dialog_id": "loan-1", "relevant": False, "source_dialog_id": "card-1", "comment": "не то", "rank": 2},
    )
    assert no.status_code == 201
    yes = {"dialog_id": "card-3", "relevant": True, "source_dialog_id": "card-1", "rank": 1, "rater": "борис"}
    assert client.post("/api/feedback", json=yes).status_code == 201

    stats = client.get("/api/learning/stats", params={"k": 10}).json()
    assert stats["ratings"] == 3 and stats["positive"] == 2 and stats["raters"] == 3
    assert stats["precision_at_k"] == pytest.approx(2 / 3, abs=1e-4)
    assert {row["topic"] for row in stats["by_topic"]} == {"карты", "кредиты"}
    assert stats["rerank"]["model_id"].endswith("@64") and stats["rerank"]["enabled"] is False
    assert client.get("/api/learning/stats", params={"period": "year"}).status_code == 422

    pairs = client.get("/api/learning/export", params={"kind": "pairs"})
    assert pairs.status_code == 200 and pairs.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in pairs.text.splitlines()]
    assert len(rows) == 2 and rows[0] == {"anchor": "карта [КАРТА]", "positive": rows[0]["positive"]}
    triplets = [json.loads(line) for line in client.get("/api/learning/export?kind=triplets").text.splitlines()]
    assert len(triplets) == 1 and set(triplets[0]) == {"anchor", "positive", "negative"}
    ratings_csv = client.get("/api/learning/export", params={"kind": "ratings"})
    assert ratings_csv.headers["content-type"].startswith("text/csv") and ratings_csv.headers["x-rows"] == "3"
    assert len(list(csv.DictReader(io.StringIO(ratings_csv.text)))) == 3
    assert client.get("/api/learning/export", params={"kind": "pickle"}).status_code == 422


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"dialog_id": "nope", "relevant": True, "query": "x"}, 404),
        ({"dialog_id": "card-1", "relevant": True, "source_dialog_id": "nope"}, 404),
        ({"dialog_id": "card-1", "relevant": True}, 422),
        ({"dialog_id": "card-1", "relevant": True, "query": "x", "source_dialog_id": "card-2"}, 422),
        ({"dialog_id": "card-1", "relevant": True, "query": "   "}, 422),
        ({"dialog_id": "card-1", "relevant": "maybe", "query": "x"}, 422),
        ({"dialog_id": "card-1", "relevant": True, "query": "x", "rank": 0}, 422),
    ],
)
def test_bad_feedback(client: TestClient, body: dict[str, object], status: int) -> None:
    response = client.post("/api/feedback", json=body)
    assert response.status_code == status, response.text
    assert set(response.json()) >= {"error", "message"}


def test_vector_is_a_plain_float_array(client: TestClient) -> None:
    body = client.get("/api/vector/card-1").json()
    assert body["dims"] == 64 and len(body["vector"]) == 64 and all(isinstance(v, float) for v in body["vector"])
    assert sum(v * v for v in body["vector"]) == pytest.approx(1.0, abs=1e-4)
    assert client.get("/api/vector/nope").status_code == 404
    assert client.get("/api/vector/card-1", params={"model_id": "other@8"}).status_code == 404


def test_token_is_required_on_every_endpoint_but_health(make_client: MakeClient) -> None:
    client = make_client(api_token="s3cret")
    calls = [
        ("GET", "/api/similar/card-1", None),
        ("POST", "/api/search", {"query": "карта"}),
        ("POST", "/api/feedback", {"dialog_id": "card-1", "relevant": True, "query": "x"}),
        ("GET", "/api/learning/stats", None),
        ("GET", "/api/learning/export", None),
        ("GET", "/api/vector/card-1", None),
    ]
    for method, path, body in calls:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
            response = client.request(method, path, json=body, headers=headers)
            assert response.status_code == 401, (path, headers)
            assert response.headers["www-authenticate"] == "Bearer"
        good = client.request(method, path, json=body, headers={"Authorization": "Bearer s3cret"})
        assert good.status_code in (200, 201), (path, good.text)
    health = client.get("/api/health").json()
    assert health["auth_required"] is True
    assert client.get("/openapi.json").status_code == 200


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/health",
        "/api/search",
        "/api/similar/{dialog_id}",
        "/api/feedback",
        "/api/learning/stats",
        "/api/learning/export",
    ):
        assert path in paths


def test_serve_refuses_other_addresses_without_a_token(home, capsys) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings(home, environ={})
    check_binding("127.0.0.1", settings)
    check_binding("localhost", settings)
    with pytest.raises(ConfigError, match="without a token"):
        check_binding("0.0.0.0", settings)
    from dataclasses import replace

    check_binding("0.0.0.0", replace(settings, api_token="t"))
    assert main(["--home", str(home), "serve", "--host", "0.0.0.0", "--port", "8799"]) == 2
    assert "refusing to serve on 0.0.0.0" in capsys.readouterr().err


def test_ratings_switch_on_reranking_for_search_and_similar(make_client: MakeClient) -> None:
    client = make_client(rerank_min_ratings=6)
    judged = [
        ("card-1", "card-2", True),
        ("card-1", "loan-1", False),
        ("card-2", "card-3", True),
        ("card-2", "app-1", False),
        ("loan-1", "loan-2", True),
    ]
    for source, result, ok in judged:
        body = {"dialog_id": result, "relevant": ok, "source_dialog_id": source}
        assert client.post("/api/feedback", json=body).json()["rerank_enabled"] is False
    last = client.post("/api/feedback", json={"dialog_id": "card-1", "relevant": True, "query": "карта заблокирована"})
    assert last.json()["ratings"] == 6  # training runs as a background task after this response
    stats = client.get("/api/learning/stats").json()["rerank"]
    assert stats["enabled"] is True and stats["ratings_used"] == 6 and stats["trained_at"]
    assert client.get("/api/health").json()["rerank_enabled"] is True

    similar = client.get("/api/similar/card-1", params={"k": 3, "mode": "semantic"}).json()
    assert similar["reranked"] is True and len(similar["results"]) == 3
    assert all(r["rerank_score"] is not None for r in similar["results"])
    search = client.post("/api/search", json={"query": "карта", "k": 4, "mode": "hybrid"}).json()
    assert search["reranked"] is True and [r["rank"] for r in search["results"]] == [1, 2, 3, 4]
    plain = client.post("/api/search", json={"query": "карта", "k": 4, "mode": "hybrid", "rerank": False}).json()
    assert plain["reranked"] is False
    keyword = client.post("/api/search", json={"query": "карта", "mode": "keyword"}).json()
    assert keyword["reranked"] is False

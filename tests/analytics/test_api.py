"""GET /api/topics, /api/trends, /api/repeats and /api/saved-searches: CLI shapes, clear errors, on both engines."""

from __future__ import annotations

from fastapi.testclient import TestClient

from callcenter_ai.api import create_app
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import Settings
from tests.analytics.helpers import MODEL, fill_groups


def test_analytics_endpoints(engine_settings: Settings) -> None:
    with open_engine(engine_settings) as engine:
        fill_groups(engine, per_group=6)
    with TestClient(create_app(engine_settings)) as client:
        topics = client.get("/api/topics").json()
        assert topics["model"] == MODEL and len(topics["topics"]) == 3
        first = topics["topics"][0]
        assert client.get(f"/api/topics/{first['id']}").json() == first
        missing = client.get("/api/topics/99")
        assert missing.status_code == 404 and "no topic 99" in missing.json()["message"]
        trends = client.get("/api/trends", params={"by": "month"}).json()
        assert set(trends) == {"by", "series", "emerging", "saved_searches"} and trends["by"] == "month"
        assert trends["saved_searches"] == []
        empty = client.get("/api/trends", params={"period": "1999-01-01"})
        assert empty.status_code == 422 and "no calls in the period" in empty.json()["message"]
        assert client.get("/api/trends", params={"by": "year"}).status_code == 422
        assert set(client.get("/api/repeats", params={"days": 3}).json()) == {"repeats", "near_duplicates"}
        added = client.post("/api/saved-searches", json={"name": "кредиты", "text": "кредит", "mode": "keyword"})
        assert added.status_code == 201 and added.json()["name"] == "кредиты"
        listed = client.get("/api/saved-searches").json()["saved_searches"]
        assert [(s["name"], s["new"]) for s in listed] == [("кредиты", 6)]
        volume = client.get("/api/trends", params={"by": "month"}).json()["saved_searches"]
        assert volume == [{"name": "кредиты", "counts": [{"period": "2026-05", "calls": 6}]}]
        ran = client.get("/api/saved-searches/кредиты").json()
        assert ran["new"] == 6 and len(ran["results"]) == 6
        assert client.get("/api/saved-searches").json()["saved_searches"][0]["new"] == 0
        assert client.delete("/api/saved-searches/кредиты").status_code == 204
        gone = client.get("/api/saved-searches/кредиты")
        assert gone.status_code == 404 and "no saved search" in gone.json()["message"]

"""Emerging-topic alerts printed by ``import`` (and ``index``) where topics exist; nothing clustered where not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from callcenter_ai.api import create_app
from callcenter_ai.cli.main import main
from callcenter_ai.core.analytics.alerts import latest_alerts
from callcenter_ai.core.analytics.topics import topic_overview
from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.analytics.helpers import MODEL
from tests.analytics.test_trends import fill_weeks


def new_calls(home: Path, count: int = 2) -> Path:
    path = home / "new.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"new-{i}", "text": f"клиент: не работает интернет {i}\nоператор: проверю"}) + "\n"
            for i in range(count)
        ),
        encoding="utf-8",
    )
    return path


def internet_topic(settings: Settings) -> tuple[int, str]:
    with CallStore.open(settings.db_path) as store:
        fill_weeks(store, surge="интернет")
        overview = topic_overview(store.db, MODEL, k=3)
    topic = next(t for t in overview.topics if t.examples[0].startswith("интернет"))
    return topic.id, topic.label


def test_import_prints_the_alerts(settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    topic_id, label = internet_topic(settings)
    assert main(["--home", str(home), "import", str(new_calls(home))]) == 0
    out = capsys.readouterr().out
    assert f"emerging in 2026-W15: {topic_id} {label}:" in out
    assert "2 calls are in no topic yet (not indexed)" in out
    assert main(["--home", str(home), "import", "--json", str(new_calls(home, 3))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["inserted"] == 1 and report["unchanged"] == 2  # the keys stay
    assert [(e["topic_id"], e["period"]) for e in report["emerging"]] == [(topic_id, "2026-W15")]
    assert report["emerging"][0]["calls"] > 2 * report["emerging"][0]["expected"]
    assert report["calls_not_in_topics"] == 3
    with TestClient(create_app(settings)) as client:  # what a remote window shows after its import
        alerts = client.get("/api/alerts").json()["alerts"]
    assert alerts == {"period": "2026-W15", "emerging": report["emerging"], "calls_not_in_topics": 3}


def test_steady_data_imports_with_no_alert(settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with CallStore.open(settings.db_path) as store:
        fill_weeks(store, surge=None, seed=1)
        topic_overview(store.db, MODEL, k=3)
    assert main(["--home", str(home), "import", str(new_calls(home))]) == 0
    out = capsys.readouterr().out
    assert "emerging in" not in out and "no emerging topics in 2026-W15" in out


def test_without_topics_nothing_is_printed_or_clustered(
    settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with CallStore.open(settings.db_path) as store:
        fill_weeks(store, surge="интернет")  # vectors, but topics never asked for
    assert main(["--home", str(home), "import", "--json", str(new_calls(home))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["emerging"] == [] and report["calls_not_in_topics"] is None
    assert main(["--home", str(home), "import", str(new_calls(home))]) == 0
    assert "emerging" not in capsys.readouterr().out
    with CallStore.open(settings.db_path) as store:
        assert store.db.execute("SELECT count(*) FROM topic_models").fetchone()[0] == 0
    assert service.import_alerts(settings) is None
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/alerts").json() == {"alerts": None}


def test_the_alerts_on_either_engine(any_engine: Engine) -> None:
    fill_weeks(any_engine, surge="интернет")
    assert latest_alerts(any_engine.sql, MODEL) is None  # no topics yet: nothing found, nothing clustered
    overview = topic_overview(any_engine.sql, MODEL, k=3)
    internet = next(t for t in overview.topics if t.examples[0].startswith("интернет"))
    alerts = latest_alerts(any_engine.sql, MODEL)
    assert alerts is not None and alerts.period == "2026-W15" and alerts.calls_not_in_topics == 0
    assert [e.topic_id for e in alerts.emerging] == [internet.id]

"""Repeat callers, near-duplicate calls and saved searches, through the core and the CLI (on both engines)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.api.window_routes import DrillIn
from callcenter_ai.cli.main import main
from callcenter_ai.core.analytics.dashboard import Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.analytics.repeats import repeat_report
from callcenter_ai.core.analytics.topics import assignments, topic_overview
from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.engines import Engine, open_engine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.privacy import pseudonymise_clients
from callcenter_ai.core.remote.codec import from_json, to_json
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.analytics.helpers import GROUPS, MODEL, add_call, fill_groups, group_vector


def test_same_caller_within_days_is_a_repeat(any_engine: Engine) -> None:
    fill_groups(any_engine, per_group=5)
    rng = np.random.default_rng(1)
    for dialog_id, day, phone in [
        ("r1", "2026-05-01", "+7 (912) 345-67-89"),
        ("r2", "2026-05-04", "89123456789"),  # same phone, other spelling, 3 days later
        ("r3", "2026-05-30", "+79123456789"),  # too late for a 7-day window
        ("s1", "2026-05-02", "+79000000000"),
    ]:
        add_call(
            any_engine, dialog_id, GROUPS["кредит"], group_vector(rng, 1), started_at=f"{day}T09:00:00+03:00",
            metadata={"phone": phone},
        )  # fmt: skip
    overview = topic_overview(any_engine.sql, MODEL, k=3)
    report = repeat_report(any_engine.sql, overview, days=7)
    assert [(r.client_id, r.calls) for r in report.repeats] == [("79123456789", ["r1", "r2"])]
    placed = {d: t for d, t, _ in assignments(any_engine.sql, overview)}
    assert report.repeats[0].topic_id == placed["кредит-000"] >= 0
    assert len(repeat_report(any_engine.sql, overview, days=30).repeats[0].calls) == 3
    with pytest.raises(ConfigError, match="days must be 1 to"):
        repeat_report(any_engine.sql, overview, days=0)


def test_near_duplicates_are_grouped(store: CallStore) -> None:
    fill_groups(store, per_group=5)
    same = group_vector(np.random.default_rng(5), 2)
    add_call(store, "dup-a", "интернет пропал", same)
    add_call(store, "dup-b", "интернет пропал снова", same)
    report = repeat_report(store.db, topic_overview(store.db, MODEL, k=3), days=7)
    assert [d.calls for d in report.near_duplicates] == [["dup-a", "dup-b"]]
    assert report.near_duplicates[0].similarity == pytest.approx(1.0, abs=1e-4)
    assert set(report.to_json()) == {"repeats", "near_duplicates"}


def test_redaction_hashes_callers_the_same_way() -> None:
    a = pseudonymise_clients({"phone": "+7 (912) 345-67-89", "queue": "x"})
    b = pseudonymise_clients({"phone": "89123456789"})
    assert a["phone"] == b["phone"] and str(a["phone"]).startswith("h:") and "912" not in str(a["phone"])
    assert a["queue"] == "x" and pseudonymise_clients(a) == a


def test_saved_search_counts_new_calls_and_reports_broken_ones(
    engine_settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_engine(engine_settings) as engine:
        fill_groups(engine, per_group=3)
    cli = ["--home", str(home), "saved-search"]
    assert main([*cli, "add", "роутеры", "роутер", "--mode", "keyword"]) == 0
    assert main([*cli, "add", "роутеры", "роутер"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main([*cli, "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["saved_searches"]
    assert [(s["name"], s["total"], s["new"]) for s in listed] == [("роутеры", 3, 3)]
    assert main([*cli, "run", "роутеры", "--json"]) == 0
    ran = json.loads(capsys.readouterr().out)
    assert ran["new"] == 3 and len(ran["results"]) == 3
    with open_engine(engine_settings) as engine:
        add_call(engine, "интернет-new", GROUPS["интернет"], group_vector(np.random.default_rng(9), 2))
    assert main([*cli, "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["saved_searches"][0]["new"] == 1
    with open_engine(engine_settings) as engine:  # a filter the checks no longer accept
        engine.sql.execute(
            "UPDATE saved_searches SET filters = ? WHERE name = ?", ('{"min_duration": "abc"}', "роутеры")
        )
    assert main([*cli, "run", "роутеры"]) == 2
    err = capsys.readouterr().err
    assert "no longer runs" in err and "Traceback" not in err
    assert main([*cli, "remove", "роутеры"]) == 0
    assert main([*cli, "run", "роутеры"]) == 2
    assert "no saved search named" in capsys.readouterr().err


def test_trends_and_repeats_cli_json(engine_settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_engine(engine_settings) as engine:
        fill_groups(engine, per_group=6)
    assert main(["--home", str(home), "trends", "--by", "week", "--json"]) == 0
    trends = json.loads(capsys.readouterr().out)
    assert trends["by"] == "week" and trends["emerging"] == []
    assert sum(c["calls"] for s in trends["series"] for c in s["counts"]) == 18
    assert main(["--home", str(home), "trends", "--period", "1999-01-01"]) == 2
    assert "no calls in the period 1999-01-01" in capsys.readouterr().err
    assert main(["--home", str(home), "repeats", "--days", "3", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"repeats", "near_duplicates"}


def test_saved_search_volume_joins_the_trends(
    engine_settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = engine_settings
    with open_engine(settings) as engine:
        fill_groups(engine, per_group=4)
        rng = np.random.default_rng(5)
        for n in range(3):  # three more router calls a week later
            vector = group_vector(rng, 2)
            add_call(engine, f"роутер-{n}", GROUPS["интернет"], vector, started_at="2026-05-12T09:00:00+03:00")
    assert main(["--home", str(home), "saved-search", "add", "роутеры", "роутер"]) == 0
    assert main(["--home", str(home), "saved-search", "list"]) == 0  # runs it: 7 calls found
    capsys.readouterr()
    assert main(["--home", str(home), "trends", "--by", "week", "--json"]) == 0
    trends = json.loads(capsys.readouterr().out)
    assert trends["saved_searches"] == [
        {"name": "роутеры", "counts": [{"period": "2026-W19", "calls": 4}, {"period": "2026-W20", "calls": 3}]}
    ]
    assert main(["--home", str(home), "trends", "--by", "week"]) == 0
    assert re.search(r"\* роутеры\s+4\s+3", capsys.readouterr().out)
    version = service.topics(settings).version
    drilled = service.drill(settings, version, Drill(saved_search="роутеры", period="2026-W20", by="week"))
    assert sorted(c.dialog_id for c in drilled) == ["роутер-0", "роутер-1", "роутер-2"]
    by_topic = [Drill(topic_id=t.id, saved_search="роутеры") for t in service.topics(settings).topics]
    assert sum(len(service.drill(settings, version, d)) for d in [*by_topic, Drill(-1, saved_search="роутеры")]) == 7
    board = service.dashboard(settings)  # the tab's numbers, also as the server sends them to a remote window
    assert board.weekly is not None and [s.total for s in board.weekly.saved] == [7]
    assert from_json(Dashboard, to_json(board)).weekly == board.weekly
    assert DrillIn(**asdict(Drill(saved_search="роутеры"))).saved_search == "роутеры"


def test_import_reruns_saved_searches(
    engine_settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home), "saved-search", "add", "роутеры", "роутер"]) == 0
    calls = home / "calls.jsonl"
    calls.write_text(
        json.dumps({"id": "n1", "turns": [{"speaker": "client", "text": "роутер мигает красным"}]}) + "\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["--home", str(home), "import", str(calls)]) == 0
    assert "saved search 'роутеры': 1 новых" in capsys.readouterr().out


def test_text_no_store_keeps_is_refused_by_name(any_engine: Engine) -> None:
    """A NUL (PostgreSQL refuses it) or a lone surrogate: a clear error on add, «no such search» on lookup."""
    from callcenter_ai.core.analytics import saved
    from callcenter_ai.core.errors import NotFoundError

    for name, query in (("a\x00b", "роутер"), ("роутеры", "роутер\x00"), ("x\ud800", "роутер")):
        with pytest.raises(ConfigError, match="NUL character or an invalid Unicode"):
            saved.add_saved(any_engine.sql, name, query, "keyword", {})
    with pytest.raises(NotFoundError, match="no saved search named"):
        saved.get_saved(any_engine.sql, "a\x00b")
    assert saved.list_saved(any_engine.sql) == []

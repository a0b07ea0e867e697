"""Duration and outcome per topic: in the core, ``trends --json``, its text, and ``GET /api/topic-summary``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from callcenter_ai.api import create_app
from callcenter_ai.cli.main import main
from callcenter_ai.core.analytics.outcomes import topic_outcomes
from callcenter_ai.core.analytics.topics import topic_overview
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.analytics.helpers import GROUPS, MODEL, add_call, group_vector

# Per group: (duration, outcome) of its calls, each three times; None is "not given", "  " an outcome of spaces only.
CALLS = {
    "карта": [(60.0, "решено"), (120.0, "решено"), (300.0, "эскалация"), (None, None), (90.0, "  ")],
    "кредит": [(30.0, "решено"), (50.0, "перезвонить"), (70.0, "решено"), (100.0, "решено")],
    "интернет": [(None, "решено"), (None, None), (None, "эскалация"), (None, "эскалация")],
}


def fill(store: CallStore | Engine) -> None:
    rng = np.random.default_rng(0)
    for axis, name in enumerate(GROUPS):
        for i, (duration, outcome) in enumerate(CALLS[name] * 3):
            add_call(
                store,
                f"{name}-{i}",
                GROUPS[name],
                group_vector(rng, axis, noise=0.05),
                duration_s=duration,
                outcome=outcome,
            )


def by_group(summaries: list[dict[str, object]], examples: dict[int, str]) -> dict[str, dict[str, object]]:
    """The summaries by the group of each topic's first example call."""
    return {examples[int(str(s["topic_id"]))].split("-")[0]: s for s in summaries}


EXPECTED = {
    "карта": {
        "calls": 15,
        "mean_duration_s": 142.5,
        "median_duration_s": 105.0,
        "duration_unknown": 3,
        "outcomes": {"решено": 6, "эскалация": 3},
        "outcome_unknown": 6,
    },
    "кредит": {
        "calls": 12,
        "mean_duration_s": 62.5,
        "median_duration_s": 60.0,
        "duration_unknown": 0,
        "outcomes": {"решено": 9, "перезвонить": 3},
        "outcome_unknown": 0,
    },
    "интернет": {  # no call has a duration: the figures are unknown, not 0, and nothing fails
        "calls": 12,
        "mean_duration_s": None,
        "median_duration_s": None,
        "duration_unknown": 12,
        "outcomes": {"эскалация": 6, "решено": 3},
        "outcome_unknown": 3,
    },
}


def _checked(summaries: list[dict[str, object]], examples: dict[int, str]) -> None:
    got = by_group(summaries, examples)
    assert set(got) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        row = got[name]
        assert {k: row[k] for k in expected} == expected, name
        assert list(row["outcomes"]) == list(expected["outcomes"])  # type: ignore[call-overload]  # commonest first


def test_duration_and_outcome_per_topic_in_the_core(any_engine: Engine) -> None:
    fill(any_engine)
    overview = topic_overview(any_engine.sql, MODEL, k=3)
    examples = {t.id: t.examples[0] for t in overview.topics}
    summaries = topic_outcomes(any_engine.sql, overview)
    assert [s.topic_id for s in summaries] == [t.id for t in overview.topics]  # the topics' order
    _checked([s.to_json() for s in summaries], examples)


def test_trends_json_text_and_api(settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with CallStore.open(settings.db_path) as store:
        fill(store)
    assert main(["--home", str(home), "topics", "--json", "--k", "3"]) == 0
    topics = json.loads(capsys.readouterr().out)["topics"]
    examples = {int(t["id"]): str(t["examples"][0]) for t in topics}
    assert main(["--home", str(home), "trends", "--json"]) == 0
    assert "topic_summary" not in json.loads(capsys.readouterr().out)  # asked for: it reads every placed call
    assert main(["--home", str(home), "trends", "--json", "--outcomes"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"by", "series", "emerging", "saved_searches"} <= set(report)  # the keys stay
    _checked(report["topic_summary"], examples)
    assert main(["--home", str(home), "trends", "--outcomes"]) == 0
    text = capsys.readouterr().out
    assert "median s" in text and "решено 9, перезвонить 3" in text and "unknown 6" in text
    with TestClient(create_app(settings)) as client:
        answer = client.get("/api/topic-summary")
        assert answer.status_code == 200
        assert answer.json() == {"topic_summary": report["topic_summary"]}
        with_outcomes = client.get("/api/trends", params={"outcomes": "true"}).json()
        assert with_outcomes["topic_summary"] == report["topic_summary"]
        assert "topic_summary" not in client.get("/api/trends").json()

"""``topics`` on the command line: JSON shape, assignments file, clear errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.analytics.helpers import MODEL, fill_groups


def test_topics_json_and_assignments(engine_settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_engine(engine_settings) as engine:
        fill_groups(engine)
    out = home / "a.csv"
    assert main(["--home", str(home), "topics", "--json", "--assignments", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["model"] == MODEL and len(data["topics"]) == 3
    assert all(set(t) == {"id", "label", "keywords", "size", "examples"} for t in data["topics"])
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 60 and set(rows[0]) == {"dialog_id", "topic_id", "label"}
    labels = {t["id"]: t["label"] for t in data["topics"]}
    assert all(labels[int(r["topic_id"])] == r["label"] for r in rows)


def test_topics_without_vectors_is_a_clear_error(
    engine_settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home), "topics"]) == 2
    err = capsys.readouterr().err
    assert "no embedded calls" in err and "Traceback" not in err


def test_bad_k_is_a_clear_error(settings: Settings, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with CallStore.open(settings.db_path) as store:
        fill_groups(store)
    assert main(["--home", str(home), "topics", "--k", "1"]) == 2
    assert "must be 2 to" in capsys.readouterr().err

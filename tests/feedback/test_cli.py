"""The rating and learning commands (rate, learning-stats, learning-export, learning-train), on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import load_settings
from tests.calls import add_call, talk


@pytest.fixture
def filled(engine_home: Path) -> Path:
    with open_engine(load_settings(engine_home, environ={})) as store:
        add_call(store, "src", talk("звоните 8 912 345 67 89"), vector=[1, 0, 0, 0, 0, 0, 0, 0], side_vectors=False)
        add_call(store, "a", talk(), vector=[1, 1, 0, 0, 0, 0, 0, 0], side_vectors=False, topic="карты")
        add_call(store, "b", talk(), vector=[0, 1, 1, 0, 0, 0, 0, 0], side_vectors=False)
    return engine_home


def test_rate_stats_export_train(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--home", str(filled)]
    assert main([*base, "rate", "a", "--source", "src", "--relevant", "--rater", "anna", "--rank", "1"]) == 0
    assert main([*base, "rate", "b", "--source", "src", "--not-relevant", "--comment", "не то"]) == 0
    assert "2 ratings in all" in capsys.readouterr().out
    assert main([*base, "rate", "nope", "--query", "карта", "--relevant"]) == 2
    assert "no call with id 'nope'" in capsys.readouterr().err

    assert main([*base, "learning-stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["ratings"] == 2 and stats["share_positive"] == 0.5
    assert main([*base, "learning-stats"]) == 0
    text = capsys.readouterr().out
    assert "share positive: 50.0%" in text and "re-ranking for" in text and "off (needs 50 ratings)" in text

    pairs, triplets, ratings = tmp_path / "p.jsonl", tmp_path / "t.jsonl", tmp_path / "r.csv"
    args = ["learning-export", "--pairs", str(pairs), "--triplets", str(triplets), "--ratings-csv", str(ratings)]
    assert main([*base, *args]) == 0
    triplet = json.loads(triplets.read_text(encoding="utf-8"))
    assert set(triplet) == {"anchor", "positive", "negative"} and "[ТЕЛЕФОН]" in triplet["anchor"]
    assert len(ratings.read_text(encoding="utf-8").splitlines()) == 3
    assert main([*base, "learning-export"]) == 2
    assert "nothing to export" in capsys.readouterr().err

    # The index's model is unknown here (no index): ratings were stored for the settings' model,
    # whose vectors these hand-made calls do not have, so nothing can be trained.
    assert main([*base, "learning-train", "--force"]) == 1

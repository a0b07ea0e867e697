"""New calls join the stored topics when they are indexed (the refresh's hook), without ``topics`` being run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.analytics import topic_store as ts
from callcenter_ai.core.analytics.clustering import assign
from callcenter_ai.core.analytics.sources import load_vectors
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import Settings, save_settings
from tests.analytics.helpers import GROUPS


def put_calls(settings: Settings, ids: list[str], day: str) -> None:
    with open_engine(settings) as engine, engine.calls.transaction():
        for n, dialog_id in enumerate(ids):
            text = list(GROUPS.values())[n % len(GROUPS)]
            turns = (Turn("client", f"{text} ({dialog_id})"), Turn("operator", "сейчас проверю"))
            engine.calls.upsert_call(CallRecord(dialog_id, turns, started_at=f"{day}T10:{n:02d}:00+03:00"))


def placed(settings: Settings) -> tuple[ts.Version, dict[str, tuple[int, np.ndarray]]]:
    """The latest topic version and each call's (topic, vector)."""
    with open_engine(settings) as engine:
        version = ts.latest_version(engine.sql)
        assert version is not None
        ids, vectors, _ = load_vectors(engine.sql, version.model_id)
        names = ts.dialog_ids_of(engine.sql, ids.tolist())
        vector_of = {names[int(c)]: v for c, v in zip(ids.tolist(), vectors, strict=True)}
        pairs = ts.call_topic_pairs(engine.sql, version.version)
        return version, {name: (topic, vector_of[name]) for name, topic in pairs}


def test_indexing_places_new_calls_into_the_stored_topics(
    engine_settings: Settings, home: Path, tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = save_settings(
        engine_settings, {"model": str(tiny_model_dir), "offline_fallback": False, "idle_unload_s": 0}
    )
    cli = ["--home", str(home)]
    put_calls(settings, [f"old-{n}" for n in range(12)], "2026-05-04")
    assert main([*cli, "index", "--no-progress"]) == 0
    assert "emerging" not in capsys.readouterr().out  # no topics yet: no alerts, nothing clustered
    assert main([*cli, "topics", "--k", "3", "--json"]) == 0
    sizes = {t["id"]: t["size"] for t in json.loads(capsys.readouterr().out)["topics"]}
    version, before = placed(settings)
    assert set(before) == {f"old-{n}" for n in range(12)} and version.placed_through is not None

    put_calls(settings, [f"new-{n}" for n in range(5)], "2026-05-11")
    assert main([*cli, "index", "--no-progress"]) == 0  # no `topics` run: the index job places them
    printed = capsys.readouterr().out  # and the alerts of the latest week follow
    assert "emerging in 2026-W20" in printed or "no emerging topics in 2026-W20" in printed
    assert "in no topic yet" not in printed
    after_version, after = placed(settings)
    assert after_version.version == version.version  # placed into the same topics, not clustered again
    assert after_version.placed_through is not None and after_version.placed_through >= version.placed_through
    new = {k: v for k, v in after.items() if k.startswith("new-")}
    assert set(new) == {f"new-{n}" for n in range(5)}
    with open_engine(settings) as engine:
        stored = ts.load_topics(engine.sql, version.version)
    centroids = np.vstack([t.centroid for t in stored])
    floors = np.array([t.floor for t in stored], dtype=np.float32)
    rows, _ = assign(np.vstack([v for _, v in new.values()]), centroids, floors)
    want = [stored[r].topic_id if r >= 0 else -1 for r in rows.tolist()]
    assert [t for t, _ in new.values()] == want  # nearest centroid, «прочее» below its floor

    capsys.readouterr()
    assert main([*cli, "trends", "--by", "week", "--json"]) == 0
    trends = json.loads(capsys.readouterr().out)
    weeks = {c["period"]: 0 for c in trends["series"][0]["counts"]}
    for series in trends["series"]:
        for count in series["counts"]:
            weeks[count["period"]] += count["calls"]
    assert weeks == {"2026-W19": 12, "2026-W20": 5}
    assert sum(sizes.values()) <= 12

"""The demo set: generated, varied, imported; its cancelling and the demo / stats commands on both engines.
``test_generate_demo_writes_and_imports`` (2,000 calls, the generator's speed) stays on SQLite: the demo's
import into the server is the same import, tested by ``test_demo_then_stats_cli`` (and ``tests/ingest``)."""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from datetime import datetime
from itertools import combinations
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.demo import TOPIC_NAMES, generate_calls, generate_demo
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.ingest import ImportProgress
from callcenter_ai.core.settings import Settings

WORD = re.compile(r"\w+")


def words(call: dict) -> set[str]:
    return {w.lower() for t in call["turns"] for w in WORD.findall(t["text"]) if not w.isdigit()}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    return list(generate_calls(2000, seed=0))


def test_deterministic_for_a_seed() -> None:
    assert list(generate_calls(50, seed=3)) == list(generate_calls(50, seed=3))
    assert list(generate_calls(50, seed=3)) != list(generate_calls(50, seed=4))


def test_shape_of_the_set(calls: list[dict]) -> None:
    topics = Counter(c["topic"] for c in calls)
    assert len(topics) >= 20 and set(topics) == set(TOPIC_NAMES)
    assert min(topics.values()) >= 40  # every topic well represented
    assert len({c["operator"] for c in calls}) >= 8
    assert {c["channel"] for c in calls} == {"телефон", "чат", "мессенджер"}
    assert {c["direction"] for c in calls} == {"входящий", "исходящий"}
    assert len({c["outcome"] for c in calls}) >= 4
    lengths = [len(c["turns"]) for c in calls]
    assert min(lengths) >= 4 and max(lengths) <= 60 and max(lengths) >= 35
    moments = [datetime.fromisoformat(c["started_at"]) for c in calls]
    assert (max(moments) - min(moments)).days >= 150
    assert all(8 <= m.hour <= 21 for m in moments)
    assert sum(1 for c in calls if "secondary_topic" in c) >= 50  # some calls mix two topics
    for c in calls:
        ends = [t["end"] for t in c["turns"]]
        assert ends == sorted(ends) and c["duration_s"] >= ends[-1]
        assert all(t["start"] <= t["end"] for t in c["turns"])
        assert {t["speaker"] for t in c["turns"]} == {"operator", "client"}


def test_calls_vary_in_wording_but_topics_stay_alike(calls: list[dict]) -> None:
    texts = ["\n".join(t["text"] for t in c["turns"]) for c in calls]
    assert len(set(texts)) == len(texts)  # no two calls are identical
    by_topic: dict[str, list[set[str]]] = defaultdict(list)
    for c in calls:
        by_topic[c["topic"]].append(words(c))
    same = [jaccard(a, b) for group in by_topic.values() for a, b in combinations(group[:15], 2)]
    groups = list(by_topic.values())
    different = [jaccard(a[i], b[i]) for a, b in combinations(groups, 2) for i in range(3)]
    mean_same, mean_different = sum(same) / len(same), sum(different) / len(different)
    assert max(same) < 0.9
    assert mean_same < 0.5, mean_same  # alike by meaning, not copies of a template
    assert mean_same > mean_different + 0.05, (mean_same, mean_different)
    openers = defaultdict(set)
    for c in calls:
        openers[c["topic"]].add(c["turns"][1]["text"])
    assert all(len(v) >= 20 for v in openers.values())  # many phrasings of the problem per topic


def test_generate_demo_writes_and_imports(settings: Settings) -> None:
    engine = SqliteEngine(settings)
    started = time.monotonic()
    jobs = generate_demo(engine.calls, settings, calls=2000, seed=0)
    phases = set()
    while True:
        try:
            progress: ImportProgress = next(jobs)
            phases.add(progress.phase)
        except StopIteration as stop:
            report = stop.value
            break
    elapsed = time.monotonic() - started
    assert report.inserted == 2000 and report.committed
    assert {"generating", "reading", "done"} <= phases
    assert elapsed < 15, elapsed
    assert engine.calls.info("demo_seed") == "0"
    with (settings.home / "data" / "demo_calls.jsonl").open(encoding="utf-8") as f:
        first = json.loads(f.readline())
    (call,) = engine.calls.get_calls([engine.calls.call_id(first["id"])])
    assert call.topic == first["topic"]
    engine.close()


def test_cancel_leaves_nothing(settings: Settings, engine: Engine) -> None:
    jobs = generate_demo(engine.calls, settings, calls=1000, cancel=lambda: True)
    with pytest.raises(StopIteration) as stop:
        while True:
            next(jobs)
    assert stop.value.value.cancelled
    assert engine.calls.count("calls") == 0
    assert not (settings.home / "data" / "demo_calls.jsonl").exists()


def test_demo_then_stats_cli(engine_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = engine_home
    assert main(["--home", str(home), "demo", "--calls", "120", "--seed", "7"]) == 0
    assert "120 inserted" in capsys.readouterr().out
    assert main(["--home", str(home), "demo", "--calls", "120", "--seed", "7", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 120
    assert main(["--home", str(home), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["dialogs"] == 120 and stats["turns"] > 120 * 4
    with pytest.raises(SystemExit):
        main(["--home", str(home), "demo", "--calls", "0"])

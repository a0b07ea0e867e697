"""Trends by period and emerging topics: a planted surge is found, steady data raises nothing."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from callcenter_ai.core.analytics.emerging import benjamini_hochberg
from callcenter_ai.core.analytics.topics import topic_overview
from callcenter_ai.core.analytics.trends import trend_report
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.store import CallStore
from tests.analytics.helpers import GROUPS, MODEL, add_call, group_vector

START = date(2026, 3, 2)  # a Monday


def fill_weeks(store: CallStore | Engine, *, surge: str | None, weeks: int = 6, seed: int = 0) -> None:
    """Daily calls of three topics with a weekly rhythm; ``surge`` triples in the last week."""
    rng = np.random.default_rng(seed)
    for offset in range(weeks * 7):
        day = START + timedelta(offset)
        rhythm = 1.6 if day.weekday() == 0 else 0.4 if day.weekday() >= 5 else 1.0
        for axis, name in enumerate(GROUPS):
            rate = 3.0 * rhythm * (3.0 if name == surge and offset >= (weeks - 1) * 7 else 1.0)
            for n in range(int(rng.poisson(rate))):
                add_call(
                    store,
                    f"{name}-{offset}-{n}",
                    GROUPS[name],
                    group_vector(rng, axis),
                    started_at=f"{day.isoformat()}T10:{n:02d}:00+03:00",
                )


def test_planted_surge_is_found_by_week(store: CallStore) -> None:
    fill_weeks(store, surge="интернет")
    overview = topic_overview(store.db, MODEL, k=3)
    report = trend_report(store.db, overview, "week")
    assert report.periods[0] == "2026-W10" and len(report.periods) == 6
    assert len(report.emerging) == 1
    alert = report.emerging[0]
    internet = next(t for t in overview.topics if t.examples[0].startswith("интернет"))
    assert alert.topic_id == internet.id and alert.period == "2026-W15"
    assert alert.calls > 2 * alert.expected and alert.p_value < 0.05
    shape = report.to_json()
    assert set(shape) == {"by", "series", "emerging", "saved_searches"}
    assert set(shape["emerging"][0]) >= {"topic_id", "label", "period", "calls", "expected", "p_value"}  # type: ignore[index]
    total = sum(c.calls for s in report.series for c in s.counts)
    assert total == store.count("calls")


@pytest.mark.parametrize("by", ["day", "week", "month"])
def test_steady_data_raises_nothing(store: CallStore, by: str) -> None:
    fill_weeks(store, surge=None, seed=1)
    report = trend_report(store.db, topic_overview(store.db, MODEL, k=3), by)
    assert report.emerging == []


def test_bad_period_and_no_dates_are_clear(store: CallStore) -> None:
    rng = np.random.default_rng(0)
    for i in range(5):
        add_call(store, f"x{i}", GROUPS["кредит"], group_vector(rng, 1), started_at=None)
    overview = topic_overview(store.db, MODEL, k=2)
    with pytest.raises(ConfigError, match="no call has a start time"):
        trend_report(store.db, overview)
    add_call(store, "dated", GROUPS["кредит"], group_vector(rng, 1), started_at="2026-03-02T10:00:00+03:00")
    overview = topic_overview(store.db, MODEL, k=3)
    with pytest.raises(ConfigError, match="no calls in the period 2027-01-01"):
        trend_report(store.db, overview, "day", "2027-01-01")
    with pytest.raises(ConfigError, match="unknown period"):
        trend_report(store.db, overview, "year")


def test_benjamini_hochberg_matches_the_textbook() -> None:
    adjusted = benjamini_hochberg([0.01, 0.04, 0.03, 0.005])
    assert adjusted == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_day_counts_follow_deleted_and_changed_calls(any_engine: Engine) -> None:
    fill_weeks(any_engine, surge=None, weeks=1)
    db = any_engine.sql
    overview = topic_overview(db, MODEL, k=3)
    before = sum(c.calls for s in trend_report(db, overview).series for c in s.counts)
    gone = db.execute("SELECT external_id FROM calls ORDER BY id LIMIT 2").fetchall()
    any_engine.calls.delete_calls([g[0] for g in gone])
    after = sum(c.calls for s in trend_report(db, overview).series for c in s.counts)
    assert after == before - 2 == any_engine.calls.count("calls")


def test_drill_down_matches_the_series(store: CallStore) -> None:
    from callcenter_ai.core.analytics.drill import Drill, drill_calls

    fill_weeks(store, surge="кредит", weeks=3)
    overview = topic_overview(store.db, MODEL, k=3)
    report = trend_report(store.db, overview, "week")
    for series in report.series:
        for count in series.counts:
            drilled = drill_calls(store.db, overview.version, Drill(series.topic_id, count.period, "week"))
            assert len(drilled) == count.calls
    day = report.periods[0]
    first = next(c for c in trend_report(store.db, overview, "day").series[0].counts if c.calls)
    assert len(drill_calls(store.db, overview.version, Drill(period=first.period))) >= first.calls
    assert day.startswith("2026-W")


def test_operator_topic_counts_follow_placed_deleted_and_replaced_calls(any_engine: Engine) -> None:
    rng = np.random.default_rng(4)
    for n in range(30):
        name = list(GROUPS)[n % 3]
        add_call(any_engine, f"{name}-{n}", GROUPS[name], group_vector(rng, n % 3), operator=f"оп{n % 4}")
    db = any_engine.sql

    def kept(version: int) -> list[tuple[str, int, int]]:
        sql = "SELECT operator, topic_id, calls FROM topic_operators WHERE model_version = ? AND calls > 0"
        return sorted(tuple(r) for r in db.execute(sql, (version,)).fetchall())

    def joined(version: int) -> list[tuple[str, int, int]]:
        sql = (
            "SELECT c.operator, t.topic_id, count(*) FROM call_topics t JOIN calls c ON c.id = t.call_id"
            " WHERE t.model_version = ? GROUP BY 1, 2"
        )
        return sorted(tuple(r) for r in db.execute(sql, (version,)).fetchall())

    overview = topic_overview(db, MODEL, k=3)
    assert kept(overview.version) == joined(overview.version) and sum(r[2] for r in kept(overview.version)) == 30
    any_engine.calls.delete_calls(["карта-0", "кредит-1"])
    assert kept(overview.version) == joined(overview.version)
    rebuilt = topic_overview(db, MODEL, k=3, rebuild=True)
    assert kept(rebuilt.version) == joined(rebuilt.version) and sum(r[2] for r in kept(rebuilt.version)) == 28

"""Drill-down: every shape returns exactly the calls a plain filter would, newest first, off an index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from callcenter_ai.core.analytics.drill import Drill, drill_calls, drill_query, period_range
from callcenter_ai.core.analytics.topics import topic_overview
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.store import CallStore
from tests.analytics.helpers import GROUPS, MODEL, add_call, group_vector

OFFSETS = ("+03:00", "-08:00", "+10:00", "+00:00")


def fill(store: CallStore | Engine) -> dict[int, tuple[str, str]]:
    """Calls over three weeks at all hours in four time zones (local midnight falls on other UTC days)."""
    rng = np.random.default_rng(3)
    made: dict[int, tuple[str, str]] = {}
    for n in range(180):  # day n % 21 from a Monday, hour 7n % 24: every weekday meets many hours
        day = date(2026, 3, 2) + timedelta(n % 21)
        started = f"{day.isoformat()}T{7 * n % 24:02d}:{n % 60:02d}:00{OFFSETS[n % 4]}"
        axis = n % 3
        name = list(GROUPS)[axis]
        operator = f"оп{n % 5}"
        vector = group_vector(rng, axis)
        call_id = add_call(store, f"{name}-{n}", GROUPS[name], vector, started_at=started, operator=operator)
        made[call_id] = (started, operator)
    return made


def expected(made: dict[int, tuple[str, str]], keep: Callable[[str, str], bool]) -> list[int]:
    rows = [(datetime.fromisoformat(s), call_id) for call_id, (s, op) in made.items() if keep(s, op)]
    return [call_id for _, call_id in sorted(rows, reverse=True)]


@pytest.mark.parametrize(
    "what",
    [
        Drill(operator="оп2"),
        Drill(weekday=2, hour=14),
        Drill(period="2026-03-09", by="day"),
        Drill(period="2026-W11", by="week"),
        Drill(period="2026-03", by="month"),
        Drill(operator="оп1", period="2026-W12", by="week"),
    ],
)
def test_each_shape_finds_the_calls_of_a_plain_filter(store: CallStore, what: Drill) -> None:
    made = fill(store)
    overview = topic_overview(store.db, MODEL, k=3)
    want = expected(made, plain_filter(what))
    assert want, "the data has calls for every shape"
    assert drill_calls(store.db, overview.version, what) == want  # newest first by the instant


def plain_filter(what: Drill) -> Callable[[str, str], bool]:
    def keep(started: str, operator: str) -> bool:
        local = datetime.fromisoformat(started)
        if what.operator is not None and operator != what.operator:
            return False
        if what.weekday is not None and (local.weekday() != what.weekday or local.hour != what.hour):
            return False
        if what.period:
            first, last = period_range(what.period, what.by)
            return first <= local.date() <= last
        return True

    return keep


def test_the_server_drills_like_the_desktop(any_engine: Engine) -> None:
    """The weekday x hour, period and operator shapes on either engine (PostgreSQL has its own date SQL)."""
    made = fill(any_engine)
    overview = topic_overview(any_engine.sql, MODEL, k=3)
    topic = overview.topics[0]
    for what in (
        Drill(weekday=2, hour=14),
        Drill(operator="оп1", period="2026-W12", by="week"),
        Drill(period="2026-03-09", by="day"),
        Drill(topic_id=topic.id),
    ):
        drilled = drill_calls(any_engine.sql, overview.version, what)
        if what.topic_id is None:
            assert drilled == expected(made, plain_filter(what)), what
        else:
            assert len(drilled) == topic.size


def test_a_topic_in_a_period_matches_its_members(store: CallStore) -> None:
    fill(store)
    overview = topic_overview(store.db, MODEL, k=3)
    topic = overview.topics[0].id
    members = {int(r[0]) for r in store.db.execute("SELECT call_id FROM call_topics WHERE topic_id = ?", (topic,))}
    week = [
        int(r[0])
        for r in store.db.execute(
            "SELECT id FROM calls WHERE substr(started_at, 1, 10) BETWEEN '2026-03-09' AND '2026-03-15'"
        )
    ]
    drilled = drill_calls(store.db, overview.version, Drill(topic_id=topic, period="2026-W11", by="week"))
    assert sorted(drilled) == sorted(set(week) & members)


@pytest.mark.parametrize(
    ("what", "index"),
    [
        (Drill(operator="оп2"), "calls_operator_started"),
        (Drill(weekday=2, hour=14), "calls_weekday_hour"),
        (Drill(period="2026-W11", by="week"), "calls_started"),
        (Drill(topic_id=1), "call_topics_topic"),
    ],
)
def test_each_shape_reads_an_index_without_sorting_the_table(store: CallStore, what: Drill, index: str) -> None:
    fill(store)
    store.db.execute("ANALYZE")
    sql, params = drill_query(1, what)
    plan = " | ".join(str(r[3]) for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert f"INDEX {index}" in plan and "SCAN c" not in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan  # at most the right part of the order is sorted


def test_the_joins_parameters_come_in_the_order_of_their_placeholders() -> None:
    """A topic and a saved search together: both joins' values precede the WHERE clause's (PostgreSQL
    refused ``h.name = <topic id>``; SQLite compared them and silently found nothing)."""
    sql, params = drill_query(7, Drill(topic_id=3, saved_search="роутеры", operator="Анна"), limit=50)
    assert sql.index("t.model_version = ?") < sql.index("h.name = ?") < sql.index("t.topic_id = ?")
    assert params == [7, "роутеры", 3, "Анна", 50]

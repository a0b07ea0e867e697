"""The demo set's planted outage week is the one emerging topic; without it nothing is raised."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest

from callcenter_ai.core.analytics.trends import build_report
from callcenter_ai.core.demo.generator import OUTAGE_DAYS, OUTAGE_START, OUTAGE_TOPIC, TOPIC_NAMES, generate_calls

CALLS = 4000
OUTAGE_WEEK = "{}-W{:02d}".format(*OUTAGE_START.isocalendar()[:2])


def weekly_alerts(outage: bool) -> dict[str, list[str]]:
    """Emerging topics (by their demo label) tested in every week after the first eight."""
    ids = {name: i for i, name in enumerate(TOPIC_NAMES)}
    daily = Counter((c["started_at"][:10], ids[c["topic"]]) for c in generate_calls(CALLS, outage=outage))
    labels = dict(enumerate(TOPIC_NAMES))
    periods = build_report(daily, labels, "week").periods
    return {week: [e.label for e in build_report(daily, labels, "week", week).emerging] for week in periods[8:]}


def test_the_outage_week_is_found() -> None:
    alerts = weekly_alerts(outage=True)
    assert alerts[OUTAGE_WEEK] == [OUTAGE_TOPIC]
    assert {week: found for week, found in alerts.items() if found} == {OUTAGE_WEEK: [OUTAGE_TOPIC]}


def test_nothing_is_raised_without_an_outage() -> None:
    assert {week: found for week, found in weekly_alerts(outage=False).items() if found} == {}


def test_the_outage_leaves_other_calls_unchanged() -> None:
    with_outage = list(generate_calls(1000, outage=True))
    without = list(generate_calls(1000, outage=False))
    changed = [a for a, b in zip(with_outage, without, strict=True) if a != b]
    assert changed and all(c["topic"] == OUTAGE_TOPIC for c in changed)
    end = OUTAGE_START + timedelta(days=OUTAGE_DAYS)
    assert all(OUTAGE_START <= datetime.fromisoformat(c["started_at"]) < end for c in changed)


@pytest.mark.parametrize("by", ["day", "month"])
def test_other_periods_work_on_the_demo(by: str) -> None:
    ids = {name: i for i, name in enumerate(TOPIC_NAMES)}
    daily = Counter((c["started_at"][:10], ids[c["topic"]]) for c in generate_calls(1000))
    report = build_report(daily, dict(enumerate(TOPIC_NAMES)), by)
    assert sum(c.calls for s in report.series for c in s.counts) == 1000

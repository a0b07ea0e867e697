"""Calls per topic per day, week or month, and the topics emerging in a period.

Periods are the calls' own local dates (``started_at`` as imported, offset
kept): a day is ``2026-05-04``, a week ``2026-W19`` (ISO), a month
``2026-05``.  Every period between the first and the last call is listed,
empty ones with 0.  Saved searches join the trends like a CallMiner category:
each one's volume (the calls it found, by their own date) over the same periods.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

from callcenter_ai.core.analytics.emerging import BASELINE, Emerging, TopicCounts, emerging_topics
from callcenter_ai.core.analytics.outcomes import TopicOutcomes, topic_outcomes
from callcenter_ai.core.analytics.saved import saved_daily_counts
from callcenter_ai.core.analytics.topics import OTHER_LABEL, TopicOverview
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.store.sql import Sql

PERIODS = ("day", "week", "month")


class PeriodCount(NamedTuple):  # a tuple: a day-by-day report of a year has tens of thousands
    period: str
    calls: int


@dataclass(frozen=True)
class TopicSeries:
    topic_id: int
    label: str
    counts: list[PeriodCount]

    @property
    def total(self) -> int:
        return sum(c.calls for c in self.counts)


@dataclass(frozen=True)
class SavedSeries:
    """A saved search's volume: the calls it found, counted by their period."""

    name: str
    counts: list[PeriodCount]

    @property
    def total(self) -> int:
        return sum(c.calls for c in self.counts)


@dataclass(frozen=True)
class TrendReport:
    """The ``trends --json`` object: one series per topic (``-1`` is «прочее»), the emerging topics, saved searches.

    ``outcomes`` (key ``topic_summary``, when asked for) is each topic's calls, duration and outcomes.
    """

    by: str
    periods: list[str]
    series: list[TopicSeries]
    emerging: list[Emerging] = field(default_factory=list)
    saved: list[SavedSeries] = field(default_factory=list)
    outcomes: list[TopicOutcomes] | None = None  # None: not asked for

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "by": self.by,
            "series": [
                {
                    "topic_id": s.topic_id,
                    "label": s.label,
                    "counts": [{"period": c.period, "calls": c.calls} for c in s.counts],
                }
                for s in self.series
            ],
            "emerging": [e.to_json() for e in self.emerging],
            "saved_searches": [
                {"name": s.name, "counts": [{"period": c.period, "calls": c.calls} for c in s.counts]}
                for s in self.saved
            ],
        }
        if self.outcomes is not None:
            out["topic_summary"] = [o.to_json() for o in self.outcomes]
        return out


def check_by(by: str) -> str:
    if by not in PERIODS:
        raise ConfigError(msg("trends.bad_by", by=by))
    return by


def period_of(day: date, by: str) -> str:
    if by == "day":
        return day.isoformat()
    if by == "month":
        return day.isoformat()[:7]
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def daily_counts(db: Sql, version: int) -> dict[tuple[str, int], int]:
    """(local date, topic id) → calls, for the calls with a start time."""
    rows = db.execute("SELECT day, topic_id, calls FROM topic_days WHERE model_version = ? AND calls > 0", (version,))
    return {(day, topic): calls for day, topic, calls in rows}


def trend_report(
    db: Sql,
    overview: TopicOverview,
    by: str = "day",
    period: str | None = None,
    *,
    outcomes: bool = False,
) -> TrendReport:
    """Series of every topic by ``by``; emerging topics in ``period`` (default: the latest).

    ``outcomes`` adds duration and outcome per topic: a read of every placed call (about 0.6 s for 200k
    calls), where the series come from per-day counts in milliseconds, so it is asked for, not implied.
    """
    check_by(by)
    labels = {t.id: t.label for t in overview.topics}
    labels[-1] = OTHER_LABEL
    report = build_report(daily_counts(db, overview.version), labels, by, period, saved_daily_counts(db))
    return replace(report, outcomes=topic_outcomes(db, overview)) if outcomes else report


def build_report(
    daily: Mapping[tuple[str, int], int],
    labels: Mapping[int, str],
    by: str = "day",
    period: str | None = None,
    saved: Mapping[str, Mapping[str, int]] | None = None,
) -> TrendReport:
    """The report from (local date, topic id) → calls; ``labels`` in display order.

    ``saved`` (saved search → local date → calls) adds each saved search's volume over the same periods.
    """
    check_by(by)
    if not daily:
        raise ConfigError(msg("trends.no_dates"))
    first = date.fromisoformat(min(d for d, _ in daily))  # ISO dates sort as dates
    span = (date.fromisoformat(max(d for d, _ in daily)) - first).days + 1
    period_of_day = {(first + timedelta(n)).isoformat(): period_of(first + timedelta(n), by) for n in range(span)}
    periods = list(dict.fromkeys(period_of_day.values()))
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(periods, 0))
    for (day, topic), n in daily.items():
        counts[topic][period_of_day[day]] += n
    series = [
        TopicSeries(tid, labels.get(tid, str(tid)), [PeriodCount(p, n) for p, n in counts[tid].items()])
        for tid in [*labels, *sorted(set(counts) - set(labels))]
        if tid in counts
    ]
    tested = period or periods[-1]
    if tested not in periods or all(counts[s.topic_id][tested] == 0 for s in series):
        raise ConfigError(msg("trends.no_data", period=tested))
    return TrendReport(
        by,
        periods,
        series,
        _emerging(counts, labels, periods, tested, by),
        _saved_series(saved or {}, period_of_day, periods),
    )


def _saved_series(
    saved: Mapping[str, Mapping[str, int]], period_of_day: Mapping[str, str], periods: list[str]
) -> list[SavedSeries]:
    """Each saved search counted over ``periods`` (calls dated outside the topics' span are left out)."""
    out = []
    for name in sorted(saved):
        counts = dict.fromkeys(periods, 0)
        for day, n in saved[name].items():
            if day in period_of_day:
                counts[period_of_day[day]] += n
        out.append(SavedSeries(name, [PeriodCount(p, n) for p, n in counts.items()]))
    return out


def _emerging(
    counts: Mapping[int, Mapping[str, int]], labels: Mapping[int, str], periods: list[str], tested: str, by: str
) -> list[Emerging]:
    at = periods.index(tested)
    before = periods[max(0, at - BASELINE[by]) : at]
    if not before:
        return []
    now = {tid: c[tested] for tid, c in counts.items()}
    base = {tid: sum(c[p] for p in before) for tid, c in counts.items()}
    rows = [TopicCounts(t, labels.get(t, str(t)), now[t], base[t]) for t in sorted(counts) if t >= 0]
    return emerging_topics(rows, tested, sum(now.values()), sum(base.values()))

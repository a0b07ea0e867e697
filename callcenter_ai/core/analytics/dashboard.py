"""The numbers behind the «Аналитика» tab, as plain data: one :class:`Bars` per chart.

Each bar carries the :class:`Drill` that opens its calls, and each chart its
table (``columns`` / ``rows``) for CSV/XLSX export, so the chart, the export
and the drill-down read the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter_ai.core.analytics.drill import Drill, weekday_hour_sql
from callcenter_ai.core.analytics.emerging import Emerging
from callcenter_ai.core.analytics.outcomes import TopicOutcomes, topic_outcomes
from callcenter_ai.core.analytics.repeats import RepeatReport, repeat_report
from callcenter_ai.core.analytics.saved import saved_daily_counts
from callcenter_ai.core.analytics.topics import OTHER_LABEL, TopicOverview
from callcenter_ai.core.analytics.trends import TrendReport, build_report, daily_counts
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.store.sql import Sql

WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


@dataclass(frozen=True)
class Bars:
    """A chart: labelled values, the drill of each, and the table it exports."""

    key: str
    labels: list[str]
    values: list[float]
    drills: list[Drill]
    columns: tuple[str, ...] = ("label", "calls")

    def rows(self) -> list[tuple[object, ...]]:
        return [(label, value) for label, value in zip(self.labels, self.values, strict=True)]


@dataclass(frozen=True)
class Grid:
    """Hour × weekday counts: ``counts[weekday][hour]``, Monday first."""

    counts: list[list[int]]
    columns: tuple[str, ...] = ("weekday", "hour", "calls")

    def rows(self) -> list[tuple[object, ...]]:
        return [(WEEKDAYS[d], h, self.counts[d][h]) for d in range(7) for h in range(24)]


@dataclass(frozen=True)
class OperatorRow:
    operator: str
    calls: int
    mean_duration_s: float | None
    top_topics: list[str]
    relevant_share: float | None  # of rated results that were this operator's calls


@dataclass(frozen=True)
class Dashboard:
    overview: TopicOverview
    per_day: Bars
    per_topic: Bars
    per_operator: Bars
    hour_weekday: Grid
    operators: list[OperatorRow]
    emerging: list[Emerging]
    repeats: RepeatReport
    weekly: TrendReport | None = None
    notes: list[str] = field(default_factory=list)
    outcomes: list[TopicOutcomes] = field(default_factory=list)  # duration and outcome per topic


def build_dashboard(db: Sql, overview: TopicOverview, repeat_days: int = 7) -> Dashboard:
    labels = {t.id: t.label for t in overview.topics}
    labels[-1] = OTHER_LABEL
    daily = daily_counts(db, overview.version)
    weekly: TrendReport | None = None
    notes = []
    day_labels: list[str] = []
    day_values: list[float] = []
    if daily:
        by_day = build_report(daily, labels, "day")
        day_labels = by_day.periods
        day_values = [float(sum(s.counts[i].calls for s in by_day.series)) for i in range(len(day_labels))]
        try:
            weekly = build_report(daily, labels, "week", saved=saved_daily_counts(db))
        except ConfigError as exc:
            notes.append(exc.message)
    per_day = Bars("per_day", day_labels, day_values, [Drill(period=d, by="day") for d in day_labels])
    shown = [t for t in overview.topics if t.size > 0]
    per_topic = Bars(
        "per_topic",
        [f"{t.id}: {t.label}" for t in shown] + ([OTHER_LABEL] if overview.other else []),
        [float(t.size) for t in shown] + ([float(overview.other)] if overview.other else []),
        [Drill(topic_id=t.id) for t in shown] + ([Drill(topic_id=-1)] if overview.other else []),
    )
    ops = operator_rows(db, overview, labels)
    per_operator = Bars(
        "per_operator",
        [o.operator for o in ops],
        [float(o.calls) for o in ops],
        [Drill(operator=o.operator) for o in ops],
    )
    return Dashboard(
        overview,
        per_day,
        per_topic,
        per_operator,
        hour_weekday(db),
        ops,
        weekly.emerging if weekly else [],
        repeat_report(db, overview, repeat_days),
        weekly,
        notes,
        topic_outcomes(db, overview),
    )


def hour_weekday(db: Sql) -> Grid:
    """Calls by local weekday and hour: counted off the calls_weekday_hour index alone (no table rows read)."""
    counts = [[0] * 24 for _ in range(7)]
    weekday, hour = weekday_hour_sql(db)
    rows = db.execute(f"SELECT {weekday}, {hour}, count(*) FROM calls c GROUP BY 1, 2")
    for day, at, n in rows:  # calls without a start time come as (None, None)
        if day is not None and at is not None and 0 <= at < 24:
            counts[int(day)][int(at)] += int(n)
    return Grid(counts)


def operator_rows(db: Sql, overview: TopicOverview, labels: dict[int, str]) -> list[OperatorRow]:
    """Calls, mean duration, the three commonest topics and the rated-relevant share of each operator."""
    base = {
        str(r[0]): (int(r[1]), r[2])
        for r in db.execute(
            "SELECT operator, count(*), avg(duration_s) FROM calls WHERE operator IS NOT NULL GROUP BY operator"
        )
    }
    mix: dict[str, list[tuple[int, int]]] = {}
    for operator, topic, n in db.execute(
        "SELECT operator, topic_id, calls FROM topic_operators WHERE model_version = ? AND calls > 0",
        (overview.version,),
    ):
        mix.setdefault(str(operator), []).append((int(n), int(topic)))
    rated = {
        str(r[0]): (int(r[1]), int(r[2]))
        for r in db.execute(
            "SELECT c.operator, count(*), sum(CASE WHEN r.relevant THEN 1 ELSE 0 END)"
            " FROM ratings r JOIN calls c ON c.id = r.result_call_id"
            " WHERE c.operator IS NOT NULL GROUP BY c.operator"
        )
    }
    out = []
    for operator, (calls, mean) in sorted(base.items(), key=lambda kv: (-kv[1][0], kv[0])):
        top = [labels.get(t, str(t)) for _, t in sorted(mix.get(operator, []), reverse=True)[:3]]
        n_rated, n_relevant = rated.get(operator, (0, 0))
        share = n_relevant / n_rated if n_rated else None
        out.append(OperatorRow(operator, calls, None if mean is None else float(mean), top, share))
    return out

"""Duration and outcome per topic: how long each topic's calls take and how they end.

Every call placed in the topic version counts (``-1`` is «прочее»).  A call
without a duration counts in ``duration_unknown`` and is left out of the mean
and the median; a call without an outcome (none, or only spaces) counts in
``outcome_unknown``.  The SQL is in two small functions (the counts and the
medians), each one grouped pass over the topic assignments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from callcenter_ai.core.analytics.topics import OTHER_LABEL, TopicOverview
from callcenter_ai.core.store.sql import Sql


@dataclass(frozen=True)
class TopicOutcomes:
    """One topic's calls, their mean and median duration (seconds) and outcome counts."""

    topic_id: int
    label: str
    calls: int
    mean_duration_s: float | None = None
    median_duration_s: float | None = None
    duration_unknown: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # known outcomes, commonest first
    outcome_unknown: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "topic_id": self.topic_id,
            "label": self.label,
            "calls": self.calls,
            "mean_duration_s": _rounded(self.mean_duration_s),
            "median_duration_s": _rounded(self.median_duration_s),
            "duration_unknown": self.duration_unknown,
            "outcomes": dict(self.outcomes),
            "outcome_unknown": self.outcome_unknown,
        }


OutcomeRow = tuple[int, str | None, int, int, float | None]  # topic, outcome, calls, timed calls, their seconds


def outcome_counts(db: Sql, version: int) -> list[OutcomeRow]:
    """Per topic and outcome: calls, calls with a duration, the sum of those durations."""
    rows = db.execute(
        "SELECT t.topic_id, c.outcome, count(*), count(c.duration_s), sum(c.duration_s)"
        " FROM call_topics t JOIN calls c ON c.id = t.call_id WHERE t.model_version = ?"
        " GROUP BY t.topic_id, c.outcome",
        (version,),
    )
    return [(int(r[0]), r[1], int(r[2]), int(r[3]), None if r[4] is None else float(r[4])) for r in rows]


def duration_medians(db: Sql, version: int) -> dict[int, float]:
    """Per topic, the median duration of its calls that have one (the mean of the middle two for an even count)."""
    rows = db.execute(
        "SELECT topic_id, avg(d) FROM ("
        " SELECT t.topic_id, c.duration_s AS d,"
        "  row_number() OVER (PARTITION BY t.topic_id ORDER BY c.duration_s) AS rn,"
        "  count(*) OVER (PARTITION BY t.topic_id) AS n"
        " FROM call_topics t JOIN calls c ON c.id = t.call_id"
        " WHERE t.model_version = ? AND c.duration_s IS NOT NULL"
        ") AS ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY topic_id",
        (version,),
    )
    return {int(r[0]): float(r[1]) for r in rows}


def topic_outcomes(db: Sql, overview: TopicOverview) -> list[TopicOutcomes]:
    """Duration and outcome of every topic of ``overview`` with calls, in its order, «прочее» last."""
    labels = {t.id: t.label for t in overview.topics}
    labels[-1] = OTHER_LABEL
    return build_outcomes(outcome_counts(db, overview.version), duration_medians(db, overview.version), labels)


def build_outcomes(
    rows: Iterable[OutcomeRow],
    medians: Mapping[int, float],
    labels: Mapping[int, str],
) -> list[TopicOutcomes]:
    """The summaries from :func:`outcome_counts`' rows; topics in ``labels`` order, then any others."""
    calls: dict[int, int] = defaultdict(int)
    timed: dict[int, int] = defaultdict(int)
    seconds: dict[int, float] = defaultdict(float)
    ends: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unknown: dict[int, int] = defaultdict(int)
    for topic, outcome, n, n_timed, total in rows:
        calls[topic] += n
        timed[topic] += n_timed
        seconds[topic] += total or 0.0
        name = (outcome or "").strip()
        if name:
            ends[topic][name] += n
        else:
            unknown[topic] += n
    order = [t for t in labels if t in calls] + sorted(set(calls) - set(labels))
    return [
        TopicOutcomes(
            topic_id=t,
            label=labels.get(t, str(t)),
            calls=calls[t],
            mean_duration_s=seconds[t] / timed[t] if timed[t] else None,
            median_duration_s=medians.get(t) if timed[t] else None,
            duration_unknown=calls[t] - timed[t],
            outcomes=dict(sorted(ends[t].items(), key=lambda kv: (-kv[1], kv[0]))),
            outcome_unknown=unknown[t],
        )
        for t in order
    ]


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)

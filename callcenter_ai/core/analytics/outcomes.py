"""Duration and outcome per topic: how long each topic's calls take and how they end.

Every call placed in the topic version counts (``-1`` is «прочее»).  A call
without a duration counts in ``duration_unknown`` and is left out of the mean
and the median; a call without an outcome (none, or only spaces) counts in
``outcome_unknown``.  The SQL is one small function (a read of the placed
calls); the grouping is numpy's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

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


def placed_calls(db: Sql, version: int) -> tuple[list[int], list[float | None], list[str | None]]:
    """Topic, duration and outcome of every call the version placed (one pass; grouped in numpy, not SQL).

    SQLite's GROUP BY over the join sorts in a temporary B-tree: 1.3 s for 200k calls, against 0.2 s to read
    the rows (benchmarks/bench_analytics_scale.py).
    """
    rows = db.execute(
        "SELECT t.topic_id, c.duration_s, c.outcome FROM call_topics t JOIN calls c ON c.id = t.call_id"
        " WHERE t.model_version = ?",
        (version,),
    ).fetchall()
    if not rows:
        return [], [], []
    topics, durations, outcomes = zip(*rows, strict=True)
    return list(topics), list(durations), list(outcomes)


def topic_outcomes(db: Sql, overview: TopicOverview) -> list[TopicOutcomes]:
    """Duration and outcome of every topic of ``overview`` with calls, in its order, «прочее» last."""
    labels = {t.id: t.label for t in overview.topics}
    labels[-1] = OTHER_LABEL
    return build_outcomes(*placed_calls(db, overview.version), labels)


def build_outcomes(
    topics: Sequence[int],
    durations: Sequence[float | None],
    outcomes: Sequence[str | None],
    labels: Mapping[int, str],
) -> list[TopicOutcomes]:
    """The summaries of calls given as parallel lists; topics in ``labels`` order, then any others."""
    if not topics:
        return []
    topic = np.asarray(topics, dtype=np.int64)
    seconds = np.array(durations, dtype=np.float64)  # None is NaN
    ends: dict[int, Counter[str]] = {}
    for t, outcome in zip(topics, outcomes, strict=True):
        ends.setdefault(int(t), Counter())[(outcome or "").strip()] += 1
    order = np.argsort(topic, kind="stable")
    found, starts = np.unique(topic[order], return_index=True)
    groups = dict(zip(found.tolist(), np.split(seconds[order], starts[1:]), strict=True))
    shown = [t for t in labels if t in groups] + sorted(set(groups) - set(labels))
    out = []
    for t in shown:
        timed = groups[t][~np.isnan(groups[t])]
        counted = ends[t]
        unknown = counted.pop("", 0)
        out.append(
            TopicOutcomes(
                topic_id=t,
                label=labels.get(t, str(t)),
                calls=len(groups[t]),
                mean_duration_s=float(timed.mean()) if len(timed) else None,
                median_duration_s=float(np.median(timed)) if len(timed) else None,
                duration_unknown=len(groups[t]) - len(timed),
                outcomes=dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))),
                outcome_unknown=unknown,
            )
        )
    return out


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)

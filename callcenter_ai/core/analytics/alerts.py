"""Emerging-topic alerts after an import: the latest week tested, only where topics were already found.

Nothing is clustered here: with no topic version there is nothing to alert on
(None).  Calls embedded since the version was made are placed first (as at
index time); calls not embedded yet (imported, not indexed) are not in any
topic, so they are counted for the reader: the alerts cannot see them yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter_ai.core.analytics import topic_store as ts
from callcenter_ai.core.analytics.emerging import Emerging
from callcenter_ai.core.analytics.topics import OTHER_LABEL, assign_new_calls, read_overview
from callcenter_ai.core.analytics.trends import build_report, daily_counts
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.store.sql import Sql

ALERT_BY = "week"  # as the dashboard's alerts


@dataclass(frozen=True)
class Alerts:
    """The emerging topics of the latest ``period`` and the calls not placed in any topic yet."""

    period: str | None  # None: no dated calls to test
    emerging: list[Emerging] = field(default_factory=list)
    calls_not_in_topics: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "period": self.period,
            "emerging": [e.to_json() for e in self.emerging],
            "calls_not_in_topics": self.calls_not_in_topics,
        }


def latest_alerts(db: Sql, model_id: str) -> Alerts | None:
    """The alerts of the latest week over ``model_id``'s current topics; None when it has none."""
    if ts.latest_version(db, model_id) is None:
        return None
    assign_new_calls(db, model_id)
    version = ts.latest_version(db, model_id)
    assert version is not None
    overview = read_overview(db, version)
    placed = sum(t.size for t in overview.topics) + overview.other
    unplaced = max(0, call_count(db) - placed)
    labels = {t.id: t.label for t in overview.topics}
    labels[-1] = OTHER_LABEL
    try:
        report = build_report(daily_counts(db, overview.version), labels, ALERT_BY)
    except ConfigError:  # no dated calls, or none in the latest week: nothing to test
        return Alerts(None, [], unplaced)
    return Alerts(report.periods[-1], report.emerging, unplaced)


def call_count(db: Sql) -> int:
    return int(db.execute("SELECT count(*) FROM calls").fetchone()[0])

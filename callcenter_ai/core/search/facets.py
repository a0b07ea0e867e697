"""Facets for the filter panel: how many calls each operator, topic, channel and outcome has; the span of dates."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Facets:
    operators: list[tuple[str, int]] = field(default_factory=list)  # (name, calls), by name
    topics: list[tuple[str, int]] = field(default_factory=list)
    channels: list[tuple[str, int]] = field(default_factory=list)
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    first_date: str | None = None  # ISO date of the earliest call
    last_date: str | None = None


def facets(db: sqlite3.Connection) -> Facets:
    """Counts per operator, topic, channel and outcome and the first and last call date (one pass of plain SQL each)."""

    def counts(column: str) -> list[tuple[str, int]]:
        sql = (
            f"SELECT {column}, count(*) FROM calls WHERE {column} IS NOT NULL AND {column} != '' GROUP BY 1 ORDER BY 1"
        )
        return [(str(value), int(n)) for value, n in db.execute(sql)]

    first, last = db.execute("SELECT min(started_at), max(started_at) FROM calls").fetchone()
    return Facets(
        operators=counts("operator"),
        topics=counts("topic"),
        channels=counts("channel"),
        outcomes=counts("outcome"),
        first_date=str(first)[:10] if first else None,
        last_date=str(last)[:10] if last else None,
    )

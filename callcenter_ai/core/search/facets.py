"""Facets for the filter panel: how many calls each operator, topic, channel and outcome has; the span of dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Facets:
    operators: list[tuple[str, int]] = field(default_factory=list)  # (name, calls), by name
    topics: list[tuple[str, int]] = field(default_factory=list)
    channels: list[tuple[str, int]] = field(default_factory=list)
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    first_date: str | None = None  # ISO date of the earliest call
    last_date: str | None = None


class FacetSource(Protocol):
    """What facets are counted from: a SQLite store or either engine's calls."""

    def value_counts(self, column: str) -> list[tuple[str, int]]: ...
    def span(self) -> tuple[str | None, str | None, float | None, float | None]: ...


def facets(calls: FacetSource) -> Facets:
    """Counts per operator, topic, channel and outcome and the first and last call date."""
    first, last, _, _ = calls.span()
    return Facets(
        operators=calls.value_counts("operator"),
        topics=calls.value_counts("topic"),
        channels=calls.value_counts("channel"),
        outcomes=calls.value_counts("outcome"),
        first_date=str(first)[:10] if first else None,
        last_date=str(last)[:10] if last else None,
    )

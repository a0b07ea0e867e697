"""Search filters: date range, operators, topics, duration range and side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import HINTS, msg

FilterSide = Literal["client", "operator"]


@dataclass(frozen=True)
class SearchFilters:
    """Conditions a result call must meet; empty fields do not filter.

    ``date_from`` / ``date_to`` are ISO dates or date-times; a date alone
    covers its whole day and, like times without an offset, is read as UTC.
    ``side`` restricts similarity and keyword matches to the client's or the
    operator's turns.
    """

    date_from: str | None = None
    date_to: str | None = None
    operators: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    min_duration: float | None = None
    max_duration: float | None = None
    side: FilterSide | None = None

    def __post_init__(self) -> None:
        if self.side not in (None, "client", "operator"):
            raise ConfigError(msg("filter.bad_side", side=self.side))
        for name in ("min_duration", "max_duration"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ConfigError(msg("filter.negative", name=name, value=value))
        if self.date_from:
            parse_moment(self.date_from, end=False)
        if self.date_to:
            parse_moment(self.date_to, end=True)

    @property
    def restricts_calls(self) -> bool:
        """True when some call-level condition (not the side) is set."""
        return bool(
            self.date_from
            or self.date_to
            or self.operators
            or self.topics
            or self.min_duration is not None
            or self.max_duration is not None
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "operators": list(self.operators),
            "topics": list(self.topics),
            "min_duration": self.min_duration,
            "max_duration": self.max_duration,
            "side": self.side,
        }


NO_FILTERS = SearchFilters()


def parse_moment(text: str, *, end: bool) -> str:
    """An ISO date or date-time as a UTC bound; ``end`` makes a bare date cover its whole day."""
    raw = text.strip()
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            if end:
                moment += timedelta(days=1)
        else:
            moment = datetime.fromisoformat(raw)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    except ValueError as exc:
        raise ConfigError(msg("filter.bad_date", text=text), hint=HINTS["filter.date"]) from exc
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def calls_where(filters: SearchFilters, alias: str = "c") -> tuple[str, list[Any]]:
    """SQL conditions over ``calls AS alias`` (joined with AND, or "1") and their parameters."""
    parts: list[str] = []
    params: list[Any] = []
    if filters.date_from:
        parts.append(f"{alias}.started_utc >= ?")
        params.append(parse_moment(filters.date_from, end=False))
    if filters.date_to:
        bound = parse_moment(filters.date_to, end=True)
        parts.append(f"{alias}.started_utc {'<' if len(filters.date_to.strip()) == 10 else '<='} ?")
        params.append(bound)
    if filters.operators:
        parts.append(f"{alias}.operator IN ({','.join('?' * len(filters.operators))})")
        params.extend(filters.operators)
    if filters.topics:
        parts.append(f"{alias}.topic IN ({','.join('?' * len(filters.topics))})")
        params.extend(filters.topics)
    if filters.min_duration is not None:
        parts.append(f"{alias}.duration_s >= ?")
        params.append(filters.min_duration)
    if filters.max_duration is not None:
        parts.append(f"{alias}.duration_s <= ?")
        params.append(filters.max_duration)
    return (" AND ".join(parts) or "1"), params

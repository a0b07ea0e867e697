"""Search filters and the checks of every search input a user gives.

:func:`build_filters` is the one way a shell (CLI, window, API) turns user
values — text or numbers — into :class:`SearchFilters`; :func:`check_k` and
:func:`check_query` check the other two inputs of a search.  Each raises
:class:`ConfigError` with a catalog message, never a Python error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import HINTS, msg

FilterSide = Literal["client", "operator"]

MAX_K = 10_000  # results per query; the API allows fewer (api/schemas.py)
MAX_QUERY_CHARS = 10_000
MAX_DURATION_S = 1e9  # the same bound as an imported duration (core/ingest/fields.py)
MAX_DATE_CHARS = 40
# Stored times are "YYYY-MM-DDTHH:MM:SS+00:00" in years 1..9999; these sort before / after every one of them,
# so a bound beyond the calendar (e.g. 9999-12-31 to its day's end, or a year-1 time with an offset) still works.
UTC_BEFORE_ALL = "0000-00-00T00:00:00+00:00"
UTC_AFTER_ALL = "9999-12-31T24:00:00+00:00"


@dataclass(frozen=True)
class SearchFilters:
    """Conditions a result call must meet; empty fields do not filter.

    ``date_from`` / ``date_to`` are ISO dates or date-times; a date alone
    covers its whole day and, like times without an offset, is read as UTC.
    ``side`` restricts similarity and keyword matches to the client's or the
    operator's turns.  Construction checks every field (see :func:`build_filters`).
    """

    date_from: str | None = None
    date_to: str | None = None
    operators: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    min_duration: float | None = None
    max_duration: float | None = None
    side: FilterSide | None = None
    channels: tuple[str, ...] = ()  # «телефон», «чат», ... as the calls' ``channel`` holds them
    outcomes: tuple[str, ...] = ()  # «решено», «эскалация», ... (the calls' ``outcome``)

    def __post_init__(self) -> None:
        if self.side not in (None, "client", "operator"):
            raise ConfigError(msg("filter.bad_side", side=self.side))
        for name in ("min_duration", "max_duration"):
            check_duration(getattr(self, name), name)
        if self.min_duration is not None and self.max_duration is not None and self.min_duration > self.max_duration:
            raise ConfigError(msg("filter.min_above_max", low=self.min_duration, high=self.max_duration))
        low = parse_moment(self.date_from, end=False) if self.date_from else None
        high = parse_moment(self.date_to, end=True) if self.date_to else None
        if low is not None and high is not None and (low > high or (low == high and _whole_day(self.date_to or ""))):
            raise ConfigError(
                msg("filter.from_after_to", start=_clip(self.date_from or ""), end=_clip(self.date_to or ""))
            )

    @property
    def restricts_calls(self) -> bool:
        """True when some call-level condition (not the side) is set."""
        return bool(
            self.date_from
            or self.date_to
            or self.operators
            or self.topics
            or self.channels
            or self.outcomes
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
            "channels": list(self.channels),
            "outcomes": list(self.outcomes),
        }


def build_filters(
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    operators: Iterable[str] = (),
    topics: Iterable[str] = (),
    min_duration: str | float | None = None,
    max_duration: str | float | None = None,
    side: str | None = None,
    channels: Iterable[str] = (),
    outcomes: Iterable[str] = (),
) -> SearchFilters:
    """Checked filters from user values (text from a command line or a form, numbers from JSON).

    Blank texts mean "no condition"; "all" as the side means both sides.
    """
    return SearchFilters(
        date_from=_text(date_from, "date_from"),
        date_to=_text(date_to, "date_to"),
        operators=_texts(operators, "operator"),
        topics=_texts(topics, "topic"),
        min_duration=_number(min_duration, "min_duration"),
        max_duration=_number(max_duration, "max_duration"),
        side=None if side in (None, "", "all") else side,  # type: ignore[arg-type]  # checked by SearchFilters
        channels=_texts(channels, "channel"),
        outcomes=_texts(outcomes, "outcome"),
    )


def check_k(k: object) -> int:
    """Results wanted: a whole number from 1 to :data:`MAX_K` (text from a command line is parsed)."""
    value: object = k
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise ConfigError(msg("search.k_not_whole", k=_show(k))) from None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(msg("search.k_not_whole", k=_show(k)))
    if value < 1:
        raise ConfigError(msg("search.k_too_small", k=value))
    if value > MAX_K:
        raise ConfigError(msg("search.k_too_large", k=_show(value), limit=MAX_K))
    return value


def check_query(text: object) -> str:
    """The search text: not too long, and holding a letter or digit to search for."""
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(msg("search.empty_text"))
    if len(text) > MAX_QUERY_CHARS:
        raise ConfigError(msg("search.query_too_long", limit=MAX_QUERY_CHARS))
    if "\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise ConfigError(msg("search.bad_characters"))
    if not any(ch.isalnum() for ch in text):
        raise ConfigError(msg("search.nothing_to_search"), hint=HINTS["search.nothing_to_search"])
    return text


def check_duration(value: object, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(msg("filter.not_a_number", name=name, value=_show(value)))
    if not math.isfinite(value):
        raise ConfigError(msg("filter.not_finite", name=name, value=_show(value)))
    if value < 0:
        raise ConfigError(msg("filter.negative", name=name, value=value))
    if value > MAX_DURATION_S:
        raise ConfigError(msg("filter.too_large", name=name, value=_show(value), limit=f"{MAX_DURATION_S:g}"))


def parse_moment(text: str, *, end: bool) -> str:
    """An ISO date or date-time as a UTC bound; ``end`` makes a bare date cover its whole day.

    A bound beyond the years 1..9999 in UTC is :data:`UTC_BEFORE_ALL` or :data:`UTC_AFTER_ALL`.
    """
    raw = text.strip()
    if len(raw) > MAX_DATE_CHARS:
        raise ConfigError(msg("filter.bad_date", text=_clip(text)), hint=HINTS["filter.date"])
    try:
        if _whole_day(raw):
            day = date.fromisoformat(raw)
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            if end:
                if day == date.max:
                    return UTC_AFTER_ALL
                moment += timedelta(days=1)
        else:
            moment = datetime.fromisoformat(raw)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    except ValueError as exc:
        raise ConfigError(msg("filter.bad_date", text=_clip(text)), hint=HINTS["filter.date"]) from exc
    try:
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:
        offset = moment.utcoffset()
        return UTC_BEFORE_ALL if offset is not None and offset > timedelta(0) else UTC_AFTER_ALL


def calls_where(filters: SearchFilters, alias: str = "c") -> tuple[str, list[Any]]:
    """SQL conditions over ``calls AS alias`` (joined with AND, or "1") and their parameters."""
    parts: list[str] = []
    params: list[Any] = []
    if filters.date_from:
        parts.append(f"{alias}.started_utc >= ?")
        params.append(parse_moment(filters.date_from, end=False))
    if filters.date_to:
        bound = parse_moment(filters.date_to, end=True)
        parts.append(f"{alias}.started_utc {'<' if _whole_day(filters.date_to) else '<='} ?")
        params.append(bound)
    for column, values in (
        ("operator", filters.operators),
        ("topic", filters.topics),
        ("channel", filters.channels),
        ("outcome", filters.outcomes),
    ):
        if values:
            parts.append(f"{alias}.{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    if filters.min_duration is not None:
        parts.append(f"{alias}.duration_s >= ?")
        params.append(filters.min_duration)
    if filters.max_duration is not None:
        parts.append(f"{alias}.duration_s <= ?")
        params.append(filters.max_duration)
    return (" AND ".join(parts) or "1"), params


def _whole_day(text: str) -> bool:
    return len(text.strip()) == 10


def _text(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(msg("filter.not_text", name=name, value=_show(value)))
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ConfigError(msg("filter.bad_characters", name=name))
    return value.strip() or None


def _texts(values: Iterable[str], name: str) -> tuple[str, ...]:
    """The non-blank values of a repeatable text filter, stripped; a single text is one value."""
    if isinstance(values, str):
        values = (values,)
    return tuple(t for t in (_text(v, name) for v in values) if t)


def _number(value: str | float | None, name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise ConfigError(msg("filter.not_a_number", name=name, value=_show(value))) from None
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(msg("filter.not_a_number", name=name, value=_show(value)))
    else:
        try:
            number = float(value)
        except OverflowError:
            raise ConfigError(
                msg("filter.too_large", name=name, value=_show(value), limit=f"{MAX_DURATION_S:g}")
            ) from None
    check_duration(number, name)
    return number


def _show(value: object, limit: int = 40) -> str:
    text = repr(value) if not isinstance(value, int) or isinstance(value, bool) else _int_text(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _int_text(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # more digits than Python converts
        return "a number with more than 4,300 digits"


NO_FILTERS = SearchFilters()

"""Drill-down: the calls behind one bar, point or row of the analytics, and the filters that match them.

A :class:`Drill` names what was clicked (a topic, a period, an operator, an
hour × weekday cell, a saved search, or listed calls); :func:`drill_calls` returns those calls
newest first; :meth:`Drill.date_range` and the operator are what the Поиск
tab's filters are set to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from callcenter_ai.core.analytics.trends import check_by
from callcenter_ai.core.store.sql import Sql, is_postgres

DRILL_LIMIT = 1000


@dataclass(frozen=True)
class Drill:
    topic_id: int | None = None
    period: str | None = None  # a period key of ``by`` (2026-05-04, 2026-W19, 2026-05)
    by: str = "day"
    operator: str | None = None
    weekday: int | None = None  # 0 = Monday
    hour: int | None = None
    dialog_ids: tuple[str, ...] = ()
    saved_search: str | None = None  # the calls a saved search found

    def date_range(self) -> tuple[str, str] | None:
        """First and last day (ISO) of the drilled period, for the search filters; None without one."""
        if not self.period:
            return None
        first, last = period_range(self.period, self.by)
        return first.isoformat(), last.isoformat()


def period_range(period: str, by: str) -> tuple[date, date]:
    """First and last day of a period key."""
    check_by(by)
    if by == "day":
        day = date.fromisoformat(period)
        return day, day
    if by == "month":
        first = date.fromisoformat(f"{period}-01")
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first, following - timedelta(days=1)
    year, week = period.split("-W")
    monday = date.fromisocalendar(int(year), int(week), 1)
    return monday, monday + timedelta(days=6)


# The hour x weekday of a call's local start, as the calls_weekday_hour index computes them (Monday = 0).
WEEKDAY_SQL = "(CAST(strftime('%w', substr(c.started_at, 1, 10)) AS INTEGER) + 6) % 7"
HOUR_SQL = "CAST(substr(c.started_at, 12, 2) AS INTEGER)"
# The same on the server (which has no index on them): ISO weekday less one, and the hour (none given: 0).
PG_WEEKDAY_SQL = "(extract(isodow FROM substr(c.started_at, 1, 10)::date)::integer - 1)"
PG_HOUR_SQL = "CAST(coalesce(nullif(substr(c.started_at, 12, 2), ''), '0') AS INTEGER)"


def weekday_hour_sql(db: Sql) -> tuple[str, str]:
    """The SQL of a call's local weekday (Monday = 0) and hour on ``db``'s engine."""
    return (PG_WEEKDAY_SQL, PG_HOUR_SQL) if is_postgres(db) else (WEEKDAY_SQL, HOUR_SQL)


def drill_calls(db: Sql, version: int, drill: Drill, limit: int = DRILL_LIMIT) -> list[int]:
    """Call ids behind ``drill``, newest first (at most ``limit``)."""
    sql, params = drill_query(version, drill, limit, weekday_hour=weekday_hour_sql(db))
    return [int(r[0]) for r in db.execute(sql, params)]


def drill_query(
    version: int, drill: Drill, limit: int = DRILL_LIMIT, *, weekday_hour: tuple[str, str] = (WEEKDAY_SQL, HOUR_SQL)
) -> tuple[str, list[object]]:
    """The SQL and parameters of :func:`drill_calls`.

    Each shape reads its newest calls off an index and stops at ``limit``
    (docs/ANALYTICS.md): a topic by its calls' local day, an operator or an
    hour x weekday cell by start time; a period alone walks the start-time
    index over the period's UTC span, widened by a day each side for the
    offsets, and keeps the calls whose local date is in it.
    """
    join = ""
    join_params: list[object] = []  # the joins' placeholders come before the WHERE clause's
    where: list[str] = []
    params: list[object] = []
    order = "c.started_utc DESC, c.id DESC"
    if drill.topic_id is not None:
        join += " JOIN call_topics t ON t.call_id = c.id AND t.model_version = ?"
        join_params.append(version)
        where.append("t.topic_id = ?")
        params.append(drill.topic_id)
        order = f"t.day DESC, {order}"
    if drill.saved_search is not None:
        join += " JOIN saved_search_hits h ON h.call_id = c.id AND h.name = ?"
        join_params.append(drill.saved_search)
    if drill.period:
        first, last = period_range(drill.period, drill.by)
        if drill.topic_id is not None:
            where.append("t.day BETWEEN ? AND ?")
        else:
            where.append("c.started_utc >= ? AND c.started_utc < ? AND substr(c.started_at, 1, 10) BETWEEN ? AND ?")
            params += [(first - timedelta(days=1)).isoformat(), (last + timedelta(days=2)).isoformat()]
        params += [first.isoformat(), last.isoformat()]
    if drill.operator is not None:
        where.append("c.operator = ?")
        params.append(drill.operator)
    if drill.weekday is not None:
        where.append(f"{weekday_hour[0]} = ?")
        params.append(drill.weekday)
    if drill.hour is not None:
        where.append(f"{weekday_hour[1]} = ?")
        params.append(drill.hour)
    if drill.dialog_ids:
        where.append(f"c.external_id IN ({','.join('?' * len(drill.dialog_ids))})")
        params += list(drill.dialog_ids)
    sql = f"SELECT c.id FROM calls c{join}" + (f" WHERE {' AND '.join(where)}" if where else "")
    return f"{sql} ORDER BY {order} LIMIT ?", [*join_params, *params, limit]

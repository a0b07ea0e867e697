"""The numbers behind each chart and table of the «Аналитика» tab, as shown and exported."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from callcenter_ai.core.analytics.dashboard import Dashboard

Table = tuple[tuple[str, ...], list[tuple[object, ...]]]


def dashboard_rows(dashboard: Dashboard | None, key: str) -> Table:
    """Column names and rows for the chart or table ``key`` (nothing before a dashboard is shown)."""
    d = dashboard
    if d is None:
        return (), []
    if key in ("per_day", "per_topic", "per_operator"):
        bars = getattr(d, key)
        return bars.columns, bars.rows()
    if key == "hour_weekday":
        return d.hour_weekday.columns, d.hour_weekday.rows()
    if key == "topics":
        return ("topic_id", "label", "size", "keywords", "examples"), [
            (t.id, t.label, t.size, ", ".join(t.keywords), ", ".join(t.examples)) for t in d.overview.topics
        ]
    if key == "emerging":
        return ("label", "period", "calls", "expected", "ratio", "p_value"), [
            (e.label, e.period, e.calls, round(e.expected, 1), round(e.ratio, 2), float(f"{e.p_value:.3g}"))
            for e in d.emerging
        ]
    if key == "outcomes":
        return (
            "topic",
            "calls",
            "mean_duration_s",
            "median_duration_s",
            "outcomes",
            "outcome_unknown",
            "duration_unknown",
        ), [
            (
                o.label if o.topic_id < 0 else f"{o.topic_id}: {o.label}",
                o.calls,
                "" if o.mean_duration_s is None else round(o.mean_duration_s),
                "" if o.median_duration_s is None else round(o.median_duration_s),
                " · ".join(f"{name} {n}" for name, n in o.outcomes.items()),
                o.outcome_unknown,
                o.duration_unknown,
            )
            for o in d.outcomes
        ]
    if key == "saved":
        return ("saved_search", "calls", "week", "calls_in_week", "calls_week_before"), saved_rows(d)
    if key == "operators":
        return ("operator", "calls", "mean_duration_s", "top_topics", "relevant_share"), [
            (
                o.operator,
                o.calls,
                "" if o.mean_duration_s is None else round(o.mean_duration_s),
                "; ".join(o.top_topics),
                "" if o.relevant_share is None else round(o.relevant_share, 3),
            )
            for o in d.operators
        ]
    return ("client_id", "calls", "topic_id"), [
        (r.client_id, ", ".join(r.calls), r.topic_id) for r in d.repeats.repeats
    ]


def saved_rows(dashboard: Dashboard) -> list[tuple[object, ...]]:
    """Each saved search's calls in all, in the latest week and the week before (its trend, as a table)."""
    weekly = dashboard.weekly
    if weekly is None:
        return []
    rows: list[tuple[object, ...]] = []
    for series in weekly.saved:
        latest = series.counts[-1] if series.counts else None
        before = series.counts[-2].calls if len(series.counts) > 1 else 0
        rows.append((series.name, series.total, latest.period if latest else "", latest.calls if latest else 0, before))
    return rows


def fill_table(widget: QTableWidget, rows: list[tuple[object, ...]]) -> None:
    """Show ``rows`` in ``widget``, as many columns as it has."""
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row[: widget.columnCount()]):
            widget.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    widget.resizeColumnsToContents()

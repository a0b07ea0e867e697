"""The numbers behind each chart and table of the «Аналитика» tab, as shown and exported."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from callcenter_ai.core.analytics.dashboard import Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.analytics.outcomes import TopicOutcomes
from callcenter_ai.gui.charts import percent
from callcenter_ai.gui.results_model import format_duration

Table = tuple[tuple[str, ...], list[tuple[object, ...]]]


def dashboard_rows(dashboard: Dashboard | None, key: str, outcomes: Sequence[TopicOutcomes] = ()) -> Table:
    """Column names and rows for the chart or table ``key`` (nothing before a dashboard is shown).

    ``outcomes`` (duration and outcome per topic) are read apart from the dashboard, when their table is opened.
    """
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
            for o in outcomes
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


# Columns shown in the window's units (exports keep plain seconds and shares): durations as m:ss, shares as %.
SHOWN_AS: dict[str, dict[int, Callable[[float], str]]] = {
    "operators": {2: format_duration, 4: percent},
    "outcomes": {2: format_duration, 3: format_duration},
}


def display_rows(key: str, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """``rows`` of table ``key`` as the window shows them."""
    shown = SHOWN_AS.get(key, {})
    return [
        tuple(shown[c](float(v)) if c in shown and isinstance(v, int | float) else v for c, v in enumerate(row))
        for row in rows
    ]


def fill_table(widget: QTableWidget, rows: list[tuple[object, ...]], empty: str = "") -> None:
    """Show ``rows`` in ``widget``, as many columns as it has; none: one line saying why (``empty``)."""
    widget.clearSpans()
    if not rows and empty:
        widget.setRowCount(1)
        item = QTableWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        widget.setItem(0, 0, item)
        widget.setSpan(0, 0, 1, widget.columnCount())
        return
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row[: widget.columnCount()]):
            widget.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    widget.resizeColumnsToContents()


def row_drill(d: Dashboard, key: str, row: int, outcomes: Sequence[TopicOutcomes]) -> Drill | None:
    """What a click on row ``row`` of table ``key`` opens."""
    if key == "topics":
        return Drill(topic_id=d.overview.topics[row].id)
    if key == "emerging":
        alert = d.emerging[row]
        return Drill(topic_id=alert.topic_id, period=alert.period, by="week")
    if key == "operators":
        return Drill(operator=d.operators[row].operator)
    if key == "outcomes":
        return Drill(topic_id=outcomes[row].topic_id) if outcomes else None
    if key == "saved":
        return Drill(saved_search=d.weekly.saved[row].name) if d.weekly is not None else None
    return Drill(dialog_ids=tuple(d.repeats.repeats[row].calls))

"""The «Аналитика» tab's words: what a drill opened («24 звонка: тема «…», 17.04.2026»), the tables' column
headers, and why a table is empty."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from callcenter_ai.core.analytics.dashboard import WEEKDAYS, Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.gui.results_model import format_date


class AnalyticsText(QObject):
    """The translation context of these words (``self.tr`` is what lupdate reads plural forms from)."""

    def calls(self, n: int) -> str:
        return self.tr("%n calls", "", n)


def calls_count(n: int) -> str:
    """«1 звонок», «24 звонка», «25 звонков» (Qt's plural forms of the .ts)."""
    return AnalyticsText().calls(n)


def drill_summary(dashboard: Dashboard | None, what: Drill, calls: int) -> str:
    """The number of calls a click opened and what was clicked, for the Поиск tab's summary line."""
    parts: list[str] = []
    if what.topic_id is not None:
        labels = {t.id: t.label for t in dashboard.overview.topics} if dashboard else {}
        label = labels.get(
            what.topic_id,
            QCoreApplication.translate("AnalyticsText", "other") if what.topic_id < 0 else str(what.topic_id),
        )
        parts.append(QCoreApplication.translate("AnalyticsText", "topic «%1»").replace("%1", label))
    if what.operator:
        parts.append(QCoreApplication.translate("AnalyticsText", "operator %1").replace("%1", what.operator))
    dates = what.date_range()
    if dates:
        first, last = (format_date(d) for d in dates)
        parts.append(first if first == last else f"{first}–{last}")
    if what.weekday is not None:
        parts.append(WEEKDAYS[what.weekday])
    if what.hour is not None:
        parts.append(f"{what.hour:02d}:00–{what.hour:02d}:59")
    if what.saved_search:
        parts.append(QCoreApplication.translate("AnalyticsText", "saved search «%1»").replace("%1", what.saved_search))
    if what.dialog_ids and not parts:
        parts.append(QCoreApplication.translate("AnalyticsText", "calls of one client"))
    head = calls_count(calls)
    return f"{head}: {', '.join(parts)}" if parts else head


def empty_reasons() -> dict[str, str]:
    """Why each table may be empty, shown in place of its rows."""
    return {
        "topics": QCoreApplication.translate("AnalyticsText", "No topics yet: too few indexed calls to find them."),
        "emerging": QCoreApplication.translate(
            "AnalyticsText", "No emerging topics: no topic rose significantly in the latest week."
        ),
        "operators": QCoreApplication.translate("AnalyticsText", "No operators: the calls name none."),
        "outcomes": QCoreApplication.translate("AnalyticsText", "No durations or outcomes: the calls have none."),
        "repeats": QCoreApplication.translate(
            "AnalyticsText",
            "No repeat calls: no client called again within the period, or the calls have no client id.",
        ),
        "saved": QCoreApplication.translate(
            "AnalyticsText", "No saved searches yet: add one with «python -m callcenter_ai saved-search add»."
        ),
    }


def p_value_tip() -> str:
    return QCoreApplication.translate(
        "AnalyticsText",
        "p-value: the chance of a rise this large by accident, with the topic's usual volume. "
        "The smaller, the surer; topics are shown when it is small after the correction for many topics.",
    )


def section_names() -> dict[str, str]:
    """The charts' and tables' names, in the export list and on the tables' tabs."""
    return {
        "per_day": QCoreApplication.translate("AnalyticsText", "Calls per day"),
        "per_topic": QCoreApplication.translate("AnalyticsText", "Calls per topic"),
        "per_operator": QCoreApplication.translate("AnalyticsText", "Calls per operator"),
        "hour_weekday": QCoreApplication.translate("AnalyticsText", "Hour × weekday"),
        "topics": QCoreApplication.translate("AnalyticsText", "Topics"),
        "emerging": QCoreApplication.translate("AnalyticsText", "Emerging topics"),
        "operators": QCoreApplication.translate("AnalyticsText", "Operators"),
        "outcomes": QCoreApplication.translate("AnalyticsText", "Duration and outcome"),
        "repeats": QCoreApplication.translate("AnalyticsText", "Repeat calls"),
        "saved": QCoreApplication.translate("AnalyticsText", "Saved searches"),
    }

"""The summary line of a search: «1–10 из 98», «ничего близкого не найдено»; whether «Ещё» has more to show;
and why the filters cannot match any call (said there, not in a dialog about settings)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.gui.adapters import core_filters
from callcenter_ai.gui.error_texts import error_text
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import SearchOutcome, group_digits


def filter_problem(values: FilterValues) -> str | None:
    """None when the core accepts the filters; else what is wrong with them, in the panel's words."""
    try:
        core_filters(values)
    except ConfigError as exc:
        if exc.key == "filter.from_after_to":
            return QCoreApplication.translate(
                "SearchController", "the date «from» is after the date «to»: no call can match; correct the dates"
            )
        if exc.key == "filter.min_above_max":
            return QCoreApplication.translate(
                "SearchController", "the duration «from» is longer than «to»: no call can match; correct the duration"
            )
        return error_text(exc)
    return None


def found_text(outcome: SearchOutcome, k: int) -> tuple[str, bool]:
    """What was found, and whether more calls can be shown (the core's ``total``; else a full page)."""
    rows = outcome.rows
    close = sum(1 for r in rows if not r.below_threshold)  # the rows the window shows
    if not rows:
        return QCoreApplication.translate("SearchController", "nothing found"), False
    if not close:
        return QCoreApplication.translate("SearchController", "nothing close found"), False
    if outcome.total is not None:
        total = max(outcome.total, close)
        shown = (
            QCoreApplication.translate("SearchController", "%1 of %2")
            .replace("%1", f"1–{close}")
            .replace("%2", group_digits(total))
        )
        return shown + ("+" if outcome.total_capped else ""), close < total and len(rows) >= k
    if len(rows) < k:
        return QCoreApplication.translate("SearchController", "%1 of %2").replace("%1", f"1–{close}").replace(
            "%2", str(close)
        ), False
    return QCoreApplication.translate("SearchController", "shown %1, there are more").replace("%1", f"1–{close}"), True

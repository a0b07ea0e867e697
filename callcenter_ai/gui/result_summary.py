"""The summary line of a search: «1–10 из 98», «ничего близкого не найдено»; and whether «Ещё» has more to show."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from callcenter_ai.gui.job_records import SearchOutcome, group_digits


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

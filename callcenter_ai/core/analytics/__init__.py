"""Analytics over the stored calls: topics, trends, emerging topics, repeat calls, saved searches.

No Qt here; the window, the CLI and the API call these functions the same
way and get plain dataclasses back (the same series feeds a chart, a CSV and
``--json``).
"""

from __future__ import annotations

from callcenter_ai.core.analytics.dashboard import WEEKDAYS, Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.analytics.service import refresh_saved_searches
from callcenter_ai.core.analytics.tables import write_table
from callcenter_ai.core.analytics.topics import assign_new_calls, topic_by_id
from callcenter_ai.core.analytics.trends import PERIODS

__all__ = [
    "PERIODS",
    "WEEKDAYS",
    "Dashboard",
    "Drill",
    "assign_new_calls",
    "refresh_saved_searches",
    "topic_by_id",
    "write_table",
]

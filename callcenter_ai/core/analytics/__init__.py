"""Analytics over the stored calls: topics, trends, emerging topics, repeat calls, saved searches.

No Qt here; the window, the CLI and the API call these functions the same
way and get plain dataclasses back (the same series feeds a chart, a CSV and
``--json``).
"""

from __future__ import annotations

from callcenter_ai.core.analytics.dashboard import Dashboard
from callcenter_ai.core.analytics.drill import Drill
from callcenter_ai.core.analytics.repeats import RepeatReport
from callcenter_ai.core.analytics.saved import SavedRun, SavedSearch
from callcenter_ai.core.analytics.topics import Topic, TopicOverview
from callcenter_ai.core.analytics.trends import TrendReport

__all__ = [
    "Dashboard",
    "Drill",
    "RepeatReport",
    "SavedRun",
    "SavedSearch",
    "Topic",
    "TopicOverview",
    "TrendReport",
]

"""Analytics over the stored calls: topics, trends, emerging topics, repeat calls, saved searches.

No Qt here; the window, the CLI and the API call these functions the same
way and get plain dataclasses back (the same series feeds a chart, a CSV and
``--json``).
"""

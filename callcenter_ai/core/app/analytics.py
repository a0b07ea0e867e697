"""The analytics entry points the CLI, the API and the window call, by settings, on either engine.

Each opens the store ``settings`` name (the home's SQLite, or PostgreSQL by
``database_url``) unless handed an open ``engine`` (the API server's pool),
and runs the reports of :mod:`callcenter_ai.core.analytics` over its tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from callcenter_ai.core.analytics import saved
from callcenter_ai.core.analytics.alerts import Alerts, latest_alerts
from callcenter_ai.core.analytics.dashboard import Dashboard, build_dashboard
from callcenter_ai.core.analytics.drill import Drill, drill_calls
from callcenter_ai.core.analytics.outcomes import TopicOutcomes, topic_outcomes
from callcenter_ai.core.analytics.repeats import RepeatReport, check_days, repeat_report
from callcenter_ai.core.analytics.sources import topic_model_id
from callcenter_ai.core.analytics.tables import write_table
from callcenter_ai.core.analytics.topics import TopicOverview, assignments, topic_overview
from callcenter_ai.core.analytics.trends import TrendReport, check_by, trend_report
from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.engines import Engine, store_exists, using_engine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.settings import Settings

ASSIGNMENT_COLUMNS = ("dialog_id", "topic_id", "label")


def topics_in(engine: Engine, settings: Settings, **options: Any) -> TopicOverview:
    model_id = topic_model_id(engine.sql, space_id(settings.model, settings.dims))
    return topic_overview(engine.sql, model_id, **options)


def topics(
    settings: Settings,
    *,
    rebuild: bool = False,
    k: int | None = None,
    side: str = "all",
    engine: Engine | None = None,
) -> TopicOverview:
    """The topics of the stored calls (found on first use or ``rebuild``)."""
    with using_engine(settings, engine) as store:
        return topics_in(store, settings, rebuild=rebuild, k=k, side=side)


def write_assignments(settings: Settings, overview: TopicOverview, path: Path, *, engine: Engine | None = None) -> int:
    """``dialog_id,topic_id,label`` of every call into ``path``; the number of calls."""
    with using_engine(settings, engine) as store:
        rows = assignments(store.sql, overview)
    return write_table(path, ASSIGNMENT_COLUMNS, rows)


def trends(
    settings: Settings,
    *,
    by: str = "day",
    period: str | None = None,
    outcomes: bool = False,
    engine: Engine | None = None,
) -> TrendReport:
    check_by(by)
    with using_engine(settings, engine) as store:
        return trend_report(store.sql, topics_in(store, settings), by, period, outcomes=outcomes)


def import_alerts(settings: Settings, *, engine: Engine | None = None) -> Alerts | None:
    """After an import: the latest week's emerging topics, or None when no topics were found yet (none are made)."""
    if engine is None and not store_exists(settings):
        return None
    with using_engine(settings, engine) as store:
        try:
            model_id = topic_model_id(store.sql, space_id(settings.model, settings.dims))
        except ConfigError:  # no vectors: no topics
            return None
        return latest_alerts(store.sql, model_id)


def topic_summary(settings: Settings, *, engine: Engine | None = None) -> list[TopicOutcomes]:
    """Duration and outcome per topic (the ``topic_summary`` of ``trends --json``)."""
    with using_engine(settings, engine) as store:
        return topic_outcomes(store.sql, topics_in(store, settings))


def repeats(settings: Settings, *, days: int = 7, engine: Engine | None = None) -> RepeatReport:
    check_days(days)
    with using_engine(settings, engine) as store:
        try:
            overview: TopicOverview | None = topics_in(store, settings)
        except ConfigError:  # no vectors yet: callers are still counted, duplicates need vectors
            overview = None
        return repeat_report(store.sql, overview, days)


def _searcher(engine: Engine, settings: Settings) -> saved.Searcher:
    def embedder_factory() -> Any:
        from callcenter_ai.core.embedding.factory import get_embedder

        return get_embedder(settings)

    return engine.search_service(settings, embedder_factory).search


def saved_add(
    settings: Settings, name: str, query: str, mode: str, filters: Mapping[str, Any], *, engine: Engine | None = None
) -> saved.SavedSearch:
    with using_engine(settings, engine) as store:
        return saved.add_saved(store.sql, name, query, mode, filters)


def saved_list(settings: Settings, *, refresh: bool = True, engine: Engine | None = None) -> list[saved.SavedSearch]:
    """Every saved search with its «new» count (re-run first unless ``refresh`` is off)."""
    with using_engine(settings, engine) as store:
        if refresh:
            saved.refresh_all(store.sql, _searcher(store, settings))
        return saved.list_saved(store.sql)


def saved_run(settings: Settings, name: str, *, engine: Engine | None = None) -> saved.SavedRun:
    with using_engine(settings, engine) as store:
        return saved.run_saved(store.sql, name, _searcher(store, settings))


def saved_remove(settings: Settings, name: str, *, engine: Engine | None = None) -> None:
    with using_engine(settings, engine) as store:
        saved.remove_saved(store.sql, name)


def refresh_saved_searches(settings: Settings, *, engine: Engine | None = None) -> dict[str, int]:
    """After an import: re-run every saved search; name → calls new since it was viewed."""
    with using_engine(settings, engine) as store:
        if not saved.list_saved(store.sql):
            return {}
        return saved.refresh_all(store.sql, _searcher(store, settings))


def dashboard(
    settings: Settings, *, rebuild: bool = False, repeat_days: int = 7, engine: Engine | None = None
) -> Dashboard:
    """Everything the «Аналитика» tab shows, from one pass over the store."""
    with using_engine(settings, engine) as store:
        return build_dashboard(store.sql, topics_in(store, settings, rebuild=rebuild), repeat_days)


def drill(settings: Settings, version: int, what: Drill, *, engine: Engine | None = None) -> list[StoredCall]:
    """The calls behind a clicked bar, point or row, newest first."""
    with using_engine(settings, engine) as store:
        return store.calls.get_calls(drill_calls(store.sql, version, what))

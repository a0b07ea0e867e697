"""The analytics entry points the CLI, the API and the window call, by settings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
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
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

ASSIGNMENT_COLUMNS = ("dialog_id", "topic_id", "label")


def topics_in(store: CallStore, settings: Settings, **options: Any) -> TopicOverview:
    model_id = topic_model_id(store.db, space_id(settings.model, settings.dims))
    return topic_overview(store.db, model_id, **options)


def topics(settings: Settings, *, rebuild: bool = False, k: int | None = None, side: str = "all") -> TopicOverview:
    """The topics of the calls in ``settings.home`` (found on first use or ``rebuild``)."""
    with CallStore.open(settings.db_path) as store:
        return topics_in(store, settings, rebuild=rebuild, k=k, side=side)


def write_assignments(settings: Settings, overview: TopicOverview, path: Path) -> int:
    """``dialog_id,topic_id,label`` of every call into ``path``; the number of calls."""
    with CallStore.open(settings.db_path) as store:
        rows = assignments(store.db, overview)
    return write_table(path, ASSIGNMENT_COLUMNS, rows)


def trends(settings: Settings, *, by: str = "day", period: str | None = None) -> TrendReport:
    check_by(by)
    with CallStore.open(settings.db_path) as store:
        return trend_report(store.db, topics_in(store, settings), by, period)


def import_alerts(settings: Settings) -> Alerts | None:
    """After an import: the latest week's emerging topics, or None when no topics were found yet (none are made)."""
    if not settings.db_path.exists():  # a home whose calls live elsewhere (PostgreSQL) has no topics here
        return None
    with CallStore.open(settings.db_path) as store:
        try:
            model_id = topic_model_id(store.db, space_id(settings.model, settings.dims))
        except ConfigError:  # no vectors: no topics
            return None
        return latest_alerts(store.db, model_id)


def topic_summary(settings: Settings) -> list[TopicOutcomes]:
    """Duration and outcome per topic (the ``topic_summary`` of ``trends --json``)."""
    with CallStore.open(settings.db_path) as store:
        return topic_outcomes(store.db, topics_in(store, settings))


def repeats(settings: Settings, *, days: int = 7) -> RepeatReport:
    check_days(days)
    with CallStore.open(settings.db_path) as store:
        try:
            overview: TopicOverview | None = topics_in(store, settings)
        except ConfigError:  # no vectors yet: callers are still counted, duplicates need vectors
            overview = None
        return repeat_report(store.db, overview, days)


@contextmanager
def _searching(settings: Settings) -> Iterator[tuple[CallStore, saved.Searcher]]:
    from callcenter_ai.core.search.service import SearchService

    def embedder_factory() -> Any:
        from callcenter_ai.core.embedding.factory import get_embedder

        return get_embedder(settings)

    with CallStore.open(settings.db_path) as store:
        service = SearchService(settings, store, embedder_factory)
        yield store, service.search


def saved_add(settings: Settings, name: str, query: str, mode: str, filters: Mapping[str, Any]) -> saved.SavedSearch:
    with CallStore.open(settings.db_path) as store:
        return saved.add_saved(store.db, name, query, mode, filters)


def saved_list(settings: Settings, *, refresh: bool = True) -> list[saved.SavedSearch]:
    """Every saved search with its «new» count (re-run first unless ``refresh`` is off)."""
    if refresh:
        with _searching(settings) as (store, search):
            saved.refresh_all(store.db, search)
    with CallStore.open(settings.db_path) as store:
        return saved.list_saved(store.db)


def saved_run(settings: Settings, name: str) -> saved.SavedRun:
    with _searching(settings) as (store, search):
        return saved.run_saved(store.db, name, search)


def saved_remove(settings: Settings, name: str) -> None:
    with CallStore.open(settings.db_path) as store:
        saved.remove_saved(store.db, name)


def refresh_saved_searches(settings: Settings) -> dict[str, int]:
    """After an import: re-run every saved search; name → calls new since it was viewed."""
    with CallStore.open(settings.db_path) as store:
        if not saved.list_saved(store.db):
            return {}
    with _searching(settings) as (store, search):
        return saved.refresh_all(store.db, search)


def dashboard(settings: Settings, *, rebuild: bool = False, repeat_days: int = 7) -> Dashboard:
    """Everything the «Аналитика» tab shows, from one pass over the store."""
    with CallStore.open(settings.db_path) as store:
        return build_dashboard(store.db, topics_in(store, settings, rebuild=rebuild), repeat_days)


def drill(settings: Settings, version: int, what: Drill) -> list[StoredCall]:
    """The calls behind a clicked bar, point or row, newest first."""
    with CallStore.open(settings.db_path) as store:
        return store.get_calls(drill_calls(store.db, version, what))

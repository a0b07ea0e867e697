"""The analytics entry points the CLI, the API and the window call, by settings."""

from __future__ import annotations

from pathlib import Path

from callcenter_ai.core.analytics.sources import topic_model_id
from callcenter_ai.core.analytics.tables import write_table
from callcenter_ai.core.analytics.topics import TopicOverview, assignments, topic_overview
from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

ASSIGNMENT_COLUMNS = ("dialog_id", "topic_id", "label")


def topics(settings: Settings, *, rebuild: bool = False, k: int | None = None, side: str = "all") -> TopicOverview:
    """The topics of the calls in ``settings.home`` (found on first use or ``rebuild``)."""
    with CallStore.open(settings.db_path) as store:
        model_id = topic_model_id(store.db, space_id(settings.model, settings.dims))
        return topic_overview(store.db, model_id, rebuild=rebuild, k=k, side=side)


def write_assignments(settings: Settings, overview: TopicOverview, path: Path) -> int:
    """``dialog_id,topic_id,label`` of every call into ``path``; the number of calls."""
    with CallStore.open(settings.db_path) as store:
        rows = assignments(store.db, overview)
    return write_table(path, ASSIGNMENT_COLUMNS, rows)

"""What is there and what is on, for a health check; never loads the model."""

from __future__ import annotations

from dataclasses import dataclass

from callcenter_ai.core.app.rating import rerank_state_in
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.feedback import rerank_state
from callcenter_ai.core.search.service import resolve_index_model_id
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore


@dataclass(frozen=True)
class Health:
    dialogs: int | None  # None: no store yet
    model_id: str | None  # the index's vector space (None: no index yet)
    rerank_enabled: bool


def health(settings: Settings, engine: Engine | None = None) -> Health:
    """Calls stored, the index's model id, whether re-ranking is on; reads the store without changing it.

    With ``engine`` (an open store, the server's), its own account of them.
    """
    if engine is not None:
        served = engine.search_service(settings).index_model_id
        enabled = served is not None and rerank_state_in(engine, settings, served).enabled
        return Health(engine.calls.count("calls"), served, enabled)
    model_id = resolve_index_model_id(settings)
    if not settings.db_path.exists():
        return Health(None, model_id, False)
    with CallStore.open(settings.db_path, readonly=True) as store:
        dialogs = store.count("calls")
        # A store written by an older version has no ratings yet (read-only: not migrated here).
        if model_id is None or not store.has_table("ratings"):
            return Health(dialogs, model_id, False)
        return Health(dialogs, model_id, rerank_state(store, settings, model_id).enabled)

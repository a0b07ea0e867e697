"""Counts of what the store and its search index hold, for ``stats`` on either engine.

The CLI's ``stats`` and the API's ``/api/stats`` print it: the vector space counted is
the one search serves, and ``index`` is the engine's own account of its
index (the FAISS files of the home, or the server's HNSW index).
"""

from __future__ import annotations

from typing import Any

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.search import preferred_model_id
from callcenter_ai.core.settings import Settings


def store_stats(engine: Engine, settings: Settings) -> dict[str, Any]:
    """One object with ``dialogs``, ``turns``, ``embedded_dialogs``, ``model``, ``index`` and more."""
    preferred = preferred_model_id(settings)
    model_id = engine.search_service(settings).index_model_id or preferred
    first, last, mean_turns, mean_duration = engine.calls.span()
    return {
        "dialogs": engine.calls.count("calls"),
        "turns": engine.calls.count("turns"),
        "operators": len(engine.calls.distinct("operator")),
        "topics": len(engine.calls.distinct("topic")),
        "first_call": first,
        "last_call": last,
        "mean_turns": round(mean_turns, 1) if mean_turns is not None else None,
        "mean_duration_s": round(mean_duration, 1) if mean_duration is not None else None,
        "embedded_dialogs": engine.vectors.embedded_count(model_id),
        "pending_dialogs": len(engine.vectors.pending_calls(model_id)),
        "chunks": engine.calls.count("chunks"),
        "model": model_id,
        "settings_model": preferred,
        "models_in_store": engine.vectors.embedded_models(),
        "index": engine.index_state(settings, model_id),
        "database": engine.where,
    }

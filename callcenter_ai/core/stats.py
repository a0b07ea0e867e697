"""Counts of what the store and the indexes hold, for ``stats`` and the window."""

from __future__ import annotations

from typing import Any

from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec


def collect_stats(store: CallStore, settings: Settings) -> dict[str, Any]:
    """One object with ``dialogs``, ``turns``, ``embedded_dialogs``, ``model``, ``index`` and more."""
    db = store.db
    model_id = space_id(settings.model, settings.dims)
    span = db.execute("SELECT min(started_at), max(started_at), avg(turn_count), avg(duration_s) FROM calls").fetchone()
    return {
        "dialogs": store.count("calls"),
        "turns": store.count("turns"),
        "operators": len(store.distinct("operator")),
        "topics": len(store.distinct("topic")),
        "first_call": span[0],
        "last_call": span[1],
        "mean_turns": round(span[2], 1) if span[2] is not None else None,
        "mean_duration_s": round(span[3], 1) if span[3] is not None else None,
        "embedded_dialogs": vec.embedded_count(db, model_id),
        "pending_dialogs": len(vec.pending_calls(db, model_id)),
        "chunks": store.count("chunks"),
        "model": model_id,
        "models_in_store": vec.embedded_models(db),
        "index": index_state(settings),
        "database": str(store.path),
    }


def index_state(settings: Settings) -> dict[str, Any]:
    """What the index folder holds; the search issue's manifests fill the details."""
    manifests = sorted(settings.index_dir.glob("*.json")) if settings.index_dir.exists() else []
    return {
        "path": str(settings.index_dir),
        "files": [m.name for m in manifests],
        "state": "absent" if not manifests else "present",
    }

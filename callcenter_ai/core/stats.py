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
    """What the index folder holds, from the manifests (files are verified when search loads them).

    ``state`` is "absent" (no index), "ready", or "damaged" (a manifest cannot
    be read: ``python -m callcenter_ai index --rebuild`` repairs it).
    """
    from callcenter_ai.core.errors import KnownError
    from callcenter_ai.core.index.manifest import list_manifests, read_manifest

    manifests = list_manifests(settings.index_dir)
    indexes: list[dict[str, Any]] = []
    for path in manifests:
        try:
            m = read_manifest(path)
        except KnownError as exc:
            indexes.append({"file": path.name, "error": exc.message})
            continue
        indexes.append(
            {
                "file": path.name,
                "model_id": m.model_id,
                "dims": m.dims,
                "metric": m.metric,
                "kind": m.kind,
                "vector_count": m.vector_count,
                "call_count": m.call_count,
                "sides": {side: m.side_count(side) for side in m.parts},  # live: base - tombstones + delta
                "created": m.created,
                "updated": m.updated,
                "generation": m.generation,
            }
        )
    damaged = any("error" in entry for entry in indexes)
    return {
        "path": str(settings.index_dir),
        "files": [m.name for m in manifests],
        "state": "absent" if not manifests else "damaged" if damaged else "ready",
        "indexes": indexes,
    }

"""The state of a home's FAISS index as search would find it (``stats``' ``index`` on the SQLite engine).

The state comes from loading and verifying that index the way search does.
"""

from __future__ import annotations

from typing import Any

from callcenter_ai.core.settings import Settings


def index_state(settings: Settings) -> dict[str, Any]:
    """The index search would use, loaded and verified as search does, and what else the folder holds.

    ``state`` is "absent" (search has no index: keyword search only), "ready",
    or "damaged" (search would fail on it: ``python -m callcenter_ai index
    --rebuild`` repairs it); ``error`` says why.  Other manifests that cannot be
    read (a stray ``.json``, another model's broken index) are listed with their
    error but do not change the state, since search does not use them.
    """
    from callcenter_ai.core.errors import KnownError
    from callcenter_ai.core.index.manifest import list_manifests, manifest_path, read_manifest
    from callcenter_ai.core.index.vector_index import VectorIndex
    from callcenter_ai.core.search.service import resolve_index_model_id

    served = resolve_index_model_id(settings)
    served_path = manifest_path(settings.index_dir, served) if served else None
    manifests = list_manifests(settings.index_dir)
    indexes: list[dict[str, Any]] = []
    for path in manifests:
        try:
            m = read_manifest(path)
        except KnownError as exc:
            indexes.append({"file": path.name, "error": exc.message, "served": path == served_path})
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
                "served": path == served_path,
            }
        )
    result: dict[str, Any] = {
        "path": str(settings.index_dir),
        "files": [m.name for m in manifests],
        "state": "absent",
        "model_id": served,
        "indexes": indexes,
    }
    if served is not None:
        try:
            index = VectorIndex.load(settings.index_dir, served, mapped=True)
            for side in index.manifest.parts:
                index.part(side)  # verifies the checksum, as search does on first use
            result["state"] = "ready"
        except KnownError as exc:
            result["state"] = "damaged"
            result["error"] = exc.message
    return result

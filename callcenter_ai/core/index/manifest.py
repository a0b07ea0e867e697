"""The JSON manifest beside each index: what the index files hold and their checksums.

One manifest per model id (vector space) lives in ``indexes/<slug>.json``.  It
names one *generation* of files: a FAISS base part per side (``all``,
``client``, ``operator``), optionally a small delta part per side (vectors
added since the base was written), and a state file (``.npz``, loaded without
pickle) mapping chunk ids to calls and listing the tombstones.  A save writes
the new generation's files first and the manifest last, so a crash at any
point leaves the previous generation whole.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from callcenter_ai.core.errors import IndexCorruptError
from callcenter_ai.core.index.files import atomic_write_bytes
from callcenter_ai.core.messages import HINTS, msg

MANIFEST_FORMAT = 2  # 2: delta parts and tombstones
METRIC = "inner_product"
REBUILD_HINT = HINTS["index.rebuild"]


@dataclass(frozen=True)
class PartInfo:
    """One FAISS file: the vectors of one side."""

    file: str
    kind: str
    vector_count: int
    sha256: str


@dataclass(frozen=True)
class IndexManifest:
    model_id: str
    dims: int
    kind: str  # kind of the "all" part
    vector_count: int  # live vectors of the "all" side (base - tombstones + delta)
    call_count: int
    created: str
    updated: str
    store_schema_version: int
    generation: int
    parts: dict[str, PartInfo]
    state_file: str
    state_sha256: str
    metric: str = METRIC
    format: int = MANIFEST_FORMAT
    extra: dict[str, Any] = field(default_factory=dict)
    deltas: dict[str, PartInfo] = field(default_factory=dict)  # side -> delta part, where the side has one
    live_vectors: dict[str, int] = field(default_factory=dict)  # side -> vectors search answers with

    def side_count(self, side: str) -> int:
        """Vectors ``side`` answers with: base minus tombstones plus delta (0 when the side has no part)."""
        if side in self.live_vectors:
            return self.live_vectors[side]
        part = self.parts.get(side)
        return 0 if part is None else part.vector_count

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, source: Path) -> IndexManifest:
        try:
            raw = json.loads(text)
            parts = {side: PartInfo(**info) for side, info in raw.pop("parts").items()}
            deltas = {side: PartInfo(**info) for side, info in raw.pop("deltas", {}).items()}
            manifest = cls(parts=parts, deltas=deltas, **raw)
        except (json.JSONDecodeError, TypeError, KeyError, AttributeError) as exc:
            raise IndexCorruptError(msg("index.manifest_damaged", path=source, error=exc), hint=REBUILD_HINT) from exc
        if manifest.format > MANIFEST_FORMAT:
            raise IndexCorruptError(
                msg("index.format_too_new", path=source, format=manifest.format),
                hint="Update CallCenter AI, or rebuild the index: " + REBUILD_HINT,
            )
        return manifest


def index_slug(model_id: str) -> str:
    """A file-name-safe, unique stem for a model id."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_")[-60:]
    digest = hashlib.sha1(model_id.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


def manifest_path(index_dir: Path, model_id: str) -> Path:
    return index_dir / f"{index_slug(model_id)}.json"


def read_manifest(path: Path) -> IndexManifest:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(msg("index.manifest_unreadable", path=path, error=exc), hint=REBUILD_HINT) from exc
    return IndexManifest.from_json(text, path)


def write_manifest(path: Path, manifest: IndexManifest) -> None:
    atomic_write_bytes(path, manifest.to_json().encode("utf-8"))


def list_manifests(index_dir: Path) -> list[Path]:
    return sorted(index_dir.glob("*.json")) if index_dir.exists() else []

"""Writing a new generation of index files and switching the manifest to it; cleaning up older ones.

A generation is the set of files one manifest names.  Its files are written
first (each atomically, hashed as it streams), the manifest last: a crash,
or a kill -9, at any point leaves the previous manifest and every file it
names untouched.  Files that no manifest names any more are deleted after the
switch, or by the next save when the process died before it could.
"""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcenter_ai.core.errors import IndexCorruptError
from callcenter_ai.core.index.files import atomic_write_stream
from callcenter_ai.core.index.kinds import index_kind_of
from callcenter_ai.core.index.manifest import (
    IndexManifest,
    PartInfo,
    index_slug,
    manifest_path,
    read_manifest,
    write_manifest,
)
from callcenter_ai.core.index.part_io import write_part
from callcenter_ai.core.index.state import IndexState
from callcenter_ai.core.records import SIDES, utc_now

if TYPE_CHECKING:
    import faiss

log = logging.getLogger(__name__)


def live_count(base: PartInfo, delta: PartInfo | None, dead: int) -> int:
    """Vectors a side answers with: its base's minus its tombstones, plus its delta's."""
    return base.vector_count - dead + (delta.vector_count if delta is not None else 0)


def save_generation(
    index_dir: Path,
    model_id: str,
    dims: int,
    parts: dict[str, faiss.Index],
    state: IndexState,
    *,
    store_schema_version: int,
    previous: IndexManifest | None = None,
    extra: dict[str, Any] | None = None,
    unchanged: dict[str, PartInfo] | None = None,
    deltas: dict[str, faiss.Index] | None = None,
    kept_deltas: dict[str, PartInfo] | None = None,
) -> IndexManifest:
    """Write a new generation of files and switch the manifest to it atomically.

    Sides in ``unchanged`` keep the previous generation's base file, and sides
    in ``kept_deltas`` its delta file (name and checksum, already verified by
    the caller, or trusted as the manifest names them); the new manifest names
    them again.  ``parts`` and ``deltas`` are written as new files.
    """
    slug = index_slug(model_id)
    # Never reuse a generation number whose files a manifest may still name.
    generation = max([previous.generation if previous else 0, *_generations_on_disk(index_dir, slug)]) + 1
    infos: dict[str, PartInfo] = dict(unchanged or {})
    for side in SIDES:
        if side not in infos:
            infos[side] = _write(index_dir / f"{slug}.{side}.g{generation}.faiss", parts[side])
    delta_infos: dict[str, PartInfo] = dict(kept_deltas or {})
    for delta_side, delta in (deltas or {}).items():
        delta_infos[delta_side] = _write(index_dir / f"{slug}.{delta_side}.g{generation}.delta.faiss", delta)
    state_name = f"{slug}.g{generation}.state.npz"
    state_sha256 = atomic_write_stream(index_dir / state_name, state.write_to)
    now = utc_now()
    manifest = IndexManifest(
        model_id=model_id,
        dims=dims,
        kind=infos["all"].kind,
        vector_count=live_count(infos["all"], delta_infos.get("all"), len(state.dead["all"])),
        call_count=len(state.call_ids),
        created=previous.created if previous else now,
        updated=now,
        store_schema_version=store_schema_version,
        generation=generation,
        parts=infos,
        state_file=state_name,
        state_sha256=state_sha256,
        extra=dict(extra or (previous.extra if previous else {})),
        deltas=delta_infos,
        live_vectors={s: live_count(infos[s], delta_infos.get(s), len(state.dead[s])) for s in SIDES},
    )
    write_manifest(manifest_path(index_dir, model_id), manifest)
    remove_unnamed_files(index_dir, manifest)
    return manifest


def remove_unnamed_files(index_dir: Path, manifest: IndexManifest) -> None:
    """Delete the files of ``manifest``'s model id that it does not name (older generations, interrupted saves)."""
    named = {*(i.file for i in manifest.parts.values()), *(i.file for i in manifest.deltas.values())}
    remove_stale_files(index_dir, index_slug(manifest.model_id), keep={*named, manifest.state_file})


def _write(path: Path, index: faiss.Index) -> PartInfo:
    sha256 = write_part(path, index)
    return PartInfo(path.name, index_kind_of(index), int(index.ntotal), sha256)


def remove_stale_files(index_dir: Path, slug: str, keep: set[str]) -> None:
    """Delete files of older generations (and leftovers of interrupted saves) of ``slug``."""
    graph = f"{slug}.neighbours."  # the neighbour graph's files (index/neighbours.py) manage themselves
    stale = [
        p
        for p in index_dir.glob(f"{slug}.*")
        if p.suffix != ".json" and p.name not in keep and not p.name.startswith(graph)
    ]
    leftovers = [p for p in index_dir.glob(f".{slug}.*.tmp") if not p.name.startswith(f".{graph}")]
    for path in [*stale, *leftovers]:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:  # Windows refuses to delete a file a search still has mapped: next save retries
            log.info("cannot delete the stale index file %s yet: %s", path.name, exc)


def _generations_on_disk(index_dir: Path, slug: str) -> list[int]:
    found = []
    for path in index_dir.glob(f"{slug}.*"):
        match = re.search(r"\.g(\d+)\.", path.name)
        if match:
            found.append(int(match.group(1)))
    manifest_file = index_dir / f"{slug}.json"
    if manifest_file.exists():
        with contextlib.suppress(IndexCorruptError):
            found.append(read_manifest(manifest_file).generation)
    return found

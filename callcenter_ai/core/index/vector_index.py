"""A saved FAISS index for one model id: load with verification, search, save atomically.

Never unpickles anything: FAISS files are read with ``faiss.deserialize_index``
and the state file with ``numpy.load(allow_pickle=False)``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.errors import IndexCorruptError, IndexFileError, IndexMismatchError
from callcenter_ai.core.index.files import atomic_write_bytes, atomic_write_stream, sha256_bytes, sha256_file
from callcenter_ai.core.index.kinds import index_kind_of, to_search_device, tune_for_search
from callcenter_ai.core.index.manifest import (
    REBUILD_HINT,
    IndexManifest,
    PartInfo,
    index_slug,
    manifest_path,
    read_manifest,
    write_manifest,
)
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.records import SIDES, utc_now

if TYPE_CHECKING:
    import faiss

log = logging.getLogger(__name__)


@dataclass
class IndexState:
    """Which calls the index holds (with their signatures) and which call owns each chunk id, per side."""

    call_ids: IdArray
    call_sigs: IdArray
    chunk_ids: dict[str, IdArray]
    chunk_calls: dict[str, IdArray]

    @classmethod
    def empty(cls) -> IndexState:
        none = np.zeros(0, np.int64)
        return cls(none, none, {s: none for s in SIDES}, {s: none for s in SIDES})

    def to_bytes(self) -> bytes:
        arrays: dict[str, Any] = {"call_ids": self.call_ids, "call_sigs": self.call_sigs}
        for side in SIDES:
            arrays[f"ids_{side}"] = self.chunk_ids[side]
            arrays[f"calls_{side}"] = self.chunk_calls[side]
        buffer = io.BytesIO()
        np.savez(buffer, allow_pickle=False, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> IndexState:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            return cls(
                call_ids=npz["call_ids"].astype(np.int64),
                call_sigs=npz["call_sigs"].astype(np.int64),
                chunk_ids={s: npz[f"ids_{s}"].astype(np.int64) for s in SIDES},
                chunk_calls={s: npz[f"calls_{s}"].astype(np.int64) for s in SIDES},
            )


class VectorIndex:
    """The FAISS parts (one per side) and state of one model id.

    Parts are loaded, checksum-verified and dims-checked on first use, so
    opening an index is cheap and never touches the embedding model.
    """

    def __init__(self, index_dir: Path, manifest: IndexManifest, state: IndexState, *, mapped: bool = False) -> None:
        self.index_dir = index_dir
        self.manifest = manifest
        self.state = state
        self.mapped = mapped
        self._parts: dict[str, faiss.Index] = {}
        self._search_parts: dict[str, faiss.Index] = {}

    @property
    def model_id(self) -> str:
        return self.manifest.model_id

    @property
    def dims(self) -> int:
        return self.manifest.dims

    # -- loading -------------------------------------------------------------

    @classmethod
    def exists(cls, index_dir: Path, model_id: str) -> bool:
        return manifest_path(index_dir, model_id).exists()

    @classmethod
    def load(cls, index_dir: Path, model_id: str, dims: int | None = None, *, mapped: bool = False) -> VectorIndex:
        """Open the index of ``model_id``; raise a clear :class:`IndexFileError` when it cannot be trusted.

        ``mapped`` memory-maps the parts instead of reading them into memory:
        opening is then mostly the checksum (about 0.15 s instead of 0.6 s for a
        205 MB part), and the pages are shared with the OS cache.  Mapped parts
        are read-only, for searching; the updater loads them unmapped.
        """
        path = manifest_path(index_dir, model_id)
        if not path.exists():
            raise IndexFileError(msg("index.missing", model=model_id, folder=index_dir), hint=HINTS["index.build"])
        manifest = read_manifest(path)
        if manifest.model_id != model_id:
            raise IndexMismatchError(
                msg("index.other_model", path=path, built=manifest.model_id, wanted=model_id),
                hint=REBUILD_HINT,
            )
        if dims is not None and manifest.dims != dims:
            raise IndexMismatchError(
                msg("index.other_dims", path=path, built=manifest.dims, wanted=dims), hint=REBUILD_HINT
            )
        state_bytes = _read_verified(index_dir / manifest.state_file, manifest.state_sha256)
        try:
            state = IndexState.from_bytes(state_bytes)
        except (ValueError, KeyError, OSError) as exc:
            where = index_dir / manifest.state_file
            raise IndexCorruptError(msg("index.unreadable", path=where, error=exc), hint=REBUILD_HINT) from exc
        return cls(index_dir, manifest, state, mapped=mapped)

    def part(self, side: str) -> faiss.Index:
        """The CPU index of ``side``, loaded and verified on first use."""
        if side not in self._parts:
            self._parts[side] = self._load_part(side)
        return self._parts[side]

    def _load_part(self, side: str) -> faiss.Index:

        info = self.manifest.parts.get(side)
        if info is None:
            raise IndexCorruptError(msg("index.no_part", model=self.model_id, side=side), hint=REBUILD_HINT)
        path = self.index_dir / info.file
        started = time.perf_counter()
        index = _read_mapped(path, info.sha256) if self.mapped else None
        if index is None:
            index = _read_into_memory(path, info.sha256)
        if index.d != self.manifest.dims:
            raise IndexMismatchError(
                msg("index.part_dims", path=path, built=index.d, wanted=self.manifest.dims), hint=REBUILD_HINT
            )
        if index.ntotal != info.vector_count or index_kind_of(index) != info.kind:
            raise IndexCorruptError(
                msg(
                    "index.part_count",
                    path=path,
                    count=index.ntotal,
                    kind=index_kind_of(index),
                    wanted_count=info.vector_count,
                    wanted_kind=info.kind,
                ),
                hint=REBUILD_HINT,
            )
        tune_for_search(index)  # FAISS saves nprobe in the file: an older index gets today's probe rule
        seconds = time.perf_counter() - started
        log.info(
            "loaded %s (%d vectors, %s%s) in %.3f s",
            path.name,
            index.ntotal,
            info.kind,
            ", mapped" if self.mapped else "",
            seconds,
        )
        return index

    # -- searching -----------------------------------------------------------

    def count(self, side: str = "all") -> int:
        info = self.manifest.parts.get(side)
        return 0 if info is None else info.vector_count

    def search(
        self, side: str, queries: FloatArray, k: int, allowed_ids: IdArray | None = None
    ) -> tuple[FloatArray, IdArray]:
        """Top ``k`` chunk ids and scores per query row; ``allowed_ids`` restricts the candidates.

        Missing results have id -1.  Scores are inner products (cosine for
        normalised vectors); for non-exact kinds they are approximate, and
        the caller re-ranks with the stored vectors.
        """

        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim == 1:
            queries = queries[None, :]
        if queries.shape[1] != self.dims:
            raise IndexMismatchError(
                f"query vectors have {queries.shape[1]} dims, the index of {self.model_id} has {self.dims}",
                hint=REBUILD_HINT,
            )
        index = self.part(side)
        k = max(1, min(k, max(index.ntotal, 1)))
        with _threads_for(len(queries)):
            return self._search(index, side, queries, k, allowed_ids)

    def _search(
        self, index: faiss.Index, side: str, queries: FloatArray, k: int, allowed_ids: IdArray | None
    ) -> tuple[FloatArray, IdArray]:
        import faiss

        if allowed_ids is None:
            if side not in self._search_parts:
                self._search_parts[side] = to_search_device(index)
            scores, ids = self._search_parts[side].search(queries, k)
            return scores, ids
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed_ids, dtype=np.int64))
        if isinstance(index, faiss.IndexIVF):
            params: Any = faiss.SearchParametersIVF()
            params.nprobe = min(index.nlist, index.nprobe * 4)
        else:
            params = faiss.SearchParameters()
        params.sel = selector
        scores, ids = index.search(queries, k, params=params)
        return scores, ids

    # -- saving --------------------------------------------------------------

    def save(self, parts: dict[str, faiss.Index], state: IndexState, *, store_schema_version: int) -> IndexManifest:
        """Write ``parts`` and ``state`` as a new generation, then the manifest; drop the old files."""
        manifest = save_generation(
            self.index_dir,
            self.model_id,
            self.dims,
            parts,
            state,
            store_schema_version=store_schema_version,
            previous=self.manifest,
        )
        self.manifest = manifest
        self.state = state
        self._parts = dict(parts)
        self._search_parts = {}
        return manifest


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
) -> IndexManifest:
    """Write a new generation of files and switch the manifest to it atomically.

    Sides in ``unchanged`` keep the previous generation's file (name and
    checksum, already verified by the caller); the new manifest names it again.
    """
    import faiss

    slug = index_slug(model_id)
    # Never reuse a generation number whose files a manifest may still name.
    generation = max([previous.generation if previous else 0, *_generations_on_disk(index_dir, slug)]) + 1
    infos: dict[str, PartInfo] = dict(unchanged or {})
    for side in SIDES:
        if side in infos:
            continue
        index = parts[side]
        name = f"{slug}.{side}.g{generation}.faiss"

        def fill(write: Callable[[bytes | memoryview], object], index: faiss.Index = index) -> None:
            # Streams the FAISS file in pieces: no whole serialised copy in memory, hashed as it is written.
            faiss.write_index(index, faiss.PyCallbackIOWriter(write, 8 << 20))  # type: ignore[attr-defined]

        sha256 = atomic_write_stream(index_dir / name, fill)
        infos[side] = PartInfo(name, index_kind_of(index), int(index.ntotal), sha256)
    state_bytes = state.to_bytes()
    state_name = f"{slug}.g{generation}.state.npz"
    atomic_write_bytes(index_dir / state_name, state_bytes)
    now = utc_now()
    manifest = IndexManifest(
        model_id=model_id,
        dims=dims,
        kind=infos["all"].kind,
        vector_count=infos["all"].vector_count,
        call_count=len(state.call_ids),
        created=previous.created if previous else now,
        updated=now,
        store_schema_version=store_schema_version,
        generation=generation,
        parts=infos,
        state_file=state_name,
        state_sha256=sha256_bytes(state_bytes),
        extra=dict(extra or (previous.extra if previous else {})),
    )
    write_manifest(manifest_path(index_dir, model_id), manifest)
    remove_stale_files(index_dir, slug, keep={*(i.file for i in infos.values()), state_name})
    return manifest


def remove_stale_files(index_dir: Path, slug: str, keep: set[str]) -> None:
    """Delete files of older generations (and leftovers of interrupted saves) of ``slug``."""
    stale = [p for p in index_dir.glob(f"{slug}.*") if p.suffix != ".json" and p.name not in keep]
    for path in [*stale, *index_dir.glob(f".{slug}.*.tmp")]:
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


@contextlib.contextmanager
def _threads_for(n_queries: int) -> Iterator[None]:
    """One OpenMP thread for a single query: on 2 cores it beat two by 3-6x (docs/SEARCH.md, docs/PERFORMANCE.md).

    The setting is per calling thread in OpenMP, so a build on another thread keeps its threads.
    """
    import faiss

    if n_queries > 1:
        yield
        return
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(previous)


def _read_mapped(path: Path, sha256: str) -> faiss.Index | None:
    """The part at ``path`` memory-mapped after its checksum is verified; None where FAISS cannot map it.

    FAISS maps only what its own file reader can open (not every platform,
    nor every non-ASCII path on Windows); the caller then reads the file.
    """
    import faiss

    try:
        actual = sha256_file(path)
    except OSError as exc:
        raise IndexCorruptError(msg("index.file_unreadable", path=path, error=exc), hint=REBUILD_HINT) from exc
    if actual != sha256:
        raise IndexCorruptError(msg("index.checksum", path=path), hint=REBUILD_HINT)
    try:
        index: faiss.Index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP)
    except RuntimeError as exc:
        log.info("cannot memory-map %s (%s); reading it instead", path.name, exc)
        return None
    return index


def _read_into_memory(path: Path, sha256: str) -> faiss.Index:
    """The part at ``path`` read once into owned (modifiable) memory, hashed as it streams.

    Raises unless the whole file matches ``sha256``; a file that fails its
    checksum is reported as such even when FAISS could not parse it.
    """
    import faiss

    digest = hashlib.sha256()
    index: faiss.Index | None = None
    error: RuntimeError | None = None
    try:
        with open(path, "rb") as handle:

            def read(size: int) -> bytes:
                piece = handle.read(size)
                digest.update(piece)
                return piece

            try:
                index = faiss.read_index(faiss.PyCallbackIOReader(read, 8 << 20))  # type: ignore[attr-defined]
            except RuntimeError as exc:
                error = exc
            for rest in iter(lambda: handle.read(8 << 20), b""):  # what FAISS did not read counts too
                digest.update(rest)
    except OSError as exc:
        raise IndexCorruptError(msg("index.file_unreadable", path=path, error=exc), hint=REBUILD_HINT) from exc
    if digest.hexdigest() != sha256:
        raise IndexCorruptError(msg("index.checksum", path=path), hint=REBUILD_HINT)
    if index is None:
        raise IndexCorruptError(msg("index.not_faiss", path=path, error=error), hint=REBUILD_HINT) from error
    return index


def _read_verified(path: Path, sha256: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IndexCorruptError(msg("index.file_unreadable", path=path, error=exc), hint=REBUILD_HINT) from exc
    if sha256_bytes(data) != sha256:
        raise IndexCorruptError(msg("index.checksum", path=path), hint=REBUILD_HINT)
    return data

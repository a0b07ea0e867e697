"""A saved FAISS index for one model id: load with verification, search base and delta parts, save.

Each side (``all``, ``client``, ``operator``) has a base part and, after
cheap updates, a small delta part and tombstones (``segments.py``); search
covers both.  Files are read by ``part_io`` (checksums, no unpickling) and
written by ``generation`` (a new generation, manifest last).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.errors import IndexCorruptError, IndexFileError, IndexMismatchError
from callcenter_ai.core.index.generation import live_count, save_generation
from callcenter_ai.core.index.kinds import index_kind_of, to_search_device, tune_for_search
from callcenter_ai.core.index.manifest import REBUILD_HINT, IndexManifest, PartInfo, manifest_path, read_manifest
from callcenter_ai.core.index.part_io import read_part, read_verified
from callcenter_ai.core.index.segment_search import SideSearch
from callcenter_ai.core.index.state import IndexState
from callcenter_ai.core.messages import HINTS, msg

if TYPE_CHECKING:
    import faiss

__all__ = ["IndexState", "VectorIndex", "save_generation"]

log = logging.getLogger(__name__)


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
        self._deltas: dict[str, faiss.Index] = {}
        self._side_searches: dict[str, SideSearch] = {}
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
        state_bytes = read_verified(index_dir / manifest.state_file, manifest.state_sha256)
        try:
            state = IndexState.from_bytes(state_bytes)
        except (ValueError, KeyError, OSError) as exc:
            where = index_dir / manifest.state_file
            raise IndexCorruptError(msg("index.unreadable", path=where, error=exc), hint=REBUILD_HINT) from exc
        return cls(index_dir, manifest, state, mapped=mapped)

    def part(self, side: str) -> faiss.Index:
        """The CPU base part of ``side``, loaded and verified on first use."""
        if side not in self._parts:
            info = self.manifest.parts.get(side)
            if info is None:
                raise IndexCorruptError(msg("index.no_part", model=self.model_id, side=side), hint=REBUILD_HINT)
            self._parts[side] = self._load_part(info)
        return self._parts[side]

    def delta(self, side: str) -> faiss.Index | None:
        """The delta part of ``side`` (None: the side has none), loaded and verified on first use."""
        info = self.manifest.deltas.get(side)
        if info is None:
            return None
        if side not in self._deltas:
            self._deltas[side] = self._load_part(info)
        return self._deltas[side]

    def _load_part(self, info: PartInfo) -> faiss.Index:
        path = self.index_dir / info.file
        started = time.perf_counter()
        index = read_part(path, info.sha256, mapped=self.mapped)
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
        """Vectors ``side`` answers with (base minus tombstones, plus delta)."""
        info = self.manifest.parts.get(side)
        if info is None:
            return 0
        return live_count(info, self.manifest.deltas.get(side), len(self.state.dead.get(side, ())))

    def search(
        self, side: str, queries: FloatArray, k: int, allowed_ids: IdArray | None = None
    ) -> tuple[FloatArray, IdArray]:
        """Top ``k`` chunk ids and scores per query row; ``allowed_ids`` restricts the candidates.

        Covers the side's base part (minus its tombstones) and its delta.
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
        delta = self.delta(side)
        k = max(1, min(k, max(self.count(side), 1)))
        with _threads_for(len(queries)):
            if delta is None and allowed_ids is None and len(self.state.dead.get(side, ())) == 0:
                if side not in self._search_parts:
                    self._search_parts[side] = to_search_device(index)
                if self._search_parts[side] is not index:  # a GPU copy
                    scores, ids = self._search_parts[side].search(queries, k)
                    return scores, ids
            if side not in self._side_searches:
                self._side_searches[side] = SideSearch(index, delta, self.state.dead.get(side))
            return self._side_searches[side].search(queries, k, allowed_ids)

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
        self._deltas, self._side_searches, self._search_parts = {}, {}, {}
        return manifest


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

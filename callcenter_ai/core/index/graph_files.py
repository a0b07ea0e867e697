"""The neighbour graph's files: ``<slug>.neighbours.npz`` naming its profile segments ``<slug>.neighbours.<token>.npy``.

A save writes the segments that are new since the graph was loaded (each to
its own new file, atomically), then the ``.npz`` that names them (atomic),
then removes segment files no ``.npz`` names any more.  A kill at any point
leaves the previous ``.npz`` and every segment it names in place: the old
graph stays loadable, and a new segment written before the kill is an
unnamed file the next save removes.  No pickle; segments are memory-mapped.
"""

from __future__ import annotations

import io
import logging
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from callcenter_ai.core.index.files import StreamSink, atomic_write_bytes, atomic_write_stream
from callcenter_ai.core.index.manifest import index_slug
from callcenter_ai.core.index.profile_rows import ProfileRows

if TYPE_CHECKING:
    from callcenter_ai.core.index.neighbours import NeighbourGraph

log = logging.getLogger(__name__)

FORMAT = 3  # 3: profiles in segments, the falloff's spread and the coarse lists kept


def graph_path(index_dir: Path, model_id: str) -> Path:
    return index_dir / f"{index_slug(model_id)}.neighbours.npz"


def save_graph(path: Path, graph: NeighbourGraph) -> None:
    """New profile segments first, then the graph naming them (atomic), then segment files no longer named go."""
    stem = path.name.removesuffix(".npz")
    profiles = graph.profiles
    for s, saved in enumerate(profiles.names):
        if saved is None:
            name = f"{stem}.{secrets.token_hex(4)}.npy"
            buffer = io.BytesIO()
            np.save(buffer, np.ascontiguousarray(profiles.segments[s], dtype=np.float16))
            atomic_write_bytes(path.with_name(name), buffer.getbuffer(), hashed=False)
            profiles.names[s] = name
    names = [str(n) for n in profiles.names]
    atomic_write_stream(path, lambda write: _save_arrays(write, graph, names), hashed=False)
    for old in path.parent.glob(f"{stem}.*.npy"):
        if old.name not in names:
            try:
                old.unlink(missing_ok=True)
            except OSError:  # still mapped by a search (Windows): the next save removes it
                log.debug("could not remove %s yet", old)


def _save_arrays(write: Callable[[bytes | memoryview], object], graph: NeighbourGraph, names: list[str]) -> None:
    """The graph's ``.npz`` streamed to ``write`` (no copy of it in memory: it is ~170 MB at 1M calls)."""
    empty = np.zeros((0, 0), dtype=np.float32)
    np.savez(
        StreamSink(write),
        format=np.int64(FORMAT),
        call_ids=graph.call_ids,
        signatures=graph.signatures,
        neighbours=graph.neighbours,
        cosines=graph.cosines,
        falloff=np.float64(graph.falloff),
        spread=np.float64(graph.spread),
        spread_calls=np.int64(graph.spread_calls),
        fitted_calls=np.int64(graph.fitted_calls),
        centroids=empty if graph.centroids is None else graph.centroids,
        lists=np.zeros(0, np.int32) if graph.lists is None else graph.lists,
        profile_files=np.array(names),
        profile_at=graph.profiles.at,
    )


def load_graph(path: Path, *, to_update: bool = False) -> NeighbourGraph | None:
    """The saved graph (profiles memory-mapped), or None when there is none or it cannot be read.

    ``to_update``: mapped copy-on-write (never written, but writable, so torch decodes straight from the
    mapping); search maps read-only (Windows charges a copy-on-write view's whole size to the page file).

    Search then goes on with the plain cosine, and the next index run writes the graph again.
    """
    from callcenter_ai.core.index.neighbours import NeighbourGraph

    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != FORMAT:
                return None
            names = [str(n) for n in data["profile_files"]]
            mode: Literal["c", "r"] = "c" if to_update else "r"
            segments = [np.load(path.with_name(n), mmap_mode=mode, allow_pickle=False) for n in names]
            centroids = data["centroids"].astype(np.float32, copy=False)
            lists = data["lists"].astype(np.int32, copy=False)
            graph = NeighbourGraph(
                data["call_ids"].astype(np.int64, copy=False),
                data["signatures"].astype(np.int64, copy=False),
                data["neighbours"].astype(np.int64, copy=False),
                data["cosines"].astype(np.float32, copy=False),
                ProfileRows(segments, list[str | None](names), data["profile_at"].astype(np.int64, copy=False)),
                float(data["falloff"]),
                float(data["spread"]),
                int(data["spread_calls"]),
                int(data["fitted_calls"]),
                centroids if centroids.size else None,
                lists if centroids.size else None,
            )
    except (OSError, ValueError, KeyError) as exc:
        log.warning("neighbour graph %s unreadable (%s): search goes on without it until the next index run", path, exc)
        return None
    if not _consistent(graph):
        log.warning("neighbour graph %s has inconsistent shapes: ignored until the next index run", path)
        return None
    return graph


def _consistent(graph: NeighbourGraph) -> bool:
    n = len(graph.call_ids)
    profiles = graph.profiles
    widths = {s.shape[1] for s in profiles.segments if s.ndim == 2}
    total = int(profiles.starts()[-1])
    rows_fit = len(profiles.at) == n and (n == 0 or 0 <= int(profiles.at.min()) <= int(profiles.at.max()) < total)
    lists_fit = graph.lists is None or len(graph.lists) == n
    k = graph.neighbours.shape[1] if graph.neighbours.ndim == 2 else -1
    shapes = graph.signatures.shape == (n,) and graph.neighbours.shape == graph.cosines.shape == (n, k)
    return rows_fit and lists_fit and shapes and len(widths) <= 1 and all(s.ndim == 2 for s in profiles.segments)

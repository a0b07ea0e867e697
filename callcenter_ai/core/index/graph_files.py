"""The neighbour graph's files: ``<slug>.neighbours.npz`` naming its segments ``<slug>.neighbours.<token>.npy``
(the calls' profiles, :mod:`.profile_rows`, and their links, :mod:`.graph_links`).

A save writes the segments that are new since the graph was loaded (each to
its own new file, atomically), then the ``.npz`` that names them (atomic),
then removes segment files no ``.npz`` names any more.  A kill at any point
leaves the previous ``.npz`` and every segment it names in place: the old
graph stays loadable, and a new segment written before the kill is an
unnamed file the next save removes.  No pickle; segments are memory-mapped.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from callcenter_ai.core.index.files import StreamSink, atomic_write_stream
from callcenter_ai.core.index.graph_links import LinkRows
from callcenter_ai.core.index.manifest import index_slug
from callcenter_ai.core.index.profile_rows import ProfileRows
from callcenter_ai.core.index.segmented_rows import SegmentedRows

if TYPE_CHECKING:
    from callcenter_ai.core.index.neighbours import NeighbourGraph

log = logging.getLogger(__name__)

FORMAT = 4  # 3: profiles in segments, the falloff's spread and the coarse lists kept; 4: links in segments too


def graph_path(index_dir: Path, model_id: str) -> Path:
    return index_dir / f"{index_slug(model_id)}.neighbours.npz"


def save_graph(path: Path, graph: NeighbourGraph) -> None:
    """New segments first (profiles and links), then the graph naming them (atomic), then segment files no
    longer named go."""
    stem = path.name.removesuffix(".npz")
    for rows in (graph.profiles, graph.links):
        for s, saved in enumerate(rows.names):
            if saved is None:
                name = f"{stem}.{secrets.token_hex(4)}.npy"
                atomic_write_stream(path.with_name(name), partial(_save_segment, rows.segments[s]), hashed=False)
                rows.names[s] = name
    profile_files, link_files = ([str(n) for n in rows.names] for rows in (graph.profiles, graph.links))
    atomic_write_stream(path, lambda write: _save_arrays(write, graph, profile_files, link_files), hashed=False)
    named = {*profile_files, *link_files}
    # segments no longer named, and temporary files of a save that was killed (the index's save, which may run
    # beside this one, leaves the graph's files alone)
    for old in [*path.parent.glob(f"{stem}.*.npy"), *path.parent.glob(f".{stem}.*.tmp")]:
        if old.name not in named:
            try:
                old.unlink(missing_ok=True)
            except OSError:  # still mapped by a search (Windows): the next save removes it
                log.debug("could not remove %s yet", old)


def _save_segment(segment: np.ndarray[Any, Any], write: Callable[[bytes | memoryview], object]) -> None:
    np.save(StreamSink(write), np.ascontiguousarray(segment), allow_pickle=False)


def _save_arrays(
    write: Callable[[bytes | memoryview], object],
    graph: NeighbourGraph,
    profile_files: list[str],
    link_files: list[str],
) -> None:
    """The graph's ``.npz`` streamed to ``write``: per call, its id, signature, list and where its profile
    and links lie (~40 bytes a call); the profiles and links are in their own segment files."""
    empty = np.zeros((0, 0), dtype=np.float32)
    np.savez(
        StreamSink(write),
        format=np.int64(FORMAT),
        call_ids=graph.call_ids,
        signatures=graph.signatures,
        falloff=np.float64(graph.falloff),
        spread=np.float64(graph.spread),
        spread_calls=np.int64(graph.spread_calls),
        fitted_calls=np.int64(graph.fitted_calls),
        centroids=empty if graph.centroids is None else graph.centroids,
        lists=np.zeros(0, np.int32) if graph.lists is None else graph.lists,
        profile_files=np.array(profile_files),
        profile_at=graph.profiles.at,
        link_files=np.array(link_files),
        link_at=graph.links.at,
    )


def prefetch_graph(path: Path) -> None:
    """Ask the OS to start reading the graph's segment files into its cache, without waiting for it.

    An update reads nearly every profile (the new calls probe nearly every list); a file the OS dropped
    from its cache while idle (at 1M calls this cost about 1.2 s an update) is then read while the index's
    own parts are updated, instead of fault by fault during the graph's scan.  No-op where the OS has no
    such advice (Windows)."""
    if not hasattr(os, "posix_fadvise"):
        return
    for segment in path.parent.glob(f"{path.name.removesuffix('.npz')}.*.npy"):
        try:
            fd = os.open(segment, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


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
            if int(data["format"]) not in (FORMAT, 3):
                return None
            mode: Literal["c", "r"] = "c" if to_update else "r"
            names = [str(n) for n in data["profile_files"]]
            segments = [np.load(path.with_name(n), mmap_mode=mode, allow_pickle=False) for n in names]
            centroids = data["centroids"].astype(np.float32, copy=False)
            lists = data["lists"].astype(np.int32, copy=False)
            graph = NeighbourGraph(
                data["call_ids"].astype(np.int64, copy=False),
                data["signatures"].astype(np.int64, copy=False),
                _links(path, data),
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


def _links(path: Path, data: Any) -> LinkRows:
    """The links' segments, mapped read-only (an update writes its changed rows to a new segment); a graph of
    format 3 held every row's links in its ``.npz``: they become one segment, written out at the next save."""
    if int(data["format"]) == 3:
        return LinkRows.of(data["neighbours"].astype(np.int64), data["cosines"].astype(np.float32))
    names = [str(n) for n in data["link_files"]]
    segments = [np.load(path.with_name(n), mmap_mode="r", allow_pickle=False) for n in names]
    return LinkRows(segments, list[str | None](names), data["link_at"].astype(np.int64, copy=False))


def _consistent(graph: NeighbourGraph) -> bool:
    n = len(graph.call_ids)
    profiles, links = graph.profiles, graph.links
    widths = {s.shape[1] for s in profiles.segments if s.ndim == 2}
    lists_fit = graph.lists is None or len(graph.lists) == n
    link_types = {s.dtype for s in links.segments}
    links_fit = (
        len(link_types) == 1
        and all(s.ndim == 1 for s in links.segments)
        and next(iter(link_types)).names == ("ids", "cos")
        and _rows_fit(links, n)
    )
    shapes = graph.signatures.shape == (n,) and links_fit
    profiles_fit = len(widths) <= 1 and all(s.ndim == 2 for s in profiles.segments) and _rows_fit(profiles, n)
    return profiles_fit and lists_fit and shapes


def _rows_fit(rows: SegmentedRows[Any], n: int) -> bool:
    total = int(rows.starts()[-1])
    return len(rows.at) == n and (n == 0 or 0 <= int(rows.at.min()) <= int(rows.at.max()) < total)

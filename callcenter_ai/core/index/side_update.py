"""Carrying out one side's plan (``plan.py``): keep, write a delta, merge it into a new base, or build."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from callcenter_ai.core.arrays import IdArray
from callcenter_ai.core.index.kinds import build_index, choose_index_kind, remove_ids
from callcenter_ai.core.index.manifest import PartInfo
from callcenter_ai.core.index.plan import SidePlan
from callcenter_ai.core.index.report import IndexProgress, IndexReport
from callcenter_ai.core.index.segments import build_delta
from callcenter_ai.core.index.state import IndexState, no_ids
from callcenter_ai.core.index.store_reads import collect_vectors, iter_side_vectors
from callcenter_ai.core.index.vector_index import VectorIndex

if TYPE_CHECKING:
    import faiss

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What the new generation will hold, filled side by side."""

    state: IndexState
    extra: dict[str, object]
    parts: dict[str, faiss.Index] = field(default_factory=dict)  # new base parts to write
    kept: dict[str, PartInfo] = field(default_factory=dict)  # old base parts named again
    deltas: dict[str, faiss.Index] = field(default_factory=dict)  # new delta parts to write
    kept_deltas: dict[str, PartInfo] = field(default_factory=dict)  # old delta parts named again
    read: dict[str, tuple[IdArray, np.ndarray]] = field(default_factory=dict)  # side: (owners, vectors) read


def do_side(
    db: sqlite3.Connection,
    model_id: str,
    dims: int,
    old: VectorIndex | None,
    plan: SidePlan,
    new: IdArray,
    out: Outcome,
    report: IndexReport,
) -> Generator[IndexProgress, None, None]:
    side, state = plan.side, out.state
    if old is not None and plan.action in ("keep", "delta"):
        out.kept[side] = old.manifest.parts[side]
        if plan.action == "keep":
            for arrays, previous in _state_arrays(state, old.state):
                arrays[side] = previous[side]
            report.kept.append(side)
        else:
            yield from _delta_side(db, model_id, dims, old, plan, new, out)
            report.delta.append(side)
        if side in old.manifest.deltas and side not in out.deltas and len(state.delta[side]):
            out.kept_deltas[side] = old.manifest.deltas[side]
    else:
        if old is not None and plan.action == "merge":
            part, ids, owners = yield from _merge_side(db, model_id, dims, old, plan, new, out)
            report.merged.append(side)
        else:
            part, ids, owners = yield from _build_side(db, model_id, dims, plan)
            report.rebuilt.append(side)
            out.extra[f"trained_{side}"] = int(part.ntotal)
        out.parts[side] = part
        state.chunk_ids[side], state.chunk_calls[side] = ids, owners
        state.delta[side], state.dead[side] = no_ids(), no_ids()
    report.vectors[side] = len(state.chunk_ids[side])
    report.kinds[side] = plan.kind or ""


def _state_arrays(new: IndexState, old: IndexState) -> list[tuple[dict[str, IdArray], dict[str, IdArray]]]:
    return [(new.chunk_ids, old.chunk_ids), (new.chunk_calls, old.chunk_calls), (new.delta, old.delta),
            (new.dead, old.dead)]  # fmt: skip


def _build_side(
    db: sqlite3.Connection, model_id: str, dims: int, plan: SidePlan
) -> Generator[IndexProgress, None, tuple[faiss.Index, IdArray, IdArray]]:
    yield IndexProgress("rebuild", plan.side, 0, 1)
    ids, owners, vectors = collect_vectors(iter_side_vectors(db, model_id, plan.side, None, dims), dims)
    plan.kind = plan.kind or choose_index_kind(len(ids), dims)
    index = build_index(plan.kind, vectors, ids)
    yield IndexProgress("rebuild", plan.side, 1, 1)
    return index, ids, owners


def _delta_side(
    db: sqlite3.Connection, model_id: str, dims: int, old: VectorIndex, plan: SidePlan, new: IdArray, out: Outcome
) -> Generator[IndexProgress, None, None]:
    """Leave the base as it is: stale base ids become tombstones, the delta loses its stale ids and gains the new."""
    side, state = plan.side, out.state
    ids, owners = old.state.chunk_ids[side], old.state.chunk_calls[side]
    stale_ids = ids[plan.stale]
    old_delta = old.state.delta[side]
    stale_in_delta = np.isin(stale_ids, old_delta)
    state.dead[side] = np.union1d(old.state.dead[side], stale_ids[~stale_in_delta])
    add_ids, add_owners, add_vectors = yield from _read_new(db, model_id, dims, side, new)
    out.read[side] = add_owners, add_vectors
    delta = old.delta(side)  # read into memory and verified by check_parts
    if len(add_ids) or stale_in_delta.any():
        if delta is None:
            delta = build_delta(plan.kind or old.manifest.parts[side].kind, add_vectors, add_ids, _ivf_of(old, side))
        else:
            remove_ids(delta, stale_ids[stale_in_delta])
            if len(add_ids):
                delta.add_with_ids(np.ascontiguousarray(add_vectors), add_ids)
        if delta.ntotal:
            out.deltas[side] = delta
    state.delta[side] = np.union1d(np.setdiff1d(old_delta, stale_ids), add_ids)
    live = ~plan.stale
    state.chunk_ids[side], state.chunk_calls[side] = _merge_ids(ids[live], owners[live], add_ids, add_owners)


def _ivf_of(old: VectorIndex, side: str) -> faiss.Index | None:
    """The base part of an IVF side, memory-mapped for its trained centroids only (None for other kinds).

    Only the small coarse quantizer is read; the base is verified by search when it opens it and by the
    next merge, so a first delta does not pay for hashing the whole base.
    """
    import faiss

    info = old.manifest.parts[side]
    if info.kind != "ivf_fp16":
        return None
    try:
        mapped: faiss.Index = faiss.read_index(str(old.index_dir / info.file), faiss.IO_FLAG_MMAP)
    except RuntimeError:
        return old.part(side)  # cannot be mapped here: read (and verified) instead
    return mapped


def _merge_side(
    db: sqlite3.Connection, model_id: str, dims: int, old: VectorIndex, plan: SidePlan, new: IdArray, out: Outcome
) -> Generator[IndexProgress, None, tuple[faiss.Index, IdArray, IdArray]]:
    """Fold the delta into a new base: remove tombstones and stale ids, add the delta's calls and the new ones."""
    side = plan.side
    ids, owners = old.state.chunk_ids[side], old.state.chunk_calls[side]
    part = old.part(side)  # read into owned memory and verified by check_parts
    in_delta = np.isin(ids, old.state.delta[side])
    drop = np.union1d(old.state.dead[side], ids[plan.stale & ~in_delta])
    yield IndexProgress("merge", side, 0, len(drop))
    removed = remove_ids(part, drop)
    if removed != len(drop):
        log.warning("index %s/%s: removed %d of %d stale vectors", model_id, side, removed, len(drop))
    moving = in_delta & ~plan.stale  # the delta's live chunks move into the base
    if _moved_whole(part, old.delta(side), ids[in_delta & plan.stale]):
        moved_ids, moved_owners, to_read = ids[moving], owners[moving], new
    else:  # no delta part to move (or not one FAISS can move): its calls' vectors are read again
        moved_ids, moved_owners, to_read = no_ids(), no_ids(), np.union1d(np.unique(owners[moving]), new)
    add_ids, add_owners, add_vectors = yield from _read_new(db, model_id, dims, side, to_read)
    out.read[side] = add_owners, add_vectors
    if len(add_ids):
        part.add_with_ids(np.ascontiguousarray(add_vectors), add_ids)
    keep = ~plan.stale & ~in_delta
    all_ids, all_owners = _merge_ids(
        ids[keep], owners[keep], np.concatenate([moved_ids, add_ids]), np.concatenate([moved_owners, add_owners])
    )
    return part, all_ids, all_owners


def _moved_whole(part: faiss.Index, delta: faiss.Index | None, stale: IdArray) -> bool:
    """Move the delta's live entries into ``part`` as they are (FAISS ``merge_from``: an IVF delta shares the
    base's centroids and codes, so nothing is read from the store or encoded again); False where it cannot."""
    import faiss

    if delta is None or not isinstance(part, faiss.IndexIVF) or not isinstance(delta, faiss.IndexIVF):
        return False
    if not np.array_equal(_centroids(part), _centroids(delta)):  # its entries would sit in the wrong lists
        return False
    remove_ids(delta, stale)
    try:
        part.merge_from(delta, 0)  # checks that the two fit before it moves anything
    except RuntimeError as exc:
        log.info("delta not moved whole (%s): its calls are read again", exc)
        return False
    return True


def _centroids(index: faiss.IndexIVF) -> np.ndarray:
    quantizer = index.quantizer
    return np.asarray(quantizer.reconstruct_n(0, quantizer.ntotal))


def _read_new(
    db: sqlite3.Connection, model_id: str, dims: int, side: str, calls: IdArray
) -> Generator[IndexProgress, None, tuple[IdArray, IdArray, np.ndarray]]:
    yield IndexProgress("add", side, 0, len(calls))
    found = collect_vectors(iter_side_vectors(db, model_id, side, calls, dims), dims)
    yield IndexProgress("add", side, len(calls), len(calls))
    return found


def _merge_ids(ids: IdArray, owners: IdArray, add_ids: IdArray, add_owners: IdArray) -> tuple[IdArray, IdArray]:
    """Sorted ``ids`` with ``add_ids`` merged in (and their owners alongside): only the added ids are sorted."""
    order = np.argsort(add_ids, kind="stable")
    add_ids, add_owners = add_ids[order], add_owners[order]
    at = np.searchsorted(ids, add_ids)
    return np.insert(ids, at, add_ids), np.insert(owners, at, add_owners)

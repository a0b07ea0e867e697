"""Bring the index of a model id in line with the store's vectors, incrementally.

Each call's stored vectors have a *signature* (content hash, chunk id range,
chunk count).  The index state remembers the signature it indexed per call;
calls that are new or whose signature changed are (re)added, calls that are
gone or changed have their old chunk ids removed.  Only the vectors of new or
changed calls are read from the store, so no model is needed.

Each side's part (``all``, ``client``, ``operator``) is planned on its own:

* ``keep``   nothing changed on that side: its file stays, verified by checksum,
             and the new manifest names it again (no rewrite);
* ``update`` the old part is read, stale ids removed, new vectors added;
* ``build``  rebuilt from the store: no index yet, ``--rebuild``, a damaged
             index, a kind change past the hysteresis margin
             (:func:`kind_to_keep`), or an IVF index that outgrew its training.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import IdArray
from callcenter_ai.core.errors import IndexFileError
from callcenter_ai.core.index.kinds import INDEX_KINDS, IndexKind, build_index, choose_index_kind, remove_ids
from callcenter_ai.core.index.manifest import PartInfo
from callcenter_ai.core.index.store_reads import call_signatures, collect_vectors, count_side_chunks, iter_side_vectors
from callcenter_ai.core.index.vector_index import IndexState, VectorIndex, save_generation
from callcenter_ai.core.records import SIDES

if TYPE_CHECKING:
    import faiss

    from callcenter_ai.core.store import CallStore

log = logging.getLogger(__name__)

# An IVF index is retrained once it holds this many times the vectors it was trained on.
IVF_RETRAIN_GROWTH = 4.0
# Hysteresis (kind_to_keep): an existing part switches to the next kind only past 1.25 x its kind's limit,
# and back only below 0.8 x the limit beneath.  The scan cost of the flat kinds grows linearly, so 25 % over
# the limit costs at most 25 % more query time, and one rebuild is paid per >= 25 % growth or shrinkage.
KIND_SWITCH_UP = 1.25
KIND_SWITCH_DOWN = 0.8
_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(INDEX_KINDS)}


@dataclass(frozen=True)
class IndexProgress:
    stage: str  # "compare", "remove", "add", "rebuild", "save"
    side: str
    done: int
    total: int


@dataclass
class IndexReport:
    model_id: str
    added_calls: int = 0
    removed_calls: int = 0
    unchanged_calls: int = 0
    vectors: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    rebuilt: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # sides whose file was reused as it was
    reason: str = ""
    seconds: float = 0.0
    changed: bool = False


def index_job(
    store: CallStore,
    model_id: str,
    dims: int,
    index_dir: Path,
    *,
    rebuild: bool = False,
    cancel: Callable[[], bool] | None = None,
) -> Generator[IndexProgress, None, IndexReport]:
    """Update (or, with ``rebuild``, rebuild) the index of ``model_id``; yields progress, returns a report.

    Reads one snapshot of the store.  A damaged or mismatched index is
    rebuilt from the store with a warning.  Cancelling between stages, or
    any crash, leaves the previous index files and manifest untouched.
    """
    from callcenter_ai.core.store.migrations import latest_version

    started = time.perf_counter()
    report = IndexReport(model_id=model_id)
    old: VectorIndex | None = None
    if not rebuild and VectorIndex.exists(index_dir, model_id):
        try:
            old = VectorIndex.load(index_dir, model_id, dims)
        except IndexFileError as exc:
            _distrust(report, model_id, exc)
    if old is None and not report.reason:
        report.reason = "rebuild requested" if rebuild else "no index yet"
    db = store.db
    db.execute("BEGIN")  # one read snapshot for signatures and vectors
    try:
        yield IndexProgress("compare", "all", 0, 1)
        call_ids, call_sigs = call_signatures(db, model_id)
        gone, new = _compare(report, old, call_ids, call_sigs)
        plans = _plan_sides(db, model_id, dims, old, gone, new)
        if old is not None:
            try:
                _verify_parts(old, plans)
            except IndexFileError as exc:
                _distrust(report, model_id, exc)
                old = None
                gone, new = _compare(report, old, call_ids, call_sigs)
                plans = _plan_sides(db, model_id, dims, old, gone, new)
        yield IndexProgress("compare", "all", 1, 1)
        parts: dict[str, faiss.Index] = {}
        kept: dict[str, PartInfo] = {}
        extra = dict(old.manifest.extra) if old else {}
        new_state = IndexState(call_ids, call_sigs, {}, {})
        for plan in plans:
            if cancel is not None and cancel():
                log.info("index update of %s cancelled; the previous index is kept", model_id)
                report.seconds = time.perf_counter() - started
                return report
            side = plan.side
            if old is not None and plan.action == "keep":
                kept[side] = old.manifest.parts[side]
                new_state.chunk_ids[side] = old.state.chunk_ids[side]
                new_state.chunk_calls[side] = old.state.chunk_calls[side]
                report.vectors[side] = kept[side].vector_count
                report.kept.append(side)
            else:
                if old is not None and plan.action == "update":
                    part, ids, owners = yield from _update_side(db, model_id, dims, old, plan, new)
                else:
                    part, ids, owners = yield from _build_side(db, model_id, dims, plan)
                    report.rebuilt.append(side)
                    extra[f"trained_{side}"] = int(part.ntotal)
                parts[side] = part
                new_state.chunk_ids[side] = ids
                new_state.chunk_calls[side] = owners
                report.vectors[side] = int(part.ntotal)
            report.kinds[side] = plan.kind or ""
    finally:
        db.execute("COMMIT")
    report.changed = old is None or len(gone) > 0 or len(new) > 0 or bool(report.rebuilt)
    if report.changed:
        yield IndexProgress("save", "all", 0, 1)
        save_generation(
            index_dir,
            model_id,
            dims,
            parts,
            new_state,
            store_schema_version=latest_version(),
            previous=old.manifest if old else None,
            extra=extra,
            unchanged=kept,
        )
    report.seconds = time.perf_counter() - started
    log.info(
        "index %s: +%d -%d calls, %s vectors, kinds %s, rebuilt %s, kept %s, %.2f s",
        model_id,
        report.added_calls,
        report.removed_calls,
        report.vectors,
        report.kinds,
        report.rebuilt,
        report.kept,
        report.seconds,
    )
    return report


def _distrust(report: IndexReport, model_id: str, exc: IndexFileError) -> None:
    log.warning("rebuilding the index of %s: %s", model_id, exc.message)
    report.reason = exc.message


def _compare(
    report: IndexReport, old: VectorIndex | None, call_ids: IdArray, call_sigs: IdArray
) -> tuple[IdArray, IdArray]:
    """Calls whose old chunks must go and calls whose chunks must be added (a changed call is both)."""
    state = old.state if old else IndexState.empty()
    known = dict(zip(state.call_ids.tolist(), state.call_sigs.tolist(), strict=True))
    current = dict(zip(call_ids.tolist(), call_sigs.tolist(), strict=True))
    gone = np.array(sorted(c for c, s in known.items() if current.get(c) != s), dtype=np.int64)
    new = np.array(sorted(c for c, s in current.items() if known.get(c) != s), dtype=np.int64)
    changed_calls = len(new) - sum(1 for c in current if c not in known)
    report.removed_calls = sum(1 for c in known if c not in current) + changed_calls
    report.added_calls = len(new)
    report.unchanged_calls = len(current) - len(new)
    return gone, new


# -- deciding what each side needs ---------------------------------------------------------


def kind_to_keep(current: str, n_vectors: int, dims: int) -> IndexKind:
    """The kind an existing part of kind ``current`` should have at ``n_vectors``: hysteresis around the limits.

    A part keeps its kind until it holds more than :data:`KIND_SWITCH_UP` times
    the limit of its kind, or fewer than :data:`KIND_SWITCH_DOWN` times the
    limit of the kind below; then it takes :func:`choose_index_kind`'s kind.  So
    a few calls more or less around a limit never rebuild (and retrain) a part.
    """
    exact = choose_index_kind(n_vectors, dims)
    if current not in _RANK:
        return exact
    grown = choose_index_kind(math.ceil(n_vectors / KIND_SWITCH_UP), dims)
    shrunk = choose_index_kind(math.ceil(n_vectors / KIND_SWITCH_DOWN), dims)
    if _RANK[grown] <= _RANK[current] <= _RANK[shrunk]:
        return INDEX_KINDS[_RANK[current]]
    return exact


@dataclass
class _SidePlan:
    side: str
    action: str  # "keep": the old file stays; "update": remove and add in place; "build": from the store
    kind: IndexKind | None  # None: chosen from the size once the store's vectors are read
    stale: npt.NDArray[np.bool_]  # over the old state's chunk ids of this side
    added: int  # chunk vectors of new or changed calls on this side


def _plan_sides(
    db: sqlite3.Connection, model_id: str, dims: int, old: VectorIndex | None, gone: IdArray, new: IdArray
) -> list[_SidePlan]:
    if old is None:
        none = np.zeros(0, dtype=bool)
        return [_SidePlan(side, "build", None, none, 0) for side in SIDES]
    added = count_side_chunks(db, model_id, new)
    plans = []
    for side in SIDES:
        stale = np.isin(old.state.chunk_calls[side], gone)
        total = len(stale) - int(stale.sum()) + added[side]
        info = old.manifest.parts.get(side)
        current = info.kind if info is not None else ""
        kind = kind_to_keep(current, total, dims)
        trained_on = int(old.manifest.extra.get(f"trained_{side}", 0))
        outgrown = kind == "ivf_fp16" and total > IVF_RETRAIN_GROWTH * max(trained_on, 1)
        if info is None or kind != current or outgrown:
            action = "build"
        elif stale.any() or added[side]:
            action = "update"
        else:
            action = "keep"
        plans.append(_SidePlan(side, action, kind, stale, added[side]))
    return plans


def _verify_parts(old: VectorIndex, plans: list[_SidePlan]) -> None:
    """Check every old part that is kept or updated (checksum, readability, dims, count, kind).

    Raises :class:`IndexFileError`.  A part to update is read once into memory
    (hashed as it streams) and stays loaded in ``old`` for :func:`_update_side`;
    a kept part is memory-mapped for the check, which costs a hash and no copy.
    """
    view = VectorIndex(old.index_dir, old.manifest, old.state, mapped=True)
    for plan in plans:
        if plan.action == "update":
            old.part(plan.side)
        elif plan.action == "keep":
            view.part(plan.side)
    del view


# -- doing it ---------------------------------------------------------------------------------


def _build_side(
    db: sqlite3.Connection, model_id: str, dims: int, plan: _SidePlan
) -> Generator[IndexProgress, None, tuple[faiss.Index, IdArray, IdArray]]:
    yield IndexProgress("rebuild", plan.side, 0, 1)
    ids, owners, vectors = collect_vectors(iter_side_vectors(db, model_id, plan.side, None, dims), dims)
    plan.kind = plan.kind or choose_index_kind(len(ids), dims)
    index = build_index(plan.kind, vectors, ids)
    yield IndexProgress("rebuild", plan.side, 1, 1)
    return index, ids, owners


def _update_side(
    db: sqlite3.Connection, model_id: str, dims: int, old: VectorIndex, plan: _SidePlan, new: IdArray
) -> Generator[IndexProgress, None, tuple[faiss.Index, IdArray, IdArray]]:
    side = plan.side
    ids, owners = old.state.chunk_ids[side], old.state.chunk_calls[side]
    part = old.part(side)  # read into owned memory and verified by _verify_parts
    if plan.stale.any():
        yield IndexProgress("remove", side, 0, int(plan.stale.sum()))
        removed = remove_ids(part, ids[plan.stale])
        if removed != int(plan.stale.sum()):
            log.warning("index %s/%s: removed %d of %d stale vectors", model_id, side, removed, int(plan.stale.sum()))
    yield IndexProgress("add", side, 0, len(new))
    add_ids, add_owners, add_vectors = collect_vectors(iter_side_vectors(db, model_id, side, new, dims), dims)
    if len(add_ids):
        part.add_with_ids(np.ascontiguousarray(add_vectors), add_ids)
    all_ids = np.concatenate([ids[~plan.stale], add_ids])
    order = np.argsort(all_ids, kind="stable")
    all_owners = np.concatenate([owners[~plan.stale], add_owners])[order]
    yield IndexProgress("add", side, len(new), len(new))
    return part, all_ids[order], all_owners


def update_index(store: CallStore, model_id: str, dims: int, index_dir: Path, *, rebuild: bool = False) -> IndexReport:
    """Run :func:`index_job` to the end."""
    job = index_job(store, model_id, dims, index_dir, rebuild=rebuild)
    while True:
        try:
            next(job)
        except StopIteration as stop:
            report: IndexReport = stop.value
            return report

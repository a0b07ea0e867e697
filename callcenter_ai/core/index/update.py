"""Bring the index of a model id in line with the store's vectors, at a cost that follows the change.

Each call's stored vectors have a *signature* (content hash, chunk id range,
chunk count).  The index state remembers the signature it indexed per call,
and the manifest the store's change mark it was read at, so an update reads
the signatures of the calls changed since (the store's change log) only;
calls that are new or whose signature changed are (re)added, calls that are
gone or changed have their old chunk ids removed.  Only the vectors of new or
changed calls (and of a delta being rewritten or merged) are read from the
store, so no model is needed.  Each side is planned on its own
(``plan.py``): keep, write a new delta beside the untouched base, merge the
delta into a new base, or build from the store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from callcenter_ai.core.arrays import BoolArray, IdArray, locate
from callcenter_ai.core.errors import IndexFileError
from callcenter_ai.core.index.generation import remove_unnamed_files, save_generation
from callcenter_ai.core.index.graph_files import graph_path, prefetch_graph
from callcenter_ai.core.index.neighbours import refresh_neighbours
from callcenter_ai.core.index.plan import (
    IVF_RETRAIN_GROWTH,
    KIND_SWITCH_DOWN,
    KIND_SWITCH_UP,
    check_parts,
    kind_to_keep,
    plan_sides,
)
from callcenter_ai.core.index.profiles import ReadChunks
from callcenter_ai.core.index.report import IndexProgress, IndexReport
from callcenter_ai.core.index.side_update import Outcome, do_side
from callcenter_ai.core.index.state import IndexState
from callcenter_ai.core.index.store_reads import store_signatures
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.jobs import run_to_end
from callcenter_ai.core.messages import msg
from callcenter_ai.core.store.vector_changes import ChangeMark

if TYPE_CHECKING:
    from callcenter_ai.core.store import CallStore

__all__ = [
    "IVF_RETRAIN_GROWTH",
    "KIND_SWITCH_DOWN",
    "KIND_SWITCH_UP",
    "IndexProgress",
    "IndexReport",
    "index_job",
    "kind_to_keep",
    "update_index",
]

log = logging.getLogger(__name__)
CHANGE_MARK = "store_changes"  # the manifest's record of the store's change mark its state was read at


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

    Reads one snapshot of the store: with an index already there, only the calls the store's change log
    (``core/store/vector_changes.py``) names since that index was written.  A damaged or mismatched index is
    rebuilt from the store with a warning.  Cancelling between stages, or
    any crash, leaves the previous index files and manifest untouched.
    """
    from callcenter_ai.core.store.migrations import latest_version

    started = time.perf_counter()
    report = IndexReport(model_id=model_id)
    if not rebuild:
        prefetch_graph(graph_path(index_dir, model_id))  # read while the index's parts are updated
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
        indexed = (old.state.call_ids, old.state.call_sigs) if old is not None else None
        since = ChangeMark.from_json(old.manifest.extra.get(CHANGE_MARK)) if old is not None else None
        call_ids, call_sigs, mark = store_signatures(db, model_id, indexed, since)
        gone, new = _compare(report, old, call_ids, call_sigs)
        plans = plan_sides(db, model_id, dims, old, gone, new)
        if old is not None:
            try:
                check_parts(old, plans)
            except IndexFileError as exc:
                _distrust(report, model_id, exc)
                old = None
                call_ids, call_sigs, mark = store_signatures(db, model_id, None, None)
                gone, new = _compare(report, old, call_ids, call_sigs)
                plans = plan_sides(db, model_id, dims, old, gone, new)
        yield IndexProgress("compare", "all", 1, 1)
        out = Outcome(IndexState(call_ids, call_sigs, {}, {}), dict(old.manifest.extra) if old else {})
        out.extra[CHANGE_MARK] = mark.to_json()
        for plan in plans:
            if cancel is not None and cancel():
                log.info("index update of %s cancelled; the previous index is kept", model_id)
                report.seconds = time.perf_counter() - started
                return report
            yield from do_side(db, model_id, dims, old, plan, new, out, report)
    finally:
        db.execute("COMMIT")
    report.changed = old is None or len(gone) > 0 or len(new) > 0 or bool(report.rebuilt) or bool(report.merged)
    saver, saving = ThreadPoolExecutor(1, thread_name_prefix="index-save"), None
    if report.changed:
        yield IndexProgress("save", "all", 0, 1)
        # written (mostly waiting on the disk) while the neighbour graph is refreshed: the two share no file
        saving = saver.submit(
            save_generation,
            index_dir,
            model_id,
            dims,
            out.parts,
            out.state,
            store_schema_version=latest_version(),
            previous=old.manifest if old else None,
            extra=out.extra,
            unchanged=out.kept,
            deltas=out.deltas,
            kept_deltas=out.kept_deltas,
        )
    elif old is not None:
        remove_unnamed_files(index_dir, old.manifest)  # leftovers of a save that was killed after its switch
    try:
        yield IndexProgress("neighbours", "all", 0, 1)
        # the store's neighbour graph (search), from the same signature pass
        # the new calls' chunks as the sides have just read them, unless a side was built whole (read: every call)
        read = ReadChunks(new, out.read) if plans and all(p.action != "build" for p in plans) else None
        refresh_neighbours(db, model_id, dims, index_dir, rebuild=rebuild, calls=(call_ids, call_sigs), read=read)
    finally:
        saver.shutdown()
        if saving is not None:
            saving.result()  # the index is saved (or its error raised) before the job ends, whatever happened
    yield IndexProgress("neighbours", "all", 1, 1)
    report.seconds = time.perf_counter() - started
    log.info(
        "index %s: +%d -%d calls, %s vectors, kinds %s, rebuilt %s, merged %s, delta %s, kept %s, %.2f s",
        model_id,
        report.added_calls,
        report.removed_calls,
        report.vectors,
        report.kinds,
        report.rebuilt,
        report.merged,
        report.delta,
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
    same_now, known_now = _matches(call_ids, call_sigs, state.call_ids, state.call_sigs)
    same_before, known_before = _matches(state.call_ids, state.call_sigs, call_ids, call_sigs)
    new, gone = call_ids[~same_now], state.call_ids[~same_before]
    report.changed_calls = len(new) - int((~known_now).sum())
    report.removed_calls = int((~known_before).sum()) + report.changed_calls
    if len(state.call_ids) and not known_before.any():
        report.warning_message = msg("index.old_calls_gone", calls=len(state.call_ids))
        report.warning = str(report.warning_message)
        log.warning("%s", report.warning_message)
    report.added_calls = len(new)
    report.unchanged_calls = len(call_ids) - len(new)
    return gone, new


def _matches(ids: IdArray, sigs: IdArray, other_ids: IdArray, other_sigs: IdArray) -> tuple[BoolArray, BoolArray]:
    """Per id: whether ``other`` (sorted by id) has it with the same signature, and whether it has it at all."""
    at, known = locate(other_ids, ids)
    return known & (other_sigs[at] == sigs) if len(other_sigs) else known, known


def update_index(store: CallStore, model_id: str, dims: int, index_dir: Path, *, rebuild: bool = False) -> IndexReport:
    """Run :func:`index_job` to the end."""
    return run_to_end(index_job(store, model_id, dims, index_dir, rebuild=rebuild))

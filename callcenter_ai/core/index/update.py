"""Bring the index of a model id in line with the store's vectors, incrementally.

Each call's stored vectors have a *signature* (content hash, chunk id range,
chunk count).  The index state remembers the signature it indexed per call;
calls that are new or whose signature changed are (re)added, calls that are
gone or changed have their old chunk ids removed.  When the best index kind
changes with the size (or an IVF index outgrows its training), that part is
rebuilt from the store.  Vectors are read from the store, so no model is needed.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.errors import IndexFileError
from callcenter_ai.core.index.kinds import (
    build_index,
    choose_index_kind,
    index_kind_of,
    remove_ids,
)
from callcenter_ai.core.index.manifest import SIDES
from callcenter_ai.core.index.vector_index import IndexState, VectorIndex, save_generation
from callcenter_ai.core.store.vectors import from_blob

if TYPE_CHECKING:
    import faiss

    from callcenter_ai.core.store import CallStore

log = logging.getLogger(__name__)

# An IVF index is retrained once it holds this many times the vectors it was trained on.
IVF_RETRAIN_GROWTH = 4.0


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
    reason: str = ""
    seconds: float = 0.0
    changed: bool = False


def call_signatures(db: sqlite3.Connection, model_id: str) -> tuple[IdArray, IdArray]:
    """Sorted call ids with current vectors for ``model_id`` and a 64-bit signature of each call's chunks."""
    rows = db.execute(
        "SELECT ch.call_id, v.content_hash, min(ch.id), max(ch.id), count(*) FROM chunks ch"
        " JOIN call_vectors v ON v.call_id = ch.call_id AND v.model_id = ch.model_id"
        " JOIN calls c ON c.id = ch.call_id AND c.content_hash = v.content_hash"
        " WHERE ch.model_id = ? GROUP BY ch.call_id ORDER BY ch.call_id",
        (model_id,),
    ).fetchall()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    sigs = np.fromiter((_signature(r[1:]) for r in rows), dtype=np.int64, count=len(rows))
    return ids, sigs


def _signature(parts: Sequence[object]) -> int:
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def iter_side_vectors(
    db: sqlite3.Connection, model_id: str, side: str, call_ids: IdArray | None, dims: int, batch: int = 500
) -> Iterator[tuple[IdArray, IdArray, FloatArray]]:
    """(chunk ids, their call ids, vectors) of one side, for ``call_ids`` or for every call."""

    def fetch(sql: str, params: Sequence[object]) -> tuple[IdArray, IdArray, FloatArray] | None:
        rows = db.execute(sql, params).fetchall()
        if not rows:
            return None
        return (
            np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
            np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)),
            np.stack([from_blob(r[2], dims) for r in rows]),
        )

    base = "SELECT id, call_id, vector FROM chunks WHERE model_id = ? AND side = ?"
    if call_ids is None:
        last = -1
        while True:
            got = fetch(base + " AND id > ? ORDER BY id LIMIT ?", (model_id, side, last, batch * 8))
            if got is None:
                return
            yield got
            last = int(got[0][-1])
    else:
        for start in range(0, len(call_ids), batch):
            part = [int(i) for i in call_ids[start : start + batch]]
            got = fetch(base + f" AND call_id IN ({','.join('?' * len(part))}) ORDER BY id", (model_id, side, *part))
            if got is not None:
                yield got


def _collect(chunks: Iterator[tuple[IdArray, IdArray, FloatArray]], dims: int) -> tuple[IdArray, IdArray, FloatArray]:
    ids, owners, vectors = [], [], []
    for chunk_ids, call_ids, vecs in chunks:
        ids.append(chunk_ids)
        owners.append(call_ids)
        vectors.append(vecs)
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, dims), np.float32)
    return np.concatenate(ids), np.concatenate(owners), np.concatenate(vectors)


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
            for side in SIDES:
                old.part(side)
        except IndexFileError as exc:
            log.warning("rebuilding the index of %s: %s", model_id, exc.message)
            report.reason = exc.message
            old = None
    if old is None and not report.reason:
        report.reason = "rebuild requested" if rebuild else "no index yet"
    db = store.db
    db.execute("BEGIN")  # one read snapshot for signatures and vectors
    try:
        yield IndexProgress("compare", "all", 0, 1)
        call_ids, call_sigs = call_signatures(db, model_id)
        state = old.state if old else IndexState.empty()
        known = dict(zip(state.call_ids.tolist(), state.call_sigs.tolist(), strict=True))
        current = dict(zip(call_ids.tolist(), call_sigs.tolist(), strict=True))
        gone = np.array(sorted(c for c, s in known.items() if current.get(c) != s), dtype=np.int64)
        new = np.array(sorted(c for c, s in current.items() if known.get(c) != s), dtype=np.int64)
        report.removed_calls = int(sum(1 for c in known if c not in current))
        report.added_calls = int(sum(1 for c in current if c not in known))
        report.unchanged_calls = len(current) - len(new)
        changed_calls = len(new) - report.added_calls
        report.removed_calls += changed_calls  # a changed call is removed and added again
        report.added_calls += changed_calls
        parts: dict[str, faiss.Index] = {}
        extra = dict(old.manifest.extra) if old else {}
        new_state = IndexState(call_ids, call_sigs, {}, {})
        for side in SIDES:
            if cancel is not None and cancel():
                log.info("index update of %s cancelled; the previous index is kept", model_id)
                report.seconds = time.perf_counter() - started
                return report
            part, ids, owners, rebuilt = yield from _update_side(db, model_id, dims, side, old, state, gone, new)
            parts[side] = part
            new_state.chunk_ids[side] = ids
            new_state.chunk_calls[side] = owners
            report.vectors[side] = int(part.ntotal)
            report.kinds[side] = index_kind_of(part)
            if rebuilt:
                report.rebuilt.append(side)
                extra[f"trained_{side}"] = int(part.ntotal)
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
        )
    report.seconds = time.perf_counter() - started
    log.info(
        "index %s: +%d -%d calls, %s vectors, kinds %s, rebuilt %s, %.2f s",
        model_id,
        report.added_calls,
        report.removed_calls,
        report.vectors,
        report.kinds,
        report.rebuilt,
        report.seconds,
    )
    return report


def _update_side(
    db: sqlite3.Connection,
    model_id: str,
    dims: int,
    side: str,
    old: VectorIndex | None,
    state: IndexState,
    gone: IdArray,
    new: IdArray,
) -> Generator[IndexProgress, None, tuple[faiss.Index, IdArray, IdArray, bool]]:
    ids = state.chunk_ids[side]
    owners = state.chunk_calls[side]
    stale = np.isin(owners, gone)
    kept_ids, kept_owners = ids[~stale], owners[~stale]
    yield IndexProgress("add", side, 0, len(new))
    add_ids, add_owners, add_vectors = _collect(iter_side_vectors(db, model_id, side, new, dims), dims)
    total = len(kept_ids) + len(add_ids)
    wanted = choose_index_kind(total, dims)
    part = None if old is None else old.part(side)
    trained_on = int(old.manifest.extra.get(f"trained_{side}", 0)) if old else 0
    outgrown = part is not None and wanted == "ivf_fp16" and total > IVF_RETRAIN_GROWTH * max(trained_on, 1)
    if part is None or index_kind_of(part) != wanted or outgrown:
        yield IndexProgress("rebuild", side, 0, total)
        all_ids, all_owners, all_vectors = _collect(iter_side_vectors(db, model_id, side, None, dims), dims)
        return build_index(wanted, all_vectors, all_ids), all_ids, all_owners, True
    removed = remove_ids(part, ids[stale])
    if removed != int(stale.sum()):
        log.warning("index %s/%s: removed %d of %d stale vectors", model_id, side, removed, int(stale.sum()))
    if len(add_ids):
        part.add_with_ids(np.ascontiguousarray(add_vectors), add_ids)
    order = np.argsort(np.concatenate([kept_ids, add_ids]), kind="stable")
    all_ids = np.concatenate([kept_ids, add_ids])[order]
    all_owners = np.concatenate([kept_owners, add_owners])[order]
    yield IndexProgress("add", side, len(new), len(new))
    return part, all_ids, all_owners, False


def update_index(store: CallStore, model_id: str, dims: int, index_dir: Path, *, rebuild: bool = False) -> IndexReport:
    """Run :func:`index_job` to the end."""
    job = index_job(store, model_id, dims, index_dir, rebuild=rebuild)
    while True:
        try:
            next(job)
        except StopIteration as stop:
            report: IndexReport = stop.value
            return report

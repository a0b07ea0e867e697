"""Deciding what each side's part needs after the store changed: keep, delta, merge or build.

* ``keep``   nothing changed on that side: its base and delta files stay and
             the new manifest names them again (no rewrite, no read);
* ``delta``  the change is small: a new delta part (the old delta's vectors
             that are still live, plus the new ones) is written beside the
             untouched base, and removed base ids become tombstones;
* ``merge``  the delta and tombstones would pass :data:`MERGE_SHARE` of the
             base: the base is read, its tombstones and stale ids removed, the
             delta's and new vectors added, and it is written as the new base;
* ``build``  rebuilt from the store: no index yet, ``--rebuild``, a damaged
             index, a kind change past the hysteresis margin
             (:func:`kind_to_keep`), or an IVF index that outgrew its training.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import IdArray
from callcenter_ai.core.errors import IndexCorruptError
from callcenter_ai.core.index.kinds import INDEX_KINDS, IndexKind, choose_index_kind
from callcenter_ai.core.index.manifest import REBUILD_HINT
from callcenter_ai.core.index.segments import MERGE_SHARE
from callcenter_ai.core.index.store_reads import count_side_chunks
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.messages import msg
from callcenter_ai.core.records import SIDES

# An IVF index is retrained once it holds this many times the vectors it was trained on.
IVF_RETRAIN_GROWTH = 4.0
# Hysteresis (kind_to_keep): an existing part switches to the next kind only past 1.25 x its kind's limit,
# and back only below 0.8 x the limit beneath.  The scan cost of the flat kinds grows linearly, so 25 % over
# the limit costs at most 25 % more query time, and one rebuild is paid per >= 25 % growth or shrinkage.
KIND_SWITCH_UP = 1.25
KIND_SWITCH_DOWN = 0.8
_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(INDEX_KINDS)}


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
class SidePlan:
    side: str
    action: str  # "keep", "delta", "merge" or "build" (module docstring)
    kind: IndexKind | None  # None: chosen from the size once the store's vectors are read
    stale: npt.NDArray[np.bool_]  # over the old state's live chunk ids of this side
    added: int  # chunk vectors of new or changed calls on this side


def plan_sides(
    db: sqlite3.Connection, model_id: str, dims: int, old: VectorIndex | None, gone: IdArray, new: IdArray
) -> list[SidePlan]:
    if old is None:
        none = np.zeros(0, dtype=bool)
        return [SidePlan(side, "build", None, none, 0) for side in SIDES]
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
            stale_ids = old.state.chunk_ids[side][stale]
            in_delta = int(np.isin(stale_ids, old.state.delta[side]).sum())
            delta_after = len(old.state.delta[side]) - in_delta + added[side]
            dead_after = len(old.state.dead[side]) + len(stale_ids) - in_delta
            action = "merge" if delta_after + dead_after > MERGE_SHARE * max(info.vector_count, 1) else "delta"
        else:
            action = "keep"
        plans.append(SidePlan(side, action, kind, stale, added[side]))
    return plans


def check_parts(old: VectorIndex, plans: list[SidePlan]) -> None:
    """Check the old files each plan relies on; raises :class:`IndexFileError`.

    A base to merge is read once into memory (hashed as it streams) and stays
    loaded in ``old``, with its delta (moved into the new base as it is); a
    delta to extend is read and verified (it is small).
    A base that is kept beside a change, or gets a new delta, is only required
    to exist: hashing it would cost as much as the base is large, and search
    verifies it when it opens it (the next merge reads it whole).  When nothing
    changed at all, every file is verified: that run is the cheap way to find
    a damaged index, and has nothing else to do.
    """
    if all(plan.action == "keep" for plan in plans):
        view = VectorIndex(old.index_dir, old.manifest, old.state, mapped=True)
        for plan in plans:
            view.part(plan.side)
            view.delta(plan.side)
        return
    for plan in plans:
        if plan.action == "merge":
            old.part(plan.side)
            old.delta(plan.side)  # moved into the new base as it is
            continue
        if plan.action == "build":
            continue
        for info in (old.manifest.parts[plan.side], old.manifest.deltas.get(plan.side)):
            if info is not None and not (old.index_dir / info.file).is_file():
                raise IndexCorruptError(
                    msg("index.file_unreadable", path=old.index_dir / info.file, error=FileNotFoundError(info.file)),
                    hint=REBUILD_HINT,
                )
        if plan.action == "delta":
            old.delta(plan.side)

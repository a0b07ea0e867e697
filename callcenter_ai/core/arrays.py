"""The numpy array types the core passes around: vectors and FAISS / row ids."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]  # vectors: float32, one per row
IdArray = npt.NDArray[np.int64]  # chunk / call row ids, FAISS ids
BoolArray = npt.NDArray[np.bool_]


def locate(sorted_ids: IdArray, ids: IdArray) -> tuple[IdArray, BoolArray]:
    """Each of ``ids``' row in ``sorted_ids`` (ascending, unique) and whether it is there (row 0 where not).

    The ids that start ``ids`` exactly as they start ``sorted_ids`` (a store that only grew since: every
    old call in place, new ones after) are matched by one comparison; only the others are searched.
    """
    rows = np.zeros(len(ids), dtype=np.int64)
    known = np.zeros(len(ids), dtype=bool)
    if not len(sorted_ids) or not len(ids):
        return rows, known
    common = min(len(ids), len(sorted_ids))
    differ = np.flatnonzero(ids[:common] != sorted_ids[:common])
    shared = int(differ[0]) if len(differ) else common
    rows[:shared] = np.arange(shared)
    known[:shared] = True
    rest = ids[shared:]
    at = np.minimum(np.searchsorted(sorted_ids, rest), len(sorted_ids) - 1)
    found = sorted_ids[at] == rest
    rows[shared:][found] = at[found]
    known[shared:] = found
    return rows, known

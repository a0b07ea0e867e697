"""The neighbour graph's links: each row's neighbours (call ids) and their cosines, best first, kept as
segments (:mod:`.segmented_rows`) of records, so an update writes the rows it changed, not the whole graph.

A record holds ``ids`` (int64, -1 where the store had fewer calls) and ``cos``
(float32, -inf there), ``k`` of each.  Saved segments are memory-mapped: search
and the update read the rows they need, and no copy of the whole graph is made.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.segmented_rows import SegmentedRows

Records = npt.NDArray[np.void]
# An update rewrites the links of every kept row a new call enters: 12.5 % of the rows after 1 % new calls at
# 1.2M (measured), each leaving its old copy unreferenced, so at the profiles' 0.25 the links were rewritten
# whole every second update.  Links are a tenth of the profiles' bytes (144 a row): folded at 1.0 they take
# at most twice the base on disk and are rewritten every fourth or fifth such update.
LINKS_FOLD_SHARE = 1.0


def link_dtype(k: int) -> np.dtype[np.void]:
    return np.dtype([("ids", np.int64, (k,)), ("cos", np.float32, (k,))])


def records(ids: IdArray, cosines: FloatArray) -> Records:
    """Rows of ``ids`` and ``cosines`` (both (n, k)) as link records."""
    out = np.empty(len(ids), dtype=link_dtype(ids.shape[1] if ids.ndim == 2 else 0))
    out["ids"], out["cos"] = ids, cosines
    return out


def no_records(k: int) -> Records:
    return np.zeros(0, dtype=link_dtype(k))


class LinkRows(SegmentedRows[Records]):
    """The graph's rows' links."""

    fold_share = LINKS_FOLD_SHARE

    @classmethod
    def of(cls, ids: IdArray, cosines: FloatArray) -> LinkRows:
        """One in-memory segment holding every row's links in order."""
        return cls([records(ids, cosines)], [None], np.arange(len(ids), dtype=np.int64))

    @property
    def k(self) -> int:
        return int(self.segments[0].dtype["ids"].shape[0]) if self.segments else 0

    def ids(self, rows: IdArray | slice) -> IdArray:
        """Neighbour ids of ``rows`` ((len, k), best first)."""
        return np.ascontiguousarray(self[rows]["ids"])

    def cosines(self, rows: IdArray | slice) -> FloatArray:
        return np.ascontiguousarray(self[rows]["cos"])

    def column(self, c: int) -> FloatArray:
        """Every row's ``c``-th cosine, read column-wise from each segment (no copy of whole records)."""
        if not len(self.at):
            return np.zeros(0, dtype=np.float32)
        parts = [np.asarray(s["cos"][:, c]) for s in self.segments]
        return np.concatenate(parts)[self.at] if len(parts) > 1 else parts[0][self.at]

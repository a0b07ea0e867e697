"""Rows of a graph kept as segments: a base file and small delta files beside it (profiles, neighbour links).

Row ``i`` is position ``at[i]`` of the segments laid end to end.  An update
appends the rows it changed as one more segment and leaves the others
untouched (a replaced or deleted row's old copy stays in its segment,
unreferenced); :meth:`SegmentedRows.tidied` folds the deltas into one when
there are many, and everything into a new base when the unreferenced and
delta rows grow past a share of the base (``fold_share``), so an update writes what
changed plus, now and then, a fold whose cost is spread over the updates
before it.  Saved segments are memory-mapped (``graph_files.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Self, TypeVar

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import IdArray

MAX_SEGMENTS = 8  # past this many, the deltas are folded into one
FOLD_SHARE = 0.25  # deltas + unreferenced rows past this share of the base: a new base
A = TypeVar("A", bound=npt.NDArray[Any])


@dataclass
class SegmentedRows(Generic[A]):
    """``names[s]`` is segment s's file name, None until it is saved."""

    segments: list[A]
    names: list[str | None]
    at: IdArray
    fold_share: ClassVar[float] = FOLD_SHARE

    def __len__(self) -> int:
        return len(self.at)

    def starts(self) -> IdArray:
        return np.cumsum([0, *(len(s) for s in self.segments)]).astype(np.int64)

    def __getitem__(self, rows: IdArray | slice) -> A:
        """The rows ``rows`` (an index array or a slice), in that order, gathered into memory."""
        positions = self.at[rows]
        if len(self.segments) == 1:
            return np.asarray(self.segments[0][positions])  # type: ignore[return-value]
        first = self.segments[0]
        out = np.empty((len(positions), *first.shape[1:]), dtype=first.dtype)
        starts = self.starts()
        for segment, start, stop in zip(self.segments, starts[:-1], starts[1:], strict=True):
            inside = np.flatnonzero((positions >= start) & (positions < stop))
            if len(inside):
                out[inside] = segment[positions[inside] - start]
        return out  # type: ignore[return-value]

    def then(self, old_rows: IdArray, fresh: A) -> Self:
        """Rows whose ``old_rows`` entry is >= 0 keep that row; the others get ``fresh`` in order (a new segment)."""
        known = old_rows >= 0
        at = np.empty(len(old_rows), dtype=np.int64)
        at[known] = self.at[old_rows[known]]
        at[~known] = int(self.starts()[-1]) + np.arange(int((~known).sum()))
        if not len(fresh):
            return type(self)(list(self.segments), list(self.names), at)
        return type(self)([*self.segments, fresh], [*self.names, None], at)

    def tidied(self, order: npt.NDArray[np.integer] | None = None) -> Self:
        """Deltas folded into one past ``MAX_SEGMENTS``; a new base past ``fold_share``; else unchanged.
        ``order``: each row's group (the graph's coarse list), kept together in what is folded."""
        if not self.segments:
            return self
        base = len(self.segments[0])
        outside_base = int(self.starts()[-1]) - int(np.count_nonzero(self.at < base))  # deltas + unreferenced
        if outside_base > self.fold_share * max(base, 1):
            return self.folded(0, order)
        if len(self.segments) > MAX_SEGMENTS:
            return self.folded(1, order)
        return self

    def folded(self, first: int, order: npt.NDArray[np.integer] | None = None) -> Self:
        """Segments ``first`` on rewritten as one, holding only the rows still referenced: grouped by ``order``
        when given (a coarse list's rows then lie together, read as one run), else in their current order."""
        start = int(self.starts()[first])
        moved = np.flatnonzero(self.at >= start)
        keys = (self.at[moved],) if order is None else (self.at[moved], order[moved])
        moved = moved[np.lexsort(keys)]
        rows = self[moved]
        at = self.at.copy()
        at[moved] = start + np.arange(len(moved))
        return type(self)([*self.segments[:first], rows], [*self.names[:first], None], at)

"""The calls' profiles (float16) kept as segments: a base file and small delta files beside it.

Row ``i`` of the graph is position ``at[i]`` of the segments laid end to end.
An update appends the new and changed calls' profiles as one more segment
and leaves the others untouched (a changed or deleted call's old row stays
in its segment, unreferenced); :meth:`ProfileRows.tidied` folds the deltas
into one when there are many, and everything into a new base when the
unreferenced and delta rows grow past ``FOLD_SHARE`` of the base, so an
update writes what changed plus, now and then, a fold whose cost is spread
over the updates before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray

F16 = npt.NDArray[np.float16]
MAX_SEGMENTS = 8  # past this many, the deltas are folded into one
FOLD_SHARE = 0.25  # deltas + unreferenced rows past this share of the base: a new base
RUN_ROWS = 8  # consecutive rows, on average, past which rows are decoded run by run from their file


def decode_into(out: FloatArray, halves: F16) -> None:
    """float16 ``halves`` into float32 ``out`` through torch's vectorised (F16C) conversion: the same values as
    numpy's, in about a fifteenth of its time (docs/PERFORMANCE.md).  torch is already loaded in the index
    job, which has just embedded the new calls with it."""
    import torch

    source = halves if halves.flags.c_contiguous and halves.flags.writeable else np.array(halves, order="C")
    torch.from_numpy(out).copy_(torch.from_numpy(source))


@dataclass
class ProfileRows:
    """Profiles of the graph's rows; ``names[s]`` is segment s's file name, None until it is saved."""

    segments: list[F16]
    names: list[str | None]
    at: IdArray

    @classmethod
    def of(cls, rows: npt.NDArray[np.floating] | ProfileRows) -> ProfileRows:
        """One in-memory segment holding ``rows`` in order."""
        if isinstance(rows, ProfileRows):
            return rows
        return cls([np.ascontiguousarray(rows, dtype=np.float16)], [None], np.arange(len(rows), dtype=np.int64))

    @property
    def width(self) -> int:
        return int(self.segments[0].shape[1]) if self.segments else 0

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.at), self.width

    def __len__(self) -> int:
        return len(self.at)

    def starts(self) -> IdArray:
        return np.cumsum([0, *(len(s) for s in self.segments)]).astype(np.int64)

    def __getitem__(self, rows: IdArray | slice) -> F16:
        """The profiles of ``rows`` (an index array or a slice), float16, in that order."""
        positions = self.at[rows]
        if len(self.segments) == 1:
            return np.asarray(self.segments[0][positions])
        out = np.empty((len(positions), self.width), dtype=np.float16)
        starts = self.starts()
        for segment, start, stop in zip(self.segments, starts[:-1], starts[1:], strict=True):
            inside = np.flatnonzero((positions >= start) & (positions < stop))
            if len(inside):
                out[inside] = segment[positions[inside] - start]
        return out

    def decoded(self, rows: IdArray) -> FloatArray:
        """The profiles of ``rows`` as float32.  Where their positions ascend (rows in file order), each
        segment's rows are one block of the result and runs of consecutive positions are decoded straight
        from the (memory-mapped) segment, without gathering them first."""
        positions = self.at[rows]
        out = np.empty((len(rows), self.width), dtype=np.float32)
        if not len(rows):
            return out
        if np.any(positions[1:] < positions[:-1]):
            decode_into(out, self[rows])
            return out
        starts = self.starts()
        bounds = np.searchsorted(positions, starts)
        for segment, start, lo, hi in zip(self.segments, starts[:-1], bounds[:-1], bounds[1:], strict=True):
            if hi == lo:
                continue
            local = positions[lo:hi] - start
            breaks = np.flatnonzero(np.diff(local) != 1) + 1
            if (len(breaks) + 1) * RUN_ROWS > hi - lo:  # scattered rows: one gather
                decode_into(out[lo:hi], np.asarray(segment[local]))
                continue
            for a, b in zip([0, *breaks.tolist()], [*breaks.tolist(), int(hi - lo)], strict=True):
                decode_into(out[lo + a : lo + b], segment[local[a] : local[a] + b - a])
        return out

    def then(self, old_rows: IdArray, fresh: npt.NDArray[np.floating]) -> ProfileRows:
        """Rows whose ``old_rows`` entry is >= 0 keep that row's profile; the others get ``fresh`` in order."""
        known = old_rows >= 0
        at = np.empty(len(old_rows), dtype=np.int64)
        at[known] = self.at[old_rows[known]]
        at[~known] = int(self.starts()[-1]) + np.arange(int((~known).sum()))
        delta = np.ascontiguousarray(fresh, dtype=np.float16)
        return ProfileRows([*self.segments, delta], [*self.names, None], at)

    def tidied(self, order: npt.NDArray[np.integer] | None = None) -> ProfileRows:
        """Deltas folded into one past ``MAX_SEGMENTS``; a new base past ``FOLD_SHARE``; else unchanged.
        ``order``: each row's group (the graph's coarse list), kept together in what is folded."""
        if not self.segments:
            return self
        base = len(self.segments[0])
        outside_base = int(self.starts()[-1]) - int(np.count_nonzero(self.at < base))  # deltas + unreferenced
        if outside_base > FOLD_SHARE * max(base, 1):
            return self.folded(0, order)
        if len(self.segments) > MAX_SEGMENTS:
            return self.folded(1, order)
        return self

    def folded(self, first: int, order: npt.NDArray[np.integer] | None = None) -> ProfileRows:
        """Segments ``first`` on rewritten as one, holding only the rows still referenced: grouped by ``order``
        when given (a coarse list's rows then lie together, read as one run), else in their current order."""
        start = int(self.starts()[first])
        moved = np.flatnonzero(self.at >= start)
        keys = (self.at[moved],) if order is None else (self.at[moved], order[moved])
        moved = moved[np.lexsort(keys)]
        rows = self[moved]
        at = self.at.copy()
        at[moved] = start + np.arange(len(moved))
        return ProfileRows([*self.segments[:first], rows], [*self.names[:first], None], at)

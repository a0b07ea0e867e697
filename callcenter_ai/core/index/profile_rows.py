"""The calls' profiles (float16) kept as segments (:mod:`.segmented_rows`), decoded to float32 for the graph's
products without gathering them first where they lie in runs."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.index.segmented_rows import SegmentedRows

F16 = npt.NDArray[np.float16]
RUN_ROWS = 8  # consecutive rows, on average, past which rows are decoded run by run from their file


def decode_into(out: FloatArray, halves: F16) -> None:
    """float16 ``halves`` into float32 ``out`` through torch's vectorised (F16C) conversion: the same values as
    numpy's, in about a fifteenth of its time (docs/PERFORMANCE.md).  torch is already loaded in the index
    job, which has just embedded the new calls with it."""
    import torch

    source = halves if halves.flags.c_contiguous and halves.flags.writeable else np.array(halves, order="C")
    torch.from_numpy(out).copy_(torch.from_numpy(source))


class ProfileRows(SegmentedRows[F16]):
    """Profiles of the graph's rows, float16, ``width`` wide."""

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

    def decoded(self, rows: IdArray, *, ascending: bool = False) -> FloatArray:
        """The profiles of ``rows`` as float32.  Where their positions ascend (rows in file order; ``ascending``:
        the caller knows they do), each segment's rows are one block of the result and runs of consecutive
        positions are decoded straight from the (memory-mapped) segment, without gathering them first."""
        positions = self.at[rows]
        out = np.empty((len(rows), self.width), dtype=np.float32)
        if not len(rows):
            return out
        if not ascending and np.any(positions[1:] < positions[:-1]):
            decode_into(out, self[rows])
            return out
        first, last = int(positions[0]), int(positions[-1])
        starts = self.starts()
        for s, segment in enumerate(self.segments):
            start, stop = int(starts[s]), int(starts[s + 1])
            if last < start or first >= stop:
                continue
            lo, hi = np.searchsorted(positions, (start, stop)).tolist()
            if hi == lo:
                continue
            if hi - lo == positions[hi - 1] - positions[lo] + 1:  # one run
                decode_into(out[lo:hi], segment[positions[lo] - start : positions[hi - 1] - start + 1])
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
        return super().then(old_rows, np.ascontiguousarray(fresh, dtype=np.float16))

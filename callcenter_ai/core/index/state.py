"""What an index generation holds, per side: its live chunk ids and owners, the delta's ids, the tombstones.

Saved as an ``.npz`` file read with ``allow_pickle=False``.  A side's live
vectors are its base part's minus its tombstones (``dead``), plus its delta
part's (``delta``).  Files written before delta segments existed have no
``delta_*`` / ``dead_*`` arrays: they read as empty.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import IdArray
from callcenter_ai.core.index.files import StreamSink
from callcenter_ai.core.records import SIDES


def no_ids() -> IdArray:
    return np.zeros(0, np.int64)


def _per_side() -> dict[str, IdArray]:
    return {side: no_ids() for side in SIDES}


@dataclass
class IndexState:
    """Which calls the index holds (with their signatures) and which call owns each chunk id, per side.

    ``chunk_ids`` / ``chunk_calls`` list every live chunk (sorted by id);
    ``delta`` holds the sorted ids living in the side's delta part and
    ``dead`` the sorted ids still in the base part but no longer live.
    """

    call_ids: IdArray
    call_sigs: IdArray
    chunk_ids: dict[str, IdArray]
    chunk_calls: dict[str, IdArray]
    delta: dict[str, IdArray] = field(default_factory=_per_side)
    dead: dict[str, IdArray] = field(default_factory=_per_side)

    @classmethod
    def empty(cls) -> IndexState:
        return cls(no_ids(), no_ids(), _per_side(), _per_side())

    def write_to(self, write: Callable[[bytes | memoryview], object]) -> None:
        """The state as an ``.npz``, streamed to ``write`` (no copy of it in memory: ~64 MB at 1M calls)."""
        arrays: dict[str, Any] = {"call_ids": self.call_ids, "call_sigs": self.call_sigs}
        for side in SIDES:
            arrays[f"ids_{side}"] = self.chunk_ids[side]
            arrays[f"calls_{side}"] = self.chunk_calls[side]
            arrays[f"delta_{side}"] = self.delta.get(side, no_ids())
            arrays[f"dead_{side}"] = self.dead.get(side, no_ids())
        np.savez(StreamSink(write), allow_pickle=False, **arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> IndexState:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:

            def ids(name: str) -> IdArray:
                return npz[name].astype(np.int64, copy=False) if name in npz.files else no_ids()

            return cls(
                call_ids=npz["call_ids"].astype(np.int64, copy=False),
                call_sigs=npz["call_sigs"].astype(np.int64, copy=False),
                chunk_ids={s: npz[f"ids_{s}"].astype(np.int64, copy=False) for s in SIDES},
                chunk_calls={s: npz[f"calls_{s}"].astype(np.int64, copy=False) for s in SIDES},
                delta={s: ids(f"delta_{s}") for s in SIDES},
                dead={s: ids(f"dead_{s}") for s in SIDES},
            )

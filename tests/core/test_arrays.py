"""Finding ids among sorted ids: the shortcut for a store that only grew gives what a search gives."""

from __future__ import annotations

import numpy as np
import pytest

from callcenter_ai.core.arrays import locate


def _by_dict(sorted_ids: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    where = {int(v): i for i, v in enumerate(sorted_ids)}
    known = np.array([int(v) in where for v in ids], dtype=bool)
    rows = np.array([where.get(int(v), 0) for v in ids], dtype=np.int64)
    return rows, known


@pytest.mark.parametrize("seed", range(40))
def test_locate_equals_a_lookup_whatever_changed(seed: int) -> None:
    rng = np.random.default_rng(seed)
    old = np.unique(rng.integers(0, 200, rng.integers(0, 60)))
    kind = seed % 4
    if kind == 0:  # only grew
        new = np.concatenate([old, np.arange(200, 200 + rng.integers(0, 10))])
    elif kind == 1:  # some deleted, anywhere (the first one too)
        new = old[rng.random(len(old)) > 0.2]
    elif kind == 2:  # deleted and added in the middle
        new = np.union1d(old[rng.random(len(old)) > 0.1], rng.integers(0, 260, 5))
    else:  # unrelated, possibly unsorted queries
        new = rng.integers(-5, 210, rng.integers(0, 30))
    rows, known = locate(old, new)
    want_rows, want_known = _by_dict(old, new)
    np.testing.assert_array_equal(known, want_known)
    np.testing.assert_array_equal(rows[known], want_rows[known])
    assert rows.dtype == np.int64 and len(rows) == len(new)
    if len(old):
        assert rows.min(initial=0) >= 0 and rows.max(initial=0) < len(old)  # usable as an index where not known


def test_locate_shortcuts_only_what_starts_both_alike() -> None:
    old = np.array([1, 2, 3, 5, 8], dtype=np.int64)
    rows, known = locate(old, np.array([1, 2, 3, 4, 5, 8, 9], dtype=np.int64))
    assert known.tolist() == [True, True, True, False, True, True, False]
    assert rows[known].tolist() == [0, 1, 2, 3, 4]

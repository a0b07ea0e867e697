"""Reading a whole side's vectors costs what the side holds: one pass, not a pass per batch.

SQLite only: the FAISS index files are built from the SQLite store (the server's HNSW index is PostgreSQL's)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from callcenter_ai.core.index.store_reads import collect_vectors, iter_side_vectors
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.vectors import iter_chunk_vectors
from tests.calls import DIMS, MODEL, add_call, talk


def _steps(db: sqlite3.Connection, read: object) -> int:
    """SQLite virtual-machine steps (in hundreds) a read takes: a count of the work, not a time."""
    counted = [0]

    def tick() -> int:
        counted[0] += 1
        return 0

    db.set_progress_handler(tick, 100)
    try:
        read()  # type: ignore[operator]
    finally:
        db.set_progress_handler(None, 100)
    return counted[0]


def test_a_whole_side_is_read_in_linear_work(tmp_path: Path) -> None:
    costs = []
    for calls in (300, 1200):
        with CallStore.open(tmp_path / f"{calls}.db") as store:
            for i in range(calls):
                add_call(store, f"c{i}", talk(f"вопрос {i}"), seed=i)
            side = lambda: collect_vectors(iter_side_vectors(store.db, MODEL, "client", None, DIMS, batch=5), DIMS)  # noqa: E731
            ids, _owners, vectors = side()
            assert len(ids) == calls and np.all(np.diff(ids) > 0) and vectors.shape == (calls, DIMS)
            every = lambda: list(iter_chunk_vectors(store.db, MODEL, batch=40))  # noqa: E731
            assert sum(len(i) for i, _ in every()) == 3 * calls
            costs.append((_steps(store.db, side), _steps(store.db, every)))
    (side_small, every_small), (side_big, every_big) = costs
    # 4 x the calls: about 4 x the work (through the model's index it was about 16 x: every batch rescanned)
    assert side_big < 6 * side_small
    assert every_big < 6 * every_small


def test_many_blobs_convert_as_one_by_one_and_a_bad_one_is_named_the_same() -> None:
    import pytest

    from callcenter_ai.core.store.vectors import from_blob, from_blobs, to_blob

    vectors = np.random.default_rng(0).standard_normal((5, DIMS)).astype(np.float32)
    blobs = [to_blob(v) for v in vectors]
    np.testing.assert_array_equal(from_blobs(blobs, DIMS), np.stack([from_blob(b, DIMS) for b in blobs]))
    with pytest.raises(ValueError, match=f"stored vector has {DIMS - 1} values, expected {DIMS}"):
        from_blobs([*blobs, blobs[0][:-4]], DIMS)

"""embed_pending over a real store: writes vectors, is incremental, cancels between batches."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from callcenter_ai.core.embedding import OptimizedEmbeddingProcessor, embed_pending, run_embed_job
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.vectors import call_chunk_vectors, call_vector, embedded_count, pending_calls

Make = Callable[..., OptimizedEmbeddingProcessor]


def add_calls(store: CallStore, n: int, start: int = 0) -> None:
    with store.transaction():
        for i in range(start, start + n):
            turns = tuple(
                Turn("operator" if k % 2 == 0 else "client", f"звонок {i}, реплика {k}: " + "тариф " * (i % 9))
                for k in range(2 + i % 6)
            )
            store.upsert_call(CallRecord(dialog_id=f"c{i}", turns=turns))


def test_writes_vectors_and_is_incremental(store: CallStore, make_processor: Make) -> None:
    add_calls(store, 12)
    processor = make_processor(batch_size=4, max_tokens=64)
    job = embed_pending(store, processor)
    progress = []
    while True:
        try:
            progress.append(next(job))
        except StopIteration as stop:
            summary = stop.value
            break
    assert summary.calls == 12 and not summary.cancelled and summary.unloaded
    assert not processor.is_loaded
    assert progress[-1].done == progress[-1].total == 12
    assert all(p.device == "cpu" and p.precision == "fp32" and p.batch_size == 4 for p in progress)
    assert progress[-1].padded_tokens >= progress[-1].tokens > 0
    assert progress[-1].eta_s == 0
    assert embedded_count(store.db, processor.model_id) == 12
    refs, vectors = call_chunk_vectors(store.db, store.call_id("c3"), processor.model_id)
    assert {r.side for r in refs} == {"all", "client", "operator"}
    whole = vectors[[i for i, r in enumerate(refs) if r.side == "all"]]
    expected = whole.mean(axis=0) / np.linalg.norm(whole.mean(axis=0))
    stored = call_vector(store.db, store.call_id("c3"), processor.model_id)
    assert stored is not None
    np.testing.assert_allclose(stored, expected, atol=1e-5)

    add_calls(store, 3, start=12)
    again = run_embed_job(store, processor)
    assert again.calls == 3
    assert run_embed_job(store, processor).calls == 0


def test_side_vectors_can_be_switched_off(store: CallStore, make_processor: Make) -> None:
    add_calls(store, 2)
    processor = make_processor(side_vectors=False)
    run_embed_job(store, processor)
    refs, _ = call_chunk_vectors(store.db, store.call_id("c1"), processor.model_id)
    assert {r.side for r in refs} == {"all"}


def test_cancel_stops_between_batches(store: CallStore, make_processor: Make) -> None:
    add_calls(store, 20)
    processor = make_processor(batch_size=2, side_vectors=False)
    cancel = threading.Event()
    job = embed_pending(store, processor, cancel=cancel, keep_loaded=True)
    first = next(job)
    cancel.set()
    leftover = list(job)
    assert leftover == []  # stopped right after the batch in flight
    written = embedded_count(store.db, processor.model_id)
    assert written == first.done < 20
    assert len(pending_calls(store.db, processor.model_id)) == 20 - written
    assert processor.is_loaded  # keep_loaded
    assert run_embed_job(store, processor).calls == 20 - written


def test_limit(store: CallStore, make_processor: Make) -> None:
    add_calls(store, 5)
    processor = make_processor()
    assert run_embed_job(store, processor, limit=2).calls == 2
    assert embedded_count(store.db, processor.model_id) == 2

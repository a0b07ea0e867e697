"""embed_pending over a real store: writes vectors, is incremental, cancels between batches; on both engines.
``test_call_vector_is_the_mean_of_its_chunks`` reads the chunks' vectors, which only the SQLite store hands back."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from callcenter_ai.core.app.refresh import embedding_target
from callcenter_ai.core.embedding import OptimizedEmbeddingProcessor, embed_pending, run_embed_job
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.vectors import call_chunk_vectors, call_vector

Make = Callable[..., OptimizedEmbeddingProcessor]


def add_calls(engine: Engine, n: int, start: int = 0) -> None:
    with engine.calls.transaction():
        for i in range(start, start + n):
            turns = tuple(
                Turn("operator" if k % 2 == 0 else "client", f"звонок {i}, реплика {k}: " + "тариф " * (i % 9))
                for k in range(2 + i % 6)
            )
            engine.calls.upsert_call(CallRecord(dialog_id=f"c{i}", turns=turns))


def test_writes_vectors_and_is_incremental(engine: Engine, make_processor: Make) -> None:
    add_calls(engine, 12)
    processor = make_processor(batch_size=4, max_tokens=64)
    job = embed_pending(embedding_target(engine), processor)
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
    assert engine.vectors.embedded_count(processor.model_id) == 12
    c3 = engine.calls.call_id("c3")
    for side in (None, "client", "operator"):
        stored = engine.vectors.call_vector(c3, processor.model_id, side=side)
        assert stored is not None and abs(float(np.linalg.norm(stored)) - 1) < 1e-4, side

    add_calls(engine, 3, start=12)
    again = run_embed_job(embedding_target(engine), processor)
    assert again.calls == 3
    assert run_embed_job(embedding_target(engine), processor).calls == 0


def test_call_vector_is_the_mean_of_its_chunks(settings: Settings, make_processor: Make) -> None:
    with SqliteEngine(settings) as engine:
        add_calls(engine, 4)
        processor = make_processor(batch_size=4, max_tokens=64)
        run_embed_job(embedding_target(engine), processor)
        store = engine.store
        refs, vectors = call_chunk_vectors(store.db, store.call_id("c3"), processor.model_id)
        assert {r.side for r in refs} == {"all", "client", "operator"}
        whole = vectors[[i for i, r in enumerate(refs) if r.side == "all"]]
        expected = whole.mean(axis=0) / np.linalg.norm(whole.mean(axis=0))
        stored = call_vector(store.db, store.call_id("c3"), processor.model_id)
        assert stored is not None
        np.testing.assert_allclose(stored, expected, atol=1e-5)


def test_side_vectors_can_be_switched_off(engine: Engine, make_processor: Make) -> None:
    add_calls(engine, 2)
    processor = make_processor(side_vectors=False)
    run_embed_job(embedding_target(engine), processor)
    c1 = engine.calls.call_id("c1")
    assert engine.vectors.call_vector(c1, processor.model_id) is not None
    assert engine.vectors.call_vector(c1, processor.model_id, side="client") is None


def test_cancel_stops_between_batches(engine: Engine, make_processor: Make) -> None:
    add_calls(engine, 20)
    processor = make_processor(batch_size=2, side_vectors=False)
    cancel = threading.Event()
    job = embed_pending(embedding_target(engine), processor, cancel=cancel, keep_loaded=True)
    first = next(job)
    cancel.set()
    leftover = list(job)
    assert leftover == []  # stopped right after the batch in flight
    written = engine.vectors.embedded_count(processor.model_id)
    assert written == first.done < 20
    assert len(engine.vectors.pending_calls(processor.model_id)) == 20 - written
    assert processor.is_loaded  # keep_loaded
    assert run_embed_job(embedding_target(engine), processor).calls == 20 - written


def test_limit(engine: Engine, make_processor: Make) -> None:
    add_calls(engine, 5)
    processor = make_processor()
    assert run_embed_job(embedding_target(engine), processor, limit=2).calls == 2
    assert engine.vectors.embedded_count(processor.model_id) == 2

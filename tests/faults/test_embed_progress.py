"""Indexing progress moves within one long call (by chunks), not only when a whole call is written."""

from __future__ import annotations

from callcenter_ai.core.embedding import OfflineEmbedder
from callcenter_ai.core.embedding.job import EmbedProgress, embed_pending
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.store import CallStore


def test_progress_moves_by_chunks_inside_a_single_long_call(store: CallStore) -> None:
    sentence = "клиент снова звонит про двойное списание по карте и просит вернуть деньги. "
    turns = tuple(Turn("client" if i % 2 else "operator", sentence * 8) for i in range(12))
    with store.transaction():
        store.upsert_call(CallRecord(dialog_id="long", turns=turns))
    embedder = OfflineEmbedder()
    embedder.batch_size = 4
    job = embed_pending(store, embedder, max_tokens=64)
    seen: list[EmbedProgress] = []
    while True:
        try:
            seen.append(next(job))
        except StopIteration as stop:
            summary = stop.value
            break
    before_end = [p for p in seen if p.done == 0]
    assert summary.calls == 1 and len(before_end) >= 3
    fractions = [p.fraction for p in before_end]
    assert fractions == sorted(fractions) and 0 < fractions[0] < fractions[-1] < 1
    assert before_end[-1].chunks_per_s > 0 and before_end[-1].eta_s is not None
    assert before_end[-1].chunks_embedded < before_end[-1].chunks_known == summary.chunks
    assert seen[-1].fraction == 1.0

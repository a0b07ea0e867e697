"""Calls with hand-made vectors, and ratings on them, for feedback tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from callcenter_ai.core.records import CallRecord, Chunk, Turn
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec

MODEL = "test/model@8"
DIMS = 8


def add_call(
    store: CallStore,
    dialog_id: str,
    vector: Sequence[float] | None = None,
    *,
    text: str = "здравствуйте, вопрос по карте",
    topic: str | None = None,
    operator: str | None = None,
) -> int:
    record = CallRecord(
        dialog_id=dialog_id,
        turns=(Turn("client", text), Turn("operator", "сейчас проверю")),
        topic=topic,
        operator=operator,
    )
    with store.transaction():
        _, call_id = store.upsert_call(record)
        if vector is not None:
            v = np.asarray(vector, dtype=np.float32)
            v = v / np.linalg.norm(v)
            vec.save_call_embedding(store.db, call_id, MODEL, record.content_hash(), [Chunk(0, 0, 1, 10)], v[None], v)
    return call_id

"""Calls and vectors the engine tests share."""

from __future__ import annotations

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.records import CallRecord, Chunk, Turn

MODEL = "test/model@8"
DIMS = 8


def record(
    dialog_id: str,
    client: str,
    operator_text: str = "Сейчас проверю",
    *,
    operator: str = "Анна",
    topic: str = "списание",
    started_at: str = "2026-03-01T10:15:00+03:00",
) -> CallRecord:
    return CallRecord(
        dialog_id=dialog_id,
        turns=(Turn("client", client, 0.0, 2.5), Turn("operator", operator_text, 2.5, 4.0)),
        started_at=started_at,
        duration_s=120.0,
        operator=operator,
        topic=topic,
        metadata={"queue": "billing", "n": 1},
    )


def unit(seed: int, dims: int = DIMS) -> FloatArray:
    vector = np.random.default_rng(seed).standard_normal(dims).astype(np.float32)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def add(engine: Engine, rec: CallRecord) -> int:
    with engine.calls.transaction():
        return engine.calls.upsert_call(rec)[1]


def embed(engine: Engine, call_id: int, rec: CallRecord, vector: FloatArray, *, sides: bool = False) -> list[int]:
    chunks = [Chunk(0, 0, len(rec.turns) - 1, 10)]
    if sides:
        chunks += [Chunk(0, 0, 0, 5, "client"), Chunk(0, 1, 1, 5, "operator")]
    vectors = np.stack([vector] * len(chunks))
    return engine.vectors.save_call_embedding(call_id, MODEL, rec.content_hash(), chunks, vectors, vector)

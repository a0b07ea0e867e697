"""Stores (a home's SQLite, or either engine) with calls in known groups, their vectors written directly (no model)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.records import CallRecord, Chunk, Turn
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.vectors import save_call_embedding

MODEL = "test/model@32"
DIMS = 32
GROUPS = {
    "карта": "заблокировали карту не могу оплатить картой карта не работает",
    "кредит": "хочу узнать про кредит ставка по кредиту платеж по кредиту",
    "интернет": "не работает интернет роутер мигает интернет пропал",
}


def group_vector(rng: np.random.Generator, axis: int, noise: float = 0.15) -> np.ndarray:
    base = np.zeros(DIMS, dtype=np.float32)
    base[axis] = 1.0
    v = base + noise * rng.standard_normal(DIMS).astype(np.float32)
    return (v / np.linalg.norm(v)).astype(np.float32)


def add_call(
    store: CallStore | Engine,
    dialog_id: str,
    text: str,
    vector: np.ndarray,
    *,
    started_at: str | None = "2026-05-04T10:00:00+03:00",
    operator: str | None = "anna",
    metadata: dict[str, object] | None = None,
    duration_s: float | None = 120.0,
    outcome: str | None = None,
) -> int:
    record = CallRecord(
        dialog_id,
        (Turn("client", text), Turn("operator", "сейчас проверю")),
        started_at=started_at,
        operator=operator,
        duration_s=duration_s,
        outcome=outcome,
        metadata=dict(metadata or {}),
    )
    chunks = [Chunk(0, 0, 1, 10), Chunk(0, 0, 0, 5, side="client")]
    if not isinstance(store, CallStore):
        with store.calls.transaction():
            _, call_id = store.calls.upsert_call(record)
            store.vectors.save_call_embedding(
                call_id, MODEL, record.content_hash(), chunks, np.vstack([vector, vector]), vector
            )
        return call_id
    with store.transaction():
        _, call_id = store.upsert_call(record)
        save_call_embedding(
            store.db, call_id, MODEL, record.content_hash(), chunks, np.vstack([vector, vector]), vector
        )
    return call_id


def fill_groups(
    store: CallStore | Engine, per_group: int = 20, seed: int = 0, groups: Sequence[str] = tuple(GROUPS)
) -> None:
    rng = np.random.default_rng(seed)
    for axis, name in enumerate(groups):
        for i in range(per_group):
            add_call(store, f"{name}-{i:03d}", GROUPS[name], group_vector(rng, axis))

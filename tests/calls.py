"""Calls written through the store, with hand-made vectors: the one call-making helper of the tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from callcenter_ai.core.records import CallRecord, Chunk, Turn
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec

if TYPE_CHECKING:
    from callcenter_ai.core.engines import Engine

DIMS = 8
MODEL = "test/model@8"


def unit(seed: int, dims: int = DIMS) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(dims).astype(np.float32)
    return v / np.linalg.norm(v)


def talk(client: str = "здравствуйте, вопрос по карте", operator: str = "сейчас проверю") -> list[tuple[str, str]]:
    """A two-turn call: the client's words, then the operator's."""
    return [("client", client), ("operator", operator)]


def add_call(
    store: CallStore | Engine,
    dialog_id: str,
    turns: Sequence[tuple[str, str]] = (("client", "здравствуйте"), ("operator", "добрый день")),
    *,
    vector: ArrayLike | None = None,
    seed: int = 0,
    model_id: str = MODEL,
    side_vectors: bool = True,
    embed: bool = True,
    **fields: object,
) -> int:
    """Upsert a call and (unless ``embed`` is off) store its vector (``vector`` scaled to length 1, else
    ``unit(seed)``) as the whole-call chunk, plus one nearby vector per side unless ``side_vectors`` is off.
    ``store``: the home's SQLite store, or an engine (either)."""
    record = CallRecord(dialog_id=dialog_id, turns=tuple(Turn(s, t) for s, t in turns), **fields)  # type: ignore[arg-type]
    calls = store if isinstance(store, CallStore) else store.calls
    with calls.transaction():
        _, call_id = calls.upsert_call(record)
        if embed:
            v = unit(seed) if vector is None else np.asarray(vector, dtype=np.float32)
            v = v / np.linalg.norm(v)
            chunks = [Chunk(0, 0, len(turns) - 1, 10)]
            vectors = [v]
            if side_vectors:
                for side in ("client", "operator"):
                    positions = [i for i, (s, _) in enumerate(turns) if s == side]
                    if positions:
                        side_vector = v + 0.1 * unit(seed + 1000)
                        side_vector /= np.linalg.norm(side_vector)
                        chunks.append(Chunk(0, positions[0], positions[-1], 5, side))  # type: ignore[arg-type]
                        vectors.append(side_vector)
            args = (call_id, model_id, record.content_hash(), chunks, np.stack(vectors), v)
            if isinstance(store, CallStore):
                vec.save_call_embedding(store.db, *args)
            else:
                store.vectors.save_call_embedding(*args)
    return call_id

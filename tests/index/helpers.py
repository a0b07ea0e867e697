"""Calls with hand-made vectors written through the store, for index and search tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.index import files
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.records import CallRecord, Chunk, Turn
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec

DIMS = 8
MODEL = "test/model@8"


def unit(seed: int, dims: int = DIMS) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(dims).astype(np.float32)
    return v / np.linalg.norm(v)


def add_call(
    store: CallStore,
    dialog_id: str,
    turns: Sequence[tuple[str, str]] = (("client", "здравствуйте"), ("operator", "добрый день")),
    *,
    vector: np.ndarray | None = None,
    seed: int = 0,
    model_id: str = MODEL,
    side_vectors: bool = True,
    embed: bool = True,
    **fields: object,
) -> int:
    """Upsert a call and (unless ``embed`` is off) store one chunk per side for it."""
    record = CallRecord(dialog_id=dialog_id, turns=tuple(Turn(s, t) for s, t in turns), **fields)  # type: ignore[arg-type]
    with store.transaction():
        _, call_id = store.upsert_call(record)
        if embed:
            v = unit(seed) if vector is None else vector
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
            vec.save_call_embedding(store.db, call_id, model_id, record.content_hash(), chunks, np.stack(vectors), v)
    return call_id


SAVE_STEPS = (".delta.faiss", ".faiss", ".npz", ".json")  # the file endings a save renames into place, in order


def crash_at_each_save_step(store: CallStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run an index update that dies just before renaming a base part, a delta part, the state, then the manifest.

    Yields the file ending that failed, after each crash, for the caller's checks
    (a step the update does not reach, e.g. a delta when it writes none, fails at the manifest, renamed last).
    """
    for target in SAVE_STEPS:

        def crash(tmp: Path, final: Path, target: str = target) -> None:
            base_part = target == ".faiss" and not final.name.endswith(".delta.faiss")
            if (final.name.endswith(target) and (target != ".faiss" or base_part)) or final.suffix == ".json":
                raise OSError("disk died")

        monkeypatch.setattr(files, "before_replace", crash)
        with pytest.raises(OSError, match="disk died"):
            update_index(store, MODEL, DIMS, index_dir)
        monkeypatch.setattr(files, "before_replace", None)
        yield target

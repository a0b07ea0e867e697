"""The trained re-ranker: where it is saved, loading it, using it, and whether it is on."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.feedback.adapter import LinearAdapter
from callcenter_ai.core.feedback.ratings import rating_count
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.calls import CallStore
from callcenter_ai.core.store.vectors import from_blob

log = logging.getLogger(__name__)

RERANK_FOLDER = "rerank"
FORMAT_VERSION = 1


def adapter_paths(settings: Settings, model_id: str) -> tuple[Path, Path]:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_") or "model"
    folder = settings.index_dir / RERANK_FOLDER
    return folder / f"{slug}.npy", folder / f"{slug}.json"


def call_vectors(store: CallStore, model_id: str, call_ids: set[int]) -> dict[int, FloatArray]:
    """The stored vectors of ``call_ids`` in ``model_id`` (calls without one are left out)."""
    out: dict[int, FloatArray] = {}
    ids = sorted(call_ids)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        for call_id, dims, blob in store.db.execute(
            f"SELECT call_id, dims, vector FROM call_vectors WHERE model_id = ? AND call_id IN ({marks})",
            (model_id, *part),
        ):
            out[int(call_id)] = from_blob(blob, dims)
    return out


class Reranker:
    """A trained adapter, used to re-order the candidates of a search."""

    def __init__(self, adapter: LinearAdapter, info: dict[str, Any]) -> None:
        self.adapter = adapter
        self.info = info

    @property
    def model_id(self) -> str:
        return str(self.info["model_id"])

    def rerank(self, store: CallStore, query_vector: FloatArray, call_ids: Sequence[int]) -> list[tuple[int, float]]:
        """``call_ids`` re-ordered by adapted score, best first; calls without vectors keep their place at the end."""
        vectors = call_vectors(store, self.model_id, set(call_ids))
        known = [c for c in call_ids if c in vectors and vectors[c].shape[0] == self.adapter.dims]
        if not known:
            return [(c, float("nan")) for c in call_ids]
        scores = self.adapter.scores(np.asarray(query_vector, dtype=np.float32), np.stack([vectors[c] for c in known]))
        order = np.argsort(-scores, kind="stable")
        ranked = [(known[i], float(scores[i])) for i in order]
        rest = [(c, float("nan")) for c in call_ids if c not in set(known)]
        return ranked + rest


def read_info(settings: Settings, model_id: str) -> dict[str, Any] | None:
    _, info_path = adapter_paths(settings, model_id)
    try:
        info: dict[str, Any] = json.loads(info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return usable_info(info, model_id)


def usable_info(info: dict[str, Any], model_id: str) -> dict[str, Any] | None:
    """``info`` when it is a re-ranker of ``model_id`` in the format this app writes, else None."""
    return info if info.get("model_id") == model_id and info.get("format") == FORMAT_VERSION else None


def load_reranker(settings: Settings, model_id: str, store: CallStore | None = None) -> Reranker | None:
    """The saved re-ranker of ``model_id`` when it is on: trained, readable, and enough ratings exist."""
    info = read_info(settings, model_id)
    if info is None:
        return None
    if store is not None and rating_count(store.db) < settings.rerank_min_ratings:
        return None
    matrix_path, _ = adapter_paths(settings, model_id)
    try:
        adapter = LinearAdapter.load(str(matrix_path))
    except (OSError, ValueError) as exc:
        log.warning("cannot read re-ranker %s: %s", matrix_path, exc)
        return None
    if adapter.dims != info.get("dims"):
        log.warning("re-ranker %s has %d dims, its sidecar says %s", matrix_path, adapter.dims, info.get("dims"))
        return None
    return Reranker(adapter, info)


@dataclass(frozen=True)
class RerankState:
    """Whether re-ranking from ratings is on for ``model_id``, and why not."""

    model_id: str
    enabled: bool  # a trained adapter and at least ``min_ratings`` ratings
    ratings: int
    min_ratings: int
    needs_training: bool  # enough ratings, and none trained yet or 10 (or 10 %) new since
    trained: dict[str, Any] | None  # the adapter's sidecar (when, on how many ratings, ...)


def rerank_state(store: CallStore, settings: Settings, model_id: str) -> RerankState:
    """Whether re-ranking is on for ``model_id``, and why not."""
    return state_of(model_id, rating_count(store.db), read_info(settings, model_id), settings)


def state_of(model_id: str, total: int, info: dict[str, Any] | None, settings: Settings) -> RerankState:
    """The re-ranking state from the ratings stored (``total``) and the saved re-ranker's info (every engine)."""
    stale = info is None or total - int(info.get("ratings_total", 0)) >= max(10, total // 10)
    return RerankState(
        model_id=model_id,
        enabled=info is not None and total >= settings.rerank_min_ratings,
        ratings=total,
        min_ratings=settings.rerank_min_ratings,
        needs_training=total >= settings.rerank_min_ratings and stale,
        trained=info,
    )

"""Re-ranking learned from ratings: training, storage, loading and use.

Ratings judge calls, not vectors, so the adapter of a vector space (model id)
is trained on every rating whose anchor and result have vectors in that
space, whichever model served them.  Anchors are the source call's vector or
the query text embedded as a query (cached in ``rating_query_vectors``).

Re-ranking stays off until ``settings.rerank_min_ratings`` usable ratings
exist.  Each training first fits on the older 80 % of the anchors and
measures the newest 20 % (the live gain shown in the statistics), then fits
on everything and saves ``indexes/rerank/<model>.npy`` + ``.json``.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray
from callcenter_ai.core.feedback.adapter import (
    LinearAdapter,
    PairSet,
    TrainConfig,
    build_pairs,
    train_adapter,
)
from callcenter_ai.core.feedback.ratings import Rating, list_ratings, rating_count
from callcenter_ai.core.records import utc_now
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.calls import CallStore
from callcenter_ai.core.store.vectors import from_blob, to_blob

log = logging.getLogger(__name__)

RERANK_FOLDER = "rerank"
FORMAT_VERSION = 1
HELD_OUT_SHARE = 0.2
EmbedQueries = Callable[[Sequence[str]], FloatArray]


@dataclass(frozen=True)
class Examples:
    """Usable ratings as vectors: row i judges ``results[i]`` for ``anchors[i]``."""

    anchors: FloatArray
    results: FloatArray
    relevant: npt.NDArray[np.bool_]
    groups: IdArray  # same number = same anchor
    group_order: list[str]  # anchor keys, by their first rating's time
    skipped: int  # ratings without vectors in this space

    def __len__(self) -> int:
        return int(self.relevant.shape[0])

    def subset(self, rows: IdArray) -> Examples:
        return Examples(
            self.anchors[rows], self.results[rows], self.relevant[rows], self.groups[rows], self.group_order, 0
        )

    def pairs(self) -> tuple[PairSet, IdArray]:
        """All (anchor, relevant, not relevant) triples and the group of each."""
        pairs = build_pairs(self.anchors, self.results, self.relevant, self.groups)
        per_group = []
        for g in np.unique(self.groups):
            members = self.relevant[self.groups == g]
            per_group.append(np.full(int(members.sum()) * int((~members).sum()), g, dtype=np.int64))
        group_of_pair = np.concatenate(per_group) if per_group else np.zeros(0, dtype=np.int64)
        return pairs, group_of_pair


def adapter_paths(settings: Settings, model_id: str) -> tuple[Path, Path]:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_") or "model"
    folder = settings.index_dir / RERANK_FOLDER
    return folder / f"{slug}.npy", folder / f"{slug}.json"


def query_vectors(
    store: CallStore, model_id: str, texts: Sequence[str], embed_queries: EmbedQueries | None
) -> dict[str, FloatArray]:
    """Vectors of query texts in ``model_id``: cached ones, and the rest embedded now (when possible)."""
    found: dict[str, FloatArray] = {}
    for text in set(texts):
        row = store.db.execute(
            "SELECT dims, vector FROM rating_query_vectors WHERE model_id = ? AND query_text = ?", (model_id, text)
        ).fetchone()
        if row is not None:
            found[text] = from_blob(row[1], row[0])
    missing = sorted(set(texts) - set(found))
    if missing and embed_queries is not None:
        vectors = np.asarray(embed_queries(missing), dtype=np.float32)
        with store.transaction():
            for text, vector in zip(missing, vectors, strict=True):
                store.db.execute(
                    "INSERT OR REPLACE INTO rating_query_vectors (model_id, query_text, dims, vector) VALUES (?,?,?,?)",
                    (model_id, text, int(vector.shape[0]), to_blob(vector)),
                )
                found[text] = vector
    return found


def _call_vectors(store: CallStore, model_id: str, call_ids: set[int]) -> dict[int, FloatArray]:
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


def collect_examples(
    store: CallStore,
    model_id: str,
    *,
    embed_queries: EmbedQueries | None = None,
    ratings: Sequence[Rating] | None = None,
) -> Examples:
    """The latest judgement of each (anchor, result, rater), as vectors of ``model_id``."""
    ratings = list(ratings) if ratings is not None else list_ratings(store.db, latest_only=True)
    calls = _call_vectors(
        store, model_id, {r.result_call_id for r in ratings} | {r.source_call_id for r in ratings if r.source_call_id}
    )
    queries = query_vectors(store, model_id, [r.query_text for r in ratings if r.query_text], embed_queries)
    group_ids: dict[str, int] = {}
    anchors, results, relevant, groups = [], [], [], []
    for r in ratings:
        anchor = queries.get(r.query_text) if r.query_text else calls.get(r.source_call_id or -1)
        result = calls.get(r.result_call_id)
        if anchor is None or result is None or anchor.shape != result.shape:
            continue
        anchors.append(anchor)
        results.append(result)
        relevant.append(r.relevant)
        groups.append(group_ids.setdefault(r.anchor_key, len(group_ids)))
    dims = anchors[0].shape[0] if anchors else 0
    return Examples(
        anchors=np.array(anchors, dtype=np.float32).reshape(len(anchors), dims),
        results=np.array(results, dtype=np.float32).reshape(len(results), dims),
        relevant=np.array(relevant, dtype=bool),
        groups=np.array(groups, dtype=np.int64),
        group_order=list(group_ids),
        skipped=len(ratings) - len(anchors),
    )


def ranking_quality(adapter: LinearAdapter, examples: Examples) -> dict[str, Any]:
    """How well ``adapter`` orders the rated results of each anchor having both kinds.

    ``pair_accuracy``: share of (relevant, not relevant) pairs in the right
    order; ``r_precision``: share relevant among the top n of each anchor's
    rated results, n = its number of relevant ones (mean over anchors).
    """
    pair_hits = pair_total = 0
    precisions = []
    for g in np.unique(examples.groups):
        rows = np.flatnonzero(examples.groups == g)
        labels = examples.relevant[rows]
        n_pos = int(labels.sum())
        if n_pos == 0 or n_pos == len(rows):
            continue
        scores = adapter.scores(examples.anchors[rows[0]], examples.results[rows])
        diff = scores[labels][:, None] - scores[~labels][None, :]
        pair_hits += int((diff > 0).sum())
        pair_total += diff.size
        top = np.argsort(-scores, kind="stable")[:n_pos]
        precisions.append(float(labels[top].mean()))
    return {
        "anchors": len(precisions),
        "pairs": pair_total,
        "pair_accuracy": round(pair_hits / pair_total, 4) if pair_total else None,
        "r_precision": round(float(np.mean(precisions)), 4) if precisions else None,
    }


def held_out_gain(examples: Examples, config: TrainConfig | None = None) -> dict[str, Any] | None:
    """Fit on the older anchors, compare plain and re-ranked order on the newest ``HELD_OUT_SHARE``."""
    n_groups = len(examples.group_order)
    cut = n_groups - max(1, round(n_groups * HELD_OUT_SHARE))
    if cut < 1 or len(examples) == 0:
        return None
    train_rows = np.flatnonzero(examples.groups < cut).astype(np.int64)
    test_rows = np.flatnonzero(examples.groups >= cut).astype(np.int64)
    train_pairs, group_of_pair = examples.subset(train_rows).pairs()
    test = examples.subset(test_rows)
    if len(train_pairs) == 0:
        return None
    adapter, _ = train_adapter(train_pairs, config, group_of_pair=group_of_pair)
    plain = ranking_quality(LinearAdapter.identity(adapter.dims), test)
    if not plain["anchors"]:
        return None
    return {
        "train_anchors": cut,
        "held_out_anchors": n_groups - cut,
        "plain": plain,
        "reranked": ranking_quality(adapter, test),
    }


def train_reranker(
    store: CallStore,
    settings: Settings,
    model_id: str,
    *,
    embed_queries: EmbedQueries | None = None,
    config: TrainConfig | None = None,
    force: bool = False,
) -> dict[str, Any] | None:
    """Train and save the adapter of ``model_id``; None while too few usable ratings (unless ``force``)."""
    examples = collect_examples(store, model_id, embed_queries=embed_queries)
    if len(examples) == 0 or (len(examples) < settings.rerank_min_ratings and not force):
        log.info("re-ranker for %s not trained: %d usable ratings", model_id, len(examples))
        return None
    pairs, group_of_pair = examples.pairs()
    if len(pairs) == 0:
        log.info("re-ranker for %s not trained: no anchor has both relevant and not relevant results", model_id)
        return None
    gain = held_out_gain(examples, config)
    adapter, report = train_adapter(pairs, config, group_of_pair=group_of_pair)
    info = {
        "format": FORMAT_VERSION,
        "model_id": model_id,
        "dims": adapter.dims,
        "trained_at": utc_now(),
        "ratings_used": len(examples),
        "ratings_total": rating_count(store.db),
        "anchors": len(examples.group_order),
        "pairs": report.pairs,
        "best_step": report.best_step,
        "validation_pair_accuracy": [report.validation_accuracy_before, report.validation_accuracy_after],
        "train_seconds": report.seconds,
        "held_out": gain,
    }
    matrix_path, info_path = adapter_paths(settings, model_id)
    matrix_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_matrix = matrix_path.with_name(matrix_path.stem + ".tmp.npy")
    adapter.save(str(tmp_matrix))
    os.replace(tmp_matrix, matrix_path)
    tmp_info = info_path.with_suffix(".json.tmp")
    tmp_info.write_text(json.dumps(info, indent=2), encoding="utf-8")
    os.replace(tmp_info, info_path)
    return info


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
        vectors = _call_vectors(store, self.model_id, set(call_ids))
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
    total = rating_count(store.db)
    info = read_info(settings, model_id)
    stale = info is None or total - int(info.get("ratings_total", 0)) >= max(10, total // 10)
    return RerankState(
        model_id=model_id,
        enabled=info is not None and total >= settings.rerank_min_ratings,
        ratings=total,
        min_ratings=settings.rerank_min_ratings,
        needs_training=total >= settings.rerank_min_ratings and stale,
        trained=info,
    )


def maybe_retrain(
    store: CallStore, settings: Settings, model_id: str, *, embed_queries: EmbedQueries | None = None
) -> dict[str, Any] | None:
    """Train again when enough new ratings arrived since the last training (10, or 10 %)."""
    if not rerank_state(store, settings, model_id).needs_training:
        return None
    return train_reranker(store, settings, model_id, embed_queries=embed_queries)

"""Re-ranking learned from ratings: collecting examples and training (the re-ranker itself: reranker.py).

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

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
from callcenter_ai.core.feedback.ratings import Rating
from callcenter_ai.core.feedback.reranker import (
    FORMAT_VERSION,
    Reranker,
    RerankState,
    adapter_paths,
    load_reranker,
    read_info,
    rerank_state,
    state_of,
)
from callcenter_ai.core.feedback.sources import FeedbackSource, source_of
from callcenter_ai.core.records import utc_now
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.calls import CallStore

__all__ = [  # the re-ranker itself lives in reranker.py; these names stay importable from here
    "Examples",
    "RerankState",
    "Reranker",
    "adapter_paths",
    "collect_examples",
    "held_out_gain",
    "load_reranker",
    "maybe_retrain",
    "query_vectors",
    "ranking_quality",
    "read_info",
    "rerank_state",
    "train_reranker",
]

log = logging.getLogger(__name__)

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


def query_vectors(
    store: CallStore | FeedbackSource, model_id: str, texts: Sequence[str], embed_queries: EmbedQueries | None
) -> dict[str, FloatArray]:
    """Vectors of query texts in ``model_id``: cached ones, and the rest embedded now (when possible)."""
    source = source_of(store)
    found = source.cached_query_vectors(model_id, texts)
    missing = sorted(set(texts) - set(found))
    if missing and embed_queries is not None:
        vectors = np.asarray(embed_queries(missing), dtype=np.float32)
        fresh = dict(zip(missing, vectors, strict=True))
        source.keep_query_vectors(model_id, fresh)
        found.update(fresh)
    return found


def collect_examples(
    store: CallStore | FeedbackSource,
    model_id: str,
    *,
    embed_queries: EmbedQueries | None = None,
    ratings: Sequence[Rating] | None = None,
) -> Examples:
    """The latest judgement of each (anchor, result, rater), as vectors of ``model_id``."""
    source = source_of(store)
    ratings = list(ratings) if ratings is not None else source.list_ratings(latest_only=True)
    calls = source.call_vectors(
        model_id, {r.result_call_id for r in ratings} | {r.source_call_id for r in ratings if r.source_call_id}
    )
    queries = query_vectors(source, model_id, [r.query_text for r in ratings if r.query_text], embed_queries)
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
    store: CallStore | FeedbackSource,
    settings: Settings,
    model_id: str,
    *,
    embed_queries: EmbedQueries | None = None,
    config: TrainConfig | None = None,
    force: bool = False,
) -> dict[str, Any] | None:
    """Train and save the adapter of ``model_id``; None while too few usable ratings (unless ``force``)."""
    source = source_of(store, settings)
    examples = collect_examples(source, model_id, embed_queries=embed_queries)
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
        "ratings_total": source.rating_count(),
        "anchors": len(examples.group_order),
        "pairs": report.pairs,
        "best_step": report.best_step,
        "validation_pair_accuracy": [report.validation_accuracy_before, report.validation_accuracy_after],
        "train_seconds": report.seconds,
        "held_out": gain,
    }
    source.save_reranker(model_id, adapter.matrix, info)
    return info


def maybe_retrain(
    store: CallStore | FeedbackSource, settings: Settings, model_id: str, *, embed_queries: EmbedQueries | None = None
) -> dict[str, Any] | None:
    """Train again when enough new ratings arrived since the last training (10, or 10 %)."""
    source = source_of(store, settings)
    if not state_of(model_id, source.rating_count(), source.reranker_info(model_id), settings).needs_training:
        return None
    return train_reranker(source, settings, model_id, embed_queries=embed_queries)

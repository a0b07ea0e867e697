"""A linear adapter on the vectors, learned from ratings with numpy.

The adapted score of a result ``r`` for a query (or source call) ``q`` is
``(A q) · (A r)``.  ``A`` starts as the identity, so an untrained adapter
ranks exactly as the plain cosine does, and training moves it only as far as
the ratings pay for: the loss is a pairwise logistic (RankNet) loss over
(anchor, relevant result, not-relevant result) triples of the same anchor,
plus ``l2 * ||A - I||²``.  Training stops at the step that ranks a held-back
part of the training pairs best (never the evaluation data).

Stored as a plain ``.npy`` matrix (``allow_pickle=False``) and a JSON sidecar.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from callcenter_ai.core.arrays import FloatArray, IdArray

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PairSet:
    """Triples (anchor, relevant result, not-relevant result), one per row."""

    anchors: FloatArray
    positives: FloatArray
    negatives: FloatArray

    def __len__(self) -> int:
        return int(self.anchors.shape[0])


@dataclass(frozen=True)
class TrainConfig:
    l2: float = 1e-3
    temperature: float = 20.0
    learning_rate: float = 2e-3
    steps: int = 300
    batch: int = 1024
    check_every: int = 10
    validation_share: float = 0.2
    seed: int = 0


@dataclass
class TrainReport:
    pairs: int
    train_pairs: int
    validation_pairs: int
    best_step: int
    validation_accuracy_before: float | None
    validation_accuracy_after: float | None
    seconds: float
    history: list[tuple[int, float]] = field(default_factory=list)


class LinearAdapter:
    """``score(q, r) = (A q) · (A r)``; the identity matrix is the plain dot product."""

    def __init__(self, matrix: FloatArray) -> None:
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise ValueError(f"adapter matrix must be square, got shape {matrix.shape}")
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)

    @classmethod
    def identity(cls, dims: int) -> LinearAdapter:
        return cls(np.eye(dims, dtype=np.float32))

    @property
    def dims(self) -> int:
        return int(self.matrix.shape[0])

    def transform(self, vectors: FloatArray) -> FloatArray:
        """``A x`` for each row ``x``."""
        out: FloatArray = np.asarray(vectors, dtype=np.float32) @ self.matrix.T
        return out

    def scores(self, query: FloatArray, documents: FloatArray) -> FloatArray:
        """Adapted scores of ``documents`` (n, d) for one ``query`` (d,)."""
        if documents.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        out: FloatArray = self.transform(documents) @ self.transform(query[None, :])[0]
        return out

    def save(self, path: str) -> None:
        np.save(path, self.matrix, allow_pickle=False)

    @classmethod
    def load(cls, path: str) -> LinearAdapter:
        return cls(np.load(path, allow_pickle=False))


def build_pairs(anchors: FloatArray, results: FloatArray, relevant: npt.NDArray[np.bool_], groups: IdArray) -> PairSet:
    """Every (relevant, not relevant) combination within each group of rows.

    Row ``i`` says whether ``results[i]`` was relevant for ``anchors[i]``;
    rows with the same ``groups[i]`` share the anchor.
    """
    anchor_rows: list[int] = []
    pos_rows: list[int] = []
    neg_rows: list[int] = []
    order = np.argsort(groups, kind="stable")
    bounds = np.flatnonzero(np.diff(groups[order])) + 1
    for members in np.split(order, bounds):
        pos = members[relevant[members]]
        neg = members[~relevant[members]]
        for p in pos:
            for n in neg:
                anchor_rows.append(int(p))
                pos_rows.append(int(p))
                neg_rows.append(int(n))
    dims = anchors.shape[1] if anchors.ndim == 2 else 0
    if not anchor_rows:
        empty = np.zeros((0, dims), dtype=np.float32)
        return PairSet(empty, empty, empty)
    return PairSet(anchors[anchor_rows], results[pos_rows], results[neg_rows])


def pair_accuracy(adapter: LinearAdapter, pairs: PairSet) -> float:
    """Share of triples where the relevant result scores above the other."""
    if len(pairs) == 0:
        return float("nan")
    margins = _margins(adapter.matrix, pairs.anchors, pairs.positives - pairs.negatives)
    return float(np.mean(margins > 0))


def _margins(matrix: FloatArray, anchors: FloatArray, diffs: FloatArray) -> FloatArray:
    out: FloatArray = np.einsum("ij,ij->i", anchors @ matrix.T, diffs @ matrix.T)
    return out


def train_adapter(
    pairs: PairSet, config: TrainConfig | None = None, *, group_of_pair: IdArray | None = None
) -> tuple[LinearAdapter, TrainReport]:
    """Fit ``A`` on ``pairs`` with Adam; early stopping on a held-back share of them.

    ``group_of_pair`` (the anchor of each triple) keeps all triples of one
    anchor on the same side of the split, so the stopping step is chosen on
    anchors the adapter has not seen.
    """
    cfg = config or TrainConfig()
    started = time.perf_counter()
    dims = pairs.anchors.shape[1]
    rng = np.random.default_rng(cfg.seed)
    train_idx, val_idx = _split(len(pairs), cfg.validation_share, rng, group_of_pair)
    diffs = (pairs.positives - pairs.negatives).astype(np.float32)
    anchors = pairs.anchors.astype(np.float32)
    eye = np.eye(dims, dtype=np.float32)
    matrix = eye.copy()
    m1 = np.zeros_like(matrix)
    m2 = np.zeros_like(matrix)
    beta1, beta2, eps = 0.9, 0.999, 1e-8

    def val_accuracy(a: FloatArray) -> float:
        if len(val_idx) == 0:
            return float("nan")
        return float(np.mean(_margins(a, anchors[val_idx], diffs[val_idx]) > 0))

    before = val_accuracy(matrix)
    best_acc, best_step, best = before, 0, matrix.copy()
    history = [(0, before)]
    for step in range(1, cfg.steps + 1):
        batch = train_idx if len(train_idx) <= cfg.batch else rng.choice(train_idx, cfg.batch, replace=False)
        q, d = anchors[batch], diffs[batch]
        aq, ad = q @ matrix.T, d @ matrix.T
        margins = np.einsum("ij,ij->i", aq, ad)
        # d/dm of softplus(-t m) is -t * sigmoid(-t m); averaged over the batch.
        coef = (-cfg.temperature / len(batch)) / (1.0 + np.exp(np.clip(cfg.temperature * margins, -50, 50)))
        inner = q.T @ (d * coef[:, None])
        grad = matrix @ (inner + inner.T) + 2.0 * cfg.l2 * (matrix - eye)
        m1 = beta1 * m1 + (1 - beta1) * grad
        m2 = beta2 * m2 + (1 - beta2) * grad * grad
        m1_hat = m1 / (1 - beta1**step)
        m2_hat = m2 / (1 - beta2**step)
        matrix = (matrix - cfg.learning_rate * m1_hat / (np.sqrt(m2_hat) + eps)).astype(np.float32)
        if step % cfg.check_every == 0 or step == cfg.steps:
            acc = val_accuracy(matrix)
            history.append((step, acc))
            if len(val_idx) == 0 or acc > best_acc:
                best_acc, best_step, best = acc, step, matrix.copy()
    report = TrainReport(
        pairs=len(pairs),
        train_pairs=len(train_idx),
        validation_pairs=len(val_idx),
        best_step=best_step,
        validation_accuracy_before=None if np.isnan(before) else before,
        validation_accuracy_after=None if np.isnan(best_acc) else best_acc,
        seconds=round(time.perf_counter() - started, 2),
        history=history,
    )
    log.info(
        "adapter trained on %d pairs in %.1f s: validation pair accuracy %s -> %s (step %d)",
        len(pairs),
        report.seconds,
        report.validation_accuracy_before,
        report.validation_accuracy_after,
        best_step,
    )
    return LinearAdapter(best), report


def _split(count: int, share: float, rng: np.random.Generator, groups: IdArray | None) -> tuple[IdArray, IdArray]:
    if groups is None:
        groups = np.arange(count, dtype=np.int64)
    unique = np.unique(groups)
    if len(unique) < 5 or share <= 0:
        return np.arange(count, dtype=np.int64), np.zeros(0, dtype=np.int64)
    held = rng.choice(unique, max(1, round(len(unique) * share)), replace=False)
    is_val = np.isin(groups, held)
    return np.flatnonzero(~is_val).astype(np.int64), np.flatnonzero(is_val).astype(np.int64)

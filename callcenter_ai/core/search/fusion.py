"""Weighted reciprocal rank fusion of several rankings of calls."""

from __future__ import annotations

from collections.abc import Sequence


def weighted_rrf(rankings: Sequence[tuple[Sequence[int], float]], rrf_k: int) -> list[tuple[int, float]]:
    """Fuse rankings (ids best first, with a weight): score = sum of weight / (rrf_k + rank), rank from 1.

    Returns (id, fused score), best first; ties keep the order of first appearance.
    """
    scores: dict[int, float] = {}
    for ranking, weight in rankings:
        if weight <= 0:
            continue
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (rrf_k + rank)
    order = {item: i for i, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))

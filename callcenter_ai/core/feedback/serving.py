"""Applying the learned re-ranker to a list of search results.

Ask the search for more candidates than shown (``candidate_count``), then
re-order them with :func:`rerank_results` and keep ``k``.  Works on any
frozen dataclass result with ``call_id`` and ``rank`` fields (the search
service's ``SearchResult``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.feedback.learning import Reranker
from callcenter_ai.core.store.calls import CallStore

CANDIDATE_FACTOR = 3
MIN_CANDIDATES = 30


class _Ranked(Protocol):
    @property
    def call_id(self) -> int: ...

    @property
    def rank(self) -> int: ...


R = TypeVar("R", bound=_Ranked)


def candidate_count(k: int) -> int:
    """How many results to ask the search for when they will be re-ranked."""
    return max(k * CANDIDATE_FACTOR, MIN_CANDIDATES)


def rerank_results(
    reranker: Reranker, store: CallStore, query_vector: FloatArray, results: Sequence[R], k: int
) -> list[tuple[R, float]]:
    """The best ``k`` of ``results`` by the adapted score, with ``rank`` renumbered, and each adapted score."""
    by_call = {r.call_id: r for r in results}
    ordered = reranker.rerank(store, query_vector, [r.call_id for r in results])
    out: list[tuple[R, float]] = []
    for position, (call_id, score) in enumerate(ordered[:k], start=1):
        replaced: Any = dataclasses.replace(by_call[call_id], rank=position)  # type: ignore[type-var]
        out.append((replaced, score))
    return out

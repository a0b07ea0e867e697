"""Keeping topic ids across a re-clustering, and saying what changed.

Ids: new centroids are matched one-to-one with the previous version's
(Hungarian on cosine); a pair at least :data:`SAME_TOPIC` apart keeps the
old id, every other new topic gets a fresh one.  Changes are read from the
calls: an old topic whose calls mostly went into a new topic *flows* there;
a new topic that two or more old ones flow into is a merge, an old topic that
is the main source of two or more new ones was split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from callcenter_ai.core.arrays import FloatArray

SAME_TOPIC = 0.8


class HasCentroid(Protocol):
    @property
    def topic_id(self) -> int: ...

    @property
    def centroid(self) -> FloatArray: ...


def match_ids(centroids: FloatArray, previous: Sequence[HasCentroid]) -> list[int]:
    """An id for each new centroid: a surviving old topic's id, else a fresh one."""
    from scipy.optimize import linear_sum_assignment

    count = centroids.shape[0]
    ids = [-1] * count
    if previous and count:
        old = np.vstack([t.centroid for t in previous])
        sims = centroids @ old.T
        rows, cols = linear_sum_assignment(-sims)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if sims[r, c] >= SAME_TOPIC:
                ids[r] = previous[c].topic_id
    fresh = max((t.topic_id for t in previous), default=-1) + 1
    for row in range(count):
        if ids[row] < 0:
            ids[row] = fresh
            fresh += 1
    return ids


def changes_between(old: dict[int, np.ndarray], new: dict[int, np.ndarray], *, kept: set[int]) -> dict[str, object]:
    """``{"kept", "merged", "split", "new", "gone"}`` between two versions' members (topic id → call ids)."""
    old = {k: v for k, v in old.items() if k >= 0}
    new = {k: v for k, v in new.items() if k >= 0}
    where_new = {int(c): t for t, calls in new.items() for c in calls.tolist()}
    where_old = {int(c): t for t, calls in old.items() for c in calls.tolist()}
    flows_to = {t: _main(where_new, calls) for t, calls in old.items()}
    comes_from = {t: _main(where_old, calls) for t, calls in new.items()}
    merged: list[dict[str, object]] = []
    merged_into: set[int] = set()
    merged_from: set[int] = set()
    for target in sorted(new):
        sources = sorted(t for t, dest in flows_to.items() if dest == target)
        if len(sources) >= 2:
            merged.append({"into": target, "from": sources})
            merged_into.add(target)
            merged_from.update(sources)
    split: list[dict[str, object]] = []
    split_into: set[int] = set()
    split_from: set[int] = set()
    for source in sorted(old):
        parts = sorted(t for t, src in comes_from.items() if src == source)
        if len(parts) >= 2:
            split.append({"from": source, "into": parts})
            split_into.update(parts)
            split_from.add(source)
    explained = merged_into | split_into
    absorbed = merged_from | split_from
    return {
        "kept": sorted(kept),
        "merged": merged,
        "split": split,
        "new": sorted(t for t in new if t not in kept and t not in explained),
        "gone": sorted(t for t in old if t not in new and t not in absorbed),
    }


def _main(where: dict[int, int], calls: np.ndarray) -> int | None:
    counts = Counter(where[c] for c in calls.tolist() if c in where)
    return counts.most_common(1)[0][0] if counts else None

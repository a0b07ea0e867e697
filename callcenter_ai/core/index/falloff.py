"""How steeply a store's neighbourhoods fall off: whether neighbour augmentation suits it.

``falloff`` = the median over calls of (cosine to the nearest call − cosine to
the k-th nearest), in units of the spread (standard deviation) of the
cosines between any two calls of the store.  Flat neighbourhoods (a low
falloff) mean a call's k nearest are about as near as its nearest: it sits
inside a topic bigger than k, and averaging them (database-side augmentation)
pulls one topic together.  Steep ones mean the topic around a call is
smaller than k, and averaging mixes topics: the nearest paraphrase is pushed
down.  Dividing by the spread makes the figure independent of the
embedder's cosine scale.  Measured on the dev sets (docs/SEARCH.md): dialog
stores 0.42–0.59 (where augmentation gains 0.05–0.10 precision@10), intent
stores 1.17–1.87 (where it cost MRR).
"""

from __future__ import annotations

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.index.nearest import Rows, as_f32

SPREAD_SAMPLE = 1000  # calls sampled for the spread of pair cosines (all pairs below this)


def pair_spread(profiles: Rows) -> float:
    """Standard deviation of the cosines between two different calls (a fixed sample of pairs)."""
    n = len(profiles)
    if n < 2:
        return 0.0
    rows = np.sort(np.random.default_rng(0).choice(n, size=min(n, SPREAD_SAMPLE), replace=False))
    sample = as_f32(profiles[rows])
    cosines = sample @ sample.T
    return float(cosines[np.triu_indices(len(rows), 1)].std())


def neighbourhood_falloff(cosines: FloatArray, spread: float) -> float:
    """Median of (nearest − k-th nearest cosine) / ``spread`` over calls with k neighbours; inf when unknown."""
    full = np.all(np.isfinite(cosines), axis=1)
    if spread <= 0 or not full.any() or cosines.shape[1] < 2:
        return float("inf")
    return float(np.median(cosines[full, 0] - cosines[full, -1]) / spread)

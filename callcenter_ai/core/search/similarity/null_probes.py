"""The store's own "nothing close" line: how high queries that say nothing reach in THIS store.

A fixed cosine does not carry from one store to another: the offline
embedder's cosines depend on how long the calls are and how many words they
share with anything (real queries top at 0.30–0.38 on the 300-call demo set,
nonsense at 0.13–0.36 on BANKING77-ru utterances).  So the line is measured
on the store itself, without labels: content-free probe queries — random
syllable strings (Cyrillic and Latin) and strings of stop-words, generated
here with a fixed seed — are searched against the index, and their best
cosines are this store's chance level.  The line is their upper decile plus
the distance from their median to that decile: the spread of chance matches
in this store, one step further out (no constant to carry between stores; the
highest probe is not used, one lucky probe would move it).  A query whose best
result is no closer than that is more likely unrelated than related.  Measured
against the fixed threshold by ``benchmarks/bench_nothing_close.py`` (docs/SEARCH.md, "Nothing close").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.text import stop_words

PROBES = 96  # half syllable strings, half stop-word strings: enough for a stable upper decile
UPPER = 0.9  # the probes' upper decile
SEED = 15

_CYRILLIC = ("бвгдзклмнпрстфхчшж", "аеиоуыя")
_LATIN = ("bcdfghklmnprstvz", "aeiou")

EmbedQueries = Callable[[Sequence[str]], FloatArray]


def probe_texts(count: int = PROBES, seed: int = SEED) -> list[str]:
    """Content-free queries: random syllable words (2/3 Cyrillic) and runs of stop-words, 1–4 words each."""
    rng = random.Random(seed)
    stops = sorted(w for w in stop_words() if w.isalpha())
    out: list[str] = []
    for i in range(count):
        length = rng.randint(1, 4)
        if i % 2:
            out.append(" ".join(rng.choice(stops) for _ in range(length)))
            continue
        consonants, vowels = _LATIN if i % 6 == 4 else _CYRILLIC
        words = (
            "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
            for _ in range(length)
        )
        out.append(" ".join(words))
    return out


def probe_tops(index: VectorIndex, embed: EmbedQueries, texts: Sequence[str] | None = None) -> list[float]:
    """Each probe's best cosine over the store's calls (``all`` side); empty when the index is empty."""
    if index.count("all") == 0:
        return []
    vectors = np.asarray(embed(list(texts or probe_texts())), dtype=np.float32)
    scores, ids = index.search("all", vectors, 1)
    return [float(s[0]) for s, i in zip(scores, ids, strict=True) if i[0] >= 0]


def null_line(tops: Sequence[float]) -> float | None:
    """The "nothing close" cosine from the probes' best cosines: upper decile + (upper decile - median)."""
    if not tops:
        return None
    median, upper = np.quantile(np.asarray(tops, dtype=np.float64), [0.5, UPPER])
    return float(2 * upper - median)

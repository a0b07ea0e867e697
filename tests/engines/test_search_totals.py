"""How many calls a search matches (``SearchResults.total``), the same on both engines."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.settings import Settings

from .helpers import DIMS, MODEL, add, embed, record, unit


def test_totals_by_words_and_by_meaning(engine: Engine, settings: Settings) -> None:
    vectors = [unit(i) for i in range(12)]
    for i, vector in enumerate(vectors):
        text = "У меня двойное списание с карты" if i % 2 == 0 else "Хочу сменить тариф"
        rec = record(f"c{i}", text)
        embed(engine, add(engine, rec), rec, vector)
    engine.keyword.sync()
    engine.vectors.update_index(MODEL, DIMS)
    plain = replace(settings, similarity="plain")
    by_words = engine.search_service(plain, model_id=MODEL).search("списание", k=2, mode="keyword")
    assert len(by_words) == 2 and by_words.total == 6

    cosines = np.sort(np.stack(vectors[1:]) @ vectors[0])
    cut = float(cosines[-4] + cosines[-5]) / 2  # four calls are close to c0
    service = engine.search_service(replace(plain, nothing_close_below=cut), model_id=MODEL)
    by_meaning = service.similar("c0", k=2, mode="semantic")
    assert len(by_meaning) == 2 and by_meaning.total == 4
    unknown = engine.search_service(plain, model_id=MODEL).similar("c0", k=2, mode="semantic")
    assert unknown.total is None  # no calibrated threshold for the test model

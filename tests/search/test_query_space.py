"""Free-text queries are embedded in the served index's own vector space."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from callcenter_ai.core.embedding.offline import OfflineEmbedder
from callcenter_ai.core.errors import IndexMismatchError
from callcenter_ai.core.search.query_vectors import QueryEmbedder


class UnloadedModel:
    """The settings' model, never loaded here: it must not be asked to embed for another model's index."""

    model_id = "Qwen/Qwen3-Embedding-0.6B@1024"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        raise AssertionError("the model was used for an index of another vector space")


def test_an_offline_fallback_index_is_queried_with_the_offline_embedder() -> None:
    offline = OfflineEmbedder()
    index = SimpleNamespace(model_id=offline.model_id, dims=offline.dims)
    vector = QueryEmbedder(UnloadedModel).vector("клиенту дважды списали деньги", index)  # type: ignore[arg-type]
    assert vector.shape == (offline.dims,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3


def test_an_index_of_another_model_is_still_refused() -> None:
    index = SimpleNamespace(model_id="other/model@8", dims=8)
    with pytest.raises(IndexMismatchError):
        QueryEmbedder(UnloadedModel).vector("списали деньги", index)  # type: ignore[arg-type]

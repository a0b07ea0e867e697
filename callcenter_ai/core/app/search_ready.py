"""What a search service serves, checked ahead of the first query (the window's start-up), on either engine."""

from __future__ import annotations

from dataclasses import dataclass

from callcenter_ai.core.app.models import served_model_id
from callcenter_ai.core.engines import Engine, Searcher
from callcenter_ai.core.search.service import SearchService
from callcenter_ai.core.settings import Settings


@dataclass(frozen=True)
class SearchState:
    """The space searches are served from, its embedded calls, the store's calls, the vectors searchable now."""

    model_id: str
    embedded: int
    calls: int
    index_vectors: int | None  # None: none yet (keyword search only)


def search_state(engine: Engine, settings: Settings, service: Searcher) -> SearchState:
    """What ``service`` (``engine``'s) serves, its index loaded and verified now: a damaged index raises here.

    The home's FAISS index is loaded from its files; the server's HNSW index
    is searchable as soon as it holds vectors (counted as the calls embedded).
    """
    model_id = served_model_id(settings, engine)
    if isinstance(service, SearchService):
        index = service.load_index()
        vectors = None if index is None else index.count("all")
    else:
        served = service.index_model_id
        vectors = (engine.vectors.embedded_count(served) or None) if served else None
    return SearchState(model_id, engine.vectors.embedded_count(model_id), engine.calls.count("calls"), vectors)

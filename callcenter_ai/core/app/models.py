"""Which vector space the app serves: computed once, here, for every shell."""

from __future__ import annotations

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.search.service import preferred_model_id, resolve_index_model_id
from callcenter_ai.core.settings import Settings


def served_model_id(settings: Settings, engine: Engine | None = None) -> str:
    """The model id searches are served from and ratings recorded for.

    The index's vector space when there is an index (the settings' model, or
    an offline fallback's index), else the space the settings ask for.  With
    ``engine``, its own account of what it serves (the server searches its
    stored vectors: no index files).
    """
    served = engine.search_service(settings).index_model_id if engine is not None else resolve_index_model_id(settings)
    return served or preferred_model_id(settings)

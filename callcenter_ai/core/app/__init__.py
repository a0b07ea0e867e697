"""The application layer: what the window, the command line and the HTTP API ask of the core.

Each use case is one call here, so the shells stay thin and do it the same way:

* :func:`run_to_end` / :func:`relay` — drive any job generator (progress, cancel);
* :func:`get_embedder` — the one way to get an embedder (offline fallback policy);
* :func:`refresh` — embed, then keyword index, then vector index;
* :func:`rate` and :func:`retrain_if_due` — ratings and when the re-ranker trains again;
* :func:`served_model_id` — the vector space searches are served from;
* :func:`health` — what is there and what is on, without loading the model;
* :func:`store_stats` — what the store (either engine) and its index hold;
* :func:`build_filters` — search filters from what a user typed, validated.
"""

from __future__ import annotations

from callcenter_ai.core.app.health import Health, health
from callcenter_ai.core.app.models import served_model_id
from callcenter_ai.core.app.rating import Rated, rate, rerank_state_in, retrain_if_due
from callcenter_ai.core.app.refresh import KeywordProgress, RefreshProgress, RefreshReport, embedding_target, refresh
from callcenter_ai.core.app.store_stats import store_stats
from callcenter_ai.core.embedding.factory import get_embedder, load_or_fall_back
from callcenter_ai.core.index.update import IndexProgress
from callcenter_ai.core.jobs import JobCancelled, JobRun, relay, run_to_end
from callcenter_ai.core.search.filters import build_filters

__all__ = [
    "Health",
    "IndexProgress",
    "JobCancelled",
    "JobRun",
    "KeywordProgress",
    "Rated",
    "RefreshProgress",
    "RefreshReport",
    "build_filters",
    "embedding_target",
    "get_embedder",
    "health",
    "load_or_fall_back",
    "rate",
    "refresh",
    "relay",
    "rerank_state_in",
    "retrain_if_due",
    "run_to_end",
    "served_model_id",
    "store_stats",
]

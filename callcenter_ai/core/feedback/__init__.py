"""Operators' ratings, learning statistics, re-ranking learned from them, export.

The small API the window, the CLI and the HTTP API use::

    add_rating(store, result_dialog_id=..., relevant=True, model_id=..., query_text=... | source_dialog_id=...,
               comment=..., rater=..., rank=..., score=..., mode=..., reranked=...) -> rating id
    learning_stats(store, settings, model_id, k=10, period="day") -> dict (JSON-able)
    load_reranker(settings, model_id, store) -> Reranker | None   # None while re-ranking is off
    Reranker.rerank(store, query_vector, call_ids) -> [(call_id, score)], best first
    maybe_retrain(store, settings, model_id, embed_queries=...) / train_reranker(...)
    export_pairs / export_triplets / export_ratings_csv(store, text_stream) -> rows written
"""

from __future__ import annotations

from callcenter_ai.core.feedback.export import export_pairs, export_ratings_csv, export_triplets
from callcenter_ai.core.feedback.learning import (
    Reranker,
    RerankState,
    collect_examples,
    load_reranker,
    maybe_retrain,
    rerank_state,
    train_reranker,
)
from callcenter_ai.core.feedback.ratings import NewRating, Rating, add_rating, list_ratings, rating_count
from callcenter_ai.core.feedback.sources import FeedbackSource
from callcenter_ai.core.feedback.stats import learning_stats

__all__ = [
    "FeedbackSource",
    "NewRating",
    "Rating",
    "RerankState",
    "Reranker",
    "add_rating",
    "collect_examples",
    "export_pairs",
    "export_ratings_csv",
    "export_triplets",
    "learning_stats",
    "list_ratings",
    "load_reranker",
    "maybe_retrain",
    "rating_count",
    "rerank_state",
    "train_reranker",
]

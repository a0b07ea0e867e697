"""Recording an operator's judgement, and the policy for training the re-ranker again.

Every shell records ratings through :func:`rate` and trains through
:func:`retrain_if_due`: once enough new ratings arrived (10, or 10 % of
all, since the last training, and at least ``rerank_min_ratings``), the
re-ranker is trained again.  The window does it on its write worker right
after the rating, the API in a background task after answering; ``rate`` on
the command line only says that it is due (``learning-train`` trains).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from callcenter_ai.core.app.models import served_model_id
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.engines import Engine, engine_over
from callcenter_ai.core.feedback import NewRating, RerankState, maybe_retrain
from callcenter_ai.core.feedback.reranker import state_of
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

log = logging.getLogger(__name__)

_TRAINING = threading.Lock()  # one training at a time in a process


@dataclass(frozen=True)
class Rated:
    """A stored rating: its id, and the re-ranking state right after it."""

    rating_id: int
    rerank: RerankState

    @property
    def ratings(self) -> int:
        """Ratings in the store, this one included."""
        return self.rerank.ratings


def rate(
    store: CallStore | Engine,
    settings: Settings,
    *,
    result_dialog_id: str,
    relevant: bool,
    model_id: str | None = None,
    query_text: str | None = None,
    source_dialog_id: str | None = None,
    comment: str | None = None,
    rater: str = "",
    rank: int | None = None,
    score: float | None = None,
    mode: str | None = None,
    reranked: bool = False,
) -> Rated:
    """Store one judgement of a served result (``model_id`` default: the served space)."""
    engine = engine_over(store, settings)
    rating = NewRating(
        result_dialog_id=result_dialog_id,
        relevant=relevant,
        model_id=model_id or served_model_id(settings, engine),
        query_text=query_text,
        source_dialog_id=source_dialog_id,
        comment=comment,
        rater=rater,
        rank=rank,
        score=score,
        mode=mode,
        reranked=reranked,
    )
    rating_id = engine.ratings.add_rating(rating)
    return Rated(rating_id, rerank_state_in(engine, settings, rating.model_id))


def rerank_state_in(engine: Engine, settings: Settings, model_id: str) -> RerankState:
    """Whether re-ranking from ratings is on for ``model_id`` in ``engine``'s store, and why not."""
    saved = engine.rerankers.load_reranker(model_id)
    return state_of(model_id, engine.ratings.rating_count(), saved[1] if saved else None, settings)


def retrain_if_due(
    store: CallStore | Engine, settings: Settings, model_id: str, embedder: Embedder | None
) -> dict[str, Any] | None:
    """Train the re-ranker of ``model_id`` again when it is due; returns the training's info, else None.

    Query texts are embedded with ``embedder`` only when it writes
    ``model_id``'s space.  One training runs at a time: a rating that comes
    during one is seen by the next.  A failed training is logged, never
    raised: the rating is already stored.
    """
    engine = engine_over(store, settings)
    if not _TRAINING.acquire(blocking=False):
        return None
    try:
        if not rerank_state_in(engine, settings, model_id).needs_training:
            return None
        embed = embedder.embed_queries if embedder is not None and embedder.model_id == model_id else None
        info = maybe_retrain(engine.feedback(), settings, model_id, embed_queries=embed)
    except Exception:
        log.exception("re-ranker training failed")
        return None
    finally:
        _TRAINING.release()
    if info is not None:
        log.info("re-ranker for %s trained on %s ratings", model_id, info.get("ratings_used"))
    return info

"""Learning statistics: one JSON-able object for the CLI, the API and the window's tab.

Counts use the latest judgement of each (anchor, result, rater).
``precision_at_k`` is the share judged relevant among rated results that were
served at rank ``k`` or better (ratings without a rank count too: they were
served somewhere).  Topics are the result call's topic; ``by_operator`` groups
by the rater (the operator who judged).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from callcenter_ai.core.feedback.ratings import Rating
from callcenter_ai.core.feedback.reranker import state_of
from callcenter_ai.core.feedback.sources import FeedbackSource, source_of
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.calls import CallStore

PERIODS = ("day", "week", "month")


def _period(created_at: str, period: str) -> str:
    day = datetime.fromisoformat(created_at).date()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    return date.isoformat(day)


def _summary(ratings: list[Rating], k: int) -> dict[str, Any]:
    positive = sum(r.relevant for r in ratings)
    served = [r for r in ratings if r.rank is None or r.rank <= k]
    served_positive = sum(r.relevant for r in served)
    return {
        "ratings": len(ratings),
        "positive": positive,
        "share_positive": round(positive / len(ratings), 4) if ratings else None,
        "precision_at_k": round(served_positive / len(served), 4) if served else None,
    }


def _grouped(ratings: Iterable[Rating], key: Callable[[Rating], str], name: str, k: int) -> list[dict[str, Any]]:
    groups: dict[str, list[Rating]] = defaultdict(list)
    for rating in ratings:
        groups[key(rating)].append(rating)
    return [{name: label, **_summary(groups[label], k)} for label in sorted(groups)]


def learning_stats(
    store: CallStore | FeedbackSource, settings: Settings, model_id: str, *, k: int = 10, period: str = "day"
) -> dict[str, Any]:
    """Rated pairs, share positive, precision@k over time, by topic and by operator, and the re-ranker's gain."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, got {period!r}")
    if k < 1:
        raise ValueError(f"k must be 1 or more, got {k}")
    source = source_of(store, settings)
    every = source.list_ratings()
    latest = source.list_ratings(latest_only=True)
    status = state_of(model_id, source.rating_count(), source.reranker_info(model_id), settings)
    trained = status.trained or {}
    return {
        "k": k,
        "period": period,
        "ratings_recorded": len(every),
        "rated_pairs": len({(r.anchor_key, r.result_call_id) for r in latest}),
        "anchors": len({r.anchor_key for r in latest}),
        "raters": len({r.rater for r in latest}),
        **_summary(latest, k),
        "over_time": _grouped(latest, lambda r: _period(r.created_at, period), "period", k),
        "by_topic": _grouped(latest, lambda r: r.result_topic or "", "topic", k),
        "by_operator": _grouped(latest, lambda r: r.rater, "operator", k),
        "served": {
            "plain": _summary([r for r in latest if not r.reranked], k),
            "reranked": _summary([r for r in latest if r.reranked], k),
        },
        "rerank": {
            "model_id": model_id,
            "enabled": status.enabled,
            "ratings": status.ratings,
            "min_ratings": status.min_ratings,
            "needs_training": status.needs_training,
            "trained_at": trained.get("trained_at"),
            "ratings_used": trained.get("ratings_used"),
            "held_out": trained.get("held_out"),
        },
    }

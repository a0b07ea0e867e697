"""Ratings and the learning statistics, on both engines."""

from __future__ import annotations

import pytest

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.feedback import learning_stats
from callcenter_ai.core.settings import Settings
from tests.calls import MODEL, add_call, rate, talk


@pytest.fixture
def calls(engine: Engine) -> Engine:
    add_call(engine, "src", talk(), embed=False, topic="карты")
    add_call(engine, "a", talk(), embed=False, topic="карты")
    add_call(engine, "b", talk(), embed=False, topic="карты")
    add_call(engine, "c", talk(), embed=False, topic="кредиты")
    add_call(engine, "d", talk(), embed=False)
    return engine


def test_rating_round_trip_and_validation(calls: Engine) -> None:
    rid = rate(calls, "a", True, query_text="  блокировка карты ", comment="точно", rater="anna", rank=1, score=0.9)
    rate(calls, "b", False, source_dialog_id="src", rater="boris", mode="semantic", reranked=True)
    first, second = calls.ratings.list_ratings()
    assert first.id == rid and first.query_text == "блокировка карты" and first.relevant and first.rank == 1
    assert first.result_dialog_id == "a" and first.result_topic == "карты" and first.comment == "точно"
    assert first.score == 0.9 and first.rater == "anna"
    assert second.source_dialog_id == "src" and second.query_text is None and second.reranked
    assert second.anchor_key == "call:src" and first.anchor_key == "query:блокировка карты"
    with pytest.raises(NotFoundError):
        rate(calls, "nope", True, query_text="x")
    with pytest.raises(NotFoundError):
        rate(calls, "a", True, source_dialog_id="nope")
    with pytest.raises(ConfigError):
        rate(calls, "a", True)
    with pytest.raises(ConfigError):
        rate(calls, "a", True, query_text="x", source_dialog_id="src")
    with pytest.raises(ConfigError):
        rate(calls, "a", True, query_text="   ")
    with pytest.raises(ConfigError):
        rate(calls, "a", True, query_text="x", rank=0)
    assert calls.ratings.rating_count() == 2


def test_deleting_a_call_drops_its_ratings(calls: Engine) -> None:
    rate(calls, "a", True, query_text="карта")
    rate(calls, "b", True, query_text="карта")
    calls.calls.delete_calls(["a"])
    assert [r.result_dialog_id for r in calls.ratings.list_ratings()] == ["b"]


def test_statistics_on_a_hand_made_set(calls: Engine, settings: Settings) -> None:
    day1, day2 = "2026-03-01T10:00:00+00:00", "2026-03-02T09:00:00+00:00"
    # anna, day 1: query "карта": a relevant (rank 1), c not (rank 2), d relevant (rank 12, beyond k=10)
    rate(calls, "a", True, query_text="карта", rater="anna", rank=1, now=day1)
    rate(calls, "c", False, query_text="карта", rater="anna", rank=2, now=day1)
    rate(calls, "d", True, query_text="карта", rater="anna", rank=12, now=day1)
    # anna changes her mind about c on day 2: only the latest judgement counts
    rate(calls, "c", True, query_text="карта", rater="anna", rank=2, now=day2)
    # boris, day 2, similar to "src": a not relevant, b relevant (served re-ranked, no rank given)
    rate(calls, "a", False, source_dialog_id="src", rater="boris", rank=1, reranked=True, now=day2)
    rate(calls, "b", True, source_dialog_id="src", rater="boris", reranked=True, now=day2)

    stats = learning_stats(calls.feedback(), settings, MODEL, k=10)
    assert stats["ratings_recorded"] == 6
    assert stats["ratings"] == 5 and stats["rated_pairs"] == 5 and stats["anchors"] == 2 and stats["raters"] == 2
    assert stats["positive"] == 4 and stats["share_positive"] == 0.8
    # within k: a+, c+ (latest), a-, b+ (no rank) -> 3 / 4; d is at rank 12
    assert stats["precision_at_k"] == 0.75
    assert stats["over_time"] == [
        {"period": "2026-03-01", "ratings": 2, "positive": 2, "share_positive": 1.0, "precision_at_k": 1.0},
        {"period": "2026-03-02", "ratings": 3, "positive": 2, "share_positive": 0.6667, "precision_at_k": 0.6667},
    ]
    topics = {row["topic"]: row for row in stats["by_topic"]}
    assert topics["карты"]["ratings"] == 3 and topics["карты"]["precision_at_k"] == pytest.approx(2 / 3, abs=1e-4)
    assert topics["кредиты"]["precision_at_k"] == 1.0 and topics[""]["precision_at_k"] is None
    operators = {row["operator"]: row for row in stats["by_operator"]}
    assert operators["anna"]["ratings"] == 3 and operators["anna"]["precision_at_k"] == 1.0
    assert operators["boris"]["share_positive"] == 0.5
    assert stats["served"]["reranked"]["ratings"] == 2 and stats["served"]["plain"]["ratings"] == 3
    assert stats["rerank"]["enabled"] is False and stats["rerank"]["min_ratings"] == settings.rerank_min_ratings
    weekly = learning_stats(calls.feedback(), settings, MODEL, k=1, period="week")
    assert [row["period"] for row in weekly["over_time"]] == ["2026-W09", "2026-W10"]  # Sunday, then Monday
    # k=1: only rank-1 and unranked ratings count: a+ (anna), a- and b+ (boris)
    assert weekly["precision_at_k"] == pytest.approx(2 / 3, abs=1e-4)


def test_statistics_of_an_empty_store(engine: Engine, settings: Settings) -> None:
    stats = learning_stats(engine.feedback(), settings, MODEL)
    assert stats["ratings"] == 0 and stats["share_positive"] is None and stats["precision_at_k"] is None
    assert stats["over_time"] == [] and stats["rerank"]["held_out"] is None

"""The application layer: rating with its retrain policy, the served model id, health; the rating and training
on both engines (health without a store reads the home's files, so it stays on SQLite)."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from callcenter_ai.core import app
from callcenter_ai.core.app import rating as rating_module
from callcenter_ai.core.app import rerank_state_in
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.search.service import preferred_model_id
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from tests.calls import MODEL, add_call, rate
from tests.feedback.test_learning import make_rated_store


def rated_store(store: Engine, ratings: int) -> None:
    for i in range(6):
        add_call(store, f"c{i}", vector=[1.0 + i, 0.5, 0.0, i % 2, 0.3, 0.1, 0.2, 1.0], topic=f"t{i % 2}")
    for n in range(ratings):
        anchor, result = n % 3, 3 + (n // 3) % 3
        rate(store, f"c{result}", (anchor + result) % 2 == 1, source_dialog_id=f"c{anchor}")


def test_rate_stores_the_rating_and_says_when_training_is_due(engine: Engine, settings: Settings) -> None:
    rated_store(engine, 8)
    policy = replace(settings, rerank_min_ratings=10)
    first = app.rate(engine, policy, result_dialog_id="c4", source_dialog_id="c0", relevant=True, model_id=MODEL)
    assert first.ratings == 9 and not first.rerank.needs_training and not first.rerank.enabled
    second = app.rate(engine, policy, result_dialog_id="c5", source_dialog_id="c0", relevant=False, model_id=MODEL)
    assert second.rating_id > first.rating_id and second.ratings == 10 and second.rerank.needs_training


def test_rate_defaults_to_the_served_model_id(engine: Engine, settings: Settings) -> None:
    add_call(engine, "a")
    add_call(engine, "b")
    rated = app.rate(engine, settings, result_dialog_id="b", query_text="карта", relevant=True)
    assert rated.rerank.model_id == app.served_model_id(settings) == preferred_model_id(settings)


def test_retrain_if_due_trains_once_then_waits_for_new_ratings(engine: Engine, settings: Settings) -> None:
    make_rated_store(engine)  # 120 ratings
    policy = replace(settings, rerank_min_ratings=50)
    assert app.retrain_if_due(engine, replace(settings, rerank_min_ratings=1000), MODEL, None) is None  # not due
    info = app.retrain_if_due(engine, policy, MODEL, None)
    assert info is not None and info["ratings_used"] == 120
    assert rerank_state_in(engine, policy, MODEL).enabled
    assert app.retrain_if_due(engine, policy, MODEL, None) is None  # nothing new since


def test_retrain_if_due_never_raises_and_runs_one_training_at_a_time(
    engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rated_store(engine, 12)
    policy = replace(settings, rerank_min_ratings=10)
    with rating_module._TRAINING:  # another thread is training
        assert app.retrain_if_due(engine, policy, MODEL, None) is None
    assert not rerank_state_in(engine, policy, MODEL).enabled

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(rating_module, "maybe_retrain", broken)
    with caplog.at_level(logging.ERROR):
        assert app.retrain_if_due(engine, policy, MODEL, None) is None
    assert "re-ranker training failed" in caplog.text
    assert rating_module._TRAINING.acquire(blocking=False)  # released after the failure
    rating_module._TRAINING.release()


def test_health_reads_without_a_store_or_an_index(settings: Settings) -> None:
    assert app.health(settings) == app.Health(None, None, False)
    with CallStore.open(settings.db_path) as store:
        add_call(store, "a")
    assert app.health(settings) == app.Health(1, None, False)

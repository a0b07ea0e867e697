"""Calls, turns, facts, ratings, re-ranker state and schema versions: the same behaviour on both engines."""

from __future__ import annotations

import numpy as np
import pytest

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.feedback.ratings import NewRating
from callcenter_ai.core.records import Chunk
from callcenter_ai.core.search.filters import NO_FILTERS

from .helpers import MODEL, add, embed, record, unit


def test_upsert_round_trip_update_and_unchanged(engine: Engine) -> None:
    first = record("c1", "Здравствуйте, у меня двойное списание")
    with engine.calls.transaction():
        outcome, call_id = engine.calls.upsert_call(first)
    assert outcome == "inserted"
    stored = engine.calls.get_calls([call_id])[0]
    assert stored.dialog_id == "c1" and stored.turns == first.turns
    assert stored.operator == "Анна" and stored.metadata == {"queue": "billing", "n": 1}
    assert stored.content_hash == first.content_hash()
    embed(engine, call_id, first, unit(1))
    assert engine.vectors.pending_calls(MODEL) == []
    with engine.calls.transaction():
        assert engine.calls.upsert_call(first) == ("unchanged", call_id)
    changed = record("c1", "другой текст")
    with engine.calls.transaction():
        assert engine.calls.upsert_call(changed) == ("updated", call_id)
    assert engine.vectors.pending_calls(MODEL) == [(call_id, changed.content_hash())]
    assert engine.calls.count("chunks") == 0
    assert engine.calls.get_calls([call_id])[0].turns[0].text == "другой текст"


def test_a_batch_inserts_updates_and_skips_like_one_at_a_time(engine: Engine) -> None:
    with engine.calls.transaction():
        first = engine.calls.upsert_calls([record("b1", "первый"), record("b2", "второй")])
    assert [o for o, _ in first] == ["inserted", "inserted"]
    embed(engine, first[0][1], record("b1", "первый"), unit(1))
    batch = [
        record("b1", "первый"),  # unchanged: keeps its vectors
        record("b2", "второй, исправленный"),
        record("b3", "третий роутер"),
        record("b3", "третий роутер, ещё раз"),  # one id twice: the later one wins
    ]
    with engine.calls.transaction():
        outcomes = engine.calls.upsert_calls(batch)
    assert [o for o, _ in outcomes] == ["unchanged", "updated", "inserted", "updated"]
    assert [i for _, i in outcomes[:2]] == [i for _, i in first] and outcomes[2][1] == outcomes[3][1]
    stored = {c.dialog_id: c for c in engine.calls.get_calls([i for _, i in outcomes])}
    assert stored["b2"].turns == batch[1].turns and stored["b3"].turns == batch[3].turns
    assert engine.calls.count("calls") == 3 and engine.calls.count("turns") == 6
    assert engine.calls.count("call_vectors") == 1 and engine.calls.upsert_calls([]) == []
    engine.keyword.sync()
    found = engine.keyword.search_calls("исправленный", NO_FILTERS, limit=5)
    assert [m.call_id for m in found] == [outcomes[1][1]]


def test_failed_transaction_leaves_nothing(engine: Engine) -> None:
    with pytest.raises(RuntimeError), engine.calls.transaction():
        engine.calls.upsert_call(record("c1", "первый"))
        engine.calls.upsert_call(record("c2", "второй"))
        raise RuntimeError("crash mid-import")
    assert engine.calls.count("calls") == 0 and engine.calls.count("turns") == 0


def test_reading_order_lists_and_facts(engine: Engine) -> None:
    ids = [add(engine, record(f"c{i}", f"текст {i}", operator=name)) for i, name in enumerate(["Яна", "Анна", "Ёжик"])]
    assert [c.dialog_id for c in engine.calls.get_calls([ids[2], 999_999, ids[0]])] == ["c2", "c0"]
    assert engine.calls.call_id("c1") == ids[1]
    with pytest.raises(NotFoundError):
        engine.calls.call_id("nope")
    assert [i for batch in engine.calls.iter_call_ids(batch=2) for i in batch] == sorted(ids)
    assert engine.calls.count("calls") == 3 and engine.calls.count("turns") == 6
    assert engine.calls.distinct("operator") == sorted(["Яна", "Анна", "Ёжик"])
    assert engine.calls.value_counts("operator") == sorted([("Яна", 1), ("Анна", 1), ("Ёжик", 1)])
    assert engine.calls.value_counts("topic") == [("списание", 3)]
    assert engine.calls.info("seed") is None
    engine.calls.set_info("seed", "1")
    engine.calls.set_info("seed", "2")
    assert engine.calls.info("seed") == "2"
    assert engine.calls.delete_calls(["c0", "missing"]) == 1
    assert engine.calls.count("calls") == 2 and engine.calls.count("turns") == 4


def test_vectors_pending_counts_and_models(engine: Engine) -> None:
    recs = [record(f"c{i}", f"текст {i}") for i in range(3)]
    ids = [add(engine, r) for r in recs]
    assert [c for c, _ in engine.vectors.pending_calls(MODEL)] == ids
    assert engine.vectors.pending_calls(MODEL, limit=1) == [(ids[0], recs[0].content_hash())]
    chunk_ids = embed(engine, ids[0], recs[0], unit(0), sides=True)
    assert len(chunk_ids) == 3 and len(set(chunk_ids)) == 3
    stored = engine.vectors.call_vector(ids[0], MODEL)
    assert stored is not None and np.allclose(stored, unit(0))
    assert engine.vectors.call_vector(ids[1], MODEL) is None
    assert engine.vectors.embedded_count(MODEL) == 1
    assert engine.vectors.embedded_models() == {MODEL: 1}
    with pytest.raises(ValueError, match="expected"):
        engine.vectors.save_call_embedding(
            ids[1], MODEL, recs[1].content_hash(), [Chunk(0, 0, 1, 5)], np.stack([unit(1)]), np.ones(3, np.float32)
        )


def test_ratings_latest_and_validation(engine: Engine) -> None:
    add(engine, record("a", "первый"))
    add(engine, record("b", "второй"))
    first = engine.ratings.add_rating(
        NewRating(result_dialog_id="a", relevant=True, model_id=MODEL, query_text="  списание ", rater="anna", rank=1)
    )
    engine.ratings.add_rating(
        NewRating("a", False, MODEL, query_text="списание", rater="anna", created_at="2999-01-01")
    )
    engine.ratings.add_rating(NewRating(result_dialog_id="a", relevant=True, model_id="other@4", source_dialog_id="b"))
    assert engine.ratings.rating_count() == 3 and engine.ratings.rating_count(MODEL) == 2
    ratings = engine.ratings.list_ratings(model_id=MODEL)
    assert ratings[0].id == first
    assert ratings[0].query_text == "списание" and ratings[0].relevant and ratings[0].rank == 1
    latest = engine.ratings.list_ratings(model_id=MODEL, latest_only=True)
    assert len(latest) == 1 and latest[0].relevant is False
    by_source = engine.ratings.list_ratings(model_id="other@4")[0]
    assert by_source.source_dialog_id == "b" and by_source.result_dialog_id == "a" and by_source.query_text is None
    with pytest.raises(ConfigError):
        engine.ratings.add_rating(NewRating(result_dialog_id="a", relevant=True, model_id=MODEL))
    with pytest.raises(NotFoundError):
        engine.ratings.add_rating(NewRating(result_dialog_id="zzz", relevant=True, model_id=MODEL, query_text="x"))
    assert engine.ratings.rating_count() == 3


def test_reranker_state_round_trip(engine: Engine) -> None:
    assert engine.rerankers.load_reranker(MODEL) is None
    matrix = np.eye(4, dtype=np.float32) * 2
    engine.rerankers.save_reranker(MODEL, matrix, {"format": 1, "model_id": MODEL, "dims": 4, "pairs": 10})
    engine.rerankers.save_reranker(MODEL, matrix * 3, {"format": 1, "model_id": MODEL, "dims": 4, "pairs": 12})
    loaded = engine.rerankers.load_reranker(MODEL)
    assert loaded is not None
    assert np.array_equal(loaded[0], matrix * 3) and loaded[1]["pairs"] == 12
    engine.rerankers.save_reranker("other@4", matrix, {"format": 99, "model_id": "other@4", "dims": 4})
    assert engine.rerankers.load_reranker("other@4") is None  # a format this app does not read


def test_schema_is_current(engine: Engine) -> None:
    assert engine.migrations.schema_version() == engine.migrations.latest_version() >= 1

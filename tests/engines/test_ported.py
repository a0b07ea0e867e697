"""Cases of the SQLite-only keyword and rating tests (tests/search, tests/feedback), run on both engines."""

from __future__ import annotations

import pytest

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.feedback.ratings import NewRating
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters


def put(engine: Engine, dialog_id: str, *turns: tuple[str, str], **fields: object) -> int:
    with engine.calls.transaction():
        record = CallRecord(dialog_id, tuple(Turn(s, t) for s, t in turns), **fields)  # type: ignore[arg-type]
        return engine.calls.upsert_call(record)[1]


def found(engine: Engine, text: str, filters: SearchFilters = NO_FILTERS) -> list[str]:
    matches = engine.keyword.search_calls(text, filters, limit=10)
    return [c.dialog_id for c in engine.calls.get_calls([m.call_id for m in matches])]


@pytest.fixture
def calls(engine: Engine) -> Engine:
    put(engine, "noun", ("client", "Добрый день"), ("client", "Пришло двойное списание по карте"), topic="карты")
    put(engine, "plural", ("operator", "Вижу два списания за одну покупку"), duration_s=30.0)
    put(engine, "verb", ("client", "У меня списали деньги дважды"), started_at="2026-02-01T12:00:00+03:00")
    put(engine, "other", ("client", "Не работает интернет"), ("operator", "Перезагрузите роутер"))
    put(engine, "english", ("client", "I was charged twice for one purchase"))
    engine.keyword.sync()
    return engine


def test_russian_word_forms_and_english_meet(calls: Engine) -> None:
    for query in ("списали", "списание", "списания", "СПИСАНИЙ"):
        assert set(found(calls, query)) == {"noun", "plural", "verb"}, query
    assert found(calls, "charges") == ["english"]
    assert found(calls, "тариф") == []


def test_matched_turns_point_at_the_right_turn(calls: Engine) -> None:
    call_id = calls.calls.call_id("noun")
    turns = calls.keyword.matched_turns(call_id, "списали")
    assert [t.turn for t in turns] == [1] and "[списание]" in turns[0].highlighted
    assert calls.keyword.matched_turns(call_id, "списали", side="operator") == []


def test_index_follows_add_change_delete(calls: Engine) -> None:
    put(calls, "new", ("client", "Хочу вернуть списание"))
    put(calls, "verb", ("client", "Хочу сменить тариф"))  # changed: no longer about charges
    calls.calls.delete_calls(["plural"])
    calls.keyword.sync()
    assert set(found(calls, "списали")) == {"noun", "new"}
    assert found(calls, "тарифы") == ["verb"]


def test_call_filters_apply_to_keyword_search(calls: Engine) -> None:
    assert found(calls, "списание", SearchFilters(topics=("карты",))) == ["noun"]
    assert found(calls, "списание", SearchFilters(max_duration=60)) == ["plural"]
    assert found(calls, "списание", SearchFilters(date_from="2026-02-01", date_to="2026-02-01")) == ["verb"]


def rate(engine: Engine, result: str, relevant: bool, **kw: object) -> int:
    return engine.ratings.add_rating(NewRating(result, relevant, "m@8", **kw))  # type: ignore[arg-type]


def test_rating_round_trip_and_validation(engine: Engine) -> None:
    put(engine, "a", ("client", "карта"), topic="карты")
    put(engine, "b", ("client", "кредит"))
    put(engine, "src", ("client", "источник"))
    rid = rate(engine, "a", True, query_text="  блокировка карты ", comment="точно", rater="anna", rank=1, score=0.9)
    rate(engine, "b", False, source_dialog_id="src", rater="boris", mode="semantic", reranked=True)
    first, second = engine.ratings.list_ratings()
    assert first.id == rid and first.query_text == "блокировка карты" and first.relevant and first.rank == 1
    assert first.result_dialog_id == "a" and first.result_topic == "карты" and first.comment == "точно"
    assert first.score == 0.9 and first.rater == "anna"
    assert second.source_dialog_id == "src" and second.query_text is None and second.reranked
    assert second.anchor_key == "call:src" and first.anchor_key == "query:блокировка карты"
    for bad in (
        {"query_text": "x", "source_dialog_id": "src"},
        {},
        {"query_text": "   "},
        {"query_text": "x", "rank": 0},
    ):
        with pytest.raises(ConfigError):
            rate(engine, "a", True, **bad)
    with pytest.raises(NotFoundError):
        rate(engine, "a", True, source_dialog_id="nope")
    assert engine.ratings.rating_count() == 2
    engine.calls.delete_calls(["a"])  # a deleted call takes its ratings along
    assert [r.result_dialog_id for r in engine.ratings.list_ratings()] == ["b"]

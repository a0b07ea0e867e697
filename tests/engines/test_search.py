"""Keyword and nearest-neighbour search through the engine protocols: the same answers on both engines."""

from __future__ import annotations

import pytest

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters

from .helpers import DIMS, MODEL, add, embed, record, unit


@pytest.fixture
def calls(engine: Engine) -> dict[str, int]:
    recs = {
        "double": record("double", "У меня двойное списание с карты", "Вернём деньги за списание"),
        "one_word": record("one_word", "Списали абонентскую плату", "Проверю", operator="Борис"),
        "moving": record("moving", "Переезжаю, двойной оплаты не будет?", "Не будет", topic="переезд"),
        "other": record("other", "Хочу подключить интернет", "Подключим завтра", started_at="2026-05-01T10:00:00"),
    }
    return {name: add(engine, rec) for name, rec in recs.items()}


def found(engine: Engine, text: str, filters: SearchFilters = NO_FILTERS, **kw: object) -> list[int]:
    return [m.call_id for m in engine.keyword.search_calls(text, filters, limit=10, **kw)]  # type: ignore[arg-type]


def test_stemming_finds_other_word_forms(engine: Engine, calls: dict[str, int]) -> None:
    engine.keyword.sync()
    assert set(found(engine, "списали")) == {calls["double"], calls["one_word"]}  # «списание» and «списали»
    assert found(engine, "интернета") == [calls["other"]]
    assert found(engine, "холодильник") == []
    assert found(engine, "   ,, ") == []


def test_calls_with_every_word_come_first(engine: Engine, calls: dict[str, int]) -> None:
    ranked = found(engine, "двойное списание")
    assert ranked[0] == calls["double"]  # both words
    assert set(ranked[1:]) == {calls["one_word"], calls["moving"]}  # one word each


def test_filters_side_and_exclusion(engine: Engine, calls: dict[str, int]) -> None:
    assert found(engine, "списание", SearchFilters(operators=("Борис",))) == [calls["one_word"]]
    assert found(engine, "подключить", SearchFilters(date_to="2026-04-01")) == []
    assert found(engine, "вернём", SearchFilters(side="client")) == []
    assert found(engine, "вернём", SearchFilters(side="operator")) == [calls["double"]]
    assert calls["double"] not in found(engine, "списание", exclude_call=calls["double"])


def test_matched_turns_explain_and_highlight(engine: Engine, calls: dict[str, int]) -> None:
    turns = engine.keyword.matched_turns(calls["double"], "списали деньги")
    assert [t.turn for t in turns] == [1, 0]  # the operator's turn holds both words
    assert "[деньги]" in turns[0].highlighted and "[списание]" in turns[0].highlighted
    assert turns[0].score > turns[1].score > 0
    assert [t.turn for t in engine.keyword.matched_turns(calls["double"], "списали", side="client")] == [0]


def test_nearest_calls_with_filters_side_and_exclusion(engine: Engine, calls: dict[str, int]) -> None:
    vectors = {name: unit(i) for i, name in enumerate(calls)}
    for name, call_id in calls.items():
        rec = engine.calls.get_calls([call_id])[0]
        embed(engine, call_id, record(name, rec.turns[0].text, rec.turns[1].text), vectors[name], sides=True)
    engine.vectors.update_index(MODEL, DIMS)
    query = vectors["moving"]
    hits = engine.vectors.nearest_calls(MODEL, query, 2, filters=NO_FILTERS)
    assert hits[0].call_id == calls["moving"] and hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert len(hits) == 2 and hits[0].score > hits[1].score
    assert hits[0].chunks[0][0].side == "all"
    everything = engine.vectors.nearest_calls(MODEL, query, 10, filters=NO_FILTERS)
    assert len(everything) == 4
    expected = sorted(calls.values(), key=lambda c: -float(vectors[_name(calls, c)] @ query))
    assert [h.call_id for h in everything] == expected
    only_anna = engine.vectors.nearest_calls(MODEL, query, 10, filters=SearchFilters(operators=("Борис",)))
    assert [h.call_id for h in only_anna] == [calls["one_word"]]
    excluded = engine.vectors.nearest_calls(MODEL, query, 10, filters=NO_FILTERS, exclude_call=calls["moving"])
    assert calls["moving"] not in [h.call_id for h in excluded] and len(excluded) == 3
    client = engine.vectors.nearest_calls(MODEL, query, 1, side="client", filters=NO_FILTERS)
    assert client[0].call_id == calls["moving"] and client[0].chunks[0][0].side == "client"


def _name(calls: dict[str, int], call_id: int) -> str:
    return next(name for name, cid in calls.items() if cid == call_id)


def test_query_syntax_phrase_exclusion_and_or(engine: Engine, calls: dict[str, int]) -> None:
    assert found(engine, '"двойное списание"') == [calls["double"]]  # the words in this order
    assert found(engine, '"списание двойное"') == []
    assert set(found(engine, "списание -вернём")) == {calls["one_word"]}  # «списали» without «вернём»
    assert set(found(engine, 'двойной -"двойное списание"')) == {calls["moving"]}
    assert set(found(engine, "интернет OR переезжаю")) == {calls["other"], calls["moving"]}
    assert set(found(engine, "интернет ИЛИ переезжаю | абонентскую")) == {
        calls["other"],
        calls["moving"],
        calls["one_word"],
    }
    assert found(engine, "-списание") == []  # nothing positive to look for
    turns = engine.keyword.matched_turns(calls["double"], 'списали -"абонентскую плату"')
    assert [t.turn for t in turns] == [0, 1] or [t.turn for t in turns] == [1, 0]
    assert all("[" in t.highlighted for t in turns)


def test_similar_by_keywords_uses_the_calls_distinctive_words(engine: Engine) -> None:
    ids = {
        name: add(engine, record(name, client, operator_text))
        for name, client, operator_text in [
            ("a", "Двойное списание абонентской платы с карты", "Вернём деньги на карту"),
            ("b", "Снова двойное списание с карты", "Оформим возврат денег"),
            ("c", "Хочу подключить домашний интернет", "Подключим интернет завтра"),
            ("d", "Интернет не работает с утра", "Проверим линию"),
        ]
    }
    matches, terms = engine.keyword.similar_calls(ids["a"], NO_FILTERS, limit=10)
    assert matches[0].call_id == ids["b"] and ids["a"] not in [m.call_id for m in matches]
    assert terms and all(" " not in t for t in terms)
    turns = engine.keyword.similar_turns(ids["b"], terms)
    assert turns and turns[0].score > 0 and "[" in turns[0].highlighted

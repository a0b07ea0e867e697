"""Keyword search: Russian word forms, matched turns, the index following changes, filters, the keyword mode, the
distinctive words of «similar» and the tiered ranking, on both engines. ``test_fts5_index_itself`` stays on SQLite:
it checks the FTS5 tables, their staleness flag and the plain BM25 order, which the server does not have."""

from __future__ import annotations

import pytest

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters
from callcenter_ai.core.search.keyword import distinctive_terms, keyword_calls
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.keywords import keyword_index_is_stale, sync_keyword_index
from callcenter_ai.core.text import stems
from tests.pg_fixtures import ENGINES, engine_on


def put(engine: Engine | CallStore, dialog_id: str, *turns: tuple[str, str], **fields: object) -> int:
    calls = engine if isinstance(engine, CallStore) else engine.calls
    with calls.transaction():
        record = CallRecord(dialog_id, tuple(Turn(s, t) for s, t in turns), **fields)  # type: ignore[arg-type]
        return calls.upsert_call(record)[1]


def found(engine: Engine, text: str, filters: SearchFilters = NO_FILTERS, limit: int = 10) -> list[str]:
    matches = engine.keyword.search_calls(text, filters, limit=limit)
    by_id = {c.id: c.dialog_id for c in engine.calls.get_calls([m.call_id for m in matches])}
    return [by_id[m.call_id] for m in matches]


def fill(engine: Engine) -> Engine:
    put(engine, "noun", ("client", "Добрый день"), ("client", "Пришло двойное списание по карте"), topic="карты")
    put(engine, "plural", ("operator", "Вижу два списания за одну покупку"), duration_s=30.0)
    put(engine, "verb", ("client", "У меня списали деньги дважды"), started_at="2026-02-01T12:00:00+03:00")
    put(engine, "other", ("client", "Не работает интернет"), ("operator", "Перезагрузите роутер"))
    put(engine, "english", ("client", "I was charged twice for one purchase"))
    engine.keyword.sync()
    return engine


@pytest.fixture
def calls(engine: Engine) -> Engine:
    """The five calls, in a store of the test's own (it changes them)."""
    return fill(engine)


@pytest.fixture(scope="module", params=ENGINES)
def shared_calls(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The five calls, in a store shared by the module's tests that only read it."""
    return fill(engine_on(request, request.param, tmp_path_factory.mktemp("keyword") / "home"))


def test_russian_word_forms_and_english_meet(shared_calls: Engine) -> None:
    calls = shared_calls
    for query in ("списали", "списание", "списания", "СПИСАНИЙ"):
        assert set(found(calls, query)) == {"noun", "plural", "verb"}, query
    assert found(calls, "charges") == ["english"]
    assert found(calls, "тариф") == []


def test_matched_turns_point_at_the_right_turn(shared_calls: Engine) -> None:
    calls = shared_calls
    call_id = calls.calls.call_id("noun")
    turns = calls.keyword.matched_turns(call_id, "списали")
    assert [t.turn for t in turns] == [1] and "[списание]" in turns[0].highlighted
    (call,) = calls.calls.get_calls([call_id])
    assert "списание" in call.turns[turns[0].turn].text
    assert calls.keyword.matched_turns(call_id, "списали", side="operator") == []


def test_index_follows_add_change_delete(calls: Engine) -> None:
    put(calls, "new", ("client", "Хочу вернуть списание"))
    put(calls, "verb", ("client", "Хочу сменить тариф"))  # changed: no longer about charges
    calls.calls.delete_calls(["plural"])
    calls.keyword.sync()
    assert set(found(calls, "списали")) == {"noun", "new"}
    assert found(calls, "тарифы") == ["verb"]
    assert calls.keyword.sync(rebuild=True) == calls.calls.count("calls")  # every call stemmed again
    assert set(found(calls, "списали")) == {"noun", "new"}


def test_a_rebuild_stems_the_servers_columns_again_from_the_turns(calls: Engine) -> None:
    from callcenter_ai.core.engines.pg.keyword import PgKeywordSearch

    keyword = calls.keyword
    if not isinstance(keyword, PgKeywordSearch):
        pytest.skip("the SQLite engine's keyword index is its own table, rebuilt above")
    put(calls, "mixed", ("client", "Списали дважды"), ("operator", "Вернём деньги"), ("unknown", "шум"))
    before = keyword.database.execute("SELECT external_id, kw_all, kw_client, kw_operator FROM calls ORDER BY 1")
    keyword.database.execute("UPDATE calls SET kw_all = NULL, kw_client = NULL, kw_operator = NULL")
    assert found(calls, "списали") == []
    assert keyword.sync(rebuild=True) == calls.calls.count("calls")
    after = keyword.database.execute("SELECT external_id, kw_all, kw_client, kw_operator FROM calls ORDER BY 1")
    assert after == before  # what the writes stored, column for column
    assert set(found(calls, "списали")) >= {"mixed", "noun"}


def test_call_filters_apply_to_keyword_search(shared_calls: Engine) -> None:
    calls = shared_calls
    assert found(calls, "списание", SearchFilters(topics=("карты",))) == ["noun"]
    assert found(calls, "списание", SearchFilters(max_duration=60)) == ["plural"]
    assert found(calls, "списание", SearchFilters(date_from="2026-02-01", date_to="2026-02-01")) == ["verb"]


def test_keyword_mode_needs_no_model_and_syncs_itself(calls: Engine, settings: Settings) -> None:
    put(calls, "late", ("client", "Опять списали комиссию"))
    service = calls.search_service(settings)
    results = service.search("списали", k=10, mode="keyword")
    assert "late" in [r.dialog_id for r in results]
    top = results[0]
    assert top.keyword_score == top.score and top.semantic_score is None
    (call,) = calls.calls.get_calls([top.call_id])
    for turn in top.matched_turns:
        assert turn.kind == "keyword" and call.turns[turn.turn].text == turn.text
        assert "спис" in turn.text.lower()


def test_distinctive_words_are_rare_words_another_call_shares(engine: Engine) -> None:
    put(engine, "target", ("client", "Не работает интернет"), ("operator", "Перезагрузите роутер, проверьте кабель"))
    put(engine, "router", ("client", "Не работает интернет, роутер мигает"))
    put(engine, "phone", ("client", "Не работает телефон"))
    put(engine, "app", ("client", "Не могу оплатить"), ("operator", "Перезагрузите приложение"))
    put(engine, "charge", ("client", "Не вижу списание"))
    engine.keyword.sync()
    # «не» (5 of 5 calls) and «работает» (3 of 5) are in more than half of the calls;
    # «проверьте» and «кабель» are in no other call, so they cannot find anything.
    matches, words = engine.keyword.similar_calls(engine.calls.call_id("target"), NO_FILTERS, limit=10)
    assert set(words) == {stems(word)[0] for word in ("интернет", "перезагрузите", "роутер")}
    by_id = {c.id: c.dialog_id for c in engine.calls.get_calls([m.call_id for m in matches])}
    assert by_id[matches[0].call_id] == "router" and "target" not in by_id.values()
    turns = engine.keyword.similar_turns(engine.calls.call_id("target"), words, side="operator")
    assert [t.turn for t in turns] == [1]


def fill_tiers(engine: Engine | CallStore) -> None:
    put(engine, "rare-word-only", ("operator", "Двойной оплаты не будет."))
    put(
        engine,
        "both-words",
        ("client", "Здравствуйте, у меня вопрос по счёту за прошлый месяц, я долго разбирался в выписке"),
        ("client", "и увидел двойное списание, хотя пользовался только одной услугой и ничего не подключал"),
    )
    for i in range(6):  # "списание" is common, so alone it weighs little
        put(engine, f"common-{i}", ("client", f"Списание абонентской платы номер {i}"))


def test_calls_with_every_query_word_come_first(engine: Engine) -> None:
    fill_tiers(engine)
    engine.keyword.sync()
    tiered = found(engine, "двойное списание", limit=3)
    assert tiered[:2] == ["both-words", "rare-word-only"] and len(tiered) == 3
    assert found(engine, "двойной", limit=3)[0] == "rare-word-only"


def test_fts5_index_itself(store: CallStore) -> None:
    put(store, "target", ("client", "Не работает интернет"), ("operator", "Перезагрузите роутер, проверьте кабель"))
    put(store, "phone", ("client", "Не работает телефон"))
    put(store, "router", ("client", "Не работает интернет, роутер мигает"))
    put(store, "app", ("client", "Не могу оплатить"), ("operator", "Перезагрузите приложение"))
    put(store, "charge", ("client", "Не вижу списание"))
    assert keyword_index_is_stale(store.db)
    assert sync_keyword_index(store.db) == 5 and not keyword_index_is_stale(store.db)
    turns = store.db.execute("SELECT count(*) FROM turns").fetchone()[0]
    assert store.db.execute("SELECT count(*) FROM turns_fts").fetchone()[0] == turns
    assert store.db.execute("SELECT count(*) FROM calls_fts").fetchone()[0] == store.count("calls")
    assert sync_keyword_index(store.db, rebuild=True) == store.count("calls")
    expected = sorted(stems(word)[0] for word in ("интернет", "перезагрузите", "роутер"))
    assert distinctive_terms(store.db, store.call_id("target"), count=2) == expected[:2]  # ties: by stem
    # Only common words: the best of them rather than nothing («работает» is rarer than «не»).
    assert distinctive_terms(store.db, store.call_id("phone")) == [stems("работает")[0], "не"]
    store.delete_calls(["phone", "router", "app", "target", "charge"])
    fill_tiers(store)
    sync_keyword_index(store.db)
    plain = keyword_calls(store.db, stems("двойное списание"), NO_FILTERS, limit=3)
    assert store.get_call(plain[0].call_id).dialog_id == "rare-word-only"  # BM25 over OR: the rare word alone wins

from __future__ import annotations

import pytest

from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.search.filters import NO_FILTERS
from callcenter_ai.core.search.keyword import distinctive_terms, keyword_calls
from callcenter_ai.core.search.keyword_turns import matching_turns
from callcenter_ai.core.search.service import SearchService
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.keywords import keyword_index_is_stale, sync_keyword_index
from callcenter_ai.core.text import stems


def put(store: CallStore, dialog_id: str, *turns: tuple[str, str]) -> int:
    with store.transaction():
        return store.upsert_call(CallRecord(dialog_id, tuple(Turn(s, t) for s, t in turns)))[1]


def ids(store: CallStore, matches: list) -> list[str]:  # type: ignore[type-arg]
    return [store.get_call(m.call_id).dialog_id for m in matches]


@pytest.fixture
def calls(store: CallStore) -> CallStore:
    put(store, "noun", ("client", "Добрый день"), ("client", "Пришло двойное списание по карте"))
    put(store, "plural", ("operator", "Вижу два списания за одну покупку"))
    put(store, "verb", ("client", "У меня списали деньги дважды"))
    put(store, "other", ("client", "Не работает интернет"), ("operator", "Перезагрузите роутер"))
    put(store, "english", ("client", "I was charged twice for one purchase"))
    sync_keyword_index(store.db)
    return store


def test_russian_word_forms_meet(calls: CallStore) -> None:
    for query in ("списали", "списание", "списания", "СПИСАНИЙ"):
        found = ids(calls, keyword_calls(calls.db, stems(query), NO_FILTERS, limit=10))
        assert set(found) == {"noun", "plural", "verb"}, query
    assert ids(calls, keyword_calls(calls.db, stems("charges"), NO_FILTERS, limit=10)) == ["english"]
    assert keyword_calls(calls.db, stems("тариф"), NO_FILTERS, limit=10) == []


def test_matching_turns_point_at_the_right_turn(calls: CallStore) -> None:
    call_id = calls.call_id("noun")
    hits = matching_turns(calls.db, call_id, stems("списали"), side=None)
    assert [h.turn for h in hits] == [1]
    assert "списание" in calls.get_call(call_id).turns[hits[0].turn].text
    assert matching_turns(calls.db, call_id, stems("списали"), side="operator") == []


def test_sync_follows_add_change_delete(calls: CallStore) -> None:
    assert not keyword_index_is_stale(calls.db)
    put(calls, "new", ("client", "Хочу вернуть списание"))
    put(calls, "verb", ("client", "Хочу сменить тариф"))  # changed: no longer about charges
    calls.delete_calls(["plural"])
    assert keyword_index_is_stale(calls.db)
    assert sync_keyword_index(calls.db) == 2
    assert set(ids(calls, keyword_calls(calls.db, stems("списали"), NO_FILTERS, limit=10))) == {"noun", "new"}
    assert ids(calls, keyword_calls(calls.db, stems("тарифы"), NO_FILTERS, limit=10)) == ["verb"]
    turns = calls.db.execute("SELECT count(*) FROM turns").fetchone()[0]
    assert calls.db.execute("SELECT count(*) FROM turns_fts").fetchone()[0] == turns
    assert calls.db.execute("SELECT count(*) FROM calls_fts").fetchone()[0] == calls.count("calls")
    assert sync_keyword_index(calls.db, rebuild=True) == calls.count("calls")


def test_keyword_mode_needs_no_model_and_syncs_itself(calls: CallStore, settings: Settings) -> None:
    put(calls, "late", ("client", "Опять списали комиссию"))
    service = SearchService(settings, calls, embedder_factory=None)
    results = service.search("списали", k=10, mode="keyword")
    assert "late" in [r.dialog_id for r in results]
    top = results[0]
    assert top.keyword_score == top.score and top.semantic_score is None
    call = calls.get_call(top.call_id)
    for turn in top.matched_turns:
        assert turn.kind == "keyword" and call.turns[turn.turn].text == turn.text
        assert "спис" in turn.text.lower()


def test_distinctive_terms_are_rare_words_another_call_shares(store: CallStore) -> None:
    put(store, "target", ("client", "Не работает интернет"), ("operator", "Перезагрузите роутер, проверьте кабель"))
    put(store, "router", ("client", "Не работает интернет, роутер мигает"))
    put(store, "phone", ("client", "Не работает телефон"))
    put(store, "app", ("client", "Не могу оплатить"), ("operator", "Перезагрузите приложение"))
    put(store, "charge", ("client", "Не вижу списание"))
    sync_keyword_index(store.db)
    # «не» (5 of 5 calls) and «работает» (3 of 5) are in more than half of the calls;
    # «проверьте» and «кабель» are in no other call, so they cannot find anything.
    expected = {stems(word)[0] for word in ("интернет", "перезагрузите", "роутер")}
    assert set(distinctive_terms(store.db, store.call_id("target"))) == expected
    assert distinctive_terms(store.db, store.call_id("target"), count=2) == sorted(expected)[:2]  # ties: by stem
    assert set(distinctive_terms(store.db, store.call_id("target"), side="operator")) == {
        stems("перезагрузите")[0],
        stems("роутер")[0],
    }
    # Only common words: the best of them rather than nothing («работает» is rarer than «не»).
    assert distinctive_terms(store.db, store.call_id("phone")) == [stems("работает")[0], "не"]


def test_calls_with_every_query_word_come_first(store: CallStore) -> None:
    put(store, "rare-word-only", ("operator", "Двойной оплаты не будет."))
    put(
        store,
        "both-words",
        ("client", "Здравствуйте, у меня вопрос по счёту за прошлый месяц, я долго разбирался в выписке"),
        ("client", "и увидел двойное списание, хотя пользовался только одной услугой и ничего не подключал"),
    )
    for i in range(6):  # "списание" is common, so alone it weighs little
        put(store, f"common-{i}", ("client", f"Списание абонентской платы номер {i}"))
    sync_keyword_index(store.db)
    terms = stems("двойное списание")
    plain = ids(store, keyword_calls(store.db, terms, NO_FILTERS, limit=3))
    assert plain[0] == "rare-word-only"  # BM25 over OR: the rare word alone wins
    tiered = ids(store, keyword_calls(store.db, terms, NO_FILTERS, limit=3, all_terms_first=True))
    assert tiered[:2] == ["both-words", "rare-word-only"] and len(tiered) == 3
    assert ids(store, keyword_calls(store.db, ["двойн"], NO_FILTERS, limit=3, all_terms_first=True))[0] == (
        "rare-word-only"
    )

"""The turns that explain a keyword match: scored in Python exactly as FTS5's own bm25() scores them.

SQLite only: it compares with FTS5's bm25() and reads its statistics tables; the server ranks and highlights
with its own ts_rank and ts_headline (the explanations on both engines: test_keyword.py, test_explain_words.py)."""

from __future__ import annotations

import sqlite3

import pytest

from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.search.keyword import distinctive_terms, fts_token, match_expression
from callcenter_ai.core.search.keyword_turns import TurnExplainer, matching_turns
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.keywords import sync_keyword_index
from callcenter_ai.core.text import stems

DIALOGS = [
    [
        ("client", "Здравствуйте, у меня списали деньги дважды за одну покупку"),
        ("operator", "Вижу два списания, оформлю возврат списания"),
        ("client", "Спасибо, жду возврат"),
    ],
    [("client", "Не работает интернет, роутер мигает"), ("operator", "Перезагрузите роутер и проверьте кабель")],
    [("client", "Хочу сменить тариф на безлимитный"), ("operator", "Тариф сменён, списание будет завтра")],
    [("client", "I was charged twice at the café"), ("operator", "The café charge will be refunded, naïve mistake")],
    [("client", "Списание за тариф пришло дважды"), ("operator", "Возврат оформлен"), ("client", "Спасибо")],
]


def fts5_turns(db: sqlite3.Connection, call_id: int, terms: list[str], side: str | None, prefixes: bool) -> list:  # type: ignore[type-arg]
    """What FTS5 itself says: -bm25(turns_fts) of the call's matching turns, best first."""
    sql = (
        "SELECT t.position, -bm25(turns_fts) AS score FROM turns_fts JOIN turns t ON t.id = turns_fts.rowid"
        " WHERE turns_fts MATCH ? AND t.call_id = ?"
    )
    args: list[object] = [match_expression(terms, prefixes=prefixes), call_id]
    if side:
        sql += " AND t.speaker = ?"
        args.append(side)
    return db.execute(sql + " ORDER BY score DESC, t.position", args).fetchall()


@pytest.fixture
def dialogs(store: CallStore) -> CallStore:
    for n, turns in enumerate(DIALOGS * 3):  # repeated, so every stem is in several calls
        with store.transaction():
            store.upsert_call(CallRecord(f"d{n}", tuple(Turn(s, f"{t} {n % 4}") for s, t in turns)))
    sync_keyword_index(store.db)
    return store


@pytest.mark.parametrize("side", [None, "client", "operator"])
@pytest.mark.parametrize(
    ("query", "prefixes"),
    [
        ("списали дважды возврат тарифа", True),  # free text: prefixes («списа*» also finds «списания»)
        ("charges café naive refund", True),  # Latin diacritics folded by the tokenizer
        ("списание списания списали", True),  # several terms, one prefix phrase each (repeats count twice)
        (None, False),  # similar: the call's distinctive stems, whole tokens
    ],
)
def test_explainer_scores_equal_fts5_bm25(
    dialogs: CallStore, side: str | None, query: str | None, prefixes: bool
) -> None:
    compared = 0
    for source in range(1, 6):
        terms = stems(query) if query else distinctive_terms(dialogs.db, source)
        explainer = TurnExplainer(dialogs.db, terms, prefixes=prefixes)
        for call_id in range(1, dialogs.count("calls") + 1):
            expected = fts5_turns(dialogs.db, call_id, terms, side, prefixes)
            hits = explainer.turns(call_id, side=side)
            assert [h.turn for h in hits] == [p for p, _ in expected]
            assert [h.score for h in hits] == pytest.approx([s for _, s in expected], rel=1e-9)
            assert all(h.kind == "keyword" and (side is None or h.speaker == side) for h in hits)
            assert all(h.text == dialogs.get_call(call_id).turns[h.turn].text for h in hits)
            compared += len(hits)
    assert compared > 0


def test_statistics_follow_the_index(dialogs: CallStore) -> None:
    terms = stems("возврат")
    call_id = dialogs.call_id("d0")
    before = matching_turns(dialogs.db, call_id, terms, side=None)
    with dialogs.transaction():  # many more turns with «возврат»: its idf, and so the score, drop
        for n in range(20):
            dialogs.upsert_call(CallRecord(f"x{n}", (Turn("client", "возврат возврат"),)))
    sync_keyword_index(dialogs.db)
    after = matching_turns(dialogs.db, call_id, terms, side=None)
    assert [h.turn for h in after] == [h.turn for h in before]
    assert after[0].score < before[0].score
    assert after[0].score == pytest.approx(fts5_turns(dialogs.db, call_id, terms, None, True)[0][1], rel=1e-9)


def test_tokens_fold_as_the_index_stores_them() -> None:
    assert fts_token("списа") == "списа"
    assert fts_token("café") == "cafe"
    assert fts_token("naïve") == "naive"
    assert fts_token("мой") == "мой"  # й is a letter of its own, not и with a mark


def test_no_terms_no_turns(dialogs: CallStore) -> None:
    assert TurnExplainer(dialogs.db, [], prefixes=True).turns(1, side=None) == []
    assert TurnExplainer(dialogs.db, stems("тариф"), prefixes=True).turns(10_000, side=None) == []

"""What a match shows: stop-words never match, matched words at word level, a query-focused
snippet, courtesy turns never matched alone, one readable similarity (issue 12). The searches run on both
engines."""

from __future__ import annotations

import pytest

from callcenter_ai.core.engines import Searcher
from callcenter_ai.core.search.explain import _snippet, best_sentence, query_word_spans, similarity
from callcenter_ai.core.search.results import MatchedTurn
from callcenter_ai.core.settings import load_settings
from callcenter_ai.core.text import content_stems, is_courtesy
from tests.calls import DIMS, MODEL, add_call, unit
from tests.pg_fixtures import ENGINES, engine_on


@pytest.fixture(scope="module", params=ENGINES)
def service(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    """Two calls, indexed, in a store shared by the module's tests (they only search)."""
    home = tmp_path_factory.mktemp("explain") / "home"
    engine = engine_on(request, request.param, home)
    add_call(
        engine,
        "thanks",
        (("operator", "Здравствуйте, чем могу помочь?"), ("client", "Спасибо за обращение, всего доброго")),
        vector=unit(1),
        seed=1,
    )
    add_call(
        engine,
        "money",
        (("client", "Мне дважды списали деньги за покупку"), ("operator", "Проверю списание и верну деньги")),
        vector=unit(2),
        seed=2,
    )
    engine.vectors.update_index(MODEL, DIMS)
    engine.keyword.sync()
    return engine.search_service(load_settings(home, environ={}), model_id=MODEL)


def test_a_query_of_stop_words_matches_nothing_by_words(service: Searcher) -> None:
    assert content_stems("и на за") == []
    assert service.search("и на за", k=10, mode="keyword") == []
    found = service.search("за деньги", k=10, mode="keyword")
    assert [r.dialog_id for r in found] == ["money"], "«за» alone does not find «спасибо за обращение»"


def test_keyword_similarity_is_the_share_of_query_words_found(service: Searcher) -> None:
    (result,) = service.search("деньги посылка", k=10, mode="keyword")
    assert result.similarity == 0.5
    assert result.to_dict()["similarity"] == 0.5
    (full,) = service.search("списали деньги", k=10, mode="keyword")
    assert full.similarity == 1.0


def test_semantic_similarity_is_the_cosine_clipped() -> None:
    assert similarity(0.731, ["x"], []) == 0.731
    assert similarity(-0.2, ["x"], []) == 0.0
    assert similarity(None, [], []) == 0.0


def test_word_spans_mark_word_forms_not_stop_words() -> None:
    text = "Мне дважды списали деньги за покупку, списание не отменили"
    marked = [text[a:b] for a, b in query_word_spans(text, "списание деньги за")]
    assert marked == ["списали", "деньги", "списание"]


def test_courtesy_turns_and_best_sentence() -> None:
    assert is_courtesy("Здравствуйте! Чем могу помочь?") and is_courtesy("Спасибо за обращение, всего доброго")
    assert not is_courtesy("Спасибо, но деньги так и не вернули")
    text = "Добрый день. Вчера у меня дважды списали деньги. Что делать?"
    span = best_sentence(text, content_stems("списали деньги"))
    assert span is not None and text[span[0] : span[1]].strip() == "Вчера у меня дважды списали деньги."


def test_snippet_is_cut_around_the_query_not_the_greeting() -> None:
    filler = "я звоню по поводу моего договора и разных вопросов, " * 8
    long_turn = "Здравствуйте, " + filler + "у меня дважды списали деньги."
    greeting = MatchedTurn(0, "operator", "Здравствуйте, чем могу помочь?", "semantic", 0.9)
    turn = MatchedTurn(1, "client", long_turn, "semantic", 0.9)
    snippet = _snippet([greeting, turn], set(content_stems("списали деньги")))
    assert "списали деньги" in snippet and snippet.startswith("…")
    assert len(snippet) <= 242


def test_keyword_syntax_phrase_exclusion_and_or(service: Searcher) -> None:
    def found(query: str) -> list[str]:
        return sorted(r.dialog_id for r in service.search(query, k=10, mode="keyword"))

    assert found('"дважды списали"') == ["money"]
    assert found('"списали дважды"') == [], "a phrase keeps its order"
    assert found('"списали деньги за покупку"') == ["money"], "inside quotes stop-words count"
    assert found("деньги -покупку") == []
    assert found('деньги -"за покупку"') == []
    assert found("деньги -тариф") == ["money"]
    assert found("здравствуйте OR деньги") == ["money", "thanks"]
    assert found("здравствуйте деньги") == ["money", "thanks"], "without syntax: all words first, then some"
    assert found("-деньги") == []


def test_excluded_words_are_not_marked() -> None:
    text = "Вернули деньги, но тариф не сменили"
    assert [text[a:b] for a, b in query_word_spans(text, "деньги -тариф")] == ["деньги"]

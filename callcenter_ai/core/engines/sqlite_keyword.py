"""The SQLite engine's keyword search: FTS5 over Snowball stems, the desktop service's own functions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from callcenter_ai.core.engines.interface import TurnMatch
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.keyword import CallMatch, distinctive_terms, keyword_calls, query_phrases
from callcenter_ai.core.search.keyword_turns import TurnExplainer
from callcenter_ai.core.search.query_syntax import parse_query
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.keywords import keyword_index_is_stale, sync_keyword_index
from callcenter_ai.core.text import stem

_WORD = re.compile(r"[^\W_]+")


def highlight(text: str, terms: Sequence[str], *, prefixes: bool = True) -> str:
    """``text`` with the words whose stems match ``terms`` (as keyword search matches them) marked «[...]»."""
    phrases = query_phrases(terms, prefixes=prefixes)

    def matches(word: str) -> bool:
        token = stem(word.lower().replace("ё", "е"))
        return any(token.startswith(p) if is_prefix else token == p for p, is_prefix in phrases)

    return _WORD.sub(lambda m: f"[{m.group(0)}]" if matches(m.group(0)) else m.group(0), text)


class SqliteKeywordSearch:
    def __init__(self, store: CallStore) -> None:
        self.store = store

    def sync(self, *, rebuild: bool = False) -> int:
        if rebuild or keyword_index_is_stale(self.store.db):
            return sync_keyword_index(self.store.db, rebuild=rebuild)
        return 0

    def search_calls(
        self, text: str, filters: SearchFilters, *, limit: int, exclude_call: int | None = None
    ) -> list[CallMatch]:
        self.sync()
        query = parse_query(text)
        return keyword_calls(
            self.store.db,
            query.stems,
            filters,
            limit=limit,
            exclude_call=exclude_call,
            all_terms_first=True,
            expression=query.expression() if query.uses_syntax else None,
        )

    def similar_calls(self, call_id: int, filters: SearchFilters, *, limit: int) -> tuple[list[CallMatch], list[str]]:
        self.sync()
        terms = distinctive_terms(self.store.db, call_id, side=filters.side)
        found = keyword_calls(self.store.db, terms, filters, limit=limit, prefixes=False, exclude_call=call_id)
        return found, terms

    def matched_turns(self, call_id: int, text: str, *, side: str | None = None) -> list[TurnMatch]:
        return self._turns(call_id, parse_query(text).stems, side, prefixes=True)

    def similar_turns(self, call_id: int, terms: Sequence[str], *, side: str | None = None) -> list[TurnMatch]:
        return self._turns(call_id, terms, side, prefixes=False)

    def _turns(self, call_id: int, terms: Sequence[str], side: str | None, *, prefixes: bool) -> list[TurnMatch]:
        self.sync()
        hits = TurnExplainer(self.store.db, terms, prefixes=prefixes).turns(call_id, side=side)
        calls = self.store.get_calls([call_id])
        if not calls:
            return []
        turns = calls[0].turns
        return [
            TurnMatch(h.turn, h.speaker, h.score, highlight(turns[h.turn].text, terms, prefixes=prefixes)) for h in hits
        ]

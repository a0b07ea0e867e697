"""Keyword search with PostgreSQL's full-text search (``russian`` configuration: Snowball stemming).

A free-text query's words are stemmed by the server and, as in the SQLite
engine (:func:`~callcenter_ai.core.text.query_prefix`), a stem of six
or more letters loses its last letter and stems of four or more match as
prefixes: «списание» gives ``'списа':*``, which matches «списали».  The
calls holding every word come first, then the calls holding some, each tier ranked by the server's ``ts_rank`` (length
normalised) over the whole call or the filter's side.  The turns that
explain a match and their highlighted text (``ts_headline``) come from the
server too.  The index is written with the turns, so :meth:`sync` has
nothing to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from callcenter_ai.core.engines.interface import TurnMatch
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.engines.pg.schema import TS_CONFIG
from callcenter_ai.core.engines.pg.vectors import pg_calls_where
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.keyword import CallMatch
from callcenter_ai.core.text import query_prefix, words

_COLUMN = {None: "kw_all", "client": "kw_client", "operator": "kw_operator"}
_RANK_NORMALIZATION = 1  # ts_rank divided by 1 + log(document length)
HIGHLIGHT_START, HIGHLIGHT_STOP = "[", "]"


def tsquery(phrases: Sequence[tuple[str, bool]], operator: str) -> str:
    """A ``to_tsquery('simple', ...)`` input joining stemmed ``phrases`` (token, is prefix) with ``operator``."""
    quoted = ("'" + token.replace("\\", "\\\\").replace("'", "''") + "'" for token, _ in phrases)
    return f" {operator} ".join(
        q + (":*" if is_prefix else "") for q, (_, is_prefix) in zip(quoted, phrases, strict=True)
    )


class PgKeywordSearch:
    def __init__(self, database: PgDatabase) -> None:
        self.database = database

    def sync(self) -> int:
        return 0

    def phrases(self, text: str) -> list[tuple[str, bool]]:
        """The query's stems as the server stems them (stop words dropped), shortened into prefixes as in SQLite."""
        unique = list(dict.fromkeys(words(text)))
        if not unique:
            return []
        rows = self.database.execute(
            f"SELECT v.lexeme FROM unnest(%s::text[]) WITH ORDINALITY AS w(word, n),"
            f" unnest(to_tsvector('{TS_CONFIG}', w.word)) AS v ORDER BY w.n",
            (unique,),
        )
        return list(dict.fromkeys(query_prefix(str(r[0])) for r in rows))

    def search_calls(
        self, text: str, filters: SearchFilters, *, limit: int, exclude_call: int | None = None
    ) -> list[CallMatch]:
        phrases = self.phrases(text)
        if not phrases:
            return []
        every = self._ranked(tsquery(phrases, "&"), filters, limit, exclude_call)
        if len(every) >= limit or len(phrases) < 2:
            return every
        seen = {m.call_id for m in every}
        some = self._ranked(tsquery(phrases, "|"), filters, limit + len(every), exclude_call)
        return every + [m for m in some if m.call_id not in seen][: limit - len(every)]

    def _ranked(self, query: str, filters: SearchFilters, limit: int, exclude_call: int | None) -> list[CallMatch]:
        column = _COLUMN[filters.side]
        where, params = pg_calls_where(filters)
        sql = (
            f"SELECT c.id, ts_rank(c.{column}, q, {_RANK_NORMALIZATION}) AS score"
            f" FROM calls c, to_tsquery('simple', %s) q WHERE c.{column} @@ q AND {where}"
        )
        args: list[Any] = [query, *params]
        if exclude_call is not None:
            sql += " AND c.id != %s"
            args.append(exclude_call)
        sql += " ORDER BY score DESC, c.id LIMIT %s"
        args.append(limit)
        return [CallMatch(int(r[0]), float(r[1])) for r in self.database.execute(sql, args)]

    def matched_turns(self, call_id: int, text: str, *, side: str | None = None) -> list[TurnMatch]:
        phrases = self.phrases(text)
        if not phrases:
            return []
        options = f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_STOP}, HighlightAll=true"
        sql = (
            f"SELECT t.position, t.speaker, ts_rank(t.tsv, q, {_RANK_NORMALIZATION}) AS score,"
            f" ts_headline('{TS_CONFIG}', t.text, q, %s)"
            f" FROM turns t, to_tsquery('simple', %s) q WHERE t.call_id = %s AND t.tsv @@ q"
        )
        args: list[Any] = [options, tsquery(phrases, "|"), call_id]
        if side:
            sql += " AND t.speaker = %s"
            args.append(side)
        sql += " ORDER BY score DESC, t.position"
        return [TurnMatch(int(r[0]), str(r[1]), float(r[2]), str(r[3])) for r in self.database.execute(sql, args)]

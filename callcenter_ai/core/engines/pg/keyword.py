"""Keyword search with PostgreSQL's full-text search (``russian`` configuration: Snowball stemming).

A free-text query's words are stemmed by the server and, as in the SQLite
engine (:func:`~callcenter_ai.core.text.query_prefix`), a stem of six
or more letters loses its last letter and stems of four or more match as
prefixes: «списание» gives ``'списа':*``, which matches «списали».  The
calls holding every word come first, then the calls holding some, each tier ranked by the server's ``ts_rank`` (length
normalised) over the whole call or the filter's side.  The turns that
explain a match and their highlighted text (``ts_headline``) come from the
server too.  The index is written with the turns, so :meth:`sync` has
nothing to do; ``sync(rebuild=True)`` stems every call's columns again from
its turns, as a write would (after the server's dictionary changed, say).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from callcenter_ai.core.engines.interface import TurnMatch
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.engines.pg.keyword_query import SqlQuery, any_positive, syntax_query
from callcenter_ai.core.engines.pg.schema import TS_CONFIG, ts_text
from callcenter_ai.core.engines.pg.vectors import pg_calls_where
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.keyword import CallMatch, choose_terms
from callcenter_ai.core.search.query_syntax import parse_query
from callcenter_ai.core.text import query_prefix, words

_COLUMN = {None: "kw_all", "client": "kw_client", "operator": "kw_operator"}
_RANK_NORMALIZATION = 1  # ts_rank divided by 1 + log(document length)
HIGHLIGHT_START, HIGHLIGHT_STOP = "[", "]"


class PgKeywordSearch:
    def __init__(self, database: PgDatabase) -> None:
        self.database = database

    def sync(self, *, rebuild: bool = False) -> int:
        """0: the calls' columns are written with their turns; with ``rebuild``, every call's columns are
        stemmed again from its turns (the text a write joins: the turns in order, one space apart)."""
        if not rebuild:
            return 0
        side_text = {
            column: f"coalesce(string_agg(text, ' ' ORDER BY position){where}, '')"
            for column, where in (
                ("kw_all", ""),
                ("kw_client", " FILTER (WHERE speaker = 'client')"),
                ("kw_operator", " FILTER (WHERE speaker = 'operator')"),
            )
        }
        texts = ", ".join(f"{sql} AS {column}" for column, sql in side_text.items())
        columns = ", ".join(f"{column} = to_tsvector('{TS_CONFIG}', {ts_text('t.' + column)})" for column in side_text)
        stemmed = self.database.scalar(
            f"WITH t AS (SELECT call_id, {texts} FROM turns GROUP BY call_id),"
            f" u AS (UPDATE calls SET {columns} FROM t WHERE calls.id = t.call_id RETURNING 1)"
            " SELECT count(*) FROM u"
        )
        return int(stemmed or 0)

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
        query = parse_query(text)
        if query.uses_syntax:  # the expression says what must match
            expression = syntax_query(query, self.phrases)
            return self._ranked(expression, filters, limit, exclude_call) if expression else []
        phrases = self.phrases(text)
        if not phrases:
            return []
        every = self._ranked(SqlQuery.of_words(phrases, "&"), filters, limit, exclude_call)
        if len(every) >= limit or len(phrases) < 2:
            return every
        seen = {m.call_id for m in every}
        some = self._ranked(SqlQuery.of_words(phrases, "|"), filters, limit + len(every), exclude_call)
        return every + [m for m in some if m.call_id not in seen][: limit - len(every)]

    def distinctive_terms(self, call_id: int, *, side: str | None = None, count: int = 64) -> list[str]:
        """The call's lexemes that best tell it apart (tf-idf over calls, the SQLite engine's rule)."""
        column = _COLUMN[side]
        rows = self.database.execute(
            f"SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) FROM calls c, unnest(c.{column}) u"
            " WHERE c.id = %s",
            (call_id,),
        )
        tf = {str(r[0]): int(r[1]) for r in rows if not str(r[0]).isdigit() and len(str(r[0])) > 1}
        if not tf:
            return []
        counted = self.database.execute(
            f"SELECT l, (SELECT count(*) FROM calls c WHERE c.{column} @@ to_tsquery('simple', quote_literal(l)))"
            " FROM unnest(%s::text[]) AS l",
            (list(tf),),
        )
        total = max(1, int(self.database.scalar("SELECT count(*) FROM calls")))
        return choose_terms(tf, {str(r[0]): int(r[1]) for r in counted}, total, count)

    def similar_calls(self, call_id: int, filters: SearchFilters, *, limit: int) -> tuple[list[CallMatch], list[str]]:
        """Calls sharing ``call_id``'s distinctive words (it is left out), and those words."""
        terms = self.distinctive_terms(call_id, side=filters.side)
        if not terms:
            return [], []
        query = SqlQuery.of_words([(t, False) for t in terms], "|")
        return self._ranked(query, filters, limit, call_id), terms

    def _ranked(self, query: SqlQuery, filters: SearchFilters, limit: int, exclude_call: int | None) -> list[CallMatch]:
        column = _COLUMN[filters.side]
        where, params = pg_calls_where(filters)
        sql = (
            f"SELECT c.id, ts_rank(c.{column}, q, {_RANK_NORMALIZATION}) AS score"
            f" FROM calls c, (SELECT {query.sql}) AS qq(q) WHERE c.{column} @@ q AND {where}"
        )
        args: list[Any] = [*query.params, *params]
        if exclude_call is not None:
            sql += " AND c.id != %s"
            args.append(exclude_call)
        sql += " ORDER BY score DESC, c.id LIMIT %s"
        args.append(limit)
        return [CallMatch(int(r[0]), float(r[1])) for r in self.database.execute(sql, args)]

    def matched_turns(self, call_id: int, text: str, *, side: str | None = None) -> list[TurnMatch]:
        query = parse_query(text)
        if query.uses_syntax:
            expression = any_positive(query, self.phrases)
        else:
            phrases = self.phrases(text)
            expression = SqlQuery.of_words(phrases, "|") if phrases else None
        return self._turns(call_id, expression, side) if expression else []

    def similar_turns(self, call_id: int, terms: Sequence[str], *, side: str | None = None) -> list[TurnMatch]:
        """The turns of ``call_id`` holding the words a similar-call search used (exact lexemes)."""
        return self._turns(call_id, SqlQuery.of_words([(t, False) for t in terms], "|"), side) if terms else []

    def _turns(self, call_id: int, query: SqlQuery, side: str | None) -> list[TurnMatch]:
        options = f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_STOP}, HighlightAll=true"
        sql = (
            f"SELECT t.position, t.speaker, ts_rank(t.tsv, q, {_RANK_NORMALIZATION}) AS score,"
            f" ts_headline('{TS_CONFIG}', t.text, q, %s)"
            f" FROM turns t, (SELECT {query.sql}) AS qq(q) WHERE t.call_id = %s AND t.tsv @@ q"
        )
        args: list[Any] = [options, *query.params, call_id]
        if side:
            sql += " AND t.speaker = %s"
            args.append(side)
        sql += " ORDER BY score DESC, t.position"
        return [TurnMatch(int(r[0]), str(r[1]), float(r[2]), str(r[3])) for r in self.database.execute(sql, args)]

"""A typed keyword query as a PostgreSQL ``tsquery``: the same syntax as the SQLite engine.

:func:`~callcenter_ai.core.search.query_syntax.parse_query` reads «"фраза"»,
«-исключить» and «OR» / «ИЛИ» / «|»; here each term becomes a ``tsquery``
built by the server: a word is stemmed by the ``russian`` configuration and
matched as a prefix where the free-text rule makes it one
(:func:`~callcenter_ai.core.text.query_prefix`), a quoted phrase is
``phraseto_tsquery`` (every word, in order; stop-words keep their place).
Alternatives are joined with ``||``, groups with ``&&``, exclusions with
``&& !!``.  A query without syntax keeps the tiered ranking (every word
first, then some): see :class:`~.keyword.PgKeywordSearch`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from callcenter_ai.core.engines.pg.schema import TS_CONFIG
from callcenter_ai.core.search.query_syntax import KeywordQuery, Term

Phrases = Callable[[str], list[tuple[str, bool]]]  # a word -> the server's stems (token, is prefix)


def tsquery(phrases: Sequence[tuple[str, bool]], operator: str) -> str:
    """A ``to_tsquery('simple', ...)`` input joining stemmed ``phrases`` (token, is prefix) with ``operator``."""
    quoted = ("'" + token.replace("\\", "\\\\").replace("'", "''") + "'" for token, _ in phrases)
    return f" {operator} ".join(
        q + (":*" if is_prefix else "") for q, (_, is_prefix) in zip(quoted, phrases, strict=True)
    )


@dataclass(frozen=True)
class SqlQuery:
    """A SQL expression of type ``tsquery`` and its parameters."""

    sql: str
    params: tuple[Any, ...]

    @classmethod
    def of_words(cls, phrases: Sequence[tuple[str, bool]], operator: str) -> SqlQuery:
        return cls("to_tsquery('simple', %s)", (tsquery(phrases, operator),))


def _term(term: Term, query: KeywordQuery, phrases: Phrases) -> SqlQuery | None:
    text, quoted = query.typed.get(term, (" ".join(term), False))
    if quoted:
        normal = text.lower().replace("ё", "е")
        return SqlQuery(f"phraseto_tsquery('{TS_CONFIG}', %s)", (normal,)) if normal.strip() else None
    found = phrases(text)
    return SqlQuery.of_words(found, "&") if found else None


def _join(parts: Sequence[SqlQuery], operator: str) -> SqlQuery:
    return SqlQuery("(" + f" {operator} ".join(p.sql for p in parts) + ")", tuple(v for p in parts for v in p.params))


def syntax_query(query: KeywordQuery, phrases: Phrases) -> SqlQuery | None:
    """The ``tsquery`` of a query with syntax; None when nothing positive is left to look for."""
    groups = []
    for group in query.groups:
        terms = [t for t in (_term(term, query, phrases) for term in group) if t is not None]
        if terms:
            groups.append(_join(terms, "||"))
    if not groups:
        return None
    positive = _join(groups, "&&")
    excluded = [t for t in (_term(term, query, phrases) for term in query.excluded) if t is not None]
    if not excluded:
        return positive
    return _join([positive, SqlQuery("!!" + _join(excluded, "||").sql, _join(excluded, "||").params)], "&&")


def any_positive(query: KeywordQuery, phrases: Phrases) -> SqlQuery | None:
    """Any positive term of ``query``: which turns explain a match (the excluded ones never do)."""
    terms = [t for group in query.groups for t in (_term(term, query, phrases) for term in group) if t is not None]
    return _join(terms, "||") if terms else None

"""The keyword query syntax desktop-search users know (Recoll, Google): «"точная фраза"»,
«-исключить» (also «-"фраза"»), and «OR» (or «ИЛИ», «|») between alternatives.

Words without syntax behave as before (every word first, then some of them; stop-words left
out).  Inside quotes every word counts, stop-words too, in order.  A query is parsed once here and
turned into an FTS5 MATCH expression over the stemmed keyword index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from callcenter_ai.core.text import content_stems, query_prefix, stems

Term = tuple[str, ...]  # the stems of one word, or of a quoted phrase in order

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_OR = frozenset({"or", "или", "|"})


@dataclass(frozen=True)
class KeywordQuery:
    """``groups`` are ANDed, the terms inside a group ORed; ``excluded`` terms must not occur."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]
    uses_syntax: bool  # quotes, a minus or OR: the expression decides, not the all-words-first ranking
    typed: Mapping[Term, tuple[str, bool]] = field(default_factory=dict, compare=False)  # term -> (text, quoted)

    @property
    def stems(self) -> list[str]:
        """Every stem the query looks for (not the excluded ones), for explanations and highlights."""
        return list(dict.fromkeys(s for group in self.groups for term in group for s in term))

    def expression(self) -> str:
        """The FTS5 MATCH expression; empty when nothing positive is left to look for."""
        if not self.groups:
            return ""
        positive = " AND ".join("(" + " OR ".join(_phrase(t) for t in group) + ")" for group in self.groups)
        if not self.excluded:
            return positive
        return f"({positive}) NOT (" + " OR ".join(_phrase(t) for t in self.excluded) + ")"


def parse_query(text: str) -> KeywordQuery:
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    uses_syntax = False
    join_next = False
    typed: dict[Term, tuple[str, bool]] = {}
    for match in _TOKEN.finditer(text):
        minus, quoted, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.lower() in _OR:
            join_next = bool(groups)
            uses_syntax = True
            continue
        if quoted is not None:
            uses_syntax = True
            term: Term = tuple(stems(quoted))
        elif word.startswith("-") and len(word) > 1:
            uses_syntax, minus = True, "-"
            term = tuple(stems(word[1:]))
        else:
            term = tuple(content_stems(word))  # a stop-word alone gives nothing
        if not term:
            continue
        typed.setdefault(term, (quoted if quoted is not None else word.lstrip("-"), quoted is not None))
        if minus:
            excluded.append(term)
        elif join_next and groups:
            groups[-1].append(term)
        elif len(term) > 1 and quoted is None:  # «интернет-магазин»: each part is a word of its own
            groups.extend([(s,)] for s in term)
        else:
            groups.append([term])
        join_next = False
    return KeywordQuery(tuple(tuple(g) for g in groups), tuple(excluded), uses_syntax, typed)


def _phrase(term: Term) -> str:
    """One term as an FTS5 phrase: each stem a prefix where the free-text rule makes it one."""
    parts = []
    for stem in term:
        token, is_prefix = query_prefix(stem)
        parts.append('"' + token.replace('"', '""') + '"' + ("*" if is_prefix else ""))
    return " + ".join(parts)

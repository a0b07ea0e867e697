"""Words and stems: Snowball Russian for Cyrillic words, Snowball English for Latin ones.

The same function stems turns when they enter the keyword index and queries
when they are searched, so «списали», «списание» and «списания» meet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(language)


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits), with ё read as е."""
    return _WORD.findall(text.lower().replace("ё", "е"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if _CYRILLIC.search(word):
        return str(_stemmer("russian").stemWord(word))
    if _LATIN.search(word):
        return str(_stemmer("english").stemWord(word))
    return word


def stems(text: str) -> list[str]:
    """The stems of every word of ``text``, in order."""
    return [stem(w) for w in words(text)]


def query_prefix(term: str) -> tuple[str, bool]:
    """The FTS token for a query stem and whether it is a prefix.

    Stems differ in their last letter between word forms (Snowball gives
    «списа» for «списали» but «списан» for «списание»), so a stem of six or
    more letters loses one letter, and any stem of four or more letters
    matches as a prefix.
    """
    token = term[:-1] if len(term) >= 6 else term
    return token, len(token) >= 4

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


# Words of the stop-word lists that carry meaning in a call centre: they stay searchable.
_MEANINGFUL_WORDS = (
    "время времени год года году день дел жизнь люди человек имя процентов миллионов тысяч занят занята "
    "занято заняты нужно надо позже раньше рано долго давно сегодня сейчас больше меньше лучше хорошо"
)
_MEANINGFUL = frozenset(_MEANINGFUL_WORDS.split())
# Courtesy formulas: they alone never make a turn a match (a greeting answers every query).
_COURTESY_WORDS = (
    "здравствуйте здравствуй добрый доброе доброго хорошего день вечер утро спасибо благодарю благодарим "
    "пожалуйста свидания всего обращение обращались звонок звонили звоните чем могу помочь слушаю алло "
    "зовут опишите вопрос помогу служба службы поддержки поддержка компания компании выбираете "
    "hello hi good morning afternoon evening thanks thank you welcome bye goodbye please help"
)
_COURTESY = frozenset(_COURTESY_WORDS.split())


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Russian and English function words (the ``stop-words`` lists), less the meaningful ones above."""
    from stop_words import get_stop_words

    listed = {w.replace("ё", "е") for language in ("russian", "english") for w in get_stop_words(language)}
    return frozenset(listed - _MEANINGFUL)


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are not stop-words, in order."""
    stop = stop_words()
    return [w for w in words(text) if w not in stop]


def content_stems(text: str) -> list[str]:
    """The stems of the words a search should match on (stop-words left out)."""
    return [stem(w) for w in content_words(text)]


def is_courtesy(text: str) -> bool:
    """True for a greeting, thanks or farewell: only courtesy words and stop-words, and at most
    one other word (the operator's name in «Здравствуйте, меня зовут Артём»)."""
    stop = stop_words()
    found = words(text)
    polite = sum(w in _COURTESY for w in found)
    other = sum(w not in _COURTESY and w not in stop for w in found)
    return not found or (polite > 0 and other <= 1 and polite >= other)

"""Making demo phrases sound spoken: colloquial forms, typos, speech-recognition style."""

from __future__ import annotations

import random
import re

COLLOQUIAL = {
    "сейчас": ("щас", "сейчас"),
    "что": ("чё", "что", "шо"),
    "вообще": ("ваще", "вообще"),
    "нормально": ("норм", "нормально"),
    "спасибо": ("спс", "спасибки", "спасибо"),
    "только": ("тока", "только"),
    "тоже": ("тож", "тоже"),
    "пожалуйста": ("пжлст", "пожалуйста"),
    "здравствуйте": ("здрасьте", "здрасте"),
    "когда": ("када", "когда"),
}
FILLERS = ("ну", "короче", "слушайте", "это самое", "в общем", "так вот", "вот", "смотрите")
_PUNCT = re.compile(r"[.,!?;:«»\"()—]")
_SPACES = re.compile(r"\s+")


def roughen(text: str, rng: random.Random, level: float) -> str:
    """A client's phrase with colloquial forms, fillers and typos; ``level`` 0..1 says how many."""
    words = text.split(" ")
    for i, word in enumerate(words):
        key = word.lower().strip(".,!?")
        if key in COLLOQUIAL and rng.random() < level:
            replacement = rng.choice(COLLOQUIAL[key])
            words[i] = word.lower().replace(key, replacement)
    if rng.random() < level * 0.6:
        words = _typo(words, rng)
    out = " ".join(words)
    if rng.random() < level * 0.5:
        filler = rng.choice(FILLERS)
        out = f"{filler.capitalize()}, {out[:1].lower()}{out[1:]}"
    if rng.random() < level * 0.4:
        out = out[:1].lower() + out[1:]
    if rng.random() < level * 0.4:
        out = out.rstrip(".")
    return out


def _typo(words: list[str], rng: random.Random) -> list[str]:
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_words:
        return words
    i = rng.choice(long_words)
    word = words[i]
    pos = rng.randrange(1, len(word) - 2)
    kind = rng.random()
    if kind < 0.4:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]  # swapped letters
    elif kind < 0.7:
        word = word[:pos] + word[pos + 1 :]  # a letter dropped
    else:
        word = word[:pos] + word[pos] + word[pos:]  # a letter doubled
    return [*words[:i], word, *words[i + 1 :]]


def asr_style(text: str) -> str:
    """As a speech recogniser writes it: lower case, no punctuation."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", text.lower())).strip()

"""Readable topic labels: class-based TF-IDF over stems, shown as the commonest word form.

A stem scores high for a topic when it is frequent in that topic and rare in
the others (BERTopic's c-TF-IDF: ``tf(t, c) · log(1 + A / f(t))`` with ``A``
the mean number of words per topic and ``f(t)`` the stem's total count).  The
label is made of the best three, each written the way the calls say it most
often («списание», not «списан»).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from callcenter_ai.core.text import stem, words

KEYWORDS = 8
LABEL_WORDS = 3

# Function words and call-center small talk that never name a topic.
_STOP_TEXT = """
а без более бы был была были было быть в вам вас ваш ваша вашего ваши ведь вот все всё всего вы да
для до его ее её если есть еще ещё же за здравствуйте и из или им их к как ко когда кто ли либо мне
может можно мой мы на над надо не нет него нее неё ни но ну о об однако он она они оно от очень по
под после пожалуйста потому при про раз с свой себя со спасибо так также такой там те тем то того
тоже только том ту ты у уже хорошо хотел хотела хочу что чтобы эта эти это этот я добрый день вечер
утро алло слушаю подскажите скажите минуту секунду понял поняла ясно конечно давайте сейчас the a an
and or but to of in on for with at by from is are was were be been am i you we they he she it my
your our me us this that these those yes no ok okay so just um uh yeah hi hello thanks thank please
can could would will do does did have has had not what how can't i'm it's that's don out get got
some need like see calling tell give ahead while also want wanted going know
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def _tokens(text: str) -> list[str]:
    return [w for w in words(text) if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()]


def topic_keywords(texts: Sequence[str], labels: Sequence[int], count: int = KEYWORDS) -> dict[int, list[str]]:
    """The ``count`` most distinctive words of each topic (labels ``>= 0``), best first."""
    per_topic: dict[int, Counter[str]] = {}
    forms: dict[str, Counter[str]] = {}
    for text, label in zip(texts, labels, strict=True):
        if label < 0:
            continue
        bag = per_topic.setdefault(int(label), Counter())
        for word in _tokens(text):
            s = stem(word)
            bag[s] += 1
            forms.setdefault(s, Counter())[word] += 1
    if not per_topic:
        return {}
    total: Counter[str] = Counter()
    for bag in per_topic.values():
        total.update(bag)
    mean_words = sum(total.values()) / len(per_topic)
    result: dict[int, list[str]] = {}
    for topic, bag in per_topic.items():
        size = sum(bag.values()) or 1
        scored = sorted(bag, key=lambda s: (-(bag[s] / size) * math.log(1 + mean_words / total[s]), s))
        result[topic] = [forms[s].most_common(1)[0][0] for s in scored[:count]]
    return result


def label_of(keywords: Sequence[str]) -> str:
    return ", ".join(keywords[:LABEL_WORDS]) if keywords else "—"

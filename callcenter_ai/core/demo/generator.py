"""A realistic Russian call-center demo set, deterministic for a seed.

Each call follows one topic (kept as its ``topic`` label) but is assembled
from several phrasings of the problem, details filled per call, clarifying
questions, checks, holds, small talk, off-topic turns and sometimes a second
topic, with colloquial forms and typos, so that calls of one topic are alike
by meaning rather than copies of one template. Every question is followed by
one of its own answers (sometimes after a natural "sorry, say again?"), and
``generate_dialogs`` keeps which line asks or answers which question.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from callcenter_ai.core.demo.call_builder import CallBuilder, Dialog, DialogLine
from callcenter_ai.core.demo.script import Topic
from callcenter_ai.core.demo.topics import TOPIC_NAMES, TOPICS

__all__ = [  # the call builder, the topics and the planned lines live in call_builder.py
    "OUTAGE_DAYS",
    "OUTAGE_START",
    "OUTAGE_TOPIC",
    "TOPICS",
    "TOPIC_NAMES",
    "Dialog",
    "DialogLine",
    "call_times",
    "generate_calls",
    "generate_dialogs",
    "outage_topic",
]

MSK = timezone(timedelta(hours=3))
PERIOD_START = datetime(2026, 4, 1, tzinfo=MSK)
PERIOD_DAYS = 183
# Calls per hour of the day (8:00-21:59), weekday shape with two peaks.
HOUR_WEIGHTS = {8: 3, 9: 7, 10: 10, 11: 10, 12: 8, 13: 7, 14: 7, 15: 7, 16: 8, 17: 9, 18: 9, 19: 7, 20: 4, 21: 2}

# An outage: for one week (Monday to Sunday) this share of calls is about it, on top of its usual share.
OUTAGE_TOPIC = "нет интернета"
OUTAGE_START = datetime(2026, 7, 27, tzinfo=MSK)
OUTAGE_DAYS = 7
OUTAGE_SHARE = 0.15


def call_times(count: int, seed: int) -> list[datetime]:
    """Start times over ~6 months: fewer calls at weekends, two peaks a day; sorted."""
    rng = random.Random(f"demo-times:{seed}")
    hours = list(HOUR_WEIGHTS)
    weights = list(HOUR_WEIGHTS.values())
    times: list[datetime] = []
    while len(times) < count:
        day = PERIOD_START + timedelta(days=rng.randrange(PERIOD_DAYS))
        if day.weekday() >= 5 and rng.random() < 0.45:
            continue
        hour = rng.choices(hours, weights)[0]
        times.append(day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60)))
    return sorted(times)


def generate_calls(count: int, seed: int = 0, *, outage: bool = True) -> Iterator[dict[str, Any]]:
    """``count`` calls as JSON Lines records (``id``, ``turns``, ``topic`` ...), oldest first.

    With ``outage``, calls in the outage week are more often about :data:`OUTAGE_TOPIC`
    (the surge the analytics must find); the other calls are the same either way.
    """
    for dialog in generate_dialogs(count, seed, outage=outage):
        yield dialog.record


def outage_topic(moment: datetime, seed: int, number: int) -> Topic | None:
    """The outage topic for a call in the outage week picked for it, else None."""
    if not OUTAGE_START <= moment < OUTAGE_START + timedelta(days=OUTAGE_DAYS):
        return None
    if random.Random(f"demo-outage:{seed}:{number}").random() >= OUTAGE_SHARE:
        return None
    return next(t for t in TOPICS if t.name == OUTAGE_TOPIC)


def generate_dialogs(count: int, seed: int = 0, *, outage: bool = True) -> Iterator[Dialog]:
    """The same calls as ``generate_calls``, each with its planned lines."""
    for number, moment in enumerate(call_times(count, seed), start=1):
        rng = random.Random(f"demo-call:{seed}:{number}")
        builder = CallBuilder(rng, moment, outage_topic(moment, seed, number) if outage else None)
        record = builder.build(f"demo-{number:06d}")
        yield Dialog(record, builder.lines)

"""A realistic Russian call-center demo set, deterministic for a seed.

Each call follows one topic (kept as its ``topic`` label) but is assembled
from several phrasings of the problem, details filled per call, clarifying
questions, checks, holds, small talk, off-topic turns and sometimes a second
topic, with colloquial forms and typos, so that calls of one topic are alike
by meaning rather than copies of one template.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from callcenter_ai.core.demo import phrases as ph
from callcenter_ai.core.demo.script import Topic, parse_topics
from callcenter_ai.core.demo.slots import FIRST_NAMES, fill_slots
from callcenter_ai.core.demo.topics_money import SCRIPT as MONEY_SCRIPT
from callcenter_ai.core.demo.topics_service import SCRIPT as SERVICE_SCRIPT
from callcenter_ai.core.demo.wording import asr_style, roughen

MSK = timezone(timedelta(hours=3))
PERIOD_START = datetime(2026, 4, 1, tzinfo=MSK)
PERIOD_DAYS = 183
MIN_TURNS, MAX_TURNS = 4, 60
# Calls per hour of the day (8:00-21:59), weekday shape with two peaks.
HOUR_WEIGHTS = {8: 3, 9: 7, 10: 10, 11: 10, 12: 8, 13: 7, 14: 7, 15: 7, 16: 8, 17: 9, 18: 9, 19: 7, 20: 4, 21: 2}
CHANNELS = (("телефон", 75), ("чат", 20), ("мессенджер", 5))

TOPICS: list[Topic] = parse_topics(MONEY_SCRIPT) + parse_topics(SERVICE_SCRIPT)
TOPIC_NAMES = tuple(t.name for t in TOPICS)


@dataclass
class _Line:
    speaker: str
    text: str
    pause_s: float = 0.0  # silence before the turn (holds)


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


def generate_calls(count: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` calls as JSON Lines records (``id``, ``turns``, ``topic`` ...), oldest first."""
    for number, moment in enumerate(call_times(count, seed), start=1):
        rng = random.Random(f"demo-call:{seed}:{number}")
        yield _CallBuilder(rng, moment).build(f"demo-{number:06d}")


class _CallBuilder:
    def __init__(self, rng: random.Random, moment: datetime) -> None:
        self.rng = rng
        self.moment = moment
        self.topic = rng.choice(TOPICS)
        self.operator = rng.choice(ph.OPERATORS)
        self.channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
        self.outbound = self.channel == "телефон" and rng.random() < 0.12
        self.slots = fill_slots(rng, moment, rng.choice(FIRST_NAMES))
        self.slots["company"] = ph.COMPANY
        self.slots["op"] = self.operator.split()[0]
        self.slots["part_of_day"] = "вечер" if moment.hour >= 18 else "день"
        self.asr = self.channel == "телефон" and rng.random() < 0.3
        self.typos = rng.uniform(0.35, 0.8) if self.channel != "телефон" else rng.uniform(0.05, 0.45)
        weights = self.topic.outcomes
        self.outcome = rng.choices(list(weights), list(weights.values()))[0].replace("_", " ")
        self.second: Topic | None = None
        if rng.random() < 0.1:
            self.second = rng.choice([t for t in TOPICS if t is not self.topic])
        self.lines: list[_Line] = []
        self.used: dict[int, set[str]] = {}
        self.second_said = False

    # -- wording -----------------------------------------------------------

    def fill(self, template: str) -> str:
        return template.format(**self.slots)

    def op(self, template: str, pause_s: float = 0.0) -> None:
        self.lines.append(_Line("operator", self.fill(template), pause_s))

    def client(self, template: str, pause_s: float = 0.0) -> None:
        self.lines.append(_Line("client", roughen(self.fill(template), self.rng, self.typos), pause_s))

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        """A random option, not repeating one already said in this call while others are left."""
        used = self.used.setdefault(id(options), set())
        fresh = [o for o in options if o not in used] or list(options)
        choice = self.rng.choice(fresh)
        used.add(choice)
        return choice

    # -- the call ------------------------------------------------------------

    def build(self, call_id: str) -> dict[str, Any]:
        rng = self.rng
        target = max(MIN_TURNS, min(MAX_TURNS, round(rng.lognormvariate(math.log(13), 0.6))))
        self.opening()
        segments = self.middle_segments()
        ending = 2 if target < 8 else 5
        for segment in segments:
            if len(self.lines) + ending >= target:
                break
            segment()
        while len(self.lines) + ending < target:
            rng.choice((self.clarify, self.clarify, self.followup, self.small_talk))()
        self.closing(full=ending == 5)
        del self.lines[MAX_TURNS:]
        return self.record(call_id)

    def opening(self) -> None:
        rng = self.rng
        if self.outbound:
            self.op(self.pick(ph.OP_GREETINGS_OUTBOUND))
        elif self.channel == "телефон":
            self.op(self.pick(ph.OP_GREETINGS))
        else:
            self.op(self.pick(ph.OP_GREETINGS_CHAT))
        opener = self.pick(self.topic.openers)
        if rng.random() < 0.45:
            opener = f"{self.pick(ph.CLIENT_HELLOS)} {opener}"
        self.client(opener)

    def middle_segments(self) -> list[Any]:
        rng = self.rng
        segments: list[Any] = [self.clarify]
        if rng.random() < 0.6:
            segments.append(self.verify)
        segments += [self.clarify] * rng.randrange(0, 3)
        if rng.random() < 0.35:
            segments.append(self.hold)
        segments.append(self.action)
        if rng.random() < 0.6:
            segments.append(self.followup)
        if rng.random() < 0.2:
            segments.insert(rng.randrange(1, len(segments) + 1), self.small_talk)
        if rng.random() < 0.08:
            segments.insert(rng.randrange(1, len(segments) + 1), self.off_topic)
        if self.second is not None:
            segments.insert(min(len(segments), rng.randrange(1, 4)), self.second_topic)
        return segments

    def clarify(self, topic: Topic | None = None) -> None:
        topic = topic or self.topic
        self.op(self.pick(topic.questions))
        if self.rng.random() < 0.1:
            self.client(self.pick(ph.CLIENT_NO_DETAILS))
            if self.rng.random() < 0.5:
                self.op("Ничего страшного, я посмотрю по номеру телефона.")
        else:
            self.client(self.pick(topic.details))

    def verify(self) -> None:
        self.op(self.pick(ph.VERIFY_ASKS))
        self.client(self.pick(ph.VERIFY_ANSWERS))
        self.op(self.pick(ph.VERIFY_THANKS))

    def hold(self) -> None:
        self.op(self.pick(ph.HOLDS))
        if self.rng.random() < 0.6:
            self.client(self.pick(ph.CLIENT_WAITS))
        self.op(self.pick(ph.HOLD_BACKS), pause_s=self.rng.uniform(20, 150))

    def action(self, topic: Topic | None = None) -> None:
        topic = topic or self.topic
        self.op(self.pick(topic.actions))
        if self.rng.random() < 0.5:
            self.client(self.pick(ph.ACKS))

    def followup(self) -> None:
        self.client(self.pick(self.topic.followups))
        self.op(self.pick(self.topic.resolutions if self.rng.random() < 0.5 else self.topic.actions))

    def small_talk(self) -> None:
        said, answer = self.rng.choice(ph.SMALL_TALK)
        self.client(said)
        self.op(answer)

    def off_topic(self) -> None:
        said, answer = self.rng.choice(ph.OFF_TOPIC)
        self.client(said)
        self.op(answer)

    def second_topic(self) -> None:
        assert self.second is not None
        self.second_said = True
        self.client(f"{self.pick(ph.CLIENT_SECOND_TOPIC)} {self.pick(self.second.openers)}")
        self.clarify(self.second)
        self.action(self.second)
        self.op(self.pick(self.second.resolutions))

    def closing(self, *, full: bool) -> None:
        happy = self.outcome == "решено"
        if self.outcome == "эскалация":
            self.op(self.pick(ph.OP_TRANSFER))
        elif self.outcome == "перезвон":
            self.op(f"{self.pick(self.topic.actions)} Мы перезвоним вам, как только будет результат.")
        else:
            self.op(self.pick(self.topic.resolutions))
        self.client(self.pick(ph.CLIENT_SATISFIED if happy or self.rng.random() < 0.4 else ph.CLIENT_UNHAPPY))
        if full:
            if not happy and self.rng.random() < 0.5:
                self.op(self.pick(ph.OP_EMPATHY))
            self.op(self.pick(ph.OP_ANYTHING_ELSE))
            self.client(self.pick(ph.CLIENT_NO_MORE))
            self.op(self.pick(ph.OP_FAREWELLS))

    # -- timing and the record -----------------------------------------------

    def record(self, call_id: str) -> dict[str, Any]:
        rng = self.rng
        chat = self.channel != "телефон"
        clock = 0.0
        turns = []
        for line in self.lines:
            text = asr_style(line.text) if self.asr else line.text
            words = max(1, len(text.split()))
            if chat:
                clock += line.pause_s + rng.uniform(4, 40) + words * 0.4  # reading and typing
                start = end = clock
            else:
                start = clock + line.pause_s + rng.uniform(0.2, 1.4)
                end = start + words / rng.uniform(2.0, 3.2)
                clock = end
            turns.append({"speaker": line.speaker, "text": text, "start": round(start, 1), "end": round(end, 1)})
        record: dict[str, Any] = {
            "id": call_id,
            "started_at": self.moment.isoformat(),
            "duration_s": round(clock + rng.uniform(1, 5)),
            "operator": self.operator,
            "topic": self.topic.name,
            "channel": self.channel,
            "direction": "исходящий" if self.outbound else "входящий",
            "outcome": self.outcome,
            "queue": self.topic.queue,
            "wait_s": 0 if self.outbound else round(rng.expovariate(1 / 45)),
        }
        if self.second is not None and self.second_said:
            record["secondary_topic"] = self.second.name
        if rng.random() < 0.4:
            base = 4.6 if self.outcome == "решено" else 2.4
            record["csat"] = max(1, min(5, round(rng.gauss(base, 0.8))))
        record["turns"] = turns
        return record

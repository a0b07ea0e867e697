"""Assembling one demo call: the topics, the planned lines and the builder that writes them."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from callcenter_ai.core.demo import phrases as ph
from callcenter_ai.core.demo.script import Question, Topic
from callcenter_ai.core.demo.slots import FIRST_NAMES, fill_slots
from callcenter_ai.core.demo.topics import TOPICS
from callcenter_ai.core.demo.wording import asr_style, roughen

MIN_TURNS, MAX_TURNS = 4, 60
CHANNELS = (("телефон", 75), ("чат", 20), ("мессенджер", 5))

# How often an answer comes only after a non-answer (not heard, looking it up, "why do you need it?").
NOT_HEARD_RATE, LOOKING_UP_RATE, WHY_ASK_RATE = 0.04, 0.08, 0.15

T = TypeVar("T")
_DOUBLE_DOT = re.compile(r"(?<!\.)\.\.(?!\.)")


@dataclass
class DialogLine:
    """One turn as planned, before timing and speech-recognition style; says what it asks or answers."""

    speaker: str
    text: str
    pause_s: float = 0.0  # silence before the turn (holds)
    asks: Question | None = None  # the question this turn asks
    answers: Question | None = None  # the question this turn answers ...
    answer: str = ""  # ... with this one of its answers (the template, before slots and roughening)


@dataclass
class Dialog:
    record: dict[str, Any]  # the JSON Lines record
    lines: list[DialogLine]  # its turns, one per line, in order


def _led_by(prefix: str, text: str) -> str:
    """``text`` after ``prefix``, in lower case after a colon: "Повторю: какая модель роутера?"."""
    if prefix.endswith(": "):
        return f"{prefix}{text[:1].lower()}{text[1:]}"
    return f"{prefix}{text}"


class CallBuilder:
    """One call being assembled: its topic, operator, channel, slots and planned lines."""

    def __init__(self, rng: random.Random, moment: datetime, topic: Topic | None = None) -> None:
        self.rng = rng
        self.moment = moment
        self.topic = rng.choice(TOPICS)  # drawn even when given, so the rest of the call stays the same
        if topic is not None:
            self.topic = topic
        self.operator = rng.choice(ph.OPERATORS)
        self.channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
        self.outbound = self.channel == "телефон" and rng.random() < 0.12
        self.slots = fill_slots(rng, moment, rng.choice(FIRST_NAMES))
        self.slots["company"] = ph.COMPANY
        self.slots["op"] = self.operator.split()[0]
        self.slots["part_of_day"] = "вечер" if moment.hour >= 18 else "день"
        self.voice = self.channel == "телефон"
        self.asr = self.voice and rng.random() < 0.3
        self.typos = rng.uniform(0.35, 0.8) if self.channel != "телефон" else rng.uniform(0.05, 0.45)
        weights = self.topic.outcomes
        self.outcome = rng.choices(list(weights), list(weights.values()))[0].replace("_", " ")
        self.second: Topic | None = None
        if rng.random() < 0.1:
            self.second = rng.choice([t for t in TOPICS if t is not self.topic])
        self.lines: list[DialogLine] = []
        self.used: dict[int, set[Any]] = {}
        self.second_said = False

    # -- wording -----------------------------------------------------------

    def fill(self, template: str) -> str:
        return _DOUBLE_DOT.sub(".", template.format(**self.slots))  # "500 руб.." -> "500 руб."

    def op(
        self, template: str, pause_s: float = 0.0, *, asks: Question | None = None, answers: Question | None = None
    ) -> None:
        answer = template if answers is not None else ""
        self.lines.append(DialogLine("operator", self.fill(template), pause_s, asks, answers, answer))

    def client(
        self, template: str, *, asks: Question | None = None, answers: Question | None = None, answer: str = ""
    ) -> None:
        text = roughen(self.fill(template), self.rng, self.typos)
        self.lines.append(DialogLine("client", text, 0.0, asks, answers, answer))

    def unused(self, options: Sequence[T]) -> list[T]:
        used = self.used.get(id(options), set())
        return [o for o in options if o not in used]

    def pick(self, options: Sequence[T]) -> T:
        """A random option, not repeating one already said in this call while others are left."""
        choice = self.rng.choice(self.unused(options) or list(options))
        self.used.setdefault(id(options), set()).add(choice)
        return choice

    def ask(self, question: Question, *, prefix: str = "", why_ok: bool = False) -> None:
        """The operator asks; the client answers it, sometimes after a natural non-answer."""
        self.op(_led_by(prefix, question.text), asks=question)
        answer = self.pick(question.answers)
        roll = self.rng.random()
        if roll < NOT_HEARD_RATE:
            self.client(self.pick(ph.NOT_HEARD if self.voice else ph.NOT_UNDERSTOOD))
            self.op(_led_by(self.pick(ph.OP_REPEATS), question.text), asks=question)
        elif roll < NOT_HEARD_RATE + LOOKING_UP_RATE and "{" in answer:
            self.client(self.pick(ph.LOOKING_UP))
        elif why_ok and roll < NOT_HEARD_RATE + WHY_ASK_RATE:
            said, reply = self.pick(ph.WHY_ASK)
            self.client(said)
            self.op(reply)
        self.client(answer, answers=question, answer=answer)

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
        self.cut_to(MAX_TURNS)
        return self.record(call_id)

    def cut_to(self, turns: int) -> None:
        """Keep at most ``turns`` lines, never ending on a question whose answer was cut off."""
        lines = self.lines
        del lines[turns:]
        while asking := [i for i, line in enumerate(lines) if line.asks is not None]:
            last = asking[-1]
            if any(line.answers is lines[last].asks for line in lines[last + 1 :]):
                break
            del lines[last:]

    def opening(self) -> None:
        rng = self.rng
        opener = self.pick(self.topic.openers)
        greeting: Question | None = None
        if self.outbound:
            greeting = self.pick(ph.OP_GREETINGS_OUTBOUND)
        elif self.voice and rng.random() < 0.2:
            greeting = self.pick(ph.OP_GREETINGS_ASKING_NAME)
        if greeting is not None:  # a question first, then the problem
            self.op(greeting.text, asks=greeting)
            answer = self.pick(greeting.answers)
            self.client(f"{answer} {opener}", answers=greeting, answer=answer)
            return
        self.op(self.pick(ph.OP_GREETINGS if self.voice else ph.OP_GREETINGS_CHAT))
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
        """A question not yet asked: the topic's own, then generic ones, then one asked again."""
        topic = topic or self.topic
        if self.unused(topic.questions):
            self.ask(self.pick(topic.questions))
        elif self.unused(ph.GENERIC_QUESTIONS):
            self.ask(self.pick(ph.GENERIC_QUESTIONS))
        else:
            self.ask(self.pick(topic.questions), prefix=self.pick(ph.RE_ASKS))

    def verify(self) -> None:
        self.ask(self.pick(ph.VERIFY_ASKS), why_ok=True)
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
        question = self.pick(self.topic.followups)
        self.client(question.text, asks=question)
        self.op(self.pick(question.answers), answers=question)

    def small_talk(self) -> None:
        said, answer = self.pick(ph.SMALL_TALK)
        self.client(said)
        self.op(answer)

    def off_topic(self) -> None:
        said, answer = self.pick(ph.OFF_TOPIC)
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
        satisfied = happy or self.rng.random() < 0.4
        self.client(self.pick(ph.CLIENT_SATISFIED if satisfied else ph.CLIENT_UNHAPPY))
        if full:
            if not satisfied or (not happy and self.rng.random() < 0.3):
                self.op(self.pick(ph.OP_EMPATHY))
            question = self.pick(ph.OP_ANYTHING_ELSE)
            self.op(question.text, asks=question)
            answer = self.pick(question.answers)
            self.client(answer, answers=question, answer=answer)
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

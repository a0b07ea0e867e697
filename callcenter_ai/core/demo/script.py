"""Parsing the compact topic scripts the demo generator draws its wording from.

A script holds topics; each starts with ``## name | queue | outcome:weight ...``
and has lines whose first character says what they are:

    >  the client states the problem          ?  the operator asks to clarify
    =  the client answers with details        !  the operator acts or explains
    +  the operator resolves or proposes      ~  the client follows up

``{slot}`` marks a detail filled per call (amounts, dates, tariffs ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = {
    ">": "openers",
    "?": "questions",
    "=": "details",
    "!": "actions",
    "+": "resolutions",
    "~": "followups",
}


@dataclass
class Topic:
    name: str
    queue: str
    outcomes: dict[str, int]
    openers: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)


def parse_topics(script: str) -> list[Topic]:
    topics: list[Topic] = []
    for number, raw in enumerate(script.splitlines(), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("##"):
            name, queue, outcomes = (part.strip() for part in line[2:].split("|"))
            weights = {k: int(v) for k, v in (item.split(":") for item in outcomes.split())}
            topics.append(Topic(name, queue, weights))
            continue
        kind = KINDS.get(line[0])
        if kind is None or not topics:
            raise ValueError(f"topic script line {number}: cannot parse {line!r}")
        getattr(topics[-1], kind).append(line[1:].strip())
    for topic in topics:
        empty = [kind for kind in KINDS.values() if not getattr(topic, kind)]
        if empty:
            raise ValueError(f"topic {topic.name!r} has no {', '.join(empty)}")
    return topics

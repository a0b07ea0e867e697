"""Parsing the compact topic scripts the demo generator draws its wording from.

A script holds topics; each starts with ``## name | queue | outcome:weight ...``
and has lines whose first character says what they are:

    >  the client states the problem
    ?  the operator asks to clarify         =  the client's answer to the ``?`` line above
    ~  the client follows up                -  the operator's answer to the ``~`` line above
    !  the operator acts or explains        +  the operator resolves or proposes

Answers come right under their question, one per line; each line is one
alternative, and every question needs at least one. ``{slot}`` marks a detail
filled per call (amounts, dates, tariffs ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Question:
    """A question and the replies that answer it (alternatives, any one fits)."""

    text: str
    answers: list[str] = field(default_factory=list)


@dataclass
class Topic:
    name: str
    queue: str
    outcomes: dict[str, int]
    openers: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)  # asked by the operator
    actions: list[str] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)
    followups: list[Question] = field(default_factory=list)  # asked by the client


PLAIN_KINDS = {">": "openers", "!": "actions", "+": "resolutions"}
QUESTION_KINDS = {"?": "questions", "~": "followups"}
ANSWER_KINDS = {"=": "?", "-": "~"}  # answer mark -> the mark of the question it answers
REQUIRED = ("openers", "questions", "actions", "resolutions", "followups")


def parse_topics(script: str) -> list[Topic]:
    topics: list[Topic] = []
    open_question: tuple[str, Question, int] | None = None  # (mark, question, line) answers attach to
    for number, raw in enumerate(script.splitlines(), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        mark, text = line[0], line[1:].strip()
        if open_question is not None and mark not in ANSWER_KINDS:
            _check_answered(open_question)
            open_question = None
        if line.startswith("##"):
            topics.append(_parse_header(line, number))
            continue
        if not topics or not text:
            raise ValueError(f"topic script line {number}: cannot parse {line!r}")
        topic = topics[-1]
        if mark in PLAIN_KINDS:
            getattr(topic, PLAIN_KINDS[mark]).append(text)
        elif mark in QUESTION_KINDS:
            question = Question(text)
            getattr(topic, QUESTION_KINDS[mark]).append(question)
            open_question = (mark, question, number)
        elif mark in ANSWER_KINDS:
            if open_question is None or open_question[0] != ANSWER_KINDS[mark]:
                raise ValueError(
                    f"topic script line {number}: answer {line!r} has no {ANSWER_KINDS[mark]!r} question right above it"
                )
            open_question[1].answers.append(text)
        else:
            raise ValueError(f"topic script line {number}: cannot parse {line!r}")
    if open_question is not None:
        _check_answered(open_question)
    for topic in topics:
        empty = [kind for kind in REQUIRED if not getattr(topic, kind)]
        if empty:
            raise ValueError(f"topic {topic.name!r} has no {', '.join(empty)}")
    return topics


def _parse_header(line: str, number: int) -> Topic:
    try:
        name, queue, outcomes = (part.strip() for part in line[2:].split("|"))
        weights = {k: int(v) for k, v in (item.split(":") for item in outcomes.split())}
    except ValueError:
        raise ValueError(
            f"topic script line {number}: expected '## name | queue | outcome:weight ...', got {line!r}"
        ) from None
    return Topic(name, queue, weights)


def _check_answered(open_question: tuple[str, Question, int]) -> None:
    mark, question, number = open_question
    if not question.answers:
        answer_mark = next(a for a, q in ANSWER_KINDS.items() if q == mark)
        raise ValueError(
            f"topic script line {number}: {mark!r} line {question.text!r} needs at least one"
            f" {answer_mark!r} answer line right under it"
        )

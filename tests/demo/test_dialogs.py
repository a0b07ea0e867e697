"""Demo dialogs: every question is followed by one of its own answers (checked through the script objects)."""

from __future__ import annotations

from collections import Counter

import pytest

from callcenter_ai.core.demo import phrases as ph
from callcenter_ai.core.demo.generator import TOPICS, Dialog, DialogLine, generate_dialogs
from callcenter_ai.core.demo.script import Question, parse_topics
from callcenter_ai.core.demo.wording import asr_style

HEADER = "## тема | queue | решено:1\n> Проблема.\n! Действие.\n+ Решение.\n~ Уточнение?\n- Ответ на уточнение.\n"


@pytest.fixture(scope="module")
def dialogs() -> list[Dialog]:
    return list(generate_dialogs(300, seed=11))


def test_parser_attaches_answers_to_the_question_above() -> None:
    script = HEADER + "? Первый вопрос?\n= Ответ один.\n= Ответ два.\n? Второй вопрос?\n= Ответ три.\n"
    (topic,) = parse_topics(script)
    assert [(q.text, q.answers) for q in topic.questions] == [
        ("Первый вопрос?", ["Ответ один.", "Ответ два."]),
        ("Второй вопрос?", ["Ответ три."]),
    ]
    assert [(q.text, q.answers) for q in topic.followups] == [("Уточнение?", ["Ответ на уточнение."])]
    assert topic.openers == ["Проблема."] and topic.actions == ["Действие."] and topic.resolutions == ["Решение."]


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("= Ответ без вопроса.\n? Вопрос?\n= Ответ.\n", 7, "answer '= Ответ без вопроса.' has no '?' question"),
        ("? Вопрос?\n= Ответ.\n! Ещё действие.\n= Оторванный ответ.\n", 10, "has no '?' question"),
        ("? Вопрос?\n- Ответ оператора не на тот вопрос.\n", 8, "has no '~' question"),
        ("? Вопрос без ответов?\n! Действие.\n", 7, "needs at least one '=' answer"),
        ("? Вопрос?\n= Ответ.\n~ Вопрос клиента без ответа?\n", 9, "needs at least one '-' answer"),
    ],
)
def test_parser_rejects_answers_without_a_question(body: str, line: int, words: str) -> None:
    with pytest.raises(ValueError, match=f"topic script line {line}: ") as error:
        parse_topics(HEADER + body)
    assert words in str(error.value)


def test_parser_needs_questions_with_answers_in_every_topic() -> None:
    with pytest.raises(ValueError, match="'тема' has no questions"):
        parse_topics(HEADER)


def known_questions(dialog: Dialog) -> set[int]:
    topics = [t for t in TOPICS if t.name in (dialog.record["topic"], dialog.record.get("secondary_topic"))]
    generic = (
        ph.GENERIC_QUESTIONS + ph.VERIFY_ASKS + ph.OP_GREETINGS_ASKING_NAME + ph.OP_GREETINGS_OUTBOUND
    ) + ph.OP_ANYTHING_ELSE
    return {id(q) for q in generic} | {id(q) for t in topics for q in t.questions + t.followups}


def answered_within(lines: list[DialogLine], start: int, question: Question, speaker: str, turns: int = 2) -> bool:
    replies = [line for line in lines[start + 1 :] if line.speaker == speaker][:turns]
    return any(line.answers is question and line.answer in question.answers for line in replies)


def test_every_question_is_followed_by_one_of_its_answers(dialogs: list[Dialog]) -> None:
    asked: Counter[str] = Counter()
    delayed = 0
    for dialog in dialogs:
        known = known_questions(dialog)
        for i, line in enumerate(dialog.lines):
            if line.asks is None:
                assert i == 0 or "?" not in line.text or line.speaker == "client", (dialog.record["id"], line)
                continue
            assert id(line.asks) in known, (dialog.record["id"], line.asks.text)
            replier = "client" if line.speaker == "operator" else "operator"
            assert answered_within(dialog.lines, i, line.asks, replier), (dialog.record["id"], i, line.text)
            if dialog.lines[i + 1].answers is not line.asks:
                delayed += 1
            asked[line.asks.text] += 1
        for line in dialog.lines:  # and nothing answers a question that was not asked
            if line.answers is not None:
                assert any(earlier.asks is line.answers for earlier in dialog.lines), line
    assert delayed > 0  # natural non-answers happen, and the answer still comes
    operator_questions = {q.text for t in TOPICS for q in t.questions}
    assert operator_questions <= set(asked), operator_questions - set(asked)  # all 24 topics' questions in use
    followups = {q.text for t in TOPICS for q in t.followups}
    assert len(followups & set(asked)) > 0.8 * len(followups)
    assert {q.text for q in ph.VERIFY_ASKS} <= set(asked)


def test_planned_lines_are_the_turns_of_the_record(dialogs: list[Dialog]) -> None:
    for dialog in dialogs:
        turns = dialog.record["turns"]
        assert [t["speaker"] for t in turns] == [line.speaker for line in dialog.lines]
        asr = all(t["text"] == asr_style(t["text"]) for t in turns)
        for turn, line in zip(turns, dialog.lines, strict=True):
            assert turn["text"] == (asr_style(line.text) if asr else line.text)


def test_verification_answers_say_what_was_asked() -> None:
    wanted = {"договора": ("{contract}", "{phone}"), "фамилию": ("{client_full}",), "адрес": ("{address}",)}
    wanted |= {"кодовое": ("{codeword}",), "телефон": ("{contract}", "{phone}")}
    for question in ph.VERIFY_ASKS:
        slots = {slot for word, options in wanted.items() if word in question.text for slot in options}
        assert slots, question.text
        for answer in question.answers:
            assert any(slot in answer for slot in slots), (question.text, answer)


def test_same_seed_same_dialogs() -> None:
    def plan(seed: int) -> list[list[tuple[str, str, str]]]:
        return [[(x.speaker, x.text, x.answer) for x in d.lines] for d in generate_dialogs(40, seed=seed)]

    assert plan(5) == plan(5)
    assert plan(5) != plan(6)

"""A generator of bad import files: every kind of input the fault campaign tried, and more of each.

``bad_inputs()`` yields :class:`BadInput` cases (a file name, its bytes and what
the import must say); ``write_bad_inputs(folder)`` writes them.  Each case is a
file whose import must fail as a whole with exit status 1, name the file and
line (``name:line``) or the file (``name:``) with the expected catalog text,
print no traceback and leave the store unchanged.  Used by the fault tests
(tests/faults/test_bad_inputs.py) and ``benchmarks/bench_faults.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOOD_TURNS = [{"speaker": "client", "text": "алло"}, {"speaker": "operator", "text": "слушаю вас"}]


@dataclass(frozen=True)
class BadInput:
    name: str  # file name (its suffix picks the format)
    data: bytes
    expected: str  # text the error output must hold, after the file name
    line: int | None = None  # the line the problem is reported at (None: a problem of the whole file)


def _jsonl(*records: Any) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _call(dialog_id: str = "b1", **fields: Any) -> dict[str, Any]:
    return {"id": dialog_id, "turns": GOOD_TURNS, **fields}


BAD_NUMBERS: list[tuple[str, str]] = [
    ("-1", "must not be negative"),
    ("-0.5", "must not be negative"),
    ("NaN", "NaN is not valid JSON"),
    ("Infinity", "Infinity is not valid JSON"),
    ("-Infinity", "-Infinity is not valid JSON"),
    ("1e400", "must be a finite number"),
    ("9223372036854775808", "must be at most 1e+09 seconds"),
    ("9223372036854775807", "must be at most 1e+09 seconds"),
    ("18446744073709551616", "must be at most 1e+09 seconds"),
    ("1" + "0" * 400, "must be at most 1e+09 seconds"),
    ("1e300", "must be at most 1e+09 seconds"),
    ('"12"', "must be a number, got a string"),
    ("true", "must be a number, got true/false"),
    ("[1]", "must be a number, got an array"),
    ('{"s": 1}', "must be a number, got an object"),
]

BAD_DATES: list[tuple[str, str]] = [
    ("0001-01-01T00:00:00+03:00", "is outside the years 1 to 9999 once converted to UTC"),
    ("0001-01-01T00:00:00+23:59", "is outside the years 1 to 9999 once converted to UTC"),
    ("9999-12-31T23:59:59-05:00", "is outside the years 1 to 9999 once converted to UTC"),
    ("9999-12-31T20:00:00-23:00", "is outside the years 1 to 9999 once converted to UTC"),
    ("2026-02-30T10:00:00", "is not an ISO 8601 date-time"),
    ("2026-13-01", "is not an ISO 8601 date-time"),
    ("yesterday", "is not an ISO 8601 date-time"),
    ("2026-03-01T25:00:00", "is not an ISO 8601 date-time"),
    ("2026-03-01T10:00:00+25:00", "is not an ISO 8601 date-time"),
]

CSV_BAD_DATES: list[tuple[str, str]] = [
    ("0001-01-01T00:00:00+03:00", "is outside the years 1 to 9999 once converted to UTC"),
    ("9999-12-31T23:59:59-05:00", "is outside the years 1 to 9999 once converted to UTC"),
    ("31.02.2026", "is not a valid date"),
    ("00.01.2026 10:00", "is not a valid date"),
    ("2026-13-01", "is not an ISO 8601 date-time"),
    ("завтра", "is not an ISO 8601 date-time"),
]

CSV_BAD_NUMBERS: list[tuple[str, str]] = [
    ("-5", "must not be negative"),
    ("nan", "must be a finite number"),
    ("inf", "must be a finite number"),
    ("1e400", "must be a finite number"),
    ("99999999999999999999999", "must be at most 1e+09 seconds"),
    ("9223372036854775808", "must be at most 1e+09 seconds"),
    ("999999999:00:00", "must be at most 1e+09 seconds"),
    ("долго", "must be a number, got 'долго'"),
    ("12,5,5", "must be a number"),
]


def _jsonl_cases() -> Iterator[BadInput]:
    n = 0

    def case(data: bytes, expected: str, line: int | None = 2) -> BadInput:
        nonlocal n
        n += 1
        return BadInput(f"bad_{n:03d}.jsonl", data, expected, line)

    ok = _call("ok-1")
    for raw, expected in BAD_NUMBERS:
        for field in ("duration_s", "start", "end"):
            if field == "duration_s":
                line = f'{{"id": "b1", "turns": {json.dumps(GOOD_TURNS)}, "duration_s": {raw}}}'
            else:
                turn = f'{{"speaker": "client", "text": "алло", "{field}": {raw}}}'
                line = f'{{"id": "b1", "turns": [{turn}]}}'
            yield case(_jsonl(ok, line), expected)
    for raw, expected in BAD_NUMBERS:  # the bad value in the second turn: the field is named by its position
        turn = f'{{"speaker": "operator", "text": "да", "start": {raw}}}'
        line = f'{{"id": "b1", "turns": [{{"speaker": "client", "text": "алло"}}, {turn}]}}'
        yield case(_jsonl(ok, line), f"turns[1].start: {expected}" if "JSON" not in expected else expected)
    for label in ("operator", "topic", "channel", "direction", "outcome"):
        line = f'{{"id": "b1", "turns": {json.dumps(GOOD_TURNS)}, "{label}": "a\\udc00"}}'
        yield case(_jsonl(ok, line), f"{label}: contains an invalid Unicode character")
        yield case(_jsonl(ok, {**_call(), label: {"a": 1}}), f"{label}: must be a string, got an object")
    for raw, expected in BAD_DATES:
        yield case(_jsonl(ok, _call(started_at=raw)), f"started_at: {expected}")
    for value, expected in [
        (12.5, "must be an ISO 8601 date-time string, got a number"),
        ([2026], "must be an ISO 8601 date-time string, got an array"),
        (True, "must be an ISO 8601 date-time string, got true/false"),
    ]:
        yield case(_jsonl(ok, _call(started_at=value)), expected)
    for value, expected in [
        (None, "the call id is missing"),
        ("", "the call id is empty"),
        ("   ", "the call id is empty"),
        (1.5, "the call id must be a string or an integer, got a number"),
        (True, "the call id must be a string or an integer, got true/false"),
        ([1], "the call id must be a string or an integer, got an array"),
        ({"a": 1}, "the call id must be a string or an integer, got an object"),
        ("x" * 257, "the call id is longer than 256 characters"),
        ("a\x00b", "contains a NUL character"),
    ]:
        yield case(_jsonl(ok, {"id": value, "turns": GOOD_TURNS}), expected)
    yield case(_jsonl(ok, '{"id": "a\\ud800", "turns": [{"speaker": "client", "text": "x"}]}'), "lone surrogate")
    for speaker, expected in [
        ("робот", "unknown speaker 'робот'"),
        ("", "the speaker is empty"),
        (None, "the speaker is missing"),
        (5, "unknown speaker 5"),
    ]:
        yield case(_jsonl(ok, {"id": "b1", "turns": [{"speaker": speaker, "text": "алло"}]}), expected)
    for text, expected in [
        (None, "the text is missing"),
        (5, "the text must be a string, got a number"),
        (["a"], "the text must be a string, got an array"),
        ("a\x00b", "contains a NUL character"),
        ("а" * 200_001, "the text has 200,001 characters, more than the 200,000 allowed"),
    ]:
        yield case(_jsonl(ok, {"id": "b1", "turns": [{"speaker": "client", "text": text}]}), expected)
    for turns, expected in [
        ([], "turns is empty"),
        ("text", "turns must be an array"),
        ({"speaker": "client"}, "turns must be an array"),
        ([1], "must be an object with speaker and text"),
        ([{"speaker": "client", "text": ""}], "every turn of the call is empty"),
        (
            [{"speaker": "client", "text": "  "}, {"speaker": "operator", "text": "\t"}],
            "every turn of the call is empty",
        ),
        ([{"speaker": "client", "text": "а", "start": 5, "end": 1}], "start 5 is after end 1"),
        ([{"speaker": "client", "text": "б" * 200_000}] * 6, "more than the 1,000,000 allowed for a call"),
    ]:
        yield case(_jsonl(ok, {"id": "b1", "turns": turns}), expected)
    for line, expected in [
        ("{", "broken JSON"),
        ('{"id": "b1", "turns": [}', "broken JSON"),
        ('{"id": "b1",}', "broken JSON"),
        ("[1, 2]", "expected one call as a JSON object"),
        ('"just a string"', "expected one call as a JSON object"),
        ("42", "expected one call as a JSON object"),
        ("null", "expected one call as a JSON object"),
        ('{"id": "b1", "turns": ' + "[" * 100_000 + "]" * 100_000 + "}", "broken JSON"),
        ('{"id": "b1"}', "the call has neither turns nor text"),
        ('{"id": "b1", "turns": [], "text": "клиент: а"}', "give either turns or text"),
        ('{"id": "b1", "text": ""}', "the text is empty"),
        ('{"id": "b1", "text": "клиент:   "}', "every turn of the call is empty"),
        ('{"id": "b1", "text": 5}', "the text must be a string"),
        ('{"id": "ok-1", "turns": [{"speaker": "client", "text": "дубль"}]}', "duplicate call id 'ok-1'"),
        ('{"id": "b1", "turns": [{"speaker": "client", "text": "a"}], "x": NaN}', "NaN is not valid JSON"),
        ('{"id": "b1", "turns": [{"speaker": "client", "text": "a"}], "operator": 1.5}', "must be a string"),
        ('{"id": "b1", "turns": [{"speaker": "client", "text": "a"}], "topic": ["a"]}', "must be a string"),
        ('{"id": "b1", "turns": [{"speaker": "client", "text": "a"}], "x": 1, "metadata": {"x": 2}}', "given both"),
        ('{"id": "b1", "turns": [{"speaker": "client", "text": "a", "q": 1}], "turn_extras": 1}', "is reserved"),
    ]:
        yield case(_jsonl(ok, line), expected)
    yield BadInput("array.jsonl", b'[{"id": "b1"}]\n', "a JSON array, not JSON Lines", 1)
    yield BadInput("empty.jsonl", b"", "the file is empty")
    yield BadInput("blank.jsonl", b"\n\n  \n", "no calls in the file")
    yield BadInput("utf16.jsonl", '{"id": "b1"}\n'.encode("utf-16"), "UTF-16")
    yield BadInput("binary.jsonl", b"PK\x03\x04" + bytes(range(256)) * 4, "not a text file")
    yield BadInput("nul.jsonl", b'{"id": "b1",\x00 "turns": []}\n', "not a text file")
    mixed = _jsonl(ok) + '{"id": "b1", "text": "клиент: привет"}\n'.encode("cp1251")
    yield BadInput("mixed.jsonl", mixed, "not valid UTF-8 text", 2)


def _csv_cases() -> Iterator[BadInput]:
    n = 0

    def case(text: str, expected: str, line: int | None = 2, encoding: str = "utf-8") -> BadInput:
        nonlocal n
        n += 1
        return BadInput(f"bad_{n:03d}.csv", text.encode(encoding), expected, line)

    for raw, expected in CSV_BAD_DATES:
        yield case(f"id;text;started_at\nb1;клиент: алло;{raw}\n", f"started_at: {expected}")
        yield case(f"id;speaker;text;started_at\nb1;client;алло;{raw}\n", f"started_at: {expected}")
    for raw, expected in CSV_BAD_NUMBERS:
        yield case(f"id;text;duration_s\nb1;клиент: алло;{raw}\n", f"duration_s: {expected}")
        for column in ("start", "end", "order"):
            yield case(f"id;speaker;text;{column}\nb1;client;алло;{raw}\n", f"{column}: {expected}")
    for text, expected, line in [
        ("id;speaker;text\nb1;client;\nb1;operator;  \n", "every turn of the call is empty", 2),
        ("id;speaker;text\nb1;робот;алло\n", "unknown speaker 'робот'", 2),
        ("id;speaker;text\nb1;;алло\n", "the speaker is empty", 2),
        ("id;speaker;text\n;client;алло\n", "the call id", 2),
        ("id;speaker;text;order\nb1;client;а;1\nb1;operator;б;1\n", "turn order 1 repeats line 2", 3),
        ("id;speaker;text;topic\nb1;client;а;тариф\nb1;operator;б;возврат\n", "'возврат' differs", 3),
        ("id;speaker;text;start;end\nb1;client;а;5;1\n", "start 5 is after end 1", 2),
        ("id;text\nb1;клиент: да;лишнее\n", "the row has 3 cells, the header has 2", 2),
        ("id;text\nb1;клиент: да\nb1;клиент: нет\n", "duplicate call id 'b1' (first on line 2)", 3),
        ('id;text\nb1;"клиент: да\n', "broken CSV", 2),
        ("id;text\nb1;\n", "the text is empty", 2),
        ("id;text\nb1;клиент:\n", "every turn of the call is empty", 2),
        ("id;text\nb1;клиент: " + "ж" * 1_000_001 + "\n", "more than the 1,000,000 allowed", 2),
        ("id;speaker;text\nb1;client;" + "ж" * 200_001 + "\n", "more than the 200,000 allowed", 2),
    ]:
        yield case(text, expected, line)
    for text, expected in [
        ("speaker;text\noperator;Привет\n", "no call id column in the header"),
        ("id;speaker\nb1;operator\n", "no text column in the header"),
        ("id;call_id;text\n1;2;x\n", "the columns 'id' and 'call_id' both mean 'id'"),
        ("id;id;text\n1;2;x\n", "the columns 'id' and 'id' both mean 'id'"),
        ("просто строка текста\n", "the header has a single column"),
        ("id;text\n", "no calls in the file"),
        ("\n\n\n", "the file has only blank lines"),
    ]:
        yield case(text, expected, None)
    yield BadInput("empty.csv", b"", "the file is empty")
    yield BadInput("utf16.csv", "id;text\nb1;клиент: а\n".encode("utf-16"), "UTF-16")
    yield BadInput("binary.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a text file")


def bad_inputs() -> Iterator[BadInput]:
    """Every bad file, JSON Lines then CSV."""
    yield from _jsonl_cases()
    yield from _csv_cases()


def write_bad_inputs(folder: Path) -> list[tuple[Path, BadInput]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in bad_inputs():
        path = folder / item.name
        path.write_bytes(item.data)
        written.append((path, item))
    return written

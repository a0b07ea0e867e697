from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.errors import InputError
from callcenter_ai.core.ingest import ImportProgress, import_file, run_import
from callcenter_ai.core.ingest.fields import MAX_CALL_CHARS
from callcenter_ai.core.records import Turn

from .helpers import call, snapshot, stored, write_jsonl


def test_turns_with_every_field_round_trip(engine: Engine, tmp_path: Path) -> None:
    record = call("c1", channel="телефон", direction="входящий", outcome="решено", queue="billing", tags=["a", 1])
    record["turns"][1]["confidence"] = 0.93
    report = run_import(engine.calls, write_jsonl(tmp_path / "calls.jsonl", [record]))
    assert (report.inserted, report.invalid, report.format, report.encoding) == (1, 0, "jsonl", "utf-8")
    got = stored(engine, "c1")
    assert got.turns == (
        Turn("operator", "Здравствуйте, компания «Горизонт»", 0.0, 2.5),
        Turn("client", "С карты дважды списали 500 рублей", 3.0, 6.0),
    )
    assert (got.started_at, got.duration_s, got.operator, got.topic) == (
        "2026-03-01T10:15:00+03:00",
        312,
        "Анна",
        "двойное списание",
    )
    assert (got.channel, got.direction, got.outcome) == ("телефон", "входящий", "решено")
    assert got.metadata == {"queue": "billing", "tags": ["a", 1], "turn_extras": {"1": {"confidence": 0.93}}}


def test_text_with_speaker_labels_becomes_turns(engine: Engine, tmp_path: Path) -> None:
    text = "оператор: Добрый день\nклиент: нет интернета\nс самого утра\nAgent: checking\ncustomer: ok"
    run_import(engine.calls, write_jsonl(tmp_path / "t.jsonl", [{"id": 7, "text": text}]))
    assert [(t.speaker, t.text) for t in stored(engine, "7").turns] == [
        ("operator", "Добрый день"),
        ("client", "нет интернета\nс самого утра"),
        ("operator", "checking"),
        ("client", "ok"),
    ]


def test_reimport_is_idempotent_and_new_content_updates(engine: Engine, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [call("c1"), call("c2")])
    assert run_import(engine.calls, path).inserted == 2
    first = stored(engine, "c1")
    with engine.calls.transaction():
        engine.vectors.save_call_embedding(
            first.id,
            "m@2",
            first.content_hash,
            [],
            np.zeros((0, 2), np.float32),
            np.ones(2, np.float32) / np.sqrt(2),
        )
    again = run_import(engine.calls, path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert engine.vectors.embedded_count("m@2") == 1
    changed = call("c1")
    changed["turns"][1]["text"] = "Списали дважды 700 рублей"
    write_jsonl(path, [changed, call("c2")])
    third = run_import(engine.calls, path)
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 1)
    assert stored(engine, "c1").turns[1].text == "Списали дважды 700 рублей"
    assert engine.vectors.embedded_count("m@2") == 0  # marked for re-embedding
    assert engine.calls.count("calls") == 2


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([json.dumps(call("a")), '{"id": "b", "turns": [', json.dumps(call("c"))], ":2: broken JSON: Expecting value"),
        ([json.dumps({"turns": call()["turns"]})], ":1: id: the call id is missing"),
        ([json.dumps({"id": "  ", "text": "клиент: да"})], ":1: id: the call id is empty"),
        ([json.dumps({"id": "x"})], ":1: turns: the call has neither turns nor text"),
        ([json.dumps({"id": "x", "text": "  "})], ":1: text: the text is empty"),
        ([json.dumps({"id": "x", "turns": []})], ":1: turns: turns is empty"),
        ([json.dumps(call("a")), json.dumps(call("a"))], ":2: id: duplicate call id 'a' (first on line 1)"),
        ([json.dumps(call("a", started_at="вчера"))], ":1: started_at: is not an ISO 8601 date-time"),
        ([json.dumps(call("a", duration_s=-3))], ":1: duration_s: must not be negative"),
        ([json.dumps(call("a", duration_s="312"))], ":1: duration_s: must be a number, got a string"),
        ([json.dumps(call("a", operator={"name": "Анна"}))], ":1: operator: must be a string, got an object"),
        (['{"id": "a", "text": "клиент: да", "duration_s": NaN}'], ":1: broken JSON: NaN is not valid JSON"),
        (["[1, 2]"], ":1: a JSON array, not JSON Lines"),
        (['"just a string"'], ":1: expected one call as a JSON object"),
        (['{"id": "a", "text": "\\ud800"}'], ":1: text: contains an invalid Unicode character"),
        (
            [json.dumps({"id": "a", "turns": [{"speaker": "бот2", "text": "x"}]})],
            ":1: turns[0].speaker: unknown speaker 'бот2'",
        ),
        (
            [json.dumps({"id": "a", "turns": [{"speaker": "client", "text": "x", "start": 5, "end": 2}]})],
            ":1: turns[0]: start 5 is after end 2",
        ),
        (["{" + "[" * 100_000], ":1: broken JSON"),
    ],
)
def test_bad_record_fails_the_whole_file(holding_one: Engine, tmp_path: Path, lines: list[str], expected: str) -> None:
    before = snapshot(holding_one)
    path = write_jsonl(tmp_path / "bad.jsonl", lines)
    with pytest.raises(InputError) as info:
        run_import(holding_one.calls, path)
    assert f"{path}{expected}" in str(info.value)
    assert snapshot(holding_one) == before


def test_every_problem_is_listed_and_skip_invalid_imports_the_rest(engine: Engine, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [call("a"), "{oops", call("b", duration_s=-1), call("c"), call("a")])
    with pytest.raises(InputError) as info:
        run_import(engine.calls, path)
    assert [(p.line, p.field) for p in info.value.problems] == [(2, ""), (3, "duration_s"), (5, "id")]
    assert "3 of 5 records are invalid; nothing was imported" in info.value.summary
    assert engine.calls.count("calls") == 0
    report = run_import(engine.calls, path, skip_invalid=True)
    assert (report.inserted, report.invalid, report.committed) == (2, 3, True)
    assert [p.line for p in report.problems] == [2, 3, 5]
    assert sorted(c.dialog_id for ids in engine.calls.iter_call_ids() for c in engine.calls.get_calls(ids)) == [
        "a",
        "c",
    ]


def test_empty_blank_and_binary_files(engine: Engine, tmp_path: Path) -> None:
    run_import(engine.calls, write_jsonl(tmp_path / "old.jsonl", [call("old")]))
    before = snapshot(engine)
    cases = {
        "empty.jsonl": (b"", "the file is empty"),
        "blank.jsonl": (b"\n  \n\n", "no calls in the file"),
        "zip.jsonl": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 40, "not a text file"),
        "random.jsonl": (bytes((i * 97 + 13) % 256 for i in range(5000)).replace(b"\x00", b"\x01"), "not a text file"),
        "utf16.jsonl": ('{"id": "a"}'.encode("utf-16"), "UTF-16"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(InputError, match=message):
            run_import(engine.calls, path)
    with pytest.raises(InputError, match="no such file"):
        run_import(engine.calls, tmp_path / "missing.jsonl")
    assert snapshot(engine) == before


def test_windows_1251_file_is_read_and_a_mixed_encoding_line_is_refused(engine: Engine, tmp_path: Path) -> None:
    good = json.dumps(call("a"), ensure_ascii=False)
    path = tmp_path / "cp1251.jsonl"
    path.write_bytes((good + "\n").encode("cp1251"))
    report = run_import(engine.calls, path)
    assert (report.inserted, report.encoding) == (1, "cp1251")
    assert stored(engine, "a").turns[1].text == "С карты дважды списали 500 рублей"
    before = snapshot(engine)
    mixed = tmp_path / "mixed.jsonl"
    lines = [json.dumps(call("b"), ensure_ascii=False).encode() for _ in range(1)]
    lines.append(json.dumps(call("c"), ensure_ascii=False).encode("cp1251"))
    mixed.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(InputError) as info:
        run_import(engine.calls, mixed)
    assert f"{mixed}:2: not valid UTF-8 text" in str(info.value)
    assert "looks like Windows-1251 while the rest of the file is UTF-8" in str(info.value)
    assert snapshot(engine) == before


def test_ten_megabyte_transcript_streams(engine: Engine, tmp_path: Path) -> None:
    words = "клиент: " + "у меня двойное списание и нет интернета уже третий день подряд, " * 12 + "\n"
    text = words * (10_000_000 // len(words.encode()) + 1)
    path = write_jsonl(tmp_path / "long.jsonl", [call("short"), {"id": "long", "text": text}])
    assert path.stat().st_size > 10_000_000
    with pytest.raises(InputError) as too_big:  # read in full, then refused by the size limit of a call
        run_import(engine.calls, path)
    assert f":2: text: the text has {len(text):,} characters, more than the {MAX_CALL_CHARS:,} allowed" in str(
        too_big.value
    )
    assert run_import(engine.calls, path, skip_invalid=True).inserted == 1
    fits = words * (MAX_CALL_CHARS // len(words))
    assert run_import(engine.calls, write_jsonl(tmp_path / "fits.jsonl", [{"id": "long", "text": fits}])).inserted == 1
    assert len(stored(engine, "long").turns) == fits.count("\n")
    before = snapshot(engine)
    with pytest.raises(InputError) as info:
        too_long = write_jsonl(tmp_path / "too_long.jsonl", [{"id": "x", "text": text}])
        run_import(engine.calls, too_long, max_record_bytes=10**6)
    assert ":1: the line is longer than 1.0 MB" in str(info.value)
    assert snapshot(engine) == before


def test_progress_text_filter_and_cancel(engine: Engine, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "many.jsonl", [call(f"c{i}") for i in range(300)])
    jobs = import_file(engine.calls, path, text_filter=lambda text: text.replace("500", "***"))
    progress: list[ImportProgress] = []
    while True:
        try:
            progress.append(next(jobs))
        except StopIteration as stop:
            report = stop.value
            break
    assert progress[-1].phase == "done" and progress[-1].fraction == 1.0
    assert all(0.0 <= p.fraction <= 1.0 for p in progress)
    assert report.inserted == 300
    assert stored(engine, "c5").turns[1].text == "С карты дважды списали *** рублей"
    before = snapshot(engine)
    seen = {"n": 0}

    def cancel() -> bool:
        seen["n"] += 1
        return seen["n"] > 100

    other = write_jsonl(tmp_path / "other.jsonl", [call(f"n{i}") for i in range(300)])
    cancelled = run_import(engine.calls, other, cancel=cancel)
    assert cancelled.cancelled and not cancelled.committed
    assert snapshot(engine) == before


def test_abandoned_import_rolls_back(engine: Engine, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "many.jsonl", [call(f"c{i}") for i in range(50)])
    jobs = import_file(engine.calls, path)
    next(jobs)
    jobs.close()
    assert engine.calls.count("calls") == 0
    assert run_import(engine.calls, path).inserted == 50  # the connection is usable again

"""Import faults found by the campaign: empty turns, calendar-end dates, huge integers, size limits; on both
engines (``engine_home``, ``engine``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from callcenter_ai.core.engines import Engine, open_engine, store_exists
from callcenter_ai.core.errors import InputError
from callcenter_ai.core.ingest.fields import MAX_CALL_CHARS, MAX_TURN_CHARS
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import load_settings
from tests.faults.conftest import Run


def _jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _call(dialog_id: str = "c1", **extra: Any) -> dict[str, Any]:
    turns = [{"speaker": "client", "text": "алло"}, {"speaker": "operator", "text": "слушаю"}]
    return {"id": dialog_id, "turns": turns, **extra}


def _count(home: Path) -> int:
    settings = load_settings(home, environ={})
    if not store_exists(settings):
        return 0
    with open_engine(settings) as engine:
        return engine.calls.count("calls")


def test_an_empty_turn_is_dropped_with_a_counted_warning(engine_home: Path, run: Run, tmp_path: Path) -> None:
    turns = [
        {"speaker": "client", "text": "алло"},
        {"speaker": "operator", "text": ""},
        {"speaker": "client", "text": "  \t"},
        {"speaker": "operator", "text": "слушаю"},
    ]
    source = _jsonl(tmp_path / "asr.jsonl", {"id": "a1", "turns": turns}, _call("a2"))
    code, out, err = run("--home", str(engine_home), "import", str(source), "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["inserted"] == 2
    assert report["files"][0]["empty_turns"] == 2
    assert [w["field"] for w in report["files"][0]["warnings"]] == ["turns[1].text", "turns[2].text"]
    assert "asr.jsonl:1: turns[1].text: the turn has no words; it was dropped" in err
    with open_engine(load_settings(engine_home, environ={})) as engine:
        (stored,) = engine.calls.get_calls([engine.calls.call_id("a1")])
        assert [t.text for t in stored.turns] == ["алло", "слушаю"]
    code, out, _ = run("--home", str(engine_home), "import", str(source))
    assert code == 0 and "2 empty turns dropped" in out


def test_an_empty_csv_turn_row_is_dropped_and_a_call_of_only_silence_is_an_error(
    engine_home: Path, run: Run, tmp_path: Path
) -> None:
    source = tmp_path / "turns.csv"
    source.write_text("id;speaker;text\nc1;client;алло\nc1;operator;\nc2;client;\nc2;operator; \n", encoding="utf-8")
    code, out, err = run("--home", str(engine_home), "import", str(source), "--json")
    report = json.loads(out)["files"][0]
    assert code == 1 and "turns.csv:4: turns: every turn of the call is empty" in err
    assert _count(engine_home) == 0
    code, out, err = run("--home", str(engine_home), "import", str(source), "--skip-invalid", "--json")
    report = json.loads(out)["files"][0]
    assert code == 0 and report["inserted"] == 1 and report["invalid"] == 1 and report["empty_turns"] == 1
    assert "turns.csv:3: text: the turn has no words" in err


EXTREME_DATES = ["0001-01-01T00:00:00+03:00", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+23:59"]


@pytest.mark.parametrize("date", EXTREME_DATES)
def test_dates_beyond_the_calendar_in_utc_are_a_field_error_and_other_files_still_import(
    engine_home: Path, run: Run, tmp_path: Path, date: str
) -> None:
    bad = _jsonl(tmp_path / "bad.jsonl", _call("ok-1"), _call("x", started_at=date))
    csv = tmp_path / "bad.csv"
    csv.write_text(f"id;text;started_at\nx;клиент: алло;{date}\n", encoding="utf-8")
    good = _jsonl(tmp_path / "good.jsonl", _call("ok-2", started_at="9999-12-31T23:59:59+00:00"))
    code, out, err = run("--home", str(engine_home), "import", str(bad), str(csv), str(good), "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and report["inserted"] == 1 and "Traceback" not in err
    assert f"bad.jsonl:2: started_at: is outside the years 1 to 9999 once converted to UTC: {date!r}" in err
    assert "bad.csv:2: started_at: is outside the years 1 to 9999" in err
    assert [f["committed"] for f in report["files"]] == [False, False, True]


@pytest.mark.parametrize("skip", [False, True])
@pytest.mark.parametrize(
    ("field", "record"),
    [
        ("duration_s", _call("big", duration_s=2**63)),
        ("duration_s", _call("big", duration_s=10**400)),
        ("duration_s", _call("big", duration_s=1e300)),
        ("turns[0].start", {"id": "big", "turns": [{"speaker": "client", "text": "а", "start": 2**64}]}),
        ("turns[0].end", {"id": "big", "turns": [{"speaker": "client", "text": "а", "end": 9223372036854775808}]}),
    ],
)
def test_huge_integers_are_a_field_error(
    engine_home: Path, run: Run, tmp_path: Path, field: str, record: dict[str, Any], skip: bool
) -> None:
    source = tmp_path / "big.jsonl"
    source.write_text(json.dumps(_call("fine")) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    code, out, err = run(
        "--home", str(engine_home), "import", str(source), "--json", *(["--skip-invalid"] if skip else [])
    )
    assert json.loads(out)["ok"] == skip
    assert code == (0 if skip else 1) and "Traceback" not in err
    assert f"big.jsonl:2: {field}: must be at most 1e+09 seconds" in err
    assert _count(engine_home) == (1 if skip else 0)


def test_huge_csv_numbers_are_a_field_error(engine_home: Path, run: Run, tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    source.write_text("id;text;duration_s\nx;клиент: алло;99999999999999999999999\n", encoding="utf-8")
    code, _, err = run("--home", str(engine_home), "import", str(source))
    assert code == 1 and "big.csv:2: duration_s: must be at most 1e+09 seconds" in err


def test_size_limits_of_a_turn_and_a_call_are_enforced(engine_home: Path, run: Run, tmp_path: Path) -> None:
    long_turn = {"id": "t", "turns": [{"speaker": "client", "text": "а" * (MAX_TURN_CHARS + 1)}]}
    many = [{"speaker": "client", "text": "б" * MAX_TURN_CHARS} for _ in range(MAX_CALL_CHARS // MAX_TURN_CHARS + 1)]
    long_text = {"id": "x", "text": "клиент: " + "в" * MAX_CALL_CHARS}
    source = _jsonl(tmp_path / "long.jsonl", long_turn, {"id": "c", "turns": many}, long_text)
    code, _, err = run("--home", str(engine_home), "import", str(source))
    assert code == 1
    assert f"long.jsonl:1: turns[0].text: the text has {MAX_TURN_CHARS + 1:,} characters" in err
    assert f"long.jsonl:2: turns: the call's turns hold {MAX_TURN_CHARS * len(many):,} characters" in err
    assert "long.jsonl:3: text: the text has" in err


def test_the_store_refuses_an_out_of_range_record_built_in_code(engine: Engine) -> None:
    record = CallRecord(dialog_id="x", turns=(Turn("client", "а"),), duration_s=2**63)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="out of range"), engine.calls.transaction():
        engine.calls.upsert_call(record)
    record = CallRecord(dialog_id="y", turns=(Turn("client", "а"),), started_at="0001-01-01T00:00:00+03:00")
    with pytest.raises(InputError, match="out of range"), engine.calls.transaction():
        engine.calls.upsert_call(record)
    assert engine.calls.count("calls") == 0

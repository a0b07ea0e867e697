"""The import command; the commands that write (a good and a refused file) run on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import load_settings

from .helpers import call, write_jsonl


def test_import_command_reports_and_is_idempotent(
    engine_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(tmp_path / "calls.jsonl", [call("a"), call("b")])
    assert main(["--home", str(engine_home), "import", str(path)]) == 0
    assert f"{path}: 2 inserted, 0 updated, 0 unchanged, 0 invalid (jsonl, UTF-8" in capsys.readouterr().out
    assert main(["--home", str(engine_home), "import", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["ok"], out["inserted"], out["unchanged"], out["files"][0]["format"]) == (True, 0, 2, "jsonl")


def test_bad_file_exits_1_lists_problems_and_imports_nothing(
    engine_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [call("a")])
    bad = write_jsonl(tmp_path / "bad.jsonl", [call("b"), "{broken", {"id": "c"}])
    assert main(["--home", str(engine_home), "import", str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert f"error: {bad}: 2 of 3 records are invalid; nothing was imported" in captured.err
    assert f"{bad}:2: broken JSON: Expecting property name enclosed in double quotes (column 2)" in captured.err
    assert f"{bad}:3: turns: the call has neither turns nor text" in captured.err
    assert "hint: Fix the lines listed, or pass --skip-invalid" in captured.err
    assert f"{good}: 1 inserted" in captured.out  # the other file still goes in
    with open_engine(load_settings(engine_home, environ={})) as engine:
        assert engine.calls.count("calls") == 1

    assert main(["--home", str(engine_home), "import", "--skip-invalid", "--json", str(bad)]) == 0
    captured = capsys.readouterr()
    assert f"skipped: {bad}:2: broken JSON" in captured.err
    report = json.loads(captured.out)["files"][0]
    assert (report["inserted"], report["invalid"], [p["line"] for p in report["problems"]]) == (1, 2, [2, 3])


def test_empty_and_missing_files(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["--home", str(home), "import", "--json", str(empty), str(tmp_path / "nope.jsonl")]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["error"] for f in out["files"]] == [
        f"{empty}: the file is empty",
        f"{tmp_path / 'nope.jsonl'}: no such file",
    ]


def test_progress_bar_goes_to_stderr(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "calls.jsonl", [call(f"c{i}") for i in range(20)])
    assert main(["--home", str(home), "import", "--progress", str(path)]) == 0
    err = capsys.readouterr().err
    assert "calls.jsonl: 100%" in err and "20 calls" in err
    assert main(["--home", str(home), "import", "--no-progress", str(path)]) == 0
    assert capsys.readouterr().err == ""

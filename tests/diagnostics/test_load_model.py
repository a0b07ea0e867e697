"""``--load-model`` with the real processor on the tiny Qwen3 model, and with a model that cannot load."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.diagnostics.fakes import fake_pynvml
from tests.diagnostics.test_memory_diagnostics import memory_diagnostics


@pytest.fixture(autouse=True)
def no_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(no_driver=True))


def test_load_model_reports_every_stage(capsys: pytest.CaptureFixture[str], home: Path, tiny_model_dir: Path) -> None:
    code = memory_diagnostics.main(["--home", str(home), "--json", "--load-model", str(tiny_model_dir)])
    report = json.loads(capsys.readouterr().out)
    test = report["load_test"]
    assert test["ok"] is True and all(f["level"] == "info" for f in test["findings"])
    assert [s["stage"] for s in test["stages"]] == [
        "start",
        "before load",
        "loaded",
        "warmed up",
        "after batch",
        "unloaded",
    ]
    assert all(s["rss_bytes"] > 0 and s["gpu_used_bytes"] is None for s in test["stages"])
    assert (test["device"], test["precision"]) == ("cpu", "fp32")
    assert (test["texts"], test["tokens"], test["padded_tokens"]) == (4, 4 * 128, 4 * 128)
    assert test["tokens_per_s"] > 0 and test["vector_norms_ok"] is True
    assert test["peak_rss_bytes"] >= test["stages"][3]["rss_bytes"]
    assert any("loaded" in e for e in test["events"]) and any("unloaded" in e for e in test["events"])
    assert report["model"]["source"] == "folder" and report["model"]["hidden_size"] == 64
    assert "measured" in report["recommendations"]["reasons"]["max_tokens"]
    assert code == report["exit_code"] and code in (0, 1)


def test_load_model_text_and_custom_batch(capsys: pytest.CaptureFixture[str], home: Path, tiny_model_dir: Path) -> None:
    memory_diagnostics.main(
        ["--home", str(home), "--load-model", str(tiny_model_dir), "--test-texts", "3", "--test-tokens", "40"]
    )
    out = capsys.readouterr().out
    assert "== Load test ==" in out and "test batch: 3 texts, 120 tokens" in out
    assert "unloaded: process" in out


def test_model_that_cannot_load_is_an_error_exit_2(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-model"
    code = memory_diagnostics.main(["--home", str(home), "--json", "--load-model", str(missing)])
    report = json.loads(capsys.readouterr().out)
    assert code == 2 and report["status"] == "errors"
    errors = [f for f in report["findings"] if f["level"] == "error"]
    assert [f["code"] for f in errors] == ["model_unavailable"]
    assert str(missing) in errors[0]["message"]
    assert report["load_test"]["ok"] is False
    assert [s["stage"] for s in report["load_test"]["stages"]] == ["start", "before load", "unloaded"]


def test_load_model_without_a_name_uses_the_settings_model(
    capsys: pytest.CaptureFixture[str], home: Path, tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLCENTER_MODEL", str(tiny_model_dir))
    code = memory_diagnostics.main(["--home", str(home), "--json", "--load-model", "--test-tokens", "16"])
    report = json.loads(capsys.readouterr().out)
    assert report["load_test"]["model"] == str(tiny_model_dir)
    assert report["load_test"]["ok"] is True and code in (0, 1)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main


def test_stats_json_on_empty_home(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(home), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    for key in ("dialogs", "turns", "embedded_dialogs", "model", "index"):
        assert key in stats
    assert stats["dialogs"] == 0


def test_settings_set_and_show(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(home), "settings", "set", "batch_size=16"]) == 0
    capsys.readouterr()
    assert main(["--home", str(home), "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["batch_size"] == "16"


def test_known_error_becomes_message_and_exit_2(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "settings.json").write_text('{"batch_size": "x"}')
    assert main(["--home", str(home), "stats"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "batch_size" in err

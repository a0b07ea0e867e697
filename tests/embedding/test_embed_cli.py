"""``python -m callcenter_ai embed`` in-process, with the tiny model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import load_settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.vectors import embedded_models


def test_embed_command_json(home: Path, tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with CallStore.open(load_settings(home, environ={}).db_path) as store, store.transaction():
        for i in range(3):
            store.upsert_call(CallRecord(f"c{i}", (Turn("client", f"вопрос {i}"), Turn("operator", "ответ"))))
    code = main(["--home", str(home), "embed", "--model", str(tiny_model_dir), "--json", "--limit", "2"])
    out, err = capsys.readouterr()
    assert code == 0
    summary = json.loads(out)
    assert summary["calls"] == 2 and summary["unloaded"] is True and summary["fallback_reason"] is None
    assert "embed: 100%" in err and "2/2" in err
    with CallStore.open(load_settings(home, environ={}).db_path) as store:
        assert embedded_models(store.db) == {summary["model_id"]: 2}

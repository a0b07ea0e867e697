"""The канал (channel) and исход (outcome) filters: one builder for every shell, in the core, the CLI and saved form;
the search and the command line on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.engines import Engine, Searcher
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.search import build_filters, facets
from callcenter_ai.core.settings import Settings
from tests.calls import MODEL, add_call

CALLS = [  # dialog id, channel, outcome
    ("phone-solved", "телефон", "решено"),
    ("phone-escalated", "телефон", "эскалация"),
    ("chat-solved", "чат", "решено"),
    ("chat-callback", "чат", "перезвон"),
    ("messenger-solved", "мессенджер", "решено"),
]


@pytest.fixture
def filled(engine: Engine) -> Engine:
    for i, (dialog_id, channel, outcome) in enumerate(CALLS):
        turns = (("client", "у меня списали деньги дважды"), ("operator", "сейчас проверю"))
        add_call(engine, dialog_id, turns, seed=i, channel=channel, outcome=outcome)
    return engine


def ids(service: Searcher, **values: object) -> set[str]:
    results = service.search("списали деньги", k=10, mode="keyword", filters=build_filters(**values))  # type: ignore[arg-type]
    assert results.total == len(results)
    return {r.dialog_id for r in results}


def test_channel_and_outcome_filter_each_alone_and_together(filled: Engine, settings: Settings) -> None:
    service = filled.search_service(settings, model_id=MODEL)
    assert ids(service, channels=["чат"]) == {"chat-solved", "chat-callback"}
    assert ids(service, outcomes=["решено"]) == {"phone-solved", "chat-solved", "messenger-solved"}
    assert ids(service, channels=["чат", "мессенджер"], outcomes=["решено"]) == {"chat-solved", "messenger-solved"}
    assert ids(service, channels=[" ", ""]) == {c[0] for c in CALLS}  # blank: no condition
    assert ids(service, channels=["факс"]) == set()
    found = facets(filled.calls)
    assert found.channels == [("мессенджер", 1), ("телефон", 2), ("чат", 2)]
    assert ("решено", 3) in found.outcomes


def test_saved_form_round_trips_and_bad_values_are_clear_errors() -> None:
    filters = build_filters(channels=["чат"], outcomes=["решено"])
    assert build_filters(**filters.to_dict()) == filters
    with pytest.raises(ConfigError, match="channel"):
        build_filters(channels=[3])  # type: ignore[list-item]


def test_cli_flags(engine_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "calls.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for dialog_id, channel, outcome in CALLS:
            turns = [{"speaker": "client", "text": "списали деньги дважды"}, {"speaker": "operator", "text": "проверю"}]
            record = {"id": dialog_id, "channel": channel, "outcome": outcome, "turns": turns}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    home = str(engine_home)
    assert main(["--home", home, "import", str(source)]) == 0
    capsys.readouterr()
    argv = ["--home", home, "search", "списали", "--mode", "keyword", "--json"]
    assert main([*argv, "--channel", "чат", "--outcome", "перезвон"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [r["dialog_id"] for r in payload["results"]] == ["chat-callback"] and payload["total"] == 1

"""Personal data redacted on import when the setting asks; the import command on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.privacy import import_text_filter, redact_text
from callcenter_ai.core.settings import load_settings

CALL = {
    "id": "p-1",
    "turns": [
        {"speaker": "client", "text": "мой номер +7 916 123-45-67, почта ivan@example.ru"},
        {"speaker": "operator", "text": "Спасибо, записала заказ 12345"},
    ],
}


def test_filter_follows_the_setting(home: Path) -> None:
    assert import_text_filter(load_settings(home, environ={})) is None
    on = load_settings(home, overrides={"redact_on_import": "true"}, environ={})
    assert import_text_filter(on) is redact_text


@pytest.mark.parametrize("redact", [False, True])
def test_import_command_redacts_only_when_asked(engine_home: Path, tmp_path: Path, redact: bool) -> None:
    home = engine_home
    source = tmp_path / "calls.jsonl"
    source.write_text(json.dumps(CALL, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--home", str(home), "settings", "set", f"redact_on_import={str(redact).lower()}"]) == 0
    assert main(["--home", str(home), "import", str(source), "--no-progress"]) == 0
    with open_engine(load_settings(home, environ={})) as store:
        (call,) = store.calls.get_calls([store.calls.call_id("p-1")])
    turns = call.turns
    if redact:
        assert turns[0].text == "мой номер [ТЕЛЕФОН], почта [EMAIL]"
    else:
        assert turns[0].text == CALL["turns"][0]["text"]
    assert turns[1].text == "Спасибо, записала заказ 12345"  # an order number is not personal data

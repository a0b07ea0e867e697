"""The largest and oddest values the importer accepts are stored and read back the same on both engines.

The import checks (``core/ingest/fields.py``) bound what reaches a store: years 1–9999 after the
move to UTC, numbers up to 1e9 s, 200,000 characters a turn, 1,000,000 a call, any Unicode but
lone surrogates and NUL.  Each engine must hold all of that without an error of its own.
"""

from __future__ import annotations

import pytest

from callcenter_ai.core.engines.interface import Engine
from callcenter_ai.core.ingest.fields import MAX_CALL_CHARS, MAX_SECONDS, MAX_TURN_CHARS
from callcenter_ai.core.records import CallRecord, Turn

from .helpers import add

LONG_TURN = ("абвгд " * (MAX_TURN_CHARS // 6 + 1))[:MAX_TURN_CHARS]
ODD_TEXT = "emoji 🎧, RTL שלום, combining é, zero-width \u200b, tab\t, ключ 'кавычки' \"двойные\" \\ %_"


@pytest.mark.parametrize(
    ("started_at", "duration_s"),
    [
        ("0001-01-01T03:00:00+03:00", MAX_SECONDS),
        ("9999-12-31T18:59:59-05:00", 0.0),
        ("2026-03-01T10:15:00", None),
        (None, 0.001),
    ],
    ids=["year-1", "year-9999", "naive", "no-date"],
)
def test_calendar_ends_and_number_limits_round_trip(
    engine: Engine, started_at: str | None, duration_s: float | None
) -> None:
    turns = (Turn("client", ODD_TEXT, 0.0, MAX_SECONDS), Turn("operator", "Сейчас проверю", MAX_SECONDS, MAX_SECONDS))
    record = CallRecord(
        dialog_id="id/with/slashes и пробелы", turns=turns, started_at=started_at, duration_s=duration_s
    )
    stored = engine.calls.get_calls([add(engine, record)])[0]
    assert stored.turns == turns
    assert stored.started_at == started_at and stored.duration_s == duration_s
    assert engine.calls.call_id("id/with/slashes и пробелы") == stored.id


def test_a_call_at_the_size_limits_round_trips(engine: Engine) -> None:
    turns = tuple(Turn("client" if i % 2 else "operator", LONG_TURN) for i in range(MAX_CALL_CHARS // MAX_TURN_CHARS))
    assert sum(len(t.text) for t in turns) == MAX_CALL_CHARS
    stored = engine.calls.get_calls([add(engine, CallRecord(dialog_id="big", turns=turns))])[0]
    assert stored.turns == turns
    with engine.calls.transaction():
        assert engine.calls.upsert_call(CallRecord(dialog_id="big", turns=turns))[0] == "unchanged"

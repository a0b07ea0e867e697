"""Helpers for the importer tests: writing files, a stored call by its id, a snapshot of everything the store holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.store import CallStore


def write_jsonl(path: Path, records: list[dict[str, Any] | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def call(dialog_id: str = "c1", **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": dialog_id,
        "turns": [
            {"speaker": "operator", "text": "Здравствуйте, компания «Горизонт»", "start": 0.0, "end": 2.5},
            {"speaker": "client", "text": "С карты дважды списали 500 рублей", "start": 3.0, "end": 6.0},
        ],
        "started_at": "2026-03-01T10:15:00+03:00",
        "operator": "Анна",
        "topic": "двойное списание",
        "duration_s": 312,
    }
    record.update(extra)
    return record


def stored(engine: Engine, dialog_id: str) -> StoredCall:
    return engine.calls.get_calls([engine.calls.call_id(dialog_id)])[0]


def snapshot(engine: Engine | CallStore) -> dict[str, Any]:
    """Every row of calls and turns, to show a failed import changed nothing (an engine, or a bare SQLite store)."""
    db = engine.db if isinstance(engine, CallStore) else engine.sql
    return {
        "calls": [tuple(r) for r in db.execute("SELECT * FROM calls ORDER BY id").fetchall()],
        "turns": [tuple(r) for r in db.execute("SELECT * FROM turns ORDER BY id").fetchall()],
    }

"""JSON Lines: one call per line, with ``turns`` or a labelled ``text``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from callcenter_ai.core.ingest.fields import (
    RecordProblems,
    TextFilter,
    build_record,
    check_id,
    check_number,
    check_speaker,
    check_text,
)
from callcenter_ai.core.ingest.parsed import Parsed
from callcenter_ai.core.ingest.textio import read_lines
from callcenter_ai.core.records import CALL_FIELDS, CallRecord, Turn, parse_speaker_lines

TURN_KEYS = ("speaker", "text", "start", "end")
TURN_EXTRAS_KEY = "turn_extras"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_jsonl(
    path: Path, source: str, encoding: str, max_line_bytes: int, text_filter: TextFilter | None
) -> Iterator[Parsed]:
    for line in read_lines(path, encoding, max_line_bytes=max_line_bytes):
        p = RecordProblems(source, line.number)
        if line.problem:
            p.add(line.problem)
            yield Parsed(line.number, None, p.items, line.bytes_read)
            continue
        if not line.text.strip():
            continue
        obj = _load_object(line.text, p)
        record = None if obj is None else record_from_json(obj, p, text_filter)
        yield Parsed(line.number, record, p.items, line.bytes_read)


def _load_object(text: str, p: RecordProblems) -> dict[str, Any] | None:
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        p.add("broken JSON: nested too deeply")
        return None
    except json.JSONDecodeError as exc:
        p.add(f"broken JSON: {exc.msg} (column {exc.colno})")
        return None
    except ValueError as exc:
        p.add(f"broken JSON: {exc}")
        return None
    if not isinstance(obj, dict):
        p.add(f"expected one call as a JSON object {{...}}, got {type(obj).__name__}")
        return None
    return obj


def record_from_json(obj: dict[str, Any], p: RecordProblems, text_filter: TextFilter | None) -> CallRecord | None:
    external_id = check_id(obj.get("id"), p)
    metadata = {k: v for k, v in obj.items() if k not in ("id", "turns", "text", "metadata", *CALL_FIELDS)}
    nested = obj.get("metadata")
    if isinstance(nested, dict):
        for key in sorted(set(nested) & set(metadata)):
            p.add(f"key {key!r} is given both at the top level and in metadata", "metadata")
        metadata.update(nested)
    elif nested is not None:
        metadata["metadata"] = nested
    turns: list[Turn] | None = None
    if "turns" in obj and "text" in obj:
        p.add("give either turns or text, not both", "turns")
    elif "turns" in obj:
        turns = _turns(obj["turns"], p, metadata)
    elif "text" in obj:
        text = check_text(obj["text"], p, "text")
        if text is not None:
            turns = parse_speaker_lines(text)
    else:
        p.add("the call has neither turns nor text", "turns")
    return build_record(external_id, turns, obj, metadata, p, from_text=False, text_filter=text_filter)


def _turns(value: Any, p: RecordProblems, metadata: dict[str, Any]) -> list[Turn] | None:
    if not isinstance(value, list):
        p.add("turns must be an array of {speaker, text} objects", "turns")
        return None
    if not value:
        p.add("turns is empty", "turns")
        return None
    turns: list[Turn] = []
    extras: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(value):
        where = f"turns[{i}]"
        if not isinstance(item, dict):
            p.add("must be an object with speaker and text", where)
            continue
        speaker = check_speaker(item.get("speaker"), p, f"{where}.speaker")
        text = check_text(item.get("text"), p, f"{where}.text")
        start = check_number(item.get("start"), p, f"{where}.start", from_text=False)
        end = check_number(item.get("end"), p, f"{where}.end", from_text=False)
        if start is not None and end is not None and start > end:
            p.add(f"start {start} is after end {end}", where)
        rest = {k: v for k, v in item.items() if k not in TURN_KEYS}
        if rest:
            extras[str(i)] = rest
        if speaker is not None and text is not None:
            turns.append(Turn(speaker, text, start, end))
    if extras:
        if TURN_EXTRAS_KEY in metadata:
            p.add(f"{TURN_EXTRAS_KEY!r} is reserved for unknown keys of turns", TURN_EXTRAS_KEY)
        metadata[TURN_EXTRAS_KEY] = extras
    return turns

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
    check_turn_text,
)
from callcenter_ai.core.ingest.parsed import Parsed
from callcenter_ai.core.ingest.textio import read_lines
from callcenter_ai.core.messages import json_error, msg
from callcenter_ai.core.records import CALL_FIELDS, CallRecord, Turn, parse_speaker_lines

TURN_KEYS = ("speaker", "text", "start", "end")
TURN_EXTRAS_KEY = "turn_extras"


class _ConstantError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not valid JSON")
        self.name = name


def _reject_constant(name: str) -> Any:
    raise _ConstantError(name)


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
        yield Parsed(line.number, record, p.items, line.bytes_read, warnings=p.warnings)


def _load_object(text: str, p: RecordProblems) -> dict[str, Any] | None:
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        p.add(msg("json.too_deep"))
        return None
    except json.JSONDecodeError as exc:
        p.add(msg("json.decode", error=json_error(exc.msg), column=exc.colno))
        return None
    except _ConstantError as exc:
        p.add(msg("json.constant", name=exc.name))
        return None
    except ValueError as exc:
        p.add(msg("json.other", error=str(exc)))
        return None
    if not isinstance(obj, dict):
        p.add(msg("json.not_object", type=type(obj).__name__))
        return None
    return obj


def record_from_json(obj: dict[str, Any], p: RecordProblems, text_filter: TextFilter | None) -> CallRecord | None:
    dialog_id = check_id(obj.get("id"), p)
    metadata = {k: v for k, v in obj.items() if k not in ("id", "turns", "text", "metadata", *CALL_FIELDS)}
    nested = obj.get("metadata")
    if isinstance(nested, dict):
        for key in sorted(set(nested) & set(metadata)):
            p.add(msg("json.metadata_twice", key=key), "metadata")
        metadata.update(nested)
    elif nested is not None:
        metadata["metadata"] = nested
    turns: list[Turn] | None = None
    if "turns" in obj and "text" in obj:
        p.add(msg("json.turns_and_text"), "turns")
    elif "turns" in obj:
        turns = _turns(obj["turns"], p, metadata)
    elif "text" in obj:
        text = check_text(obj["text"], p, "text")
        if text is not None:
            turns = parse_speaker_lines(text)
    else:
        p.add(msg("json.no_turns_or_text"), "turns")
    return build_record(dialog_id, turns, obj, metadata, p, from_text=False, text_filter=text_filter)


def _turns(value: Any, p: RecordProblems, metadata: dict[str, Any]) -> list[Turn] | None:
    if not isinstance(value, list):
        p.add(msg("json.turns_not_array"), "turns")
        return None
    if not value:
        p.add(msg("json.turns_empty"), "turns")
        return None
    turns: list[Turn] = []
    extras: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(value):
        where = f"turns[{i}]"
        if not isinstance(item, dict):
            p.add(msg("json.turn_not_object"), where)
            continue
        speaker = check_speaker(item.get("speaker"), p, f"{where}.speaker")
        text = check_turn_text(item.get("text"), p, f"{where}.text")
        start = check_number(item.get("start"), p, f"{where}.start", from_text=False)
        end = check_number(item.get("end"), p, f"{where}.end", from_text=False)
        if start is not None and end is not None and start > end:
            p.add(msg("field.start_after_end", start=f"{start:g}", end=f"{end:g}"), where)
        rest = {k: v for k, v in item.items() if k not in TURN_KEYS}
        if rest:
            extras[str(i)] = rest
        if text == "":
            p.warn(msg("field.turn_empty"), f"{where}.text")
        elif speaker is not None and text is not None:
            turns.append(Turn(speaker, text, start, end))
    if extras:
        if TURN_EXTRAS_KEY in metadata:
            p.add(msg("json.reserved_key", key=TURN_EXTRAS_KEY), TURN_EXTRAS_KEY)
        metadata[TURN_EXTRAS_KEY] = extras
    return turns

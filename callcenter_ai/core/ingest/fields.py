"""Checking and converting the fields of one imported call.

Every check reports into a :class:`RecordProblems` (file, line) and returns
``None`` for a bad value, so one pass lists every problem of a record.
JSON values keep their types (a number must be a number); CSV cells are text
and are parsed (``12,5`` and ``05:12`` are numbers there).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from callcenter_ai.core.errors import Problem
from callcenter_ai.core.messages import Message, msg
from callcenter_ai.core.privacy import pseudonymise_clients
from callcenter_ai.core.records import CALL_FIELDS, SPEAKER_LABELS, CallRecord, Speaker, Turn
from callcenter_ai.core.store.calls import to_utc

MAX_ID_CHARS = 256
# Size limits (docs/IMPORT_FORMATS.md): a turn about 3 hours of speech, a call about 15 hours.
MAX_TURN_CHARS = 200_000
MAX_CALL_CHARS = 1_000_000
# Durations and turn times in seconds (about 31 years): larger ones are typos, and SQLite stores them exactly.
MAX_SECONDS = 1e9
TextFilter = Callable[[str], str]

SPEAKER_ALIASES: dict[str, Speaker] = {
    "operator": "operator",
    "client": "client",
    "unknown": "unknown",
    **SPEAKER_LABELS,
    "оператора": "operator",
    "клиента": "client",
    "user": "client",
    "caller": "client",
    "bot": "operator",
    "бот": "operator",
    "неизвестно": "unknown",
}

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_RU_DATETIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


@dataclass
class RecordProblems:
    """Problems of one record, located in its file."""

    source: str
    line: int
    items: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # kept records, changed (e.g. an empty turn dropped)

    def add(self, reason: Message, field_name: str = "", line: int | None = None) -> None:
        self.items.append(Problem.of(self.source, self.line if line is None else line, reason, field_name))

    def warn(self, reason: Message, field_name: str = "", line: int | None = None) -> None:
        self.warnings.append(Problem.of(self.source, self.line if line is None else line, reason, field_name))

    def __bool__(self) -> bool:
        return bool(self.items)


def _show(value: Any, limit: int = 40) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer with more digits than Python converts
        text = "a number too large to show"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _kind(value: Any) -> Message:
    names = {dict: "kind.object", list: "kind.array", str: "kind.string", bool: "kind.boolean", type(None): "kind.null"}
    return msg(names.get(type(value), "kind.number"))


def check_unicode(value: str, p: RecordProblems, field_name: str) -> bool:
    if _SURROGATE.search(value):
        p.add(msg("field.surrogate"), field_name)
        return False
    if "\x00" in value:
        p.add(msg("field.nul"), field_name)
        return False
    return True


def check_id(value: Any, p: RecordProblems) -> str | None:
    if value is None:
        p.add(msg("field.id_missing"), "id")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        p.add(msg("field.id_type", kind=_kind(value)), "id")
        return None
    text = str(value)
    if not text.strip():
        p.add(msg("field.id_empty"), "id")
        return None
    if len(text) > MAX_ID_CHARS:
        p.add(msg("field.id_too_long", limit=MAX_ID_CHARS), "id")
        return None
    return text if check_unicode(text, p, "id") else None


def check_speaker(value: Any, p: RecordProblems, field_name: str, line: int | None = None) -> Speaker | None:
    if isinstance(value, str):
        speaker = SPEAKER_ALIASES.get(value.strip().lower())
        if speaker is not None:
            return speaker
        if not value.strip():
            p.add(msg("field.speaker_empty"), field_name, line)
            return None
    elif value is None:
        p.add(msg("field.speaker_missing"), field_name, line)
        return None
    p.add(msg("field.speaker_unknown", value=_show(value)), field_name, line)
    return None


def check_text(
    value: Any, p: RecordProblems, field_name: str, line: int | None = None, *, limit: int = MAX_CALL_CHARS
) -> str | None:
    if value is None:
        p.add(msg("field.text_missing"), field_name, line)
        return None
    if not isinstance(value, str):
        p.add(msg("field.text_type", kind=_kind(value)), field_name, line)
        return None
    if not value.strip():
        p.add(msg("field.text_empty"), field_name, line)
        return None
    if len(value) > limit:
        p.add(msg("field.text_too_long", chars=len(value), limit=limit), field_name, line)
        return None
    return value.strip() if check_unicode(value, p, field_name) else None


def check_turn_text(value: Any, p: RecordProblems, field_name: str, line: int | None = None) -> str | None:
    """A turn's text; a blank one (silence, an ASR turn with no words) is "" and the caller drops it."""
    if isinstance(value, str) and not value.strip():
        return ""
    return check_text(value, p, field_name, line, limit=MAX_TURN_CHARS)


def parse_number_text(text: str) -> float | None:
    """``312``, ``12,5``, ``05:12`` or ``1:02:03`` as a number; None when it is none of those."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    clock = _CLOCK.match(text)
    if clock:
        hours, minutes, seconds = (int(g) if g else 0 for g in clock.groups())
        return float(hours * 3600 + minutes * 60 + seconds)
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def check_number(
    value: Any, p: RecordProblems, field_name: str, *, from_text: bool, line: int | None = None
) -> float | None:
    """A finite, non-negative number (or None when absent)."""
    if value is None or (from_text and isinstance(value, str) and not value.strip()):
        return None
    number: float | None
    if from_text and isinstance(value, str):
        number = parse_number_text(value)
        if number is None:
            p.add(msg("field.number_text", value=_show(value)), field_name, line)
            return None
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        p.add(msg("field.number_type", kind=_kind(value), value=_show(value)), field_name, line)
        return None
    elif isinstance(value, int) and value > MAX_SECONDS:  # before float(), which overflows past 1e308
        p.add(msg("field.number_too_large", value=_show(value), limit=f"{MAX_SECONDS:g}"), field_name, line)
        return None
    else:
        number = float(value)
    if not math.isfinite(number):
        p.add(msg("field.number_not_finite", value=_show(value)), field_name, line)
        return None
    if number < 0:
        p.add(msg("field.number_negative", value=_show(value)), field_name, line)
        return None
    if number > MAX_SECONDS:
        p.add(msg("field.number_too_large", value=_show(value), limit=f"{MAX_SECONDS:g}"), field_name, line)
        return None
    return number


def check_started_at(value: Any, p: RecordProblems, *, from_text: bool) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        p.add(msg("field.date_type", kind=_kind(value)), "started_at")
        return None
    text = value.strip()
    if not text:
        return None
    if from_text:
        ru = _RU_DATETIME.match(text)
        if ru:
            day, month, year, hour, minute, second = (int(g) if g else 0 for g in ru.groups())
            try:
                return datetime(year, month, day, hour, minute, second).isoformat()
            except ValueError:
                p.add(msg("field.date_invalid", value=_show(value)), "started_at")
                return None
    try:
        datetime.fromisoformat(text)
    except ValueError:
        p.add(msg("field.date_not_iso", value=_show(value)), "started_at")
        return None
    try:
        to_utc(text)  # the stored UTC time must be in the years 1..9999 too
    except OverflowError:
        p.add(msg("field.date_out_of_range", value=_show(value)), "started_at")
        return None
    return text if check_unicode(text, p, "started_at") else None


def check_label(value: Any, p: RecordProblems, field_name: str) -> str | None:
    """operator, topic, channel, direction, outcome: a short text (an integer is taken as text)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        p.add(msg("field.label_type", kind=_kind(value)), field_name)
        return None
    text = str(value).strip()
    if not text:
        return None
    return text if check_unicode(text, p, field_name) else None


def check_metadata(metadata: dict[str, Any], p: RecordProblems) -> bool:
    try:
        json.dumps(metadata, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError, RecursionError):
        p.add(msg("field.metadata"), "metadata")
        return False
    return True


def build_record(
    dialog_id: str | None,
    turns: list[Turn] | None,
    values: Mapping[str, Any],
    metadata: dict[str, Any],
    p: RecordProblems,
    *,
    from_text: bool,
    text_filter: TextFilter | None,
) -> CallRecord | None:
    """Check the call-level ``values`` (keys of CALL_FIELDS) and make the record, or None."""
    started_at = check_started_at(values.get("started_at"), p, from_text=from_text)
    duration = check_number(values.get("duration_s"), p, "duration_s", from_text=from_text)
    labels = {name: check_label(values.get(name), p, name) for name in CALL_FIELDS[2:]}
    check_metadata(metadata, p)
    if turns is not None and not turns and not p:
        p.add(msg("field.no_words"), "turns")
    chars = sum(len(t.text) for t in turns or ())
    if chars > MAX_CALL_CHARS:
        p.add(msg("field.call_too_long", chars=chars, limit=MAX_CALL_CHARS), "turns")
    if p or dialog_id is None or not turns:
        return None
    if text_filter is not None:
        turns = [Turn(t.speaker, text_filter(t.text), t.start, t.end) for t in turns]
        metadata = pseudonymise_clients(metadata)  # a redacted import keeps callers apart, not their numbers
    return CallRecord(
        dialog_id=dialog_id,
        turns=tuple(turns),
        started_at=started_at,
        duration_s=duration,
        metadata=metadata,
        **labels,
    )

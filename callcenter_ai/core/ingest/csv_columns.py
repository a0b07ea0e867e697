"""CSV headers: the delimiter, and column names in Russian or English mapped to our fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

from callcenter_ai.core.errors import InputError
from callcenter_ai.core.messages import HINTS, msg

DELIMITERS = (";", ",", "\t", "|")
DELIMITER_NAMES = {";": "semicolon", ",": "comma", "\t": "tab", "|": "vertical bar"}

# Canonical field -> accepted header names (compared after normalize()).
# fmt: off
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "call_id",
        "callid",
        "call",
        "dialog_id",
        "dialogue_id",
        "conversation_id",
        "session_id",
        "external_id",
        "id_звонка",
        "ид_звонка",
        "идентификатор",
        "идентификатор_звонка",
        "номер_звонка",
        "звонок",
        "код_звонка",
        "id_диалога",
        "диалог_id",
    ),
    "speaker": (
        "speaker",
        "role",
        "side",
        "participant",
        "speaker_role",
        "говорящий",
        "роль",
        "сторона",
        "спикер",
        "кто",
    ),
    "text": (
        "text",
        "utterance",
        "message",
        "transcript",
        "transcription",
        "phrase",
        "content",
        "dialog",
        "dialogue",
        "текст",
        "реплика",
        "фраза",
        "сообщение",
        "расшифровка",
        "транскрипт",
        "транскрипция",
        "диалог",
        "текст_реплики",
        "текст_звонка",
    ),
    "order": (
        "order",
        "position",
        "turn",
        "turn_no",
        "turn_number",
        "seq",
        "sequence",
        "порядок",
        "номер_реплики",
        "№",
    ),
    "start": ("start", "start_s", "begin", "start_sec", "начало", "начало_с"),
    "end": ("end", "end_s", "finish", "end_sec", "конец", "конец_с"),
    "started_at": (
        "started_at",
        "start_time",
        "started",
        "datetime",
        "date",
        "call_time",
        "call_date",
        "timestamp",
        "дата",
        "время",
        "дата_звонка",
        "время_звонка",
        "дата_и_время",
        "начало_звонка",
    ),
    "duration_s": ("duration_s", "duration", "duration_sec", "длительность", "продолжительность", "длительность_с"),
    "operator": ("operator", "agent", "operator_name", "agent_name", "оператор", "сотрудник", "имя_оператора"),
    "topic": ("topic", "category", "subject", "intent", "тема", "категория", "тематика", "тема_звонка"),
    "channel": ("channel", "канал"),
    "direction": ("direction", "направление"),
    "outcome": ("outcome", "result", "status", "resolution", "результат", "итог", "статус"),
}
# fmt: on
_BY_ALIAS = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
TURN_COLUMNS = ("speaker", "text", "order", "start", "end")


def normalize(name: str) -> str:
    name = name.replace("\ufeff", "").strip().lower().replace("ё", "е")
    return re.sub(r"[\s\-.]+", "_", name).strip("_")


def sniff_delimiter(header: str, source: str) -> str:
    """The delimiter that splits the header line most often (quoted parts ignored)."""
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if counts[best] == 0:
        raise InputError(msg("csv.single_column", source=source), hint=HINTS["csv.header"])
    return best


@dataclass(frozen=True)
class Columns:
    """Which cell of a row holds which field; ``extra`` are other columns kept as metadata."""

    fields: dict[str, int]
    extra: dict[str, int]
    per_turn: bool

    @property
    def shape(self) -> str:
        return "csv-turns" if self.per_turn else "csv-calls"


def map_columns(header: list[str], source: str) -> Columns:
    fields: dict[str, int] = {}
    extra: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = _BY_ALIAS.get(normalize(raw))
        shown = raw.replace("\ufeff", "").strip()
        if name is None:
            key = shown or f"column_{index + 1}"
            if key in extra:
                raise InputError(msg("csv.column_twice", source=source, column=key))
            extra[key] = index
        elif name in fields:
            first = header[fields[name]].strip()
            raise InputError(msg("csv.columns_same_meaning", source=source, first=first, second=shown, name=name))
        else:
            fields[name] = index
    if "id" not in fields:
        columns = [h.strip() for h in header]
        raise InputError(msg("csv.no_id_column", source=source, columns=columns), hint=HINTS["csv.id_column"])
    if "text" not in fields:
        columns = [h.strip() for h in header]
        raise InputError(msg("csv.no_text_column", source=source, columns=columns), hint=HINTS["csv.text_column"])
    per_turn = "speaker" in fields
    if not per_turn:  # turn columns mean nothing in a one-row-per-call file: keep them as metadata
        for name in ("order", "start", "end"):
            if name in fields:
                index = fields.pop(name)
                extra[header[index].strip()] = index
    return Columns(fields, extra, per_turn)

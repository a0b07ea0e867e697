"""CSV in both shapes call centers export: one row per call, or one row per turn.

Rows of one call in a per-turn file need not be next to each other, so the
rows are staged in a TEMP table of the import's own SQLite connection and the
calls assembled from it afterwards: memory stays flat for any file size.
Line numbers in problems are physical lines of the file.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callcenter_ai.core.errors import InputError
from callcenter_ai.core.ingest.csv_columns import Columns, map_columns, sniff_delimiter
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
from callcenter_ai.core.ingest.textio import Line, read_lines
from callcenter_ai.core.messages import Message, msg
from callcenter_ai.core.records import CALL_FIELDS, Turn, parse_speaker_lines

# A single 10 MB transcript must fit in one cell.
csv.field_size_limit(max(csv.field_size_limit(), 256 * 1024 * 1024))

_STAGE = "ingest_turn_rows"


class _Feeder:
    """Hands decoded lines to the csv module; remembers the line number, bytes read and bad lines."""

    def __init__(self, lines: Iterator[Line], source: str) -> None:
        self.lines = lines
        self.source = source
        self.number = 0
        self.bytes_read = 0
        self.bad_lines: list[tuple[int, Message]] = []

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.number = line.number
            self.bytes_read = line.bytes_read
            if line.problem:
                if not line.raw_end and not line.text:
                    raise InputError(msg("input.at_line", source=self.source, line=line.number, reason=line.problem))
                self.bad_lines.append((line.number, line.problem))
            yield line.text + line.raw_end

    def take_problems(self, last: int) -> list[tuple[int, Message]]:
        mine = [item for item in self.bad_lines if item[0] <= last]
        self.bad_lines = self.bad_lines[len(mine) :]
        return mine


@dataclass
class _Row:
    line: int  # first physical line of the row
    cells: dict[str, str]  # canonical field -> cell
    extra: dict[str, str]  # other columns (non-empty cells only)
    problems: RecordProblems


def parse_csv(
    path: Path,
    source: str,
    encoding: str,
    max_line_bytes: int,
    text_filter: TextFilter | None,
    db: sqlite3.Connection,
) -> tuple[str, Iterator[Parsed]]:
    """Read the header; return the file's shape ("csv-calls" or "csv-turns") and its records."""
    feeder = _Feeder(read_lines(path, encoding, max_line_bytes=max_line_bytes), source)
    lines = iter(feeder)
    header_text = next((text for text in lines if text.strip()), None)
    if header_text is None:
        raise InputError(msg("csv.blank_file", source=source))
    if feeder.bad_lines:
        number, why = feeder.bad_lines[0]
        raise InputError(msg("input.header_problem", source=source, line=number, reason=why))
    delimiter = sniff_delimiter(header_text, source)
    try:
        header = next(csv.reader([header_text], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputError(msg("csv.bad_header", source=source, line=feeder.number, error=str(exc))) from exc
    columns = map_columns(header, source)
    rows = _rows(csv.reader(lines, delimiter=delimiter, strict=True), feeder, columns, len(header))
    if columns.per_turn:
        return columns.shape, _stage_and_assemble(rows, columns, db, source, text_filter, feeder)
    return columns.shape, (_call_from_row(row, text_filter, feeder.bytes_read) for row in rows)


def _rows(reader: Any, feeder: _Feeder, columns: Columns, width: int) -> Iterator[_Row]:
    header_line = feeder.number
    last = header_line
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            first, last = last + 1, feeder.number
            p = RecordProblems(feeder.source, first)
            p.add(msg("csv.broken_row", error=str(exc)))
            feeder.take_problems(last)
            yield _Row(first, {}, {}, p)
            continue
        first, last = last + 1, header_line + reader.line_num
        p = RecordProblems(feeder.source, first)
        for number, why in feeder.take_problems(last):
            p.add(why, line=number)
        if not any(cell.strip() for cell in cells):
            if p:
                yield _Row(first, {}, {}, p)
            continue
        if len(cells) != width:
            p.add(msg("csv.cell_count", cells=len(cells), width=width))
        cells += [""] * (width - len(cells))
        yield _Row(
            first,
            {name: cells[i] for name, i in columns.fields.items()},
            {name: cells[i] for name, i in columns.extra.items() if cells[i].strip()},
            p,
        )


def _call_from_row(row: _Row, text_filter: TextFilter | None, bytes_read: int) -> Parsed:
    p = row.problems
    if not row.cells:  # a broken row: nothing to check
        return Parsed(row.line, None, p.items, bytes_read)
    dialog_id = check_id(row.cells["id"] or None, p)
    text = check_text(row.cells["text"], p, "text")
    turns = parse_speaker_lines(text) if text is not None else None
    values = {name: row.cells.get(name) for name in CALL_FIELDS}
    record = build_record(dialog_id, turns, values, dict(row.extra), p, from_text=True, text_filter=text_filter)
    return Parsed(row.line, record, p.items, bytes_read, warnings=p.warnings)


# -- one row per turn ---------------------------------------------------------


def _stage_and_assemble(
    rows: Iterator[_Row],
    columns: Columns,
    db: sqlite3.Connection,
    source: str,
    text_filter: TextFilter | None,
    feeder: _Feeder,
) -> Iterator[Parsed]:
    db.execute(f"DROP TABLE IF EXISTS temp.{_STAGE}")
    db.execute(
        f"CREATE TEMP TABLE {_STAGE} (row_no INTEGER PRIMARY KEY, call_key TEXT NOT NULL, line INTEGER NOT NULL,"
        " position REAL NOT NULL, speaker TEXT, text TEXT, start_s REAL, end_s REAL, call_fields TEXT NOT NULL,"
        " bad INTEGER NOT NULL)"
    )
    has_order = "order" in columns.fields
    for row_no, row in enumerate(rows):
        p = row.problems
        if not row.cells:
            yield Parsed(row.line, None, p.items, feeder.bytes_read)
            continue
        dialog_id = check_id(row.cells["id"] or None, p)
        speaker = check_speaker(row.cells["speaker"], p, "speaker")
        text = check_turn_text(row.cells["text"], p, "text")
        position: float | None = float(row_no)
        if has_order:
            position = check_number(row.cells["order"], p, "order", from_text=True)
            if position is None and not p:
                p.add(msg("csv.order_empty"), "order")
        start = check_number(row.cells.get("start"), p, "start", from_text=True)
        end = check_number(row.cells.get("end"), p, "end", from_text=True)
        if start is not None and end is not None and start > end:
            p.add(msg("field.start_after_end", start=f"{start:g}", end=f"{end:g}"), "start")
        if dialog_id is None:  # cannot belong to any call: an invalid record of its own
            yield Parsed(row.line, None, p.items, feeder.bytes_read)
            continue
        call_fields = {name: row.cells[name].strip() for name in CALL_FIELDS if row.cells.get(name, "").strip()}
        db.execute(
            f"INSERT INTO temp.{_STAGE} VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                row_no,
                dialog_id,
                row.line,
                position if position is not None else -1.0,
                speaker,
                text,
                start,
                end,
                json.dumps([call_fields, row.extra], ensure_ascii=False),
                1 if p else 0,
            ),
        )
        yield Parsed(row.line, None, p.items, feeder.bytes_read, counts=False)
    yield from _assemble(db, source, text_filter, feeder.bytes_read)
    db.execute(f"DROP TABLE temp.{_STAGE}")


def _assemble(db: sqlite3.Connection, source: str, text_filter: TextFilter | None, bytes_read: int) -> Iterator[Parsed]:
    total = int(db.execute(f"SELECT count(DISTINCT call_key) FROM temp.{_STAGE}").fetchone()[0])
    cursor = db.execute(
        f"SELECT r.call_key, r.line, r.position, r.speaker, r.text, r.start_s, r.end_s, r.call_fields, r.bad"
        f" FROM temp.{_STAGE} r JOIN (SELECT call_key, min(row_no) AS first_row FROM temp.{_STAGE}"
        " GROUP BY call_key) f ON f.call_key = r.call_key ORDER BY f.first_row, r.position, r.row_no"
    )
    group: list[tuple[Any, ...]] = []
    done = 0
    try:
        for row in cursor:
            if group and row[0] != group[0][0]:
                done += 1
                yield _call_from_group(group, source, text_filter, bytes_read, done, total)
                group = []
            group.append(row)
        if group:
            done += 1
            yield _call_from_group(group, source, text_filter, bytes_read, done, total)
    finally:
        cursor.close()


def _call_from_group(
    group: list[tuple[Any, ...]], source: str, text_filter: TextFilter | None, bytes_read: int, done: int, total: int
) -> Parsed:
    dialog_id, first_line = group[0][0], group[0][1]
    p = RecordProblems(source, first_line)
    if any(row[8] for row in group):  # its bad rows are already listed
        return Parsed(first_line, None, [], bytes_read, assembled=(done, total))
    values: dict[str, tuple[str, int]] = {}
    extra_values: dict[str, list[str]] = {}
    seen_positions: dict[float, int] = {}
    turns: list[Turn] = []
    for index, (_, line, position, speaker, text, start, end, fields_json, _bad) in enumerate(group):
        if position in seen_positions:
            p.add(msg("csv.order_repeats", position=position, line=seen_positions[position]), "order", line)
        seen_positions[position] = line
        if text:
            turns.append(Turn(speaker, text, start, end))
        else:
            p.warn(msg("field.turn_empty"), "text", line)
        call_fields, extra = json.loads(fields_json)
        for name, value in call_fields.items():
            if name not in values:
                values[name] = (value, line)
            elif values[name][0] != value:
                p.add(msg("csv.value_differs", value=value, first=values[name][0], line=values[name][1]), name, line)
        for name, value in extra.items():
            extra_values.setdefault(name, [""] * len(group))[index] = value
    metadata: dict[str, Any] = {}
    for name, cells in sorted(extra_values.items()):
        given = {cell for cell in cells if cell}
        metadata[name] = given.pop() if len(given) == 1 else cells  # one value per call, or one per turn
    record = build_record(
        dialog_id,
        turns,
        {name: value for name, (value, _) in values.items()},
        metadata,
        p,
        from_text=True,
        text_filter=text_filter,
    )
    return Parsed(first_line, record, p.items, bytes_read, assembled=(done, total), warnings=p.warnings)

"""The call store: calls and their turns in SQLite."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from callcenter_ai.core.errors import InputError, NotFoundError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.records import CallRecord, StoredCall, Turn, utc_now
from callcenter_ai.core.store.database import connect, transaction, translate_error

UpsertOutcome = Literal["inserted", "updated", "unchanged"]

_CALL_COLUMNS = (
    "id, external_id, started_at, duration_s, operator, topic, channel, direction, outcome, metadata, content_hash"
)


def to_utc(started_at: str | None) -> str | None:
    """ISO time in UTC for range filters; naive times are taken as UTC."""
    if not started_at:
        return None
    moment = datetime.fromisoformat(started_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class CallStore:
    """Calls and turns; one connection, used from one thread at a time."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> CallStore:
        return cls(connect(path, readonly=readonly), path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> CallStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.db)

    # -- writing -----------------------------------------------------------

    def upsert_call(self, record: CallRecord, *, now: str | None = None) -> tuple[UpsertOutcome, int]:
        """Insert or update one call; call inside :meth:`transaction`.

        The same id with the same content changes nothing.  New content
        replaces the turns and drops the call's vectors, so it is embedded
        again.
        """
        try:
            return self._upsert(record, now)
        except OverflowError as exc:  # a value the import checks would refuse (e.g. built in code)
            raise InputError(msg("store.value_out_of_range", id=record.dialog_id, error=exc)) from exc

    def upsert_calls(self, records: Sequence[CallRecord], *, now: str | None = None) -> list[tuple[UpsertOutcome, int]]:
        """:meth:`upsert_call` of each record, in order (SQLite has no round trips to save)."""
        return [self.upsert_call(record, now=now) for record in records]

    def _upsert(self, record: CallRecord, now: str | None) -> tuple[UpsertOutcome, int]:
        content_hash = record.content_hash()
        now = now or utc_now()
        row = self.db.execute(
            "SELECT id, content_hash FROM calls WHERE external_id = ?", (record.dialog_id,)
        ).fetchone()
        values = call_columns(record, content_hash)
        try:
            if row is None:
                call_id = self.db.execute(
                    "INSERT INTO calls (started_at, started_utc, duration_s, operator, topic, channel,"
                    " direction, outcome, metadata, content_hash, turn_count, char_count, external_id,"
                    " imported_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (*values, record.dialog_id, now, now),
                ).lastrowid
                assert call_id is not None
                outcome: UpsertOutcome = "inserted"
            elif row[1] == content_hash:
                return "unchanged", int(row[0])
            else:
                call_id = int(row[0])
                self.db.execute(
                    "UPDATE calls SET started_at=?, started_utc=?, duration_s=?, operator=?, topic=?,"
                    " channel=?, direction=?, outcome=?, metadata=?, content_hash=?, turn_count=?,"
                    " char_count=?, updated_at=? WHERE id=?",
                    (*values, now, call_id),
                )
                self.db.execute("DELETE FROM turns WHERE call_id = ?", (call_id,))
                self.db.execute("DELETE FROM chunks WHERE call_id = ?", (call_id,))
                self.db.execute("DELETE FROM call_vectors WHERE call_id = ?", (call_id,))
                outcome = "updated"
            self.db.executemany(
                "INSERT INTO turns (call_id, position, speaker, start_s, end_s, text) VALUES (?,?,?,?,?,?)",
                ((call_id, i, t.speaker, t.start, t.end, t.text) for i, t in enumerate(record.turns)),
            )
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        return outcome, int(call_id)

    def delete_calls(self, dialog_ids: Iterable[str]) -> int:
        """Delete calls (with turns, chunks and vectors); returns how many existed."""
        deleted = 0
        with self.transaction():
            for dialog_id in dialog_ids:
                deleted += self.db.execute("DELETE FROM calls WHERE external_id = ?", (dialog_id,)).rowcount
        return deleted

    def set_info(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)", (key, value))

    def info(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM store_info WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # -- reading -----------------------------------------------------------

    def call_id(self, dialog_id: str) -> int:
        row = self.db.execute("SELECT id FROM calls WHERE external_id = ?", (dialog_id,)).fetchone()
        if row is None:
            raise NotFoundError(msg("store.no_call_id", id=dialog_id))
        return int(row[0])

    def get_call(self, call_id: int) -> StoredCall:
        calls = self.get_calls([call_id])
        if not calls:
            raise NotFoundError(msg("store.no_call_row", id=call_id))
        return calls[0]

    def get_call_by_dialog_id(self, dialog_id: str) -> StoredCall:
        return self.get_call(self.call_id(dialog_id))

    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]:
        """Calls with their turns, in the order of ``call_ids`` (unknown ids skipped)."""
        found: dict[int, StoredCall] = {}
        for start in range(0, len(call_ids), 500):
            part = list(call_ids[start : start + 500])
            marks = ",".join("?" * len(part))
            turns: dict[int, list[Turn]] = {}
            for call_id, speaker, start_s, end_s, text in self.db.execute(
                f"SELECT call_id, speaker, start_s, end_s, text FROM turns WHERE call_id IN ({marks})"
                " ORDER BY call_id, position",
                part,
            ):
                turns.setdefault(call_id, []).append(Turn(speaker, text, start_s, end_s))
            for row in self.db.execute(f"SELECT {_CALL_COLUMNS} FROM calls WHERE id IN ({marks})", part):
                found[row[0]] = _stored_call(row, turns.get(row[0], []))
        return [found[i] for i in call_ids if i in found]

    def iter_call_ids(self, batch: int = 1000) -> Iterator[list[int]]:
        last = -1
        while True:
            ids = [
                r[0] for r in self.db.execute("SELECT id FROM calls WHERE id > ? ORDER BY id LIMIT ?", (last, batch))
            ]
            if not ids:
                return
            yield ids
            last = ids[-1]

    def count(self, table: str) -> int:
        if table not in ("calls", "turns", "chunks", "call_vectors"):
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def span(self) -> tuple[str | None, str | None, float | None, float | None]:
        """The first and last call's start, the mean turns per call and the mean duration (None: no calls)."""
        row = self.db.execute("SELECT min(started_at), max(started_at), avg(turn_count), avg(duration_s) FROM calls")
        first, last, turns, duration = row.fetchone()
        return first, last, turns, duration

    def has_table(self, name: str) -> bool:
        """Whether the schema has table ``name`` (a read-only store of an older version may lack newer ones)."""
        row = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
        return row is not None

    def distinct(self, column: str) -> list[str]:
        """Known operators, topics, channels ... for filter lists."""
        if column not in ("operator", "topic", "channel", "direction", "outcome"):
            raise ValueError(column)
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT DISTINCT {column} FROM calls WHERE {column} IS NOT NULL ORDER BY {column}"
            )
        ]

    def value_counts(self, column: str) -> list[tuple[str, int]]:
        """(value, calls) for each non-empty value of ``column``, by value: the filter panel's facets."""
        if column not in ("operator", "topic", "channel", "direction", "outcome"):
            raise ValueError(column)
        sql = (
            f"SELECT {column}, count(*) FROM calls WHERE {column} IS NOT NULL AND {column} != '' GROUP BY 1 ORDER BY 1"
        )
        return [(str(value), int(n)) for value, n in self.db.execute(sql)]


def _stored_call(row: Sequence[Any], turns: list[Turn]) -> StoredCall:
    return StoredCall(
        id=row[0],
        dialog_id=row[1],
        started_at=row[2],
        duration_s=row[3],
        operator=row[4],
        topic=row[5],
        channel=row[6],
        direction=row[7],
        outcome=row[8],
        metadata=json.loads(row[9]),
        content_hash=row[10],
        turns=tuple(turns),
    )


def call_columns(record: CallRecord, content_hash: str) -> tuple[object, ...]:
    """The values of a call's row, in column order, the same for every engine (started_at ... text_chars)."""
    return (
        record.started_at,
        to_utc(record.started_at),
        record.duration_s,
        record.operator,
        record.topic,
        record.channel,
        record.direction,
        record.outcome,
        json.dumps(record.metadata, ensure_ascii=False, sort_keys=True, default=str),
        content_hash,
        len(record.turns),
        sum(len(t.text) for t in record.turns),
    )

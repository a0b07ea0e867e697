"""Calls and turns in PostgreSQL; the keyword index is written with them, in the same statements."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from callcenter_ai.core.engines.interface import UpsertOutcome
from callcenter_ai.core.engines.pg.call_writes import upsert_calls
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.errors import NotFoundError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.records import CallRecord, StoredCall, Turn

_CALL_COLUMNS = (
    "id, external_id, started_at, duration_s, operator, topic, channel, direction, outcome, metadata, content_hash"
)


class PgCalls:
    def __init__(self, database: PgDatabase) -> None:
        self.database = database

    def transaction(self) -> AbstractContextManager[object]:
        return self.database.transaction()

    def upsert_call(self, record: CallRecord, *, now: str | None = None) -> tuple[UpsertOutcome, int]:
        """Insert or update one call (same rules as the SQLite engine); two writers of one id take turns."""
        return upsert_calls(self.database, [record], now)[0]

    def upsert_calls(self, records: Sequence[CallRecord], *, now: str | None = None) -> list[tuple[UpsertOutcome, int]]:
        """:meth:`upsert_call` for many calls in a few statements (:mod:`.call_writes`); outcomes in order."""
        return upsert_calls(self.database, records, now)

    def delete_calls(self, dialog_ids: Iterable[str]) -> int:
        ids = list(dialog_ids)
        rows = self.database.execute("DELETE FROM calls WHERE external_id = ANY(%s) RETURNING id", (ids,))
        return len(rows)

    def set_info(self, key: str, value: str) -> None:
        self.database.execute(
            "INSERT INTO store_info (key, value) VALUES (%s, %s)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (key, value),
        )

    def info(self, key: str) -> str | None:
        value = self.database.scalar("SELECT value FROM store_info WHERE key = %s", (key,))
        return None if value is None else str(value)

    def call_id(self, dialog_id: str) -> int:
        value = self.database.scalar("SELECT id FROM calls WHERE external_id = %s", (dialog_id,))
        if value is None:
            raise NotFoundError(msg("store.no_call_id", id=dialog_id))
        return int(value)

    def get_call(self, call_id: int) -> StoredCall:
        calls = self.get_calls([call_id])
        if not calls:
            raise NotFoundError(msg("store.no_call_row", id=call_id))
        return calls[0]

    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]:
        """Calls with their turns, in the order of ``call_ids`` (unknown ids skipped)."""
        ids = [int(i) for i in call_ids]
        turns: dict[int, list[Turn]] = {}
        with self.database.connection() as conn:
            for call_id, speaker, start_s, end_s, text in conn.execute(
                "SELECT call_id, speaker, start_s, end_s, text FROM turns WHERE call_id = ANY(%s)"
                " ORDER BY call_id, position",
                (ids,),
            ):
                turns.setdefault(int(call_id), []).append(Turn(speaker, text, start_s, end_s))
            rows = conn.execute(f"SELECT {_CALL_COLUMNS} FROM calls WHERE id = ANY(%s)", (ids,)).fetchall()
        found = {int(row[0]): _stored_call(row, turns.get(int(row[0]), [])) for row in rows}
        return [found[i] for i in ids if i in found]

    def iter_call_ids(self, batch: int = 1000) -> Iterator[list[int]]:
        last = -1
        while True:
            ids = [
                int(r[0])
                for r in self.database.execute("SELECT id FROM calls WHERE id > %s ORDER BY id LIMIT %s", (last, batch))
            ]
            if not ids:
                return
            yield ids
            last = ids[-1]

    def count(self, table: str) -> int:
        if table not in ("calls", "turns", "chunks", "call_vectors"):
            raise ValueError(table)
        return int(self.database.scalar(f"SELECT count(*) FROM {table}"))

    def span(self) -> tuple[str | None, str | None, float | None, float | None]:
        rows = self.database.execute(
            'SELECT min(started_at COLLATE "C"), max(started_at COLLATE "C"), avg(turn_count), avg(duration_s)'
            " FROM calls"
        )
        first, last, turns, duration = rows[0]
        return first, last, None if turns is None else float(turns), duration

    def distinct(self, column: str) -> list[str]:
        if column not in ("operator", "topic", "channel", "direction", "outcome"):
            raise ValueError(column)
        rows = self.database.execute(f"SELECT DISTINCT {column} FROM calls WHERE {column} IS NOT NULL")
        return sorted(str(r[0]) for r in rows)  # by code point, as SQLite orders them

    def value_counts(self, column: str) -> list[tuple[str, int]]:
        if column not in ("operator", "topic", "channel", "direction", "outcome"):
            raise ValueError(column)
        rows = self.database.execute(
            f"SELECT {column}, count(*) FROM calls WHERE {column} IS NOT NULL AND {column} != '' GROUP BY 1"
        )
        return sorted((str(r[0]), int(r[1])) for r in rows)  # by code point, as SQLite orders them


def _stored_call(row: Sequence[Any], turns: list[Turn]) -> StoredCall:
    metadata = row[9] if isinstance(row[9], dict) else json.loads(row[9])
    return StoredCall(
        id=int(row[0]),
        dialog_id=row[1],
        started_at=row[2],
        duration_s=row[3],
        operator=row[4],
        topic=row[5],
        channel=row[6],
        direction=row[7],
        outcome=row[8],
        metadata=metadata,
        content_hash=row[10],
        turns=tuple(turns),
    )

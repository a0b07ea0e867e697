"""Writing calls to PostgreSQL in batches: a few statements per batch, not a few per call.

A batch takes the advisory lock of each of its ids (in one order, so two
writers never wait on each other in a circle), reads which ids exist and with
what content, inserts the new calls and updates the changed ones from arrays
(``unnest``: one statement each, keyword index included) and streams all
their turns with ``COPY``.  It joins the caller's transaction (an import's),
so a file is still stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from callcenter_ai.core.engines.interface import UpsertOutcome
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.engines.pg.schema import TS_CONFIG, ts_text
from callcenter_ai.core.errors import InputError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.records import CallRecord, utc_now
from callcenter_ai.core.store.calls import call_columns, to_utc

INT64 = 2**63

# The calls' columns from call_columns(), then the texts of the keyword index (whole call, client, operator).
_COLUMNS = (
    ("started_at", "text"),
    ("started_utc", "text"),
    ("duration_s", "float8"),
    ("operator", "text"),
    ("topic", "text"),
    ("channel", "text"),
    ("direction", "text"),
    ("outcome", "text"),
    ("metadata", "text"),
    ("content_hash", "text"),
    ("turn_count", "int4"),
    ("char_count", "int4"),
)
_KEYWORD_COLUMNS = ("kw_all", "kw_client", "kw_operator")
_SIDES = (None, "client", "operator")


def _value(name: str) -> str:
    """The SQL of an unnested column as it is stored (metadata as jsonb, keyword texts as tsvectors)."""
    if name == "metadata":
        return "u.metadata::jsonb"
    if name in _KEYWORD_COLUMNS:
        return f"to_tsvector('{TS_CONFIG}', {ts_text('u.' + name)})"
    return f"u.{name}"


_NAMES = [c for c, _ in _COLUMNS] + list(_KEYWORD_COLUMNS)
_UNNEST = (
    "unnest(" + ", ".join(f"%s::{kind}[]" for _, kind in _COLUMNS) + ", %s::text[], %s::text[], %s::text[], %s::text[])"
)
_INSERT = (
    f"INSERT INTO calls ({', '.join(_NAMES)}, external_id, imported_at, updated_at)"
    f" SELECT {', '.join(_value(n) for n in _NAMES)}, u.external_id, %s, %s"
    f" FROM {_UNNEST} AS u({', '.join(_NAMES)}, external_id) RETURNING id, external_id"
)
_UPDATE = (
    f"UPDATE calls SET {', '.join(f'{n} = {_value(n)}' for n in _NAMES)}, updated_at = %s"
    f" FROM {_UNNEST.replace('unnest(', 'unnest(%s::bigint[], ', 1)} AS u(id, {', '.join(_NAMES)}, external_id)"
    " WHERE calls.id = u.id"
)


def _rows(records: Sequence[CallRecord], hashes: Sequence[str]) -> list[tuple[Any, ...]]:
    """Each call's column values, its keyword texts and its id, as :data:`_UNNEST` takes them."""
    return [
        (
            *call_columns(record, content_hash),
            *(" ".join(t.text for t in record.turns if side in (None, t.speaker)) for side in _SIDES),
            record.dialog_id,
        )
        for record, content_hash in zip(records, hashes, strict=True)
    ]


def check_range(record: CallRecord) -> None:
    """Refuse, as the SQLite engine does, a record built in code with a value no store column holds: an integer
    beyond 64 bits (float8 would take it, rounded), a start beyond the years 1 to 9999 once in UTC."""
    numbers = [record.duration_s, *(v for t in record.turns for v in (t.start, t.end))]
    try:
        big = next((n for n in numbers if isinstance(n, int) and not -INT64 <= n < INT64), None)
        if big is not None:
            raise OverflowError(f"{big} does not fit in 64 bits")
        to_utc(record.started_at)
    except OverflowError as exc:
        raise InputError(msg("store.value_out_of_range", id=record.dialog_id, error=exc)) from exc


def _arrays(rows: Sequence[tuple[Any, ...]]) -> list[list[Any]]:
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(len(_NAMES) + 1)]


def upsert_calls(
    database: PgDatabase, records: Sequence[CallRecord], now: str | None = None
) -> list[tuple[UpsertOutcome, int]]:
    """Insert or update ``records`` (same rules as one at a time); each one's outcome and row id, in order."""
    if len({r.dialog_id for r in records}) < len(records):  # one id twice: the later one wins, as one by one
        return [found for record in records for found in upsert_calls(database, [record], now)]
    if not records:
        return []
    for record in records:
        check_range(record)
    now = now or utc_now()
    hashes = [r.content_hash() for r in records]
    ids = [r.dialog_id for r in records]
    with database.transaction() as conn:
        # Serialises writers of the same ids until commit; others go on in parallel.
        conn.execute(
            "SELECT pg_advisory_xact_lock(h) FROM"
            " (SELECT DISTINCT hashtext(x) AS h FROM unnest(%s::text[]) AS x ORDER BY h) AS ordered",
            (ids,),
        )
        stored = {
            str(r[0]): (int(r[1]), str(r[2]))
            for r in conn.execute("SELECT external_id, id, content_hash FROM calls WHERE external_id = ANY(%s)", (ids,))
        }
        new = [i for i, r in enumerate(records) if r.dialog_id not in stored]
        changed = [i for i, r in enumerate(records) if r.dialog_id in stored and stored[r.dialog_id][1] != hashes[i]]
        call_ids = {dialog_id: found[0] for dialog_id, found in stored.items()}
        if new:
            rows = _rows([records[i] for i in new], [hashes[i] for i in new])
            inserted = conn.execute(_INSERT, (now, now, *_arrays(rows))).fetchall()
            call_ids.update((str(r[1]), int(r[0])) for r in inserted)
        if changed:
            rows = _rows([records[i] for i in changed], [hashes[i] for i in changed])
            updated = [call_ids[records[i].dialog_id] for i in changed]
            conn.execute(_UPDATE, (now, updated, *_arrays(rows)))
            for table in ("turns", "chunks", "call_vectors"):
                conn.execute(f"DELETE FROM {table} WHERE call_id = ANY(%s)", (updated,))
        turns = "COPY turns (call_id, position, speaker, start_s, end_s, text) FROM STDIN"
        with conn.cursor() as cursor, cursor.copy(turns) as copy:
            for i in [*new, *changed]:
                call_id = call_ids[records[i].dialog_id]
                for position, t in enumerate(records[i].turns):
                    copy.write_row((call_id, position, t.speaker, t.start, t.end, t.text))
    outcome: dict[int, UpsertOutcome] = {**dict.fromkeys(new, "inserted"), **dict.fromkeys(changed, "updated")}
    return [(outcome.get(i, "unchanged"), call_ids[r.dialog_id]) for i, r in enumerate(records)]

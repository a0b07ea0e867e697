"""Importing one file of calls into the store, as one transaction.

:func:`import_file` is a generator: it yields :class:`ImportProgress` between
records (so a GUI worker can show progress and cancel) and returns an
:class:`ImportReport`.  A file with any invalid record writes nothing and
raises :class:`InputError` listing every problem, unless ``skip_invalid``.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path
from typing import Literal, Protocol

from callcenter_ai.core.errors import InputError, Problem
from callcenter_ai.core.ingest.csv_reader import parse_csv
from callcenter_ai.core.ingest.fields import TextFilter
from callcenter_ai.core.ingest.jsonl import parse_jsonl
from callcenter_ai.core.ingest.parsed import Parsed
from callcenter_ai.core.ingest.report import ImportProgress, ImportReport
from callcenter_ai.core.ingest.textio import ENCODING_NAMES, MAX_LINE_BYTES, UTF8_BOM, sniff_encoding
from callcenter_ai.core.jobs import run_to_end
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.records import CallRecord
from callcenter_ai.core.store import CallStore, translate_error

log = logging.getLogger(__name__)

FormatChoice = Literal["auto", "jsonl", "csv"]
FORMAT_CHOICES: tuple[FormatChoice, ...] = ("auto", "jsonl", "csv")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv", ".tab")
PROGRESS_EVERY_S = 0.1
BATCH = 250  # calls written together (a server takes a batch in a few statements, not a few per call)

_SEEN = "ingest_seen_ids"


class _Cancelled(Exception):
    pass


class CallWriter(Protocol):
    """Where calls are written: the SQLite store, or another engine's calls (the server's)."""

    def transaction(self) -> AbstractContextManager[object]: ...
    def upsert_call(self, record: CallRecord, *, now: str | None = None) -> tuple[str, int]: ...
    def upsert_calls(self, records: Sequence[CallRecord], *, now: str | None = None) -> Sequence[tuple[str, int]]: ...


@contextmanager
def _scratch(store: CallWriter) -> Iterator[sqlite3.Connection]:
    """Scratch tables (ids seen, CSV rows staged): the store's own temp tables, else a private SQLite file."""
    if isinstance(store, CallStore):
        yield store.db
        return
    with (
        tempfile.TemporaryDirectory(prefix="cc-import-") as folder,
        closing(sqlite3.connect(Path(folder) / "scratch.db", isolation_level=None)) as db,
    ):
        db.execute("PRAGMA journal_mode = OFF")
        yield db


def detect_format(path: Path, encoding: str, choice: FormatChoice = "auto") -> Literal["jsonl", "csv"]:
    """By the choice, else the suffix, else the first character: ``{`` is JSON Lines."""
    if choice != "auto":
        return choice
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "jsonl" if _first_text(path, encoding)[1].startswith(("{", "[")) else "csv"


def import_file(
    store: CallWriter,
    path: Path | str,
    *,
    skip_invalid: bool = False,
    text_filter: TextFilter | None = None,
    cancel: Callable[[], bool] | None = None,
    file_format: FormatChoice = "auto",
    max_record_bytes: int = MAX_LINE_BYTES,
) -> Generator[ImportProgress, None, ImportReport]:
    """Import one file in one transaction; yields progress, returns the report.

    ``text_filter`` is applied to every turn's text before it is stored (e.g.
    a redactor).  ``cancel()`` is checked between records: when it returns
    true the file is rolled back and the report says ``cancelled``.
    """
    path = Path(path)
    source = str(path)
    started = time.monotonic()
    if not path.is_file():
        raise InputError(msg("input.no_such_file" if not path.exists() else "input.not_a_file", source=source))
    total_bytes = path.stat().st_size
    encoding = sniff_encoding(path, source)
    report = ImportReport(source, encoding=encoding)
    kind = detect_format(path, encoding, file_format)
    if kind == "jsonl":
        _refuse_json_array(path, encoding, source)
    log.info("importing %s (%s, %s, %d bytes)", source, kind, ENCODING_NAMES[encoding], total_bytes)
    last_yield = 0.0
    records = 0
    try:
        with store.transaction(), _scratch(store) as db:
            _create_seen_table(db, source)
            pending: list[CallRecord] = []
            if kind == "jsonl":
                report.format = "jsonl"
                items: Iterator[Parsed] = parse_jsonl(path, source, encoding, max_record_bytes, text_filter)
            else:
                report.format, items = parse_csv(path, source, encoding, max_record_bytes, text_filter, db)
            for item in items:
                if cancel is not None and cancel():
                    raise _Cancelled
                for problem in item.problems:
                    report.add_problem(problem)
                report.bytes_read = item.bytes_read
                if item.counts:
                    records += 1
                    accepted = _store_one(db, item, report, pending, write=skip_invalid or not report.problems_total)
                    if len(pending) >= BATCH:
                        _write(store, pending, report)
                    if accepted:
                        for warning in item.warnings:
                            report.add_warning(warning)
                now = time.monotonic()
                if now - last_yield >= PROGRESS_EVERY_S:
                    last_yield = now
                    yield _progress(report, total_bytes, records, item, now - started)
            if records == 0:
                raise InputError(msg("input.no_calls", source=source), hint=HINTS["input.formats"])
            if not report.problems_total or skip_invalid:
                _write(store, pending, report)
            if report.problems_total and not skip_invalid:
                raise InputError(
                    msg("input.invalid_records", source=source, invalid=report.invalid, records=records),
                    _listed(report),
                    hint=HINTS["input.fix_or_skip"],
                )
            db.execute(f"DROP TABLE temp.{_SEEN}")
            report.committed = True
    except _Cancelled:
        report.cancelled = True
        log.info("import of %s cancelled after %d records; rolled back", source, records)
    except sqlite3.Error as exc:
        raise translate_error(exc, store.path if isinstance(store, CallStore) else source) from exc
    report.elapsed_s = time.monotonic() - started
    if report.committed:
        log.info(
            "imported %s: %d inserted, %d updated, %d unchanged, %d invalid in %.1f s",
            source, report.inserted, report.updated, report.unchanged, report.invalid, report.elapsed_s,
        )  # fmt: skip
    yield ImportProgress(source, "done", report.bytes_read, total_bytes, records, None, report.elapsed_s)
    return report


def run_import(
    store: CallWriter,
    path: Path | str,
    *,
    skip_invalid: bool = False,
    text_filter: TextFilter | None = None,
    cancel: Callable[[], bool] | None = None,
    file_format: FormatChoice = "auto",
    max_record_bytes: int = MAX_LINE_BYTES,
) -> ImportReport:
    """Run :func:`import_file` to the end and return its report."""
    return run_to_end(
        import_file(
            store,
            path,
            skip_invalid=skip_invalid,
            text_filter=text_filter,
            cancel=cancel,
            file_format=file_format,
            max_record_bytes=max_record_bytes,
        )
    )


def _store_one(
    db: sqlite3.Connection, item: Parsed, report: ImportReport, pending: list[CallRecord], *, write: bool
) -> bool:
    """Add a valid record to ``pending`` (or only note its id when ``write`` is false); False for an invalid one."""
    record = item.record
    if record is None:
        report.invalid += 1
        return False
    first = db.execute(f"SELECT line FROM temp.{_SEEN} WHERE dialog_id = ?", (record.dialog_id,)).fetchone()
    if first is not None:
        report.invalid += 1
        report.add_problem(
            Problem.of(report.source, item.line, msg("field.duplicate_id", id=record.dialog_id, first=first[0]), "id")
        )
        return False
    db.execute(f"INSERT INTO temp.{_SEEN} VALUES (?, ?)", (record.dialog_id, item.line))
    if write:  # else the file already failed: only look for more problems
        pending.append(record)
    return True


def _write(store: CallWriter, pending: list[CallRecord], report: ImportReport) -> None:
    """Upsert the pending records in one batch, count their outcomes, empty the list."""
    for outcome, _ in store.upsert_calls(pending) if pending else []:
        setattr(report, outcome, getattr(report, outcome) + 1)
    pending.clear()


def _create_seen_table(db: sqlite3.Connection, source: str) -> None:
    db.execute(f"DROP TABLE IF EXISTS temp.{_SEEN}")
    db.execute(f"CREATE TEMP TABLE {_SEEN} (dialog_id TEXT PRIMARY KEY, line INTEGER NOT NULL)")


def _progress(report: ImportReport, total_bytes: int, records: int, item: Parsed, elapsed: float) -> ImportProgress:
    if item.assembled is not None:
        done, total = item.assembled
        return ImportProgress(report.source, "assembling", report.bytes_read, total_bytes, done, total, elapsed)
    return ImportProgress(report.source, "reading", report.bytes_read, total_bytes, records, None, elapsed)


def _listed(report: ImportReport) -> list[Problem]:
    problems = list(report.problems)
    hidden = report.problems_total - len(problems)
    if hidden > 0:
        problems.append(Problem.of(report.source, problems[-1].line, msg("input.more_problems", hidden=hidden)))
    return problems


def _first_text(path: Path, encoding: str) -> tuple[int, str]:
    """The line number and first characters of the first non-blank line (looked for in the first 64 KB)."""
    with path.open("rb") as f:
        head = f.read(64 * 1024).decode("utf-8" if encoding == UTF8_BOM else encoding, errors="replace")
    stripped = head.lstrip("\ufeff \t\r\n")
    return head[: len(head) - len(stripped)].count("\n") + 1, stripped[:16]


def _refuse_json_array(path: Path, encoding: str, source: str) -> None:
    number, text = _first_text(path, encoding)
    if text.startswith("["):
        raise InputError(msg("input.json_array", source=source, line=number), hint=HINTS["input.json_lines"])

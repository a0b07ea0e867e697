"""Opening the SQLite store: WAL, foreign keys, migrations, error mapping."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from callcenter_ai.core.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    SchemaTooNewError,
    StoreError,
)
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.store.lock_wait import begin_immediate
from callcenter_ai.core.store.migrations import latest_version, migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


class StoreConnection(sqlite3.Connection):
    """A plain SQLite connection that takes weak references (per-connection caches key on it)."""


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating when writable) the store at ``path``.

    A file that exists but is empty or not a database, or lacks one of the app's tables, is an error
    (:class:`DatabaseCorruptError`), never taken as a new store: a new store would make the next
    ``index`` discard every vector of the old calls.
    """
    _check_file(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(msg("store.no_database", path=path), hint=HINTS["store.no_database"])
            db = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False, factory=StoreConnection
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, factory=StoreConnection)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    if version > latest_version():
        db.close()
        raise SchemaTooNewError(
            msg("store.schema_too_new", path=path, version=version, latest=latest_version()),
            hint=HINTS["store.schema_too_new"],
        )
    if not readonly:
        try:
            applied = migrate(db)
        except sqlite3.Error as exc:
            db.close()
            raise translate_error(exc, path) from exc
        if applied:
            log.info("migrated %s to schema %s", path, applied[-1])
    if readonly and version < latest_version():
        return db  # an older store opened read-only: its tables are checked when it is next migrated
    try:
        _check_tables(db, path)
    except BaseException:
        db.close()
        raise
    return db


def _check_file(path: Path) -> None:
    if path.exists() and not path.is_file():
        raise StoreError(msg("store.not_a_file", path=path), hint=HINTS["store.permissions"])
    wal = path.with_name(path.name + "-wal")
    if path.is_file() and path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        raise DatabaseCorruptError(msg("store.empty_file", path=path), hint=HINTS["store.corrupt"])


@cache
def expected_tables() -> frozenset[str]:
    """The tables every migrated store has (read from a fresh in-memory store)."""
    db = sqlite3.connect(":memory:")
    try:
        migrate(db)
        return frozenset(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        db.close()


def _check_tables(db: sqlite3.Connection, path: Path) -> None:
    try:
        have = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    missing = sorted(expected_tables() - have)
    if missing:
        error = f"no such table: {', '.join(missing)}"
        raise DatabaseCorruptError(msg("store.corrupt", path=path, error=error), hint=HINTS["store.corrupt"])


def translate_error(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn an environment failure of SQLite into a KnownError for the user."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(msg("store.locked", path=path), hint=HINTS["store.locked"])
    if any(sign in text for sign in ("not a database", "malformed", "corrupt", "no such table", "no such column")):
        return DatabaseCorruptError(msg("store.corrupt", path=path, error=exc), hint=HINTS["store.corrupt"])
    if "disk" in text and ("full" in text or "i/o" in text):
        return StoreError(msg("store.disk", path=path, error=exc), hint=HINTS["store.disk"])
    if "unable to open" in text or "readonly" in text:
        return StoreError(msg("store.cannot_open", path=path, error=exc), hint=HINTS["store.permissions"])
    return StoreError(msg("store.error", path=path, error=exc))


def check_integrity(db: sqlite3.Connection, path: Path | str) -> None:
    """``PRAGMA quick_check``: raise the store's damaged-database error before work that writes (e.g. indexing)."""
    try:
        rows = [str(r[0]) for r in db.execute("PRAGMA quick_check(5)")]
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    if rows != ["ok"]:
        raise DatabaseCorruptError(msg("store.corrupt", path=path, error="; ".join(rows)), hint=HINTS["store.corrupt"])


def as_known_error(exc: BaseException, path: Path | str) -> BaseException:
    """A SQLite error met by any read (e.g. a damaged page) as the store's KnownError; other errors as they are.

    The shells (CLI, API, window) pass what reaches them through this, so a damaged store gives one
    catalog error everywhere instead of a ``sqlite3`` traceback.
    """
    return translate_error(exc, path) if isinstance(exc, sqlite3.Error) else exc


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
    try:
        begin_immediate(db, _db_file(db))  # says so when it has to wait for another program
    except sqlite3.OperationalError as exc:
        raise translate_error(exc, _db_file(db)) from exc
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    try:
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise translate_error(exc, _db_file(db)) from exc


def _db_file(db: sqlite3.Connection) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else "database"

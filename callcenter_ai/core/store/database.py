"""Opening the SQLite store: WAL, foreign keys, migrations, error mapping."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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
    """Open (creating and migrating when writable) the store at ``path``."""
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
    return db


def translate_error(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn an environment failure of SQLite into a KnownError for the user."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(msg("store.locked", path=path), hint=HINTS["store.locked"])
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorruptError(msg("store.corrupt", path=path, error=exc), hint=HINTS["store.corrupt"])
    if "disk" in text and ("full" in text or "i/o" in text):
        return StoreError(msg("store.disk", path=path, error=exc), hint=HINTS["store.disk"])
    if "unable to open" in text or "readonly" in text:
        return StoreError(msg("store.cannot_open", path=path, error=exc), hint=HINTS["store.permissions"])
    return StoreError(msg("store.error", path=path, error=exc))


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

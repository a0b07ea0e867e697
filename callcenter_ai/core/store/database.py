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
from callcenter_ai.core.store.migrations import latest_version, migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating when writable) the store at ``path``."""
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"{path}: no database yet", hint="Import calls or run the demo first.")
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
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
            f"{path}: database schema {version} is newer than this app ({latest_version()})",
            hint="Update CallCenter AI, or point --home at another folder.",
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
        return DatabaseLockedError(
            f"{path}: the database is locked by another program",
            hint="Close the other CallCenter AI window or job, then try again.",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorruptError(
            f"{path}: the database file is damaged ({exc})",
            hint="Restore it from a backup, or move it away and import the calls again.",
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return StoreError(f"{path}: cannot write the database ({exc})", hint="Free disk space.")
    if "unable to open" in text or "readonly" in text:
        return StoreError(f"{path}: cannot open the database ({exc})", hint="Check the folder's permissions.")
    return StoreError(f"{path}: database error: {exc}")


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
    try:
        db.execute("BEGIN IMMEDIATE")
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

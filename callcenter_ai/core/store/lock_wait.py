"""Taking the write lock, and saying so when another program holds it.

SQLite makes a writer wait up to the connection's busy timeout (10 s) in one
blocking call, with nothing to show meanwhile.  :func:`begin_immediate` first
waits only :data:`NOTICE_AFTER_S`; when the lock is still taken it tells the
listeners (the GUI puts "waiting for the database" on screen), waits the rest
of the busy timeout on the same connection (so there is still one writer), and
tells them again when the wait ends.  Listeners run on the waiting thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

log = logging.getLogger(__name__)

NOTICE_AFTER_S = 0.5

WaitState = Literal["waiting", "acquired", "gave_up"]


@dataclass(frozen=True)
class LockWait:
    """A write waiting for (or done waiting for) the lock on the database at ``path``."""

    path: str
    state: WaitState
    timeout_s: float


LockWaitListener = Callable[[LockWait], None]

_listeners: list[LockWaitListener] = []
_listeners_lock = threading.Lock()


def add_listener(listener: LockWaitListener) -> Callable[[], None]:
    """Call ``listener`` about every wait for the write lock; returns a function that removes it."""
    with _listeners_lock:
        _listeners.append(listener)

    def remove() -> None:
        with _listeners_lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return remove


def _tell(wait: LockWait) -> None:
    with _listeners_lock:
        listeners = list(_listeners)
    for listener in listeners:
        try:
            listener(wait)
        except Exception:  # a broken listener must not break the write
            log.exception("lock-wait listener failed")


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def begin_immediate(db: sqlite3.Connection, path: str) -> None:
    """``BEGIN IMMEDIATE`` within the connection's busy timeout, telling listeners when it has to wait.

    Raises :class:`sqlite3.OperationalError` as SQLite does when the wait fails.
    """
    timeout_ms = int(db.execute("PRAGMA busy_timeout").fetchone()[0])
    first_ms = min(timeout_ms, int(NOTICE_AFTER_S * 1000))
    db.execute(f"PRAGMA busy_timeout = {first_ms}")
    try:
        db.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as exc:
        if not _busy(exc) or first_ms >= timeout_ms:
            raise
    finally:
        db.execute(f"PRAGMA busy_timeout = {timeout_ms}")
    log.info("waiting up to %.1f s for the write lock on %s (another program holds it)", timeout_ms / 1000, path)
    _tell(LockWait(path, "waiting", timeout_ms / 1000))
    db.execute(f"PRAGMA busy_timeout = {timeout_ms - first_ms}")
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        _tell(LockWait(path, "gave_up", timeout_ms / 1000))
        raise
    finally:
        db.execute(f"PRAGMA busy_timeout = {timeout_ms}")
    log.info("got the write lock on %s", path)
    _tell(LockWait(path, "acquired", timeout_ms / 1000))

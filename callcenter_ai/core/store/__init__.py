"""SQLite store of calls, turns, chunks and vectors."""

from __future__ import annotations

from callcenter_ai.core.store.calls import CallStore, UpsertOutcome
from callcenter_ai.core.store.database import connect, transaction, translate_error

__all__ = ["CallStore", "UpsertOutcome", "connect", "transaction", "translate_error"]

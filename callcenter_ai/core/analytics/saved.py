"""Saved searches: a named query with its mode and filters, re-run after imports like a category.

Each run records the calls it returned (``saved_search_hits``, with when each
was first found); «N новых» are the calls found after the search was last
viewed.  A search whose filters or text no longer pass the checks (the rules
moved, a date went bad) is reported as broken by name, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from callcenter_ai.core.errors import ConfigError, KnownError, NotFoundError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.search.filters import SearchFilters, build_filters
from callcenter_ai.core.search.results import SEARCH_MODES, SearchResult
from callcenter_ai.core.store.sql import Sql

MAX_NAME = 100
RUN_K = 1000
FILTER_KEYS = ("date_from", "date_to", "operators", "topics", "min_duration", "max_duration", "side")
Searcher = Callable[[str, int, str, SearchFilters], Sequence[SearchResult]]


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    mode: str
    filters: dict[str, Any]
    total: int
    new: int
    viewed_at: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "query": self.query,
            "mode": self.mode,
            "filters": self.filters,
            "total": self.total,
            "new": self.new,
            "viewed_at": self.viewed_at,
        }


@dataclass(frozen=True)
class SavedRun:
    search: SavedSearch
    new: int  # found since it was last viewed (before this run marked it viewed)
    results: list[SearchResult]

    def to_json(self) -> dict[str, object]:
        return {**self.search.to_json(), "new": self.new, "results": [r.to_dict() for r in self.results]}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _storable(text: str) -> bool:
    """Text every store keeps (PostgreSQL refuses NUL, neither encodes a lone surrogate)."""
    return "\x00" not in text and not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def _checked(name: str, query: str, mode: str, filters: Mapping[str, Any]) -> tuple[str, SearchFilters]:
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise ConfigError(msg("saved.bad_name", limit=MAX_NAME))
    if not _storable(name):
        raise ConfigError(msg("filter.bad_characters", name="name"))
    if not _storable(query):
        raise ConfigError(msg("search.bad_characters"))
    if mode not in SEARCH_MODES:
        raise ConfigError(msg("saved.broken", name=name, error=f"unknown mode {mode!r}"))
    unknown = set(filters) - set(FILTER_KEYS)
    if unknown:
        raise ConfigError(msg("saved.broken", name=name, error=f"unknown filters {sorted(unknown)}"))
    return name, build_filters(**filters)


def add_saved(db: Sql, name: str, query: str, mode: str, filters: Mapping[str, Any]) -> SavedSearch:
    name, _ = _checked(name, query, mode, filters)
    if db.execute("SELECT 1 FROM saved_searches WHERE name = ?", (name,)).fetchone():
        raise ConfigError(msg("saved.exists", name=name))
    db.execute(
        "INSERT INTO saved_searches (name, query, mode, filters, created_at) VALUES (?,?,?,?,?)",
        (name, query, mode, json.dumps(dict(filters), ensure_ascii=False), _now()),
    )
    return get_saved(db, name)


def list_saved(db: Sql) -> list[SavedSearch]:
    names = [str(r[0]) for r in db.execute("SELECT name FROM saved_searches ORDER BY name")]
    return [get_saved(db, n) for n in names]


def get_saved(db: Sql, name: str) -> SavedSearch:
    if not _storable(name):  # never added: none is stored under it
        raise NotFoundError(msg("saved.unknown", name=name))
    row = db.execute(
        "SELECT name, query, mode, filters, viewed_at FROM saved_searches WHERE name = ?", (name,)
    ).fetchone()
    if row is None:
        raise NotFoundError(msg("saved.unknown", name=name))
    total, new = db.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN found_at > coalesce(?, '') THEN 1 ELSE 0 END), 0)"
        " FROM saved_search_hits WHERE name = ?",
        (row[4], name),
    ).fetchone()
    return SavedSearch(str(row[0]), str(row[1]), str(row[2]), json.loads(row[3]), int(total), int(new), row[4])


def remove_saved(db: Sql, name: str) -> None:
    get_saved(db, name)
    db.execute("DELETE FROM saved_searches WHERE name = ?", (name,))


def refresh_saved(db: Sql, name: str, search: Searcher) -> list[SearchResult]:
    """Run the saved search and record the calls it returns (new ones with the time now)."""
    saved = get_saved(db, name)
    try:
        _, filters = _checked(saved.name, saved.query, saved.mode, saved.filters)
        results = list(search(saved.query, RUN_K, saved.mode, filters))
    except KnownError as exc:
        raise ConfigError(msg("saved.broken", name=name, error=exc.message)) from exc
    found = _now()
    db.executemany(
        "INSERT INTO saved_search_hits (name, call_id, found_at)"
        " SELECT ?, id, ? FROM calls WHERE external_id = ? ON CONFLICT DO NOTHING",
        [(name, found, r.dialog_id) for r in results],
    )
    return results


def run_saved(db: Sql, name: str, search: Searcher) -> SavedRun:
    """Refresh the saved search, then mark it viewed; the calls new since the last view are counted first."""
    results = refresh_saved(db, name, search)
    before = get_saved(db, name)
    db.execute("UPDATE saved_searches SET viewed_at = ? WHERE name = ?", (_now(), name))
    return SavedRun(get_saved(db, name), before.new, results)


def saved_daily_counts(db: Sql) -> dict[str, dict[str, int]]:
    """Each saved search's volume over time: name → local date → calls it found that started that day."""
    names = db.execute("SELECT name FROM saved_searches ORDER BY name")
    out: dict[str, dict[str, int]] = {str(r[0]): {} for r in names}
    rows = db.execute(
        "SELECT h.name, substr(c.started_at, 1, 10), count(*) FROM saved_search_hits h JOIN calls c ON c.id = h.call_id"
        " WHERE c.started_at IS NOT NULL GROUP BY 1, 2"
    )
    for name, day, calls in rows:
        out.setdefault(str(name), {})[str(day)] = int(calls)
    return out


def refresh_all(db: Sql, search: Searcher) -> dict[str, int]:
    """Re-run every saved search (after an import); name → calls new since viewed (broken ones are skipped)."""
    counts = {}
    for saved in list_saved(db):
        try:
            refresh_saved(db, saved.name, search)
        except ConfigError:
            continue
        counts[saved.name] = get_saved(db, saved.name).new
    return counts

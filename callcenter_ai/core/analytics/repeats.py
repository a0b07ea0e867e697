"""Repeat calls: the same caller again within N days, and near-duplicate transcripts.

The caller is the call's ``client_id`` (or ``phone`` / ``client_phone``)
metadata, compared in one form (:func:`~callcenter_ai.core.privacy.client_key`;
hashed at import when redaction is on).  Near duplicates are calls whose
vectors are at least :data:`DUPLICATE_SIMILARITY` alike (FAISS range search
over the calls of the same window, grouped transitively).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from callcenter_ai.core.analytics.sources import load_vectors
from callcenter_ai.core.analytics.topics import TopicOverview
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.privacy import CLIENT_KEYS, client_key
from callcenter_ai.core.store.sql import Sql, is_postgres

MAX_DAYS = 3650
DUPLICATE_SIMILARITY = 0.97
_KEYS_SQL = ", ".join(f"json_extract(metadata, '$.{k}')" for k in CLIENT_KEYS)
_PG_KEYS_SQL = ", ".join(f"(metadata ->> '{k}')" for k in CLIENT_KEYS)


@dataclass(frozen=True)
class RepeatGroup:
    client_id: str
    calls: list[str]  # dialog ids, oldest first
    topic_id: int


@dataclass(frozen=True)
class DuplicateGroup:
    calls: list[str]
    similarity: float  # the lowest similarity inside the group


@dataclass(frozen=True)
class RepeatReport:
    days: int
    repeats: list[RepeatGroup]
    near_duplicates: list[DuplicateGroup]

    def to_json(self) -> dict[str, object]:
        return {
            "repeats": [{"client_id": r.client_id, "calls": r.calls, "topic_id": r.topic_id} for r in self.repeats],
            "near_duplicates": [{"calls": d.calls, "similarity": round(d.similarity, 4)} for d in self.near_duplicates],
        }


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise ConfigError(msg("repeats.bad_days", days=days, limit=MAX_DAYS))
    return days


def repeat_report(db: Sql, overview: TopicOverview | None, days: int = 7) -> RepeatReport:
    check_days(days)
    return RepeatReport(days, repeat_calls(db, overview, days), near_duplicates(db, overview, days))


def repeat_calls(db: Sql, overview: TopicOverview | None, days: int) -> list[RepeatGroup]:
    """Runs of calls by one caller, each within ``days`` of the one before; the run's commonest topic."""
    keys = _PG_KEYS_SQL if is_postgres(db) else _KEYS_SQL
    rows = db.execute(
        f"SELECT id, external_id, started_utc, coalesce({keys}) FROM calls"
        f" WHERE coalesce({keys}) IS NOT NULL AND started_utc IS NOT NULL ORDER BY started_utc, id"
    ).fetchall()
    by_client: dict[str, list[tuple[int, str, datetime]]] = {}
    for call_id, dialog_id, started, raw in rows:
        key = client_key(raw)
        if key:
            by_client.setdefault(key, []).append((int(call_id), str(dialog_id), datetime.fromisoformat(started)))
    topics = _topic_of(db, overview)
    gap = timedelta(days=days)
    groups = []
    for key, calls in by_client.items():
        run = [calls[0]]
        for call in calls[1:]:
            if call[2] - run[-1][2] <= gap:
                run.append(call)
                continue
            if len(run) > 1:
                groups.append(_group(key, run, topics))
            run = [call]
        if len(run) > 1:
            groups.append(_group(key, run, topics))
    groups.sort(key=lambda g: (-len(g.calls), g.client_id))
    return groups


def _group(key: str, run: list[tuple[int, str, datetime]], topics: dict[int, int]) -> RepeatGroup:
    counted = Counter(topics.get(c[0], -1) for c in run)
    return RepeatGroup(key, [c[1] for c in run], counted.most_common(1)[0][0])


def _topic_of(db: Sql, overview: TopicOverview | None) -> dict[int, int]:
    if overview is None:
        return {}
    rows = db.execute("SELECT call_id, topic_id FROM call_topics WHERE model_version = ?", (overview.version,))
    return {int(r[0]): int(r[1]) for r in rows}


def near_duplicates(db: Sql, overview: TopicOverview | None, days: int) -> list[DuplicateGroup]:
    """Groups of calls of the last ``days`` days (all calls when none has a date) with near-identical vectors."""
    import faiss

    if overview is None:
        return []
    last = db.execute("SELECT max(started_utc) FROM calls").fetchone()[0]
    if last:
        since = (datetime.fromisoformat(last) - timedelta(days=days)).isoformat()
        window = [int(r[0]) for r in db.execute("SELECT id FROM calls WHERE started_utc >= ?", (since,))]
    else:
        window = [int(r[0]) for r in db.execute("SELECT id FROM calls")]
    ids, vectors, _ = load_vectors(db, overview.model, "all", window)
    if len(ids) < 2:
        return []
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    lims, sims, found = index.range_search(vectors, DUPLICATE_SIMILARITY)
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lowest: dict[tuple[int, int], float] = {}
    for i in range(len(ids)):
        for j, s in zip(found[lims[i] : lims[i + 1]].tolist(), sims[lims[i] : lims[i + 1]].tolist(), strict=True):
            if j > i:
                parent[root(j)] = root(i)
                lowest[(i, j)] = s
    members: dict[int, list[int]] = {}
    for i in range(len(ids)):
        members.setdefault(root(i), []).append(i)
    names = dict(db.execute(f"SELECT id, external_id FROM calls WHERE id IN ({','.join(map(str, ids.tolist()))})"))
    low: dict[int, float] = {}
    for (i, _j), s in lowest.items():
        r = root(i)
        low[r] = min(low.get(r, 1.0), s)
    groups = []
    for top, rows in members.items():
        if len(rows) < 2:
            continue
        groups.append(DuplicateGroup(sorted(str(names[int(ids[r])]) for r in rows), float(np.float32(low[top]))))
    groups.sort(key=lambda g: (-len(g.calls), -g.similarity, g.calls))
    return groups

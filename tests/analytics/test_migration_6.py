"""Migration 6 (operators' calls per topic) brings a store from migration 5, or from its draft, to the same state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from callcenter_ai.core.store.migrations import MIGRATIONS, migrate


def at_version_5(path: Path, draft: bool) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    for version, _description, script in MIGRATIONS[:5]:
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    if draft:  # what an unreleased draft of migration 5 had added
        db.executescript("ALTER TABLE call_topics ADD COLUMN operator TEXT; CREATE TABLE topic_operators (x);")
    db.execute("INSERT INTO topic_models (version, model_id, created_at) VALUES (1, 'm', 'now')")
    for n in range(6):
        db.execute(
            "INSERT INTO calls (id, external_id, started_at, operator, content_hash, turn_count, char_count,"
            " imported_at, updated_at) VALUES (?, ?, '2026-05-04T10:00:00+03:00', ?, 'h', 1, 1, 'now', 'now')",
            (n + 1, f"c{n}", f"оп{n % 2}"),
        )
        db.execute(
            "INSERT INTO call_topics (call_id, model_version, topic_id, similarity, content_hash, day)"
            " VALUES (?, 1, ?, 0.9, 'h', '2026-05-04')",
            (n + 1, n % 3),
        )
    db.commit()
    return db


@pytest.mark.parametrize("draft", [False, True])
def test_operator_counts_are_built_and_kept(tmp_path: Path, draft: bool) -> None:
    db = at_version_5(tmp_path / "calls.sqlite", draft)
    assert migrate(db) == [version for version, _, _ in MIGRATIONS[5:]]  # 6 and any later one
    counts = "SELECT operator, topic_id, calls FROM topic_operators WHERE calls > 0 ORDER BY 1, 2"
    assert db.execute(counts).fetchall() == [
        ("оп0", 0, 1),
        ("оп0", 1, 1),
        ("оп0", 2, 1),
        ("оп1", 0, 1),
        ("оп1", 1, 1),
        ("оп1", 2, 1),
    ]
    assert db.execute("SELECT sum(calls) FROM topic_days").fetchone() == (6,)
    with db:
        db.execute("DELETE FROM call_topics WHERE call_id = 1")  # the triggers follow
    assert db.execute("SELECT calls FROM topic_operators WHERE operator = 'оп0' AND topic_id = 0").fetchone() == (0,)
    assert db.execute("SELECT sum(calls) FROM topic_days").fetchone() == (5,)

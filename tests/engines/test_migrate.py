"""``migrate --to URL``: a SQLite home copied into PostgreSQL, verified, rerunnable."""

from __future__ import annotations

import json

import numpy as np
import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.core.engines.pg import copy as pg_copy
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.feedback.ratings import NewRating
from callcenter_ai.core.search.filters import NO_FILTERS
from callcenter_ai.core.settings import Settings, save_settings

from .helpers import MODEL, add, embed, record, unit


def fill_home(settings: Settings, calls: int = 7) -> None:
    with SqliteEngine(settings) as home:
        for i in range(calls):
            rec = record(f"call-{i}", f"двойное списание номер {i}", operator=["Анна", "Борис"][i % 2])
            embed(home, add(home, rec), rec, unit(i), sides=i % 2 == 0)
        home.ratings.add_rating(NewRating("call-1", True, MODEL, query_text="списание"))
        home.ratings.add_rating(NewRating("call-2", False, MODEL, source_dialog_id="call-1"))
        home.rerankers.save_reranker(MODEL, np.eye(8, dtype=np.float32), {"format": 1, "model_id": MODEL, "dims": 8})
        home.calls.set_info("demo_seed", "7")
        home.store.db.execute(
            "INSERT INTO rating_query_vectors (model_id, query_text, dims, vector) VALUES (?, ?, ?, ?)",
            (MODEL, "списание", 8, unit(99).tobytes()),
        )
        home.store.db.execute(
            "INSERT INTO saved_searches (name, query, mode, filters, created_at) VALUES (?, ?, ?, ?, ?)",
            ("списания", "списание", "keyword", "{}", "2026-03-01T10:00:00+00:00"),
        )
        home.store.db.execute(
            "INSERT INTO saved_search_hits (name, call_id, found_at) VALUES (?, ?, ?)",
            ("списания", home.calls.call_id("call-0"), "2026-03-02T10:00:00+00:00"),
        )
    save_settings(settings, {"search_k": 20, "dense_weight": 1.5})


def migrate(settings: Settings, url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["--home", str(settings.home), "migrate", "--to", url, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_copy_verify_and_rerun(settings: Settings, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    fill_home(settings)
    code, out = migrate(settings, pg_url, capsys)
    assert code == 0 and out["verified"] is True
    assert out["copied"]["calls"] == {"inserted": 7, "updated": 0, "unchanged": 0}  # type: ignore[index]
    assert {c["table"]: c["target_rows"] for c in out["checks"]} == {  # type: ignore[attr-defined]
        "calls": 7, "turns": 14, "chunks": 4 * 3 + 3, "call_vectors": 7, "ratings": 2,
    }  # fmt: skip
    with PgEngine(pg_url) as server:
        assert [m.call_id for m in server.keyword.search_calls("списали", NO_FILTERS, limit=10)]
        hit = server.vectors.nearest_calls(MODEL, unit(3), 1, filters=NO_FILTERS)[0]
        assert hit.call_id == server.calls.call_id("call-3")
        loaded = server.rerankers.load_reranker(MODEL)
        assert loaded is not None and np.array_equal(loaded[0], np.eye(8, dtype=np.float32))
        assert server.calls.info("demo_seed") == "7"
        settings_rows = dict(server.database.execute("SELECT name, value FROM app_settings"))
        assert settings_rows == {"search_k": 20, "dense_weight": 1.5}
        assert server.database.scalar("SELECT count(*) FROM rating_query_vectors") == 1
        saved = server.database.execute(
            "SELECT s.name, s.query, c.external_id, h.found_at FROM saved_searches s"
            " JOIN saved_search_hits h ON h.name = s.name JOIN calls c ON c.id = h.call_id"
        )
        assert saved == [("списания", "списание", "call-0", "2026-03-02T10:00:00+00:00")]

    code, out = migrate(settings, pg_url, capsys)  # again: nothing new
    assert code == 0 and out["verified"] is True
    assert out["copied"]["calls"] == {"inserted": 0, "updated": 0, "unchanged": 7}  # type: ignore[index]
    assert out["copied"]["ratings_copied"] == 0 and out["copied"]["vectors_copied"] == 0  # type: ignore[index]

    with SqliteEngine(settings) as home:  # the home changes: one call edited, one new
        add(home, record("call-0", "совсем другой текст"))
        add(home, record("call-new", "новый звонок"))
    code, out = migrate(settings, pg_url, capsys)
    assert code == 0 and out["verified"] is True
    assert out["copied"]["calls"] == {"inserted": 1, "updated": 1, "unchanged": 6}  # type: ignore[index]


def test_a_copy_that_fails_half_way_is_completed_by_the_next_run(
    settings: Settings, pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_home(settings)
    monkeypatch.setattr(pg_copy, "BATCH", 3)
    real = pg_copy._copy_vectors
    batches = []

    def failing(*args: object) -> None:
        batches.append(1)
        if len(batches) == 2:
            raise ConnectionError("network gone")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pg_copy, "_copy_vectors", failing)
    with pytest.raises(ConnectionError):
        main(["--home", str(settings.home), "migrate", "--to", pg_url])
    with PgEngine(pg_url) as server:
        assert server.calls.count("calls") == 3  # the first batch, whole; the second rolled back
        assert server.calls.count("call_vectors") == 3
    monkeypatch.setattr(pg_copy, "_copy_vectors", real)
    code, out = migrate(settings, pg_url, capsys)
    assert code == 0 and out["verified"] is True
    assert out["copied"]["calls"] == {"inserted": 4, "updated": 0, "unchanged": 3}  # type: ignore[index]


def test_only_postgresql_urls(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(settings.home), "migrate", "--to", "sqlite:///x.db"]) == 2
    assert "postgresql://" in capsys.readouterr().err


def test_verification_catches_a_difference(settings: Settings, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    fill_home(settings, calls=3)
    assert migrate(settings, pg_url, capsys)[0] == 0
    with PgEngine(pg_url) as server:
        server.database.execute("UPDATE turns SET text = 'подменено' WHERE position = 0 AND call_id = 1")
    code, out = migrate(settings, pg_url, capsys)
    assert code == 3 and out["verified"] is False
    assert [c["table"] for c in out["checks"] if not c["ok"]] == ["turns"]  # type: ignore[attr-defined]

"""The store and index files: damaged, empty, missing or in the way -> one clear error, never a traceback.

SQLite + FAISS only: damaged or missing files in the home (a server has no such files; an
unreachable server is tested in tests/gui/test_window_on_postgres.py and tests/faults/test_api_faults.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from callcenter_ai.core.index.manifest import list_manifests
from tests.faults.conftest import CALLS, Run

COMMANDS = [
    ["stats"],
    ["search", "карта", "--mode", "keyword"],
    ["search", "карта", "--mode", "hybrid"],
    ["similar", "card-1"],
    ["export-results", "карта", "--csv", "OUT"],
    ["index", "--no-progress"],
]


def _db(home: Path) -> Path:
    return home / "data" / "callcenter.db"


def _snapshot(home: Path) -> dict[str, bytes]:
    # The index's own files; nothing_close/ beside them is a cache of a search's measure, written by searches.
    return {p.name: p.read_bytes() for p in sorted((home / "indexes").iterdir()) if p.is_file()}


def _run_all(run: Run, home: Path, tmp_path: Path) -> list[tuple[int, str, str]]:
    out = []
    for command in COMMANDS:
        argv = [str(tmp_path / "out.csv") if a == "OUT" else a for a in command]
        out.append(run("--home", str(home), *argv))
    return out


def _damage_table(home: Path, table: str) -> None:
    db = sqlite3.connect(_db(home))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    with _db(home).open("r+b") as f:
        f.seek((root - 1) * page)
        f.write(b"\xa5" * page)


def _drop_table(home: Path, table: str) -> None:
    db = sqlite3.connect(_db(home), isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute(f"DROP TABLE {table}")
    db.close()


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (lambda home: _db(home).write_bytes(b""), "the database file is empty (0 bytes)"),
        (lambda home: _db(home).write_bytes(b"not a database, just text\n" * 200), "the database file is damaged"),
        (lambda home: _damage_table(home, "turns"), "the database file is damaged"),
        (lambda home: _damage_table(home, "calls"), "the database file is damaged"),
        (lambda home: _drop_table(home, "turns"), "the database file is damaged (no such table: turns)"),
        (lambda home: _drop_table(home, "call_vectors"), "the database file is damaged (no such table: call_vectors)"),
    ],
    ids=["empty", "not-a-database", "damaged-turns", "damaged-calls", "no-turns-table", "no-vectors-table"],
)
def test_a_spoilt_store_is_one_catalog_error_everywhere_and_the_index_is_kept(
    home_copy: Path, run: Run, tmp_path: Path, spoil: object, expected: str
) -> None:
    before = _snapshot(home_copy)
    spoil(home_copy)  # type: ignore[operator]
    for argv, (code, out, err) in zip(COMMANDS, _run_all(run, home_copy, tmp_path), strict=True):
        assert code == 2, (argv, err)
        assert expected in err and "Traceback" not in err and "sqlite3." not in err
        assert "python -m callcenter_ai index --rebuild" in err  # the hint says how
        assert "vector index" not in out  # index did not report success
    assert _snapshot(home_copy) == before


@pytest.mark.parametrize("table", ["ratings", "turns_fts_data", "call_topics"])
def test_stats_finds_damage_in_pages_its_counts_never_read(home_copy: Path, run: Run, table: str) -> None:
    _damage_table(home_copy, table)
    code, out, err = run("--home", str(home_copy), "stats", "--json")
    assert code == 2 and "the database file is damaged" in err and "Traceback" not in err
    assert out == ""


def test_the_store_path_being_a_folder_is_an_error(home: Path, run: Run) -> None:
    _db(home).mkdir(parents=True)
    code, _, err = run("--home", str(home), "stats")
    assert code == 2 and "not a file" in err and "Traceback" not in err


def test_indexes_being_a_file_fails_before_any_embedding(home_copy: Path, run: Run, tmp_path: Path) -> None:
    from tests.faults.conftest import write_calls

    (home_copy / "indexes").rename(home_copy / "indexes.old")
    (home_copy / "indexes").write_text("in the way")
    source = write_calls(tmp_path / "more.jsonl")
    lines = source.read_text(encoding="utf-8").splitlines()
    source.write_text("\n".join(line.replace('"card-1"', '"card-new"') for line in lines) + "\n", encoding="utf-8")
    assert run("--home", str(home_copy), "import", str(source))[0] == 0
    code, out, err = run("--home", str(home_copy), "index", "--no-progress")
    assert code == 2 and "is a file, not the index folder" in err and "Traceback" not in err
    assert "embedded" not in out and "offline embedder" not in err  # no model was even loaded
    with sqlite3.connect(_db(home_copy)) as db:
        assert (
            db.execute(
                "SELECT count(*) FROM chunks c JOIN calls k ON k.id = c.call_id WHERE k.external_id = 'card-new'"
            ).fetchone()[0]
            == 0
        )


def test_stats_says_what_search_would_do(home_copy: Path, run: Run) -> None:
    out = run("--home", str(home_copy), "stats", "--json")[1]
    stats = json.loads(out)
    assert stats["index"]["state"] == "ready"
    assert stats["embedded_dialogs"] == len(CALLS) and stats["pending_dialogs"] == 0  # the offline index's space
    assert stats["model"].startswith("offline/")
    (home_copy / "indexes" / "notes.json").write_text("my notes, not an index")
    (home_copy / "indexes" / "README.txt").write_text("hello")
    stats = json.loads(run("--home", str(home_copy), "stats", "--json")[1])
    assert stats["index"]["state"] == "ready"
    assert any(entry.get("error") and entry["file"] == "notes.json" for entry in stats["index"]["indexes"])
    assert run("--home", str(home_copy), "search", "карта", "--mode", "semantic")[0] == 0
    part = next(p for p in (home_copy / "indexes").iterdir() if p.name.endswith(".faiss") and ".client." in p.name)
    data = bytearray(part.read_bytes())
    data[-10] ^= 0xFF
    part.write_bytes(bytes(data))
    _code, out, _ = run("--home", str(home_copy), "stats", "--json")
    index = json.loads(out)["index"]
    assert index["state"] == "damaged" and "checksum" in index["error"]
    out = run("--home", str(home_copy), "stats")[1]
    assert "index: damaged" in out and "index error" in out


def test_a_damaged_index_falls_back_like_a_missing_one_in_hybrid(home_copy: Path, run: Run) -> None:
    for part in (home_copy / "indexes").iterdir():
        if part.name.endswith(".faiss"):
            data = bytearray(part.read_bytes())
            data[-10] ^= 0xFF
            part.write_bytes(bytes(data))
    code, out, err = run("--home", str(home_copy), "search", "карта", "--mode", "hybrid", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["mode"] == "keyword" and payload["results"]
    assert any("cannot be used" in w for w in payload["warnings"])
    assert str(home_copy) not in " ".join(payload["warnings"])
    code, out, err = run(
        "--home", str(home_copy), "similar", "card-1", "--mode", "hybrid", "--side", "client", "--json"
    )
    assert code == 0 and json.loads(out)["mode"] == "keyword"
    code, _, err = run("--home", str(home_copy), "search", "карта", "--mode", "semantic")
    assert code == 2 and "checksum" in err and "Traceback" not in err


def test_an_index_whose_calls_are_all_gone_says_so(home_copy: Path, run: Run) -> None:
    _db(home_copy).unlink()
    code, _, err = run("--home", str(home_copy), "index", "--no-progress")
    assert code == 0 and f"none of the {len(CALLS)} calls of the old index is in the store any more" in err
    assert list_manifests(home_copy / "indexes")

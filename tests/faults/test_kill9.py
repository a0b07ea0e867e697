"""kill -9 during import and indexing, again and again: nothing lost, nothing corrupted, every rerun completes.

SQLite + FAISS only: a killed writer and the home's files (the server's dropped connection
mid-import is tests/engines/test_server_only.py)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CALLS = 3000
ROOT = Path(__file__).resolve().parents[2]


def _cli(home: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "callcenter_ai", "--home", str(home), *argv]


def _env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}


def _run(*argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_cli(home, *argv), check=False, env=_env(), capture_output=True, text=True)


def _kill_after(argv: list[str], delay: float) -> int | None:
    """Run ``argv``, kill -9 it after ``delay`` seconds; its exit status when it finished first."""
    process = subprocess.Popen(argv, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return process.wait(delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return None


def _check_store(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM calls").fetchone()[0])


def _write_calls(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(CALLS):
            turns = [
                {"speaker": "client", "text": f"звонок {i}: не работает интернет, роутер мигает {i % 7}"},
                {"speaker": "operator", "text": f"проверю линию по адресу номер {i}"},
            ]
            out.write(json.dumps({"id": f"k{i}", "turns": turns}, ensure_ascii=False) + "\n")
    return path


def test_kill_9_during_import_and_index_loses_and_corrupts_nothing(tmp_path: Path) -> None:
    rng = random.Random(9)
    home = tmp_path / "home"
    source = _write_calls(tmp_path / "calls.jsonl")
    db = home / "data" / "callcenter.db"
    for _ in range(8):
        _kill_after(_cli(home, "import", str(source)), rng.uniform(0.3, 2.5))
        if db.exists():
            assert _check_store(db) in (0, CALLS)  # one transaction per file: all or nothing
    assert _run("import", str(source), home=home).returncode == 0
    assert _check_store(db) == CALLS
    for _ in range(6):
        _kill_after(_cli(home, "index", "--no-progress"), rng.uniform(1.0, 8.0))
        assert _check_store(db) == CALLS
        stats = _run("stats", "--json", home=home)
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["index"]["state"] in ("absent", "ready")  # the old index or the new one
    done = _run("index", "--no-progress", home=home)
    assert done.returncode == 0, done.stderr
    stats = json.loads(_run("stats", "--json", home=home).stdout)
    assert stats["embedded_dialogs"] == CALLS and stats["pending_dialogs"] == 0
    assert stats["index"]["state"] == "ready" and stats["index"]["indexes"][0]["call_count"] == CALLS
    found = _run("search", "роутер", "--mode", "semantic", "--json", home=home)
    assert found.returncode == 0 and json.loads(found.stdout)["results"]

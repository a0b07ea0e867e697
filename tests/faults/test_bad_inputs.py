"""Every generated bad file: exit 1, the file and line with the catalog text, no traceback, the store unchanged."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.devtools.bad_inputs import BadInput, bad_inputs
from tests.faults.conftest import Run, write_calls

CASES = list(bad_inputs())


def store_digest(db: Path) -> str:
    """A digest of every row of the calls and turns (what an import could change)."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        for table in ("calls", "turns", "chunks", "call_vectors"):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def base_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("bad_inputs") / "home"
    assert main(["--home", str(home), "import", str(write_calls(home.parent / "calls.jsonl"))]) == 0
    return home


def test_the_generator_covers_at_least_200_files_of_both_formats() -> None:
    assert len(CASES) >= 200
    assert {c.name.rsplit(".", 1)[1] for c in CASES} == {"jsonl", "csv"}
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_file_is_refused_clearly_and_changes_nothing(
    base_home: Path, run: Run, tmp_path: Path, case: BadInput
) -> None:
    db = base_home / "data" / "callcenter.db"
    before = store_digest(db)
    path = tmp_path / case.name
    path.write_bytes(case.data)
    code, out, err = run("--home", str(base_home), "import", str(path), "--json")
    assert code == 1, err
    assert "Traceback" not in err and "Error:" not in err.replace("error:", "")
    where = f"{path}:{case.line}:" if case.line else f"{path}"
    assert where in err and case.expected in err, err[:2000]
    report = json.loads(out)
    assert report["ok"] is False and report["inserted"] == 0 and report["files"][0]["committed"] is False
    assert store_digest(db) == before

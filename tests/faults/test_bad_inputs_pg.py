"""The generated bad files against a home on PostgreSQL: the same clear refusal, the server's store unchanged.

The importer checks a file in a scratch SQLite file before anything reaches
the server, so each case of ``test_bad_inputs.py`` must give the same exit
status and message here, and the calls and turns on the server must not
change.  A quarter of the cases run by default, the rest with ``-m slow``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.settings import load_settings, save_settings
from callcenter_ai.devtools.bad_inputs import BadInput
from tests.faults.conftest import Run, write_calls
from tests.faults.test_bad_inputs import CASES
from tests.pg_fixtures import home_on


@pytest.fixture(scope="module")
def pg_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("bad_inputs_pg") / "home"
    url = home_on(request, "postgresql")
    save_settings(load_settings(home, environ={}), {"database_url": url})
    assert main(["--home", str(home), "import", str(write_calls(home.parent / "calls.jsonl"))]) == 0
    return home, url


def server_digest(url: str) -> str:
    """A digest of every row of the calls and turns on the server (what an import could change)."""
    import psycopg

    digest = hashlib.sha256()
    with psycopg.connect(url) as conn:
        for table, order in (("calls", "id"), ("turns", "call_id, position")):
            columns = "id, external_id, content_hash" if table == "calls" else "call_id, position, speaker, text"
            for row in conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


# Every fourth case in the default suite (each kind of fault is generated several times over), all with `-m slow`.
PG_CASES = [pytest.param(c, id=c.name, marks=() if i % 4 == 0 else pytest.mark.slow) for i, c in enumerate(CASES)]


@pytest.mark.parametrize("case", PG_CASES)
def test_a_bad_file_is_refused_clearly_and_the_server_keeps_its_calls(
    pg_home: tuple[Path, str], run: Run, tmp_path: Path, case: BadInput
) -> None:
    home, url = pg_home
    before = server_digest(url)
    path = tmp_path / case.name
    path.write_bytes(case.data)
    code, out, err = run("--home", str(home), "import", str(path), "--json")
    assert code == 1, err
    assert "Traceback" not in err and "Error:" not in err.replace("error:", "")
    where = f"{path}:{case.line}:" if case.line else f"{path}"
    assert where in err and case.expected in err, err[:2000]
    report = json.loads(out)
    assert report["ok"] is False and report["inserted"] == 0 and report["files"][0]["committed"] is False
    assert server_digest(url) == before

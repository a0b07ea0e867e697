"""``python -m callcenter_ai.devtools.pg start|stop DIR``: the exact interface, on the session's own server."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from callcenter_ai.devtools.pg import main


def test_start_prints_the_url_last_and_stop_on_an_empty_folder(
    pg_server_folder: Path | None, pg_server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if pg_server_folder is None:
        pytest.skip("CALLCENTER_TEST_DATABASE_URL names the server; no pgserver was started")
    assert main(["start", str(pg_server_folder)]) == 0  # already running: the same URL again
    url = capsys.readouterr().out.strip().splitlines()[-1]
    assert url == pg_server_url and url.startswith("postgresql://")
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT default_version FROM pg_available_extensions WHERE name = 'vector'").fetchone()
    assert main(["stop", str(tmp_path / "nothing")]) == 0
    assert "no server running" in capsys.readouterr().out

"""A small indexed home (offline embedder) shared by the fault tests, and a way to run the CLI in-process."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.settings import load_settings, save_settings
from tests.pg_fixtures import ENGINES, home_on

CALLS = [
    ("card-1", "карты", "Анна", "у меня заблокировали карту, не могу оплатить", "разблокируем карту"),
    ("card-2", "карты", "Анна", "карта не работает в магазине", "проверю блокировку карты"),
    ("net-1", "интернет", "Борис", "не работает интернет второй день", "перезагрузите роутер"),
    ("net/2", "интернет", "Борис", "интернет пропал, роутер мигает", "на линии авария"),
    ("loan-1", "кредиты", "Вера", "хочу взять кредит наличными", "расскажу про ставки"),
]

Run = Callable[..., tuple[int, str, str]]


def write_calls(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i, (dialog_id, topic, operator, client, agent) in enumerate(CALLS):
            record = {
                "id": dialog_id,
                "topic": topic,
                "operator": operator,
                "started_at": f"2026-03-0{i + 1}T10:00:00+03:00",
                "duration_s": 60 * (i + 1),
                "turns": [{"speaker": "client", "text": client}, {"speaker": "operator", "text": agent}],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def indexed_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five calls imported and indexed by the offline fallback embedder; copy it before changing it."""
    home = tmp_path_factory.mktemp("faults") / "home"
    assert main(["--home", str(home), "import", str(write_calls(home.parent / "calls.jsonl"))]) == 0
    assert main(["--home", str(home), "index", "--no-progress"]) == 0
    return home


@pytest.fixture(scope="session", params=ENGINES)
def engine_indexed_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:func:`indexed_home` on either engine (PostgreSQL: a database named in its settings); tests only read it."""
    home = tmp_path_factory.mktemp(f"faults-{request.param}") / "home"
    home.mkdir()
    url = home_on(request, request.param)
    if url:
        save_settings(load_settings(home, environ={}), {"database_url": url})
    assert main(["--home", str(home), "import", str(write_calls(home.parent / "calls.jsonl"))]) == 0
    assert main(["--home", str(home), "index", "--no-progress"]) == 0
    return home


@pytest.fixture
def home_copy(indexed_home: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(indexed_home, copy)
    return copy


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*argv)`` -> (exit status, stdout, stderr) of the CLI run in-process."""

    def call(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's own errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return call

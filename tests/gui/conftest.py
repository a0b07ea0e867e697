"""GUI fixtures: a demo home indexed with the tiny model (on either engine), windows that are shut down cleanly,
and a check that no worker thread outlives its test (after napari's conftest).

The flows that read and write the store (search, similar, filters, viewer, ratings, import, the Аналитика tab) take
``engine_demo_home`` / ``engine_home`` and run on both engines; the rest of the window (dialogs, layout, keyboard,
crash handling, first run, index files) takes ``demo_home`` / ``home`` and runs on the home's SQLite only: it does
not depend on the engine, and the window on PostgreSQL costs a database per test.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool, QTranslator

from callcenter_ai.core.jobs import run_to_end
from callcenter_ai.core.settings import Settings, load_settings, save_settings
from callcenter_ai.gui.backend import Backend
from callcenter_ai.gui.i18n import install_translators
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import JobRunner
from tests.pg_fixtures import ENGINES, create_database, drop_database, drop_when_done

DEMO_CALLS = 60

# The offscreen platform plugin warns when any top-level window is shown; it is Qt's own
# limitation of that plugin, not a problem of ours.  Every other Qt warning still fails a test.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def drain(job: Callable[[threading.Event], Generator[Any, None, Any]]) -> Any:
    """Run a backend job to the end on this thread; return its result."""
    return run_to_end(job(threading.Event()))


def make_settings(home: Path, model_dir: Path, **overrides: Any) -> Settings:
    # The tiny model's weights are random, so every cosine is chance and the store's measured "nothing close"
    # line would rightly hide every result; these tests are about the window's flows, so nothing is marked.
    values = {
        "model": str(model_dir),
        "offline_fallback": False,
        "idle_unload_s": 0,
        "nothing_close_below": -1.0,
        **overrides,
    }
    return load_settings(home, overrides=values, environ={})


def build_demo(settings: Settings) -> None:
    """DEMO_CALLS demo calls imported, embedded by the tiny model, indexed, and their topics found once."""
    backend = Backend(settings)
    try:
        drain(backend.demo_job(DEMO_CALLS, seed=7))
        drain(backend.index_job())
        drain(backend.dashboard_job(rebuild=False))  # not in every Аналитика test
    finally:
        backend.close()


@pytest.fixture
def russian(qapp: Any) -> Iterator[None]:
    """The window in Russian, as an operator runs it (``--lang ru``, the default)."""
    installed: list[QTranslator] = install_translators(qapp, "ru")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.fixture
def gui_settings(tiny_model_dir: Path) -> Callable[..., Settings]:
    """Settings for a home, using the tiny model and no offline fallback."""
    return lambda home, **overrides: make_settings(home, tiny_model_dir, **overrides)


@pytest.fixture(scope="session")
def demo_home_template(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    """A home with DEMO_CALLS demo calls, embedded by the tiny model and indexed (built once)."""
    home = tmp_path_factory.mktemp("gui_demo") / "home"
    home.mkdir()
    build_demo(make_settings(home, tiny_model_dir))
    return home


@pytest.fixture
def demo_home(demo_home_template: Path, tmp_path: Path) -> Path:
    home = tmp_path / "demo_home"
    shutil.copytree(demo_home_template, home)
    return home


@pytest.fixture(scope="session")
def demo_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path
) -> str:
    """A PostgreSQL database holding what ``demo_home_template`` holds, made the same way (built once; copied)."""
    server = request.getfixturevalue("pg_server_url")
    url = create_database(server, request.getfixturevalue("pg_template"))
    request.addfinalizer(lambda: drop_database(server, url))
    home = tmp_path_factory.mktemp("gui_demo_pg") / "home"
    home.mkdir()
    build_demo(make_settings(home, tiny_model_dir, database_url=url))
    return url


def home_on_copy(request: pytest.FixtureRequest, home: Path, template: str) -> Path:
    """``home`` with a ``database_url`` naming a copy of database ``template`` (dropped after the test)."""
    server = request.getfixturevalue("pg_server_url")
    url = create_database(server, template)
    drop_when_done(request, server, url)
    save_settings(load_settings(home, environ={}), {"database_url": url})
    return home


@pytest.fixture(params=ENGINES)
def engine_demo_home(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The demo home on either engine: a copy of ``demo_home_template``, or a home naming a copy of
    ``demo_database`` (the window then opens the server's pool and searches with pgvector)."""
    if request.param == "sqlite":
        home: Path = request.getfixturevalue("demo_home")
        return home
    home = tmp_path / "demo_home"
    home.mkdir()
    return home_on_copy(request, home, request.getfixturevalue("demo_database"))


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    """Fail a test that leaves a pool task or a thread running."""
    before = {t.ident for t in threading.enumerate()}
    yield
    assert QThreadPool.globalInstance().waitForDone(5000), "a global thread pool task is still running"
    deadline = time.monotonic() + 5
    while True:
        # Qt's pool threads show up as _DummyThread once they log; the pools are checked by open_window.
        left = [
            t
            for t in threading.enumerate()
            if t.ident not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
        ]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not left, f"threads left running: {[t.name for t in left]}"


@pytest.fixture
def wait_idle(qtbot: Any) -> Callable[[JobRunner], None]:
    """Wait until a runner has no job, in one event loop (see gui/app.py on processEvents loops)."""

    def waiter(runner: JobRunner, timeout: int = 60_000) -> None:
        if runner.active:
            with qtbot.waitSignal(runner.busy_changed, timeout=timeout, check_params_cb=lambda busy: not busy):
                pass

    return waiter


@pytest.fixture
def open_window(qtbot: Any, pg_drops: list[tuple[str, str]]) -> Iterator[Callable[..., MainWindow]]:
    """Open (and at the end shut down) a window; waits until it is ready. Shut down before the test's
    PostgreSQL databases are dropped (``pg_drops``)."""
    windows: list[MainWindow] = []

    def opener(settings: Settings, *, wait_ready: bool = True) -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        if wait_ready:
            with qtbot.waitSignal(window.ready, timeout=30_000):
                window.start()
        else:
            window.start()
        return window

    yield opener
    for window in windows:
        window.shutdown()
        assert not window.runner.active or all(w.done.is_set() for w in window.runner.active)
        assert window.runner.read_pool.activeThreadCount() == 0
        assert window.runner.write_pool.activeThreadCount() == 0
        for box in window.reporter.dialogs:
            box.close()

"""Starting the window: command line, translations, crash hooks, screenshot mode."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from callcenter_ai.core.errors import KnownError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from callcenter_ai.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SCREENSHOT_TIMEOUT_S = 600


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="run_gui_ru.py", description="CallCenter AI: the desktop window (Russian by default)."
    )
    parser.add_argument("--home", metavar="DIR", help="app folder with data/ and indexes/ (env CALLCENTER_HOME)")
    parser.add_argument("--lang", choices=("ru", "en"), help="interface language for this run (setting language)")
    parser.add_argument("--model", metavar="NAME|PATH", help="embedding model for this run (setting model)")
    parser.add_argument(
        "--demo-if-empty", action="store_true", help="generate the demo set first when the store holds no calls"
    )
    parser.add_argument("--demo-calls", type=int, default=2000, metavar="N", help="calls in that demo set (2000)")
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        help="open the window, wait until it is ready, save a PNG of it to FILE and exit",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = build_parser().parse_args(argv)
    level = logging.WARNING if args.verbose == 0 else logging.INFO if args.verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # the window's log panel takes INFO; stderr only what -v asks
        handler.setLevel(level)

    from PySide6.QtWidgets import QApplication

    from callcenter_ai.core.settings import load_settings
    from callcenter_ai.gui.dialogs import known_error_box
    from callcenter_ai.gui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CallCenter AI")
    try:
        settings = load_settings(args.home, overrides={"language": args.lang, "model": args.model})
    except KnownError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        if not args.screenshot:
            install_translators(app, args.lang or "ru")
            known_error_box(None, exc).exec()
        return 2
    install_translators(app, settings.language)

    from callcenter_ai.gui.main_window import MainWindow

    window = MainWindow(settings)
    window.reporter.install()
    window.show()
    window.start()
    log.info("window shown in %.2f s", time.perf_counter() - started)

    if args.demo_if_empty:
        start_demo_if_empty(window, args.demo_calls)
    if args.screenshot:
        return take_screenshot(app, window, Path(args.screenshot), started)
    code = app.exec()
    return int(code)


def start_demo_if_empty(window: MainWindow, calls: int) -> None:
    """Generate the demo set when the store is empty, then index it in the background from the search tab."""
    if window.backend.lookups().calls == 0:
        window.index_tab.demo_calls.setValue(calls)
        window.jobs.job_finished.connect(lambda _outcome: window.tabs.setCurrentWidget(window.search_stack))
        window.jobs.generate_demo(index_after=True)


def take_screenshot(app: QApplication, window: MainWindow, path: Path, started: float) -> int:
    """Wait in an event loop until the window is ready and no job runs, save a PNG, return the exit code.

    Waiting is one ``QEventLoop.exec()`` with a polling timer, not a Python loop around ``processEvents()``.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    settled = [0]

    def poll() -> None:
        if time.monotonic() > deadline:
            loop.quit()
        elif window.is_ready and not window.runner.active:
            settled[0] += 1
            if settled[0] >= 3:  # a few more turns of the loop for layouts and the status bar
                loop.quit()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()
    loop.exec()
    timer.stop()
    if not window.is_ready:
        print(f"error: the window was not ready within {SCREENSHOT_TIMEOUT_S} s", file=sys.stderr)
        window.close()
        return 1
    ready_s = time.perf_counter() - started
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(path), "PNG")
    print(f"ready in {ready_s:.2f} s; screenshot {'saved to' if ok else 'FAILED for'} {path}", flush=True)
    window.close()
    return 0 if ok else 1

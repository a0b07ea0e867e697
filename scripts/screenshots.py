"""Screenshots of each tab of the window into docs/screenshots/*.png.

    xvfb-run -a .venv/bin/python scripts/screenshots.py [--home DIR] [--calls N] [--lang ru|en]

Without ``--home`` it builds a fresh home in a temporary folder: the demo set,
indexed with the configured model (or the offline embedder when the model
cannot be had here), then opens the real window under the X server, runs a
search, selects a result and saves one PNG per tab.  Before opening the
window it records operators' ratings through the core (``record_ratings``),
so the learning tab has something to show.  Needs a display: run it
under Xvfb (``apt-get install -y xvfb libxcb-icccm4 libxcb-keysyms1``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from callcenter_ai.core.settings import Settings, load_settings  # noqa: E402
from callcenter_ai.gui.backend import Backend  # noqa: E402
from callcenter_ai.gui.i18n import install_translators  # noqa: E402
from callcenter_ai.gui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
QUERY = "списали деньги два раза за одну покупку"


def drain(job: Any) -> Any:
    generator = job(threading.Event())
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


def prepare_home(home: Path, calls: int, language: str) -> Settings:
    settings = load_settings(home, overrides={"language": language})
    if not settings.db_path.exists():
        backend = Backend(settings)
        try:
            print(f"generating {calls} demo calls and indexing them in {home} ...", flush=True)
            drain(backend.demo_job(calls, seed=1))
            summary = drain(backend.index_job())
            print("\n".join(summary.lines), flush=True)
        finally:
            backend.close()
    return settings


RATERS = ("ivanova", "petrov", "sidorova")


def record_ratings(settings: Settings, anchors: int = 24, k: int = 10) -> None:
    """Operators' ratings of «Найти похожие» results, simulated from the demo labels (same topic = relevant).

    The first half is rated on the plain ranking; then the re-ranker is trained from those ratings and
    the second half rates what the re-ranked search actually served, one anchor call per few hours
    over the last days, so every chart of the learning tab has data.  Skipped when ratings exist.
    """
    from datetime import UTC, datetime, timedelta

    from callcenter_ai.core.feedback import add_rating, rating_count, train_reranker
    from callcenter_ai.core.search.service import SearchService
    from callcenter_ai.core.store import CallStore

    with CallStore.open(settings.db_path) as store:
        if rating_count(store.db):
            return
        service = SearchService(settings, store)
        calls = store.get_calls(list(range(1, store.count("calls") + 1, max(1, store.count("calls") // anchors))))
        start = datetime.now(UTC) - timedelta(days=7)
        for number, anchor in enumerate(calls[:anchors]):
            if number == anchors // 2:
                info = train_reranker(store, settings, service.index_model_id or "", force=True)
                print(f"re-ranker trained: {info and info.get('held_out')}", flush=True)
            when = start + timedelta(hours=7 * number)
            for result in service.similar(anchor.dialog_id, k=k):
                add_rating(
                    store,
                    result_dialog_id=result.dialog_id,
                    relevant=result.topic == anchor.topic,
                    model_id=service.index_model_id or "",
                    source_dialog_id=anchor.dialog_id,
                    rater=RATERS[number % len(RATERS)],
                    rank=result.rank,
                    score=result.score,
                    mode=result.mode,
                    reranked=result.reranked,
                    now=when.isoformat(timespec="seconds"),
                )
        train_reranker(store, settings, service.index_model_id or "")
        print(f"recorded {rating_count(store.db)} ratings", flush=True)


def wait_for(condition: Any, timeout: float = 900, settle_ms: int = 0) -> None:
    """Run the event loop until ``condition()`` holds (one QEventLoop, never a processEvents() loop)."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline else None)
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise SystemExit("timed out waiting for the window")
    if settle_ms:
        pause = QEventLoop()
        QTimer.singleShot(settle_ms, pause.quit)
        pause.exec()


def shoot(window: MainWindow, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    if not window.grab().save(str(path), "PNG"):
        raise SystemExit(f"could not save {path}")
    print(f"saved {path.relative_to(ROOT)}")
    return path


def shoot_analytics(window: MainWindow) -> None:
    """The «Аналитика» tab: the dashboard, its topic browser and repeat calls, and a drill-down into Поиск."""
    tab = window.analytics_tab
    tab_shown = tab.refresh_button.isEnabled
    window.tabs.setCurrentWidget(tab)  # the first visit builds the dashboard (and the topics) on a worker
    wait_for(lambda: tab.dashboard is not None and tab_shown() and not window.runner.active, settle_ms=500)
    shoot(window, "analytics")  # the charts above the topic browser (the first of the lower tabs)
    tab.sections.setCurrentWidget(tab.repeats)
    wait_for(lambda: True, settle_ms=300)
    shoot(window, "analytics_repeats")
    done: list[bool] = []
    window.search_tab.model.modelReset.connect(lambda: done.append(True))
    tab.per_topic.bar_clicked.emit(0)  # the biggest topic's bar, as a click on it
    wait_for(lambda: bool(done) and window.tabs.currentWidget() is window.search_stack, settle_ms=500)
    shoot(window, "analytics_drill")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="an existing home to show (default: a fresh demo home)")
    parser.add_argument("--calls", type=int, default=2000, help="demo calls in a fresh home (2000)")
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="callcenter_shots_") as tmp:
        home = args.home or Path(tmp) / "home"
        home.mkdir(parents=True, exist_ok=True)
        settings = prepare_home(home, args.calls, args.lang)
        record_ratings(settings)
        install_translators(app, settings.language)

        empty = MainWindow(load_settings(Path(tmp) / "empty", overrides={"language": args.lang}))
        empty.resize(1280, 800)
        empty.show()
        empty.start()
        wait_for(lambda: empty.is_ready)
        wait_for(lambda: True, settle_ms=300)
        shoot(empty, "welcome")
        empty.close()

        window = MainWindow(settings)
        window.resize(1400, 860)
        window.show()
        window.start()
        wait_for(lambda: window.is_ready)
        wait_for(lambda: True, settle_ms=300)
        window.status.refresh()
        shoot(window, "search_start")  # what a newcomer sees before the first search
        tab = window.search_tab
        tab.query.setText(QUERY)
        tab.mode.setCurrentIndex(tab.mode.findData("hybrid"))
        done: list[bool] = []
        window.search_finished.connect(lambda: done.append(True))
        window.run_search()
        wait_for(lambda: bool(done))
        tab.step(1)
        tab.step(-1)
        wait_for(lambda: True, settle_ms=1000)
        window.status.refresh()
        shoot(window, "search")
        for width, height in ((1024, 600), (1920, 1080)):  # the smallest screen we support, and a large one
            window.resize(width, height)
            wait_for(lambda: True, settle_ms=500)
            shoot(window, f"search_{width}x{height}")
        window.resize(1400, 860)
        tab.select_proxy_row(0)
        done.clear()
        window.find_similar()
        wait_for(lambda: bool(done), settle_ms=500)
        shoot(window, "similar")
        window.show_pinned()
        tab.query.setText(QUERY)
        done.clear()
        window.run_search()
        wait_for(lambda: bool(done), settle_ms=300)

        tab.filters_toggle.setChecked(True)
        tab.filters.check(tab.filters.channels, "чат")
        done.clear()
        window.run_search()  # the filters apply to the next search: show its results
        wait_for(lambda: bool(done), settle_ms=300)
        shoot(window, "search_filters")
        tab.filters.reset()
        tab.filters_toggle.setChecked(False)

        # Change some calls (another demo seed), then shoot the indexing tab in the middle of its update.
        finished: list[Any] = []
        window.jobs.job_finished.connect(finished.append)
        window.index_tab.demo_calls.setValue(max(50, args.calls // 4))
        window.jobs.generate_demo(seed=2 + int(time.time()) % 1000)  # a new seed: some calls change every run
        wait_for(lambda: bool(finished))
        finished.clear()
        window.jobs.build_index()
        wait_for(lambda: window.index_tab.progress.value() >= 300 or bool(finished))
        window.tabs.setCurrentWidget(window.search_stack)
        wait_for(lambda: True, settle_ms=200)
        shoot(window, "search_while_indexing")
        window.tabs.setCurrentWidget(window.index_tab)
        shoot(window, "indexing")
        wait_for(lambda: bool(finished))
        wait_for(lambda: True, settle_ms=300)
        shoot(window, "indexing_done")

        shown: list[bool] = []
        window.stats_shown.connect(lambda: shown.append(True))
        window.tabs.setCurrentWidget(window.stats_tab)
        wait_for(lambda: bool(shown), settle_ms=300)
        shoot(window, "learning")

        shoot_analytics(window)

        window.tabs.setCurrentWidget(window.log_panel)
        wait_for(lambda: True, settle_ms=300)
        shoot(window, "log")
        window.close()
        QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up in a fresh process: --screenshot, and torch never imported on the GUI thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

# Records the thread of every import of torch / sentence_transformers, then runs the given code.
IMPORT_WATCH = textwrap.dedent(
    """
    import importlib.abc, json, sys, threading
    seen = []
    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name in ("torch", "sentence_transformers"):
                seen.append([name, threading.current_thread().name,
                             threading.current_thread() is threading.main_thread()])
            return None
    sys.meta_path.insert(0, Watch())
    """
)


def run_python(code: str, timeout: int = 240) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_screenshot_flag_saves_a_png_without_loading_the_model(
    demo_home: Path, tiny_model_dir: Path, tmp_path: Path
) -> None:
    png = tmp_path / "shot.png"
    code = IMPORT_WATCH + textwrap.dedent(
        f"""
        from gui_ru import main
        code = main(["--home", {str(demo_home)!r}, "--model", {str(tiny_model_dir)!r}, "--screenshot", {str(png)!r}])
        print("WATCH=" + json.dumps({{"code": code, "seen": seen, "faiss": "faiss" in sys.modules}}))
        """
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.split("WATCH=")[1])
    assert report["code"] == 0
    assert report["seen"] == [], "start-up must not import torch or sentence-transformers"
    assert report["faiss"], "the index was loaded at start-up"
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    assert "ready in" in done.stdout


def test_run_gui_ru_script_help() -> None:
    done = subprocess.run(
        [sys.executable, "run_gui_ru.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    for flag in ("--home", "--screenshot", "--demo-if-empty", "--lang"):
        assert flag in done.stdout


def test_semantic_search_imports_torch_only_on_a_worker(demo_home: Path, tiny_model_dir: Path) -> None:
    code = IMPORT_WATCH + textwrap.dedent(
        f"""
        import time
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication
        from callcenter_ai.core.settings import load_settings
        from callcenter_ai.gui.main_window import MainWindow
        app = QApplication([])
        settings = load_settings({str(demo_home)!r},
                                 overrides={{"model": {str(tiny_model_dir)!r}, "offline_fallback": False,
                                            "nothing_close_below": -1.0}})  # random weights: all chance
        window = MainWindow(settings)
        window.show()
        window.start()
        # Wait with event loops, never a Python loop around processEvents() (see gui/app.py).
        def wait(signal):
            loop = QEventLoop()
            signal.connect(loop.quit)
            QTimer.singleShot(120_000, loop.quit)
            loop.exec()
        if not window.is_ready:
            wait(window.ready)
        before = list(seen)
        window.search_tab.mode.setCurrentIndex(window.search_tab.mode.findData("semantic"))
        window.search_tab.query.setText("списали деньги дважды")
        window.run_search()
        wait(window.search_finished)
        rows = window.search_tab.proxy.rowCount()
        window.shutdown()
        print("WATCH=" + json.dumps({{"before": before, "seen": seen, "rows": rows}}))
        """
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.split("WATCH=")[1])
    assert report["before"] == []
    assert report["rows"] > 0
    assert report["seen"], "the semantic query loaded the model"
    assert all(not on_main for _name, _thread, on_main in report["seen"]), report["seen"]

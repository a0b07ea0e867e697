"""Tests that need ../shared/data skip with a reason naming it, and the run's summary counts them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_checkout_without_shared_data_says_what_it_skipped(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"  # no ../shared/data beside it
    (checkout / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", checkout / "tests" / "conftest.py")
    (checkout / "tests" / "test_sets.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.shared_data('multiwoz_ru', 'multiwoz_ru_dev.jsonl')\n"
        "def test_needs_data() -> None:\n    raise AssertionError('must not run')\n\n"
        "def test_plain() -> None:\n    pass\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-ra", "-p", "no:cacheprovider", "tests"],
        cwd=checkout,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    missing = tmp_path / "shared" / "data" / "multiwoz_ru" / "multiwoz_ru_dev.jsonl"
    assert f"SKIPPED [1] tests/test_sets.py:3: needs ../shared/data ({missing} is missing)" in run.stdout
    assert f"1 skipped: ../shared/data is missing ({tmp_path / 'shared' / 'data'})" in run.stdout
    assert "1 passed, 1 skipped" in run.stdout

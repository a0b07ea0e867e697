from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_processor_script_moves_home_before_the_command() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from optimized_embedding_processor import _cli_args
    finally:
        sys.path.remove(str(ROOT))
    assert _cli_args(["--limit", "1", "--home", "/h"]) == ["--home", "/h", "embed", "--limit", "1"]
    assert _cli_args(["--json"]) == ["embed", "--json"]


@pytest.mark.parametrize(
    ("script", "says"),
    [
        ("run_gui_ru.py", "desktop window"),
        ("gui_ru.py", "desktop window"),
        ("optimized_embedding_processor.py", "Embed the calls"),
        ("memory_diagnostics.py", "Memory, CPU and GPU report"),
        ("test_optimized_processor.py", "5, 50 and 200 texts"),
    ],
)
def test_top_level_scripts_say_what_they_do(script: str, says: str) -> None:
    done = subprocess.run(
        [sys.executable, script, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert says in " ".join(done.stdout.split())

"""scripts/dev.py installs CPU or GPU FAISS, never both (they write the same ``faiss`` module)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def dev_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "scripts" / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pip_steps(commands: list[list[str | Path]]) -> list[str]:
    return [" ".join(str(part) for part in command[3:]) for command in commands]


def test_gpu_setup_swaps_faiss_cpu_for_faiss_gpu() -> None:
    steps = pip_steps(dev_script().install_commands(Path("py"), gpu=True, was_gpu=False))
    assert steps == [
        "install --quiet --upgrade pip",
        "install --quiet -r requirements-dev.txt",
        "uninstall --yes --quiet faiss-cpu",
        "install --quiet -r requirements-gpu.txt",
        # Uninstalling faiss-cpu removed the faiss files both packages own: put faiss-gpu's back.
        "install --quiet --force-reinstall --no-deps -r requirements-gpu.txt",
    ]


def test_plain_setup_after_gpu_goes_back_to_the_pinned_faiss_cpu() -> None:
    dev = dev_script()
    steps = pip_steps(dev.install_commands(Path("py"), gpu=False, was_gpu=True))
    assert steps == [
        "install --quiet --upgrade pip",
        "uninstall --yes --quiet faiss-gpu-cu12",
        "install --quiet -r requirements-dev.txt",
        f"install --quiet --force-reinstall --no-deps {dev.faiss_cpu_pin()}",
    ]
    assert dev.faiss_cpu_pin().startswith("faiss-cpu==")
    assert pip_steps(dev.install_commands(Path("py"), gpu=False, was_gpu=False)) == steps[:1] + steps[2:3]


def test_requirements_gpu_holds_only_the_pinned_faiss_gpu() -> None:
    lines = [line for line in (ROOT / "requirements-gpu.txt").read_text().splitlines() if not line.startswith("#")]
    assert [line for line in lines if line.strip()] == ["faiss-gpu-cu12==1.14.1.post1"]


def test_the_suite_runs_on_workers_unless_the_arguments_choose() -> None:
    dev = dev_script()
    assert dev.parallel(["-q"]) == dev.PARALLEL
    assert "--numprocesses" in dev.PARALLEL
    for chosen in (["-n", "0"], ["-n0"], ["--numprocesses=1"], ["-p", "no:xdist"], ["--dist", "load"]):
        assert dev.parallel(["-q", *chosen]) == [], chosen

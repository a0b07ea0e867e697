"""Set up and run CallCenter AI from a fresh clone, on Linux, macOS or Windows.

    python3 scripts/dev.py demo    create .venv, install, generate demo data, start the window
    python3 scripts/dev.py test    create .venv, install, run every check (ruff, mypy,
                                   import-linter, pytest); extra arguments go to pytest
    python3 scripts/dev.py setup   only create .venv and install
    python3 scripts/dev.py setup --gpu
                                   the same with GPU FAISS (faiss-gpu-cu12 from requirements-gpu.txt
                                   instead of faiss-cpu; Linux x86_64, CUDA 12); `setup` alone goes
                                   back to faiss-cpu, `test` and `demo` keep what is installed

Uses only the standard library, so it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt", "requirements-gpu.txt")
STAMP = VENV / ".installed"
PYTEST_NO_TESTS = 5
# The suite runs on one pytest-xdist worker per core, at most 4 (each starts its own PostgreSQL): 2 cores
# take about 4 minutes instead of 7.5. Passing -n (or -p no:xdist) yourself overrides it.
PARALLEL = ["--numprocesses", "auto", "--maxprocesses", "4", "--dist", "worksteal"]
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements_digest(gpu: bool) -> str:
    digest = hashlib.sha256()
    for name in REQUIREMENTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest() + (" gpu" if gpu else "")


def installed_gpu() -> bool:
    """Whether the last setup installed GPU FAISS (told by the stamp)."""
    return STAMP.exists() and STAMP.read_text().strip().endswith(" gpu")


def faiss_cpu_pin() -> str:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return next(line.strip() for line in lines if line.startswith("faiss-cpu=="))


def install_commands(python: Path, *, gpu: bool, was_gpu: bool) -> list[list[str | Path]]:
    """The pip commands that install the requirements with CPU or GPU FAISS.

    faiss-cpu and faiss-gpu-cu12 install the same ``faiss`` files, so one is
    uninstalled before the other is (re)installed over them.
    """
    pip: list[str | Path] = [python, "-m", "pip"]
    commands = [[*pip, "install", "--quiet", "--upgrade", "pip"]]
    if was_gpu and not gpu:
        commands.append([*pip, "uninstall", "--yes", "--quiet", "faiss-gpu-cu12"])
    commands.append([*pip, "install", "--quiet", "-r", "requirements-dev.txt"])
    if gpu:
        commands.append([*pip, "uninstall", "--yes", "--quiet", "faiss-cpu"])
        commands.append([*pip, "install", "--quiet", "-r", "requirements-gpu.txt"])
        commands.append([*pip, "install", "--quiet", "--force-reinstall", "--no-deps", "-r", "requirements-gpu.txt"])
    elif was_gpu:
        commands.append([*pip, "install", "--quiet", "--force-reinstall", "--no-deps", faiss_cpu_pin()])
    return commands


def setup(gpu: bool | None = None) -> Path:
    """Create .venv and install the pinned requirements (skipped when unchanged).

    ``gpu`` None keeps the FAISS flavour installed last (CPU on a new .venv).
    """
    python = venv_python()
    if not python.exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    was_gpu = installed_gpu()
    gpu = was_gpu if gpu is None else gpu
    wanted = requirements_digest(gpu)
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print(f"installing requirements{' with GPU FAISS' if gpu else ''} (about a minute) ...", flush=True)
        for command in install_commands(python, gpu=gpu, was_gpu=was_gpu):
            run(command)
        STAMP.write_text(wanted + "\n")
    return python


def run(cmd: list[str | Path], env: dict[str, str] | None = None) -> int:
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if code != 0 and cmd[1:3] == ["-m", "pip"]:
        sys.exit(code)
    return code


def test_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def check(python: Path, pytest_args: list[str]) -> int:
    env = test_env()
    steps: list[tuple[str, list[str | Path]]] = [
        ("ruff", [python, "-m", "ruff", "check", "."]),
        ("ruff format", [python, "-m", "ruff", "format", "--check", "."]),
        ("mypy", [python, "-m", "mypy"]),
        ("import-linter", [python, "-c", LINT_IMPORTS]),
    ]
    failed = []
    for name, cmd in steps:
        print(f"== {name}", flush=True)
        if run(cmd, env) != 0:
            failed.append(name)
    print("== pytest", flush=True)
    code = run([python, "-m", "pytest", *parallel(pytest_args), *pytest_args], env)
    if code == PYTEST_NO_TESTS:
        print("pytest collected no tests: that is a failure", file=sys.stderr)
        failed.append("pytest (no tests collected)")
    elif code != 0:
        failed.append("pytest")
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


def parallel(pytest_args: list[str]) -> list[str]:
    """The workers to run the suite on, unless ``pytest_args`` choose for themselves."""
    own = ("-n", "--numprocesses", "--dist")
    chosen = any(a.startswith(own) or a in ("no:xdist", "-pno:xdist") for a in pytest_args)
    return [] if chosen else PARALLEL


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("setup", "demo", "test"):
        print(__doc__)
        return 2
    if argv[0] == "setup" and argv[1:] not in ([], ["--gpu"]):
        print(__doc__)
        return 2
    python = setup(gpu=argv[1:] == ["--gpu"] if argv[0] == "setup" else None)
    if argv[0] == "demo":
        return run([python, "run_gui_ru.py", "--demo-if-empty", *argv[1:]])
    if argv[0] == "test":
        return check(python, argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

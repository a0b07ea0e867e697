"""memory_diagnostics.py run in-process: NVML absent, NVML faked, small swap, JSON shape."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import psutil
import pytest

from tests.diagnostics.fakes import GIB, fake_pynvml, swap_memory, virtual_memory

ROOT = Path(__file__).resolve().parents[2]


def _load_entry_point() -> ModuleType:
    spec = importlib.util.spec_from_file_location("memory_diagnostics", ROOT / "memory_diagnostics.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


memory_diagnostics = _load_entry_point()


@pytest.fixture
def roomy_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """32 GiB of RAM, 28 available, 8 GiB of swap: enough for the model."""
    monkeypatch.setattr(psutil, "virtual_memory", lambda: virtual_memory(32, 28))
    monkeypatch.setattr(psutil, "swap_memory", lambda: swap_memory(8, 1))


def run_json(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code = memory_diagnostics.main(["--home", str(home), "--json", *args])
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "--json prints exactly one line"
    return code, json.loads(out)


def test_json_shape_and_exit_0_on_a_healthy_cpu_machine(
    capsys: pytest.CaptureFixture[str], home: Path, roomy_machine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(no_driver=True))
    code, report = run_json(capsys, home)
    assert code == 0, report["findings"]
    assert report["status"] == "ok" and report["exit_code"] == 0
    for key in ("ram", "swap", "gpu", "process", "cpu", "software", "model", "recommendations", "findings"):
        assert key in report
    assert report["ram"]["total_bytes"] == 32 * GIB
    assert report["ram"]["available_bytes"] == 28 * GIB
    assert report["swap"] == {
        "kind": "page file" if sys.platform == "win32" else "swap",
        "total_bytes": 8 * GIB,
        "used_bytes": 1 * GIB,
        "free_bytes": 7 * GIB,
        "percent": 12.5,
    }
    assert report["process"]["pid"] == os.getpid()
    assert report["process"]["rss_bytes"] > 10 * 1024**2
    assert report["cpu"]["logical_cores"] == os.cpu_count()
    assert isinstance(report["software"]["faiss_gpu"], bool)
    recs = report["recommendations"]
    assert recs["device"] == "auto" and recs["dims"] == 1024
    assert recs["batch_size"] * recs["max_tokens"] == recs["batch_token_budget"]
    assert set(recs["reasons"]) >= {"device", "precision", "batch_size", "batch_token_budget", "max_tokens", "dims"}


def test_no_nvidia_driver_is_reported_not_a_crash(
    capsys: pytest.CaptureFixture[str], home: Path, roomy_machine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(no_driver=True))
    code = memory_diagnostics.main(["--home", str(home)])
    out = capsys.readouterr().out
    assert code == 0
    assert "no NVIDIA driver" in out
    assert "device = auto" in out and "(no GPU (no NVIDIA driver))" in out
    assert out.rstrip().endswith("status: ok")


def test_nvml_package_missing(
    capsys: pytest.CaptureFixture[str], home: Path, roomy_machine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", None)  # import pynvml -> ImportError
    code, report = run_json(capsys, home)
    assert code == 0
    assert report["gpu"]["status"] == "no_nvml" and report["gpu"]["devices"] == []


def test_real_nvml_without_a_driver(capsys: pytest.CaptureFixture[str], home: Path, roomy_machine: None) -> None:
    """The installed pynvml on a machine without an NVIDIA driver (skipped where there is one)."""
    import pynvml

    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError_LibraryNotFound:
        pass
    else:
        pynvml.nvmlShutdown()
        pytest.skip("this machine has an NVIDIA driver")
    code, report = run_json(capsys, home)
    assert report["gpu"] == {"status": "no_driver", "message": "no NVIDIA driver", "driver": None,
                             "cuda_driver": None, "devices": []}  # fmt: skip
    assert code == 0


def test_faked_nvml_lists_devices_memory_and_processes(
    capsys: pytest.CaptureFixture[str], home: Path, roomy_machine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    nvml = fake_pynvml(
        [
            {
                "name": "NVIDIA GeForce RTX 3060",
                "total": 12 * GIB,
                "used": 2 * GIB,
                "util": 37,
                "cc": (8, 6),
                "processes": [(os.getpid(), 1 * GIB), (999_999_999, 512 * 1024**2)],
            },
            {"name": "Tesla T4", "total": 16 * GIB, "used": 15 * GIB, "util": None, "cc": (7, 5)},
        ]
    )
    monkeypatch.setitem(sys.modules, "pynvml", nvml)
    code, report = run_json(capsys, home)
    gpu = report["gpu"]
    assert gpu["status"] == "ok" and gpu["driver"] == "550.54.14" and gpu["cuda_driver"] == "12.4"
    first, second = gpu["devices"]
    assert first["name"] == "NVIDIA GeForce RTX 3060" and first["compute_capability"] == "8.6"
    assert (first["total_bytes"], first["used_bytes"], first["free_bytes"]) == (12 * GIB, 2 * GIB, 10 * GIB)
    assert first["utilization_percent"] == 37
    assert [p["pid"] for p in first["processes"]] == [os.getpid(), 999_999_999]
    assert first["processes"][0]["name"] == psutil.Process().name()
    assert first["processes"][1]["name"] == "?"
    assert second["utilization_percent"] is None  # NVML "not supported" is not an error
    assert nvml.calls == {"init": 1, "shutdown": 1}
    import torch

    if torch.cuda.is_available():
        pytest.skip("this torch has CUDA: the fake GPUs are not what it sees")
    # A GPU the CPU-only torch cannot use: a warning that says what to install, exit 1.
    assert code == 1
    codes = [f["code"] for f in report["findings"]]
    assert codes == ["torch_without_cuda"]
    assert "NVIDIA GeForce RTX 3060" in report["findings"][0]["message"]
    memory_diagnostics.main(["--home", str(home)])
    text = capsys.readouterr().out
    assert "[0] NVIDIA GeForce RTX 3060 (cc 8.6): 12.0 GiB total, 10.0 GiB free, 2.0 GiB used, load 37 %" in text
    assert "pid 999999999 ?: 512 MiB" in text
    assert "WARNING: GPU NVIDIA GeForce RTX 3060 is present but torch" in text


@pytest.mark.parametrize("system", ["Linux", "Windows"])
def test_swap_too_small_to_load_the_model_warns_with_exit_1(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    """2.5 GiB available and 0.5 GiB of free swap cannot hold Qwen3-0.6B loaded in fp32 (about 4 GiB)."""
    monkeypatch.setattr(psutil, "virtual_memory", lambda: virtual_memory(4, 2.5))
    monkeypatch.setattr(psutil, "swap_memory", lambda: swap_memory(1, 0.5))
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(no_driver=True))
    monkeypatch.setattr("platform.system", lambda: system)
    code, report = run_json(capsys, home)
    assert code == 1 and report["status"] == "warnings"
    findings = {f["code"]: f for f in report["findings"]}
    assert "swap_too_small" in findings
    message = findings["swap_too_small"]["message"]
    assert "os error 1455" in message and "Qwen/Qwen3-Embedding-0.6B" in message
    assert ("page_file_small" in findings) == (system == "Windows")
    assert all(f["level"] != "error" for f in report["findings"])


def test_enough_ram_but_no_swap_is_fine_on_linux(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(psutil, "virtual_memory", lambda: virtual_memory(24, 20))
    monkeypatch.setattr(psutil, "swap_memory", lambda: swap_memory(0))
    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(no_driver=True))
    monkeypatch.setattr("platform.system", lambda: "Linux")
    code, report = run_json(capsys, home)
    assert code == 0, report["findings"]


def test_diagnose_command_gives_the_same_report(
    capsys: pytest.CaptureFixture[str], home: Path, roomy_machine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callcenter_ai.cli.main import main

    monkeypatch.setitem(sys.modules, "pynvml", fake_pynvml(no_driver=True))
    code = main(["--home", str(home), "diagnose", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["gpu"]["message"] == "no NVIDIA driver"
    assert report["store"] == {"path": str(home / "data" / "callcenter.db"), "vectors": None}
    assert not (home / "data" / "callcenter.db").exists(), "diagnostics never create a store"


def test_bad_test_batch_size_is_refused_with_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        memory_diagnostics.main(["--load-model", "x", "--test-texts", "0"])
    assert stop.value.code == 2
    assert "argument --test-texts: must be at least 1, got 0" in capsys.readouterr().err

"""RAM, swap (page file), this process and the CPU, as plain JSON-ready dicts.

Everything here is cheap (no torch import unless the CPU flags cannot be read
from ``/proc/cpuinfo``) and never raises for a missing source: an unknown value
is ``None``.
"""

from __future__ import annotations

import os
import platform
import sys
import threading
from pathlib import Path
from typing import Any

import psutil

CPUINFO = Path("/proc/cpuinfo")

# /proc/cpuinfo flag -> report key.  AVX-512 counts as present with its foundation (avx512f).
CPU_FLAGS = {
    "avx2": "avx2",
    "avx512f": "avx512",
    "avx512_bf16": "avx512_bf16",
    "avx512_vnni": "avx512_vnni",
    "amx_bf16": "amx_bf16",
}


def platform_info() -> dict[str, Any]:
    return {
        "system": platform.system(),
        "release": platform.release(),
        "machine": platform.machine(),
        "python": sys.version.split()[0],
    }


def ram_info() -> dict[str, Any]:
    vm = psutil.virtual_memory()
    return {
        "total_bytes": int(vm.total),
        "available_bytes": int(vm.available),
        "used_bytes": int(vm.total - vm.available),
        "percent": float(vm.percent),
    }


def swap_info() -> dict[str, Any]:
    """Swap on Linux/macOS, the page file on Windows (psutil reports both the same way)."""
    sm = psutil.swap_memory()
    return {
        "kind": "page file" if sys.platform == "win32" else "swap",
        "total_bytes": int(sm.total),
        "used_bytes": int(sm.used),
        "free_bytes": int(sm.free),
        "percent": float(sm.percent),
    }


def process_info() -> dict[str, Any]:
    proc = psutil.Process()
    return {"pid": proc.pid, "rss_bytes": int(proc.memory_info().rss)}


def process_rss() -> int:
    return int(psutil.Process().memory_info().rss)


def cpu_info(cpuinfo_path: Path = CPUINFO) -> dict[str, Any]:
    """Cores and the vector instructions that matter for fp32/bf16 matrix work."""
    info: dict[str, Any] = {
        "model": platform.processor() or platform.machine(),
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "flags_source": None,
        **dict.fromkeys(CPU_FLAGS.values()),
        "torch_capability": None,
    }
    flags, model = _read_cpuinfo(cpuinfo_path)
    if flags is not None:
        info["flags_source"] = str(cpuinfo_path)
        for flag, key in CPU_FLAGS.items():
            info[key] = flag in flags
    if model:
        info["model"] = model
    capability = _torch_cpu_capability()
    info["torch_capability"] = capability
    if flags is None and capability is not None:
        # No /proc/cpuinfo (Windows, macOS): torch's dispatch level is the best we have.
        info["flags_source"] = "torch"
        info["avx2"] = capability in ("AVX2", "AVX512")
        info["avx512"] = capability == "AVX512"
    return info


def _read_cpuinfo(path: Path) -> tuple[set[str] | None, str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None, ""
    flags: set[str] | None = None
    model = ""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key in ("flags", "Features") and flags is None:
            flags = set(value.split())
        elif key == "model name" and not model:
            model = value.strip()
    return flags, model


def _torch_cpu_capability() -> str | None:
    """``torch.backends.cpu.get_cpu_capability()`` ("AVX2", "AVX512", ...) when torch imports."""
    try:
        import torch
    except ImportError:
        return None
    getter = getattr(getattr(torch.backends, "cpu", None), "get_cpu_capability", None)
    if getter is None:
        return None
    return str(getter())


class PeakRssSampler:
    """Sample this process's resident memory in a thread while a block runs; ``peak`` is the highest seen."""

    def __init__(self, interval_s: float = 0.005) -> None:
        self.interval_s = interval_s
        self._proc = psutil.Process()
        self.start = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.peak = max(self.peak, int(self._proc.memory_info().rss))

    def __enter__(self) -> PeakRssSampler:
        self.start = self.peak = int(self._proc.memory_info().rss)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, int(self._proc.memory_info().rss))

"""A fake ``pynvml`` module and fixed psutil readings for the diagnostics tests."""

from __future__ import annotations

import types
from collections import namedtuple
from typing import Any

GIB = 1024**3

VirtualMemory = namedtuple("VirtualMemory", "total available percent used free")
SwapMemory = namedtuple("SwapMemory", "total used free percent sin sout")


def virtual_memory(total_gib: float, available_gib: float) -> VirtualMemory:
    total, available = int(total_gib * GIB), int(available_gib * GIB)
    return VirtualMemory(total, available, 100.0 * (total - available) / total, total - available, available)


def swap_memory(total_gib: float, used_gib: float = 0.0) -> SwapMemory:
    total, used = int(total_gib * GIB), int(used_gib * GIB)
    return SwapMemory(total, used, total - used, 100.0 * used / total if total else 0.0, 0, 0)


class _NVMLError(Exception):
    def __init__(self, value: int) -> None:
        super().__init__(value)
        self.value = value


def fake_pynvml(devices: list[dict[str, Any]] | None = None, *, no_driver: bool = False) -> types.ModuleType:
    """NVML with ``devices`` (name, total, used, util, cc, processes=[(pid, bytes)]), or with no driver."""
    devices = devices or []
    mod = types.ModuleType("pynvml")
    mod.NVMLError = _NVMLError  # type: ignore[attr-defined]
    not_found = type("NVMLError_LibraryNotFound", (_NVMLError,), {})
    not_supported = type("NVMLError_NotSupported", (_NVMLError,), {})
    mod.NVMLError_LibraryNotFound = not_found  # type: ignore[attr-defined]
    mod.NVML_ERROR_LIBRARY_NOT_FOUND = 12  # type: ignore[attr-defined]
    calls = {"init": 0, "shutdown": 0}
    mod.calls = calls  # type: ignore[attr-defined]

    def init() -> None:
        if no_driver:
            raise not_found(12)
        calls["init"] += 1

    def shutdown() -> None:
        calls["shutdown"] += 1

    def memory(h: int) -> Any:
        d = devices[h]
        return types.SimpleNamespace(total=d["total"], used=d["used"], free=d["total"] - d["used"])

    def utilization(h: int) -> Any:
        if devices[h].get("util") is None:
            raise not_supported(3)
        return types.SimpleNamespace(gpu=devices[h]["util"], memory=devices[h]["util"] // 2)

    def processes(h: int) -> list[Any]:
        return [types.SimpleNamespace(pid=pid, usedGpuMemory=used) for pid, used in devices[h].get("processes", [])]

    mod.nvmlInit = init  # type: ignore[attr-defined]
    mod.nvmlShutdown = shutdown  # type: ignore[attr-defined]
    mod.nvmlSystemGetDriverVersion = lambda: "550.54.14"  # type: ignore[attr-defined]
    mod.nvmlSystemGetCudaDriverVersion = lambda: 12040  # type: ignore[attr-defined]
    mod.nvmlDeviceGetCount = lambda: len(devices)  # type: ignore[attr-defined]
    mod.nvmlDeviceGetHandleByIndex = lambda i: i  # type: ignore[attr-defined]
    mod.nvmlDeviceGetName = lambda h: devices[h]["name"].encode()  # type: ignore[attr-defined]
    mod.nvmlDeviceGetMemoryInfo = memory  # type: ignore[attr-defined]
    mod.nvmlDeviceGetUtilizationRates = utilization  # type: ignore[attr-defined]
    mod.nvmlDeviceGetCudaComputeCapability = lambda h: devices[h]["cc"]  # type: ignore[attr-defined]
    mod.nvmlDeviceGetComputeRunningProcesses = processes  # type: ignore[attr-defined]
    mod.nvmlDeviceGetGraphicsRunningProcesses = lambda h: []  # type: ignore[attr-defined]
    return mod

"""GPUs through NVML, plus what torch and FAISS can do with them.

NVML comes from ``pynvml`` (package ``nvidia-ml-py``).  With no driver
``nvmlInit()`` raises ``NVMLError_LibraryNotFound``: that is a normal outcome
("no NVIDIA driver"), not a failure of the check.
"""

from __future__ import annotations

import importlib.metadata
import logging
from typing import Any

import psutil

log = logging.getLogger(__name__)

NO_DRIVER = "no NVIDIA driver"


def gpu_info() -> dict[str, Any]:
    """Driver, CUDA driver version and every device with memory, load and processes."""
    result: dict[str, Any] = {"status": "ok", "message": "", "driver": None, "cuda_driver": None, "devices": []}
    try:
        import pynvml
    except ImportError:
        result.update(status="no_nvml", message="pynvml (nvidia-ml-py) is not installed")
        return result
    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        if isinstance(exc, getattr(pynvml, "NVMLError_LibraryNotFound", ())) or _is_library_not_found(pynvml, exc):
            result.update(status="no_driver", message=NO_DRIVER)
        else:
            result.update(status="error", message=f"NVML failed to start: {exc}")
        return result
    try:
        result["driver"] = _text(_call(pynvml, pynvml.nvmlSystemGetDriverVersion))
        cuda = _call(pynvml, pynvml.nvmlSystemGetCudaDriverVersion)
        if isinstance(cuda, int):
            result["cuda_driver"] = f"{cuda // 1000}.{cuda % 1000 // 10}"
        for index in range(int(pynvml.nvmlDeviceGetCount())):
            result["devices"].append(_device(pynvml, index))
    except pynvml.NVMLError as exc:
        result.update(status="error", message=f"NVML query failed: {exc}")
    finally:
        try:
            pynvml.nvmlShutdown()
        except pynvml.NVMLError:
            log.debug("nvmlShutdown failed", exc_info=True)
    return result


def _is_library_not_found(pynvml: Any, exc: Exception) -> bool:
    code = getattr(pynvml, "NVML_ERROR_LIBRARY_NOT_FOUND", None)
    return code is not None and getattr(exc, "value", None) == code


def _call(pynvml: Any, func: Any, *args: Any) -> Any:
    """One NVML query; ``None`` where the device does not support it."""
    try:
        return func(*args)
    except pynvml.NVMLError as exc:
        log.debug("NVML %s: %s", getattr(func, "__name__", func), exc)
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.decode() if isinstance(value, bytes) else str(value)


def _device(pynvml: Any, index: int) -> dict[str, Any]:
    handle = pynvml.nvmlDeviceGetHandleByIndex(index)
    memory = pynvml.nvmlDeviceGetMemoryInfo(handle)
    rates = _call(pynvml, pynvml.nvmlDeviceGetUtilizationRates, handle)
    capability = _call(pynvml, pynvml.nvmlDeviceGetCudaComputeCapability, handle)
    return {
        "index": index,
        "name": _text(pynvml.nvmlDeviceGetName(handle)),
        "total_bytes": int(memory.total),
        "free_bytes": int(memory.free),
        "used_bytes": int(memory.used),
        "utilization_percent": None if rates is None else int(rates.gpu),
        "memory_utilization_percent": None if rates is None else int(rates.memory),
        "compute_capability": None if capability is None else f"{capability[0]}.{capability[1]}",
        "processes": _processes(pynvml, handle),
    }


def _processes(pynvml: Any, handle: Any) -> list[dict[str, Any]]:
    seen: dict[int, dict[str, Any]] = {}
    for getter_name in ("nvmlDeviceGetComputeRunningProcesses", "nvmlDeviceGetGraphicsRunningProcesses"):
        getter = getattr(pynvml, getter_name, None)
        found = _call(pynvml, getter, handle) if getter else None
        for proc in found or []:
            pid = int(proc.pid)
            used = getattr(proc, "usedGpuMemory", None)
            entry = seen.setdefault(pid, {"pid": pid, "name": _process_name(pid), "used_bytes": None})
            if isinstance(used, int) and used >= 0:
                entry["used_bytes"] = max(used, entry["used_bytes"] or 0)
    return sorted(seen.values(), key=lambda p: -(p["used_bytes"] or 0))


def _process_name(pid: int) -> str:
    try:
        return str(psutil.Process(pid).name())
    except (psutil.Error, OSError):
        return "?"


def software_info() -> dict[str, Any]:
    """torch (and the CUDA it was built for), sentence-transformers, FAISS and its GPU support."""
    info: dict[str, Any] = {
        "torch": None,
        "torch_cuda": None,
        "cuda_available": False,
        "cuda_devices": 0,
        "bf16_supported": None,
        "sentence_transformers": _package_version("sentence-transformers"),
        "transformers": _package_version("transformers"),
        "faiss": None,
        "faiss_gpu_build": False,
        "faiss_gpus": 0,
        "faiss_gpu": False,
    }
    try:
        import torch
    except ImportError:
        log.debug("torch is not installed")
    else:
        info["torch"] = str(torch.__version__)
        info["torch_cuda"] = torch.version.cuda
        info["cuda_available"] = bool(torch.cuda.is_available())
        if info["cuda_available"]:
            info["cuda_devices"] = int(torch.cuda.device_count())
            info["bf16_supported"] = bool(torch.cuda.is_bf16_supported())
    try:
        import faiss
    except ImportError:
        log.debug("faiss is not installed")
    else:
        info["faiss"] = str(getattr(faiss, "__version__", "?"))
        # faiss-cpu has get_num_gpus() == 0 and no StandardGpuResources; faiss-gpu has both.
        info["faiss_gpu_build"] = hasattr(faiss, "StandardGpuResources")
        info["faiss_gpus"] = int(faiss.get_num_gpus()) if hasattr(faiss, "get_num_gpus") else 0
        info["faiss_gpu"] = info["faiss_gpu_build"] and info["faiss_gpus"] > 0
    return info


def _package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None

"""Helpers shared by the benchmarks: import path, machine description, peak memory, results."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from callcenter_ai.core.diagnostics.system import PeakRssSampler  # noqa: E402

PeakRss = PeakRssSampler


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    from callcenter_ai.core.diagnostics.system import cpu_info, ram_info

    cpu = cpu_info()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "cpu": cpu["model"],
        "cores": cpu["logical_cores"],
        "avx512": cpu["avx512"],
        "ram_gib": round(ram_info()["total_bytes"] / 1024**3, 1),
        "python": platform.python_version(),
        "system": platform.system(),
        # Other work on the machine skews timings: the 1-minute load average when the run started.
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }


def versions(*packages: str) -> dict[str, str | None]:
    import importlib.metadata

    out: dict[str, str | None] = {}
    for name in packages:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def write_results(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def gib(n: float) -> str:
    return f"{n / 1024**3:.2f} GiB"

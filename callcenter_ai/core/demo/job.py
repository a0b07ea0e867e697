"""Writing the demo set to HOME/data/demo_calls.jsonl and importing it through the JSON Lines importer."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Protocol

from callcenter_ai.core.demo.generator import generate_calls
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.ingest import CallWriter, ImportProgress, ImportReport, TextFilter, import_file
from callcenter_ai.core.jobs import relay
from callcenter_ai.core.messages import msg
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_CALLS = 2000
DEFAULT_SEED = 0
MAX_CALLS = 1_000_000
DEMO_FILE = "demo_calls.jsonl"


def demo_path(settings: Settings) -> Path:
    return settings.home / "data" / DEMO_FILE


def write_demo_jsonl(
    path: Path, count: int, seed: int = DEFAULT_SEED, *, cancel: Callable[[], bool] | None = None
) -> Generator[int, None, bool]:
    """Write ``count`` calls, yielding how many are written; returns False if cancelled (no file left)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".jsonl.part")
    with partial.open("w", encoding="utf-8", newline="\n") as out:
        for written, call in enumerate(generate_calls(count, seed), start=1):
            out.write(json.dumps(call, ensure_ascii=False) + "\n")
            if written % 200 == 0:
                if cancel is not None and cancel():
                    break
                yield written
        else:
            written = count
    if written < count or (cancel is not None and cancel()):
        partial.unlink()
        return False
    os.replace(partial, path)
    return True


class DemoTarget(CallWriter, Protocol):
    """Where the demo set is imported: any engine's calls (they also keep the seed)."""

    def set_info(self, key: str, value: str) -> None: ...


def generate_demo(
    store: DemoTarget,
    settings: Settings,
    *,
    calls: int = DEFAULT_CALLS,
    seed: int = DEFAULT_SEED,
    cancel: Callable[[], bool] | None = None,
    text_filter: TextFilter | None = None,
) -> Generator[ImportProgress, None, ImportReport]:
    """Generate the demo set into HOME/data/demo_calls.jsonl, then import it; yields progress."""
    if not 1 <= calls <= MAX_CALLS:
        raise ConfigError(msg("demo.bad_count", limit=MAX_CALLS, calls=calls))
    path = demo_path(settings)
    started = time.monotonic()
    finished = yield from relay(
        write_demo_jsonl(path, calls, seed, cancel=cancel),
        lambda written: ImportProgress(str(path), "generating", 0, 0, written, calls, time.monotonic() - started),
    )
    if not finished:
        return ImportReport(str(path), format="jsonl", cancelled=True, elapsed_s=time.monotonic() - started)
    log.info("wrote %d demo calls (seed %d) to %s in %.1f s", calls, seed, path, time.monotonic() - started)
    report = yield from import_file(store, path, text_filter=text_filter, cancel=cancel)
    if report.committed:
        with store.transaction():
            store.set_info("demo_seed", str(seed))
            store.set_info("demo_calls", str(calls))
    return report

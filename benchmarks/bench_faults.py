"""The fault campaign as a benchmark: every generated bad file through the real command line.

Each file of :mod:`callcenter_ai.devtools.bad_inputs` is imported by a fresh
``python -m callcenter_ai import FILE --json`` (a subprocess, as a user runs it)
into a home holding a few calls.  Counted: clean refusals (exit 1, the file and
line with the expected text, JSON on stdout), tracebacks, and store changes.
Bounded: about 210 subprocesses, a minute or two; ``--quick`` takes every 5th file.

    flock /tmp/bench.lock python benchmarks/bench_faults.py --quick
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import ROOT, machine, write_results

from callcenter_ai.devtools.bad_inputs import write_bad_inputs


def digest(db: Path) -> str:
    h = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        for table in ("calls", "turns"):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
                h.update(repr(row).encode())
    return h.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="every 5th file only")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        seed = Path(tmp) / "seed.jsonl"
        seed.write_text('{"id": "seed", "turns": [{"speaker": "client", "text": "алло"}]}\n', encoding="utf-8")
        cli = [sys.executable, "-m", "callcenter_ai", "--home", str(home)]
        subprocess.run([*cli, "import", str(seed)], check=True, env=env, capture_output=True)
        db = home / "data" / "callcenter.db"
        cases = write_bad_inputs(Path(tmp) / "bad")
        if args.quick:
            cases = cases[::5]
        before = digest(db)
        counts = {"files": len(cases), "clean": 0, "traceback": 0, "wrong_message": 0, "store_changed": 0}
        started = time.perf_counter()
        for path, case in cases:
            done = subprocess.run(
                [*cli, "import", str(path), "--json"], check=False, env=env, capture_output=True, text=True
            )
            where = f"{path}:{case.line}:" if case.line else str(path)
            if "Traceback" in done.stderr:
                counts["traceback"] += 1
                print(f"TRACEBACK {path.name}: {done.stderr[-300:]}")
            elif done.returncode != 1 or where not in done.stderr or case.expected not in done.stderr:
                counts["wrong_message"] += 1
                print(f"unexpected {path.name}: exit {done.returncode}: {done.stderr[:300]}")
            else:
                json.loads(done.stdout)
                counts["clean"] += 1
            if digest(db) != before:
                counts["store_changed"] += 1
                before = digest(db)
        seconds = time.perf_counter() - started
    print(
        f"{counts['clean']}/{counts['files']} bad files refused cleanly; {counts['traceback']} tracebacks,"
        f" {counts['wrong_message']} unexpected answers, {counts['store_changed']} store changes ({seconds:.0f} s)"
    )
    write_results("faults", {"machine": machine(), **counts, "seconds": round(seconds, 1)})
    return 0 if counts["clean"] == counts["files"] and not counts["store_changed"] else 1


if __name__ == "__main__":
    sys.exit(main())

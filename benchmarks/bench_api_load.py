"""The HTTP API under concurrent load: p50/p99 latency, errors and server memory at 10, 100 and 1,000 clients.

Loopback only and bounded: the server runs on 127.0.0.1 on a free port over a
demo home (2,000 calls, keyword search needs no model); each level sends one
request per client, all at once, with a 60 s limit per level.  Kinds of request:
``keyword`` (POST /api/search, keyword mode, with the token) and ``unauthorized``
(the same without the token).  ``--src DIR`` runs the server from another
checkout, to compare before and after side by side::

    flock /tmp/bench.lock python benchmarks/bench_api_load.py --src /tmp/before --quick
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
from bench_common import ROOT, machine, write_results

TOKEN = "bench-token-0123456789"
LEVELS = (10, 100, 1000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_home(src: Path, home: Path, calls: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(src), "HF_HUB_OFFLINE": "1"}
    run = [sys.executable, "-m", "callcenter_ai", "--home", str(home)]
    subprocess.run(
        [*run, "demo", "--calls", str(calls), "--no-progress"], check=True, cwd=src, env=env, capture_output=True
    )


def start_server(src: Path, home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src), "HF_HUB_OFFLINE": "1", "CALLCENTER_API_TOKEN": TOKEN}
    cmd = [sys.executable, "-m", "callcenter_ai", "--home", str(home), "serve", "--host", "127.0.0.1"]
    server = subprocess.Popen(  # cwd=src: `python -m` puts the working folder first on the import path
        [*cmd, "--port", str(port)], cwd=src, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")


async def _request(port: int, raw: bytes) -> str:
    """One request on its own connection; the status code, or the name of the error."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        await writer.drain()
        status_line = await reader.readline()
        await reader.read()  # the rest, until the server closes (connection: close)
    finally:
        writer.close()
    return status_line.split(b" ", 2)[1].decode()


async def burst(port: int, clients: int, kind: str) -> dict[str, Any]:
    """``clients`` requests at once, each on its own connection.

    The client writes raw HTTP/1.1 on asyncio streams: an httpx client costs
    the shared cores so much per request that it, not the server, set the
    latency at 1,000 clients (7 s p50 for 401s, against 0.6 s with this).
    """
    body = json.dumps({"query": "не работает интернет роутер", "mode": "keyword", "k": 10}).encode()
    auth = "" if kind == "unauthorized" else f"authorization: Bearer {TOKEN}\r\n"
    head = (
        f"POST /api/search HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n{auth}\r\n"
    )
    raw = head.encode() + body
    latencies: list[float] = []
    statuses: dict[str, int] = {}

    async def one() -> None:
        began = time.perf_counter()
        try:
            status = await asyncio.wait_for(_request(port, raw), 60)
        except (OSError, TimeoutError, IndexError) as exc:
            status = type(exc).__name__
        latencies.append(time.perf_counter() - began)
        statuses[status] = statuses.get(status, 0) + 1

    began = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(one() for _ in range(clients))), 90)
    wall = time.perf_counter() - began
    latencies.sort()
    return {
        "clients": clients,
        "kind": kind,
        "p50_s": round(statistics.median(latencies), 3),
        "p99_s": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 3),
        "max_s": round(latencies[-1], 3),
        "wall_s": round(wall, 2),
        "statuses": statuses,
    }


def run_levels(src: Path, home: Path, levels: tuple[int, ...]) -> list[dict[str, Any]]:
    port = free_port()
    server = start_server(src, home, port)
    process = psutil.Process(server.pid)
    rows = []
    try:
        asyncio.run(burst(port, 5, "keyword"))  # warm: services, keyword index
        for kind in ("keyword", "unauthorized"):
            for clients in levels:
                row = asyncio.run(burst(port, clients, kind))
                row["server_rss_mib"] = round(process.memory_info().rss / 2**20)
                rows.append(row)
                print(
                    f"  {kind:>12} {clients:>5} clients: p50 {row['p50_s']:.3f} s  p99 {row['p99_s']:.3f} s"
                    f"  wall {row['wall_s']:.1f} s  {row['statuses']}  rss {row['server_rss_mib']} MiB",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(10)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, action="append", help="checkout(s) to serve from (default: this one)")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="10 and 100 clients only, 500 calls")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # 1,000 client sockets need more than 1,024 files
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    levels = LEVELS[:2] if args.quick else LEVELS
    calls = 500 if args.quick else args.calls
    sources = args.src or [ROOT]
    results: dict[str, Any] = {"machine": machine(), "calls": calls, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        make_home(ROOT, home, calls)
        for src in sources:
            print(f"server from {src}:", flush=True)
            copy = Path(tmp) / f"home-{len(results['runs'])}"
            subprocess.run(["cp", "-r", str(home), str(copy)], check=True)
            results["runs"][str(src)] = run_levels(src.resolve(), copy, levels)
    path = write_results("api_load", results)
    if len(sources) == 2:
        first, second = (results["runs"][str(s)] for s in sources)
        print("side by side (p99 s, first -> second):")
        for a, b in zip(first, second, strict=True):
            print(
                f"  {a['kind']:>12} {a['clients']:>5}: {a['p99_s']:.3f} -> {b['p99_s']:.3f}"
                f"  errors {sum(v for k, v in a['statuses'].items() if k not in {'200', '401'})}"
                f" -> {sum(v for k, v in b['statuses'].items() if k not in {'200', '401'})}"
            )
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

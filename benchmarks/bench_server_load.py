"""The call center's server under mixed load, on each engine side by side: searchers, raters and importers at once.

For each engine (SQLite + FAISS in the home; PostgreSQL + pgvector through
``database_url``) a home gets the demo set, then ``serve`` runs on a free
loopback port while, for ``--seconds``:

* ``--clients`` (8) API clients loop: POST /api/search (keyword mode, one of
  a dozen operator questions; no model needed), and after every third search
  POST /api/feedback rating the top result;
* ``--importers`` (2) processes run ``python -m callcenter_ai import`` on
  files of ``--batch`` new calls each (ids of their own), one after another.

``--import-only`` runs the importers alone (no server, no searchers), every
file to the end: the import's own throughput on each engine.

Reported per engine: searches per second, search latency p50 / p99, request
errors (anything but 200/201), import throughput (calls/s over the files that
finished, each file's own import time without the command's start-up), and
whether every rating the API accepted (201) is in the store afterwards
("lost" must be 0).  The server is PostgreSQL 16 + pgvector from
``pgserver`` in a temporary folder, or ``--url`` (a user that may create
databases).  Loopback only, bounded in time::

    flock /tmp/bench.lock nice -n 10 python benchmarks/bench_server_load.py [--quick]

Writes benchmarks/results/server_load.json; the last lines are the side-by-side table.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from bench_common import ROOT, machine, write_results

from callcenter_ai.core.demo.job import write_demo_jsonl
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.jobs import run_to_end
from callcenter_ai.core.settings import load_settings, save_settings

TOKEN = "bench-token-0123456789"
QUERIES = (
    "не работает интернет роутер",
    "двойное списание с карты",
    "вернуть деньги за покупку",
    "сменить тариф",
    '"не работает" -роутер',
    "перевыпуск карты OR блокировка карты",
    "доставка задерживается",
    "возврат товара",
    "оплата не прошла",
    "переезд перенос услуги",
    "кредит досрочно погасить",
    "приложение не открывается",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "callcenter_ai", "--home", str(home), *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def import_files(folder: Path, importer: int, files: int, batch: int) -> list[Path]:
    """``files`` JSONL files of ``batch`` demo-like calls with ids of this importer's own."""
    source = folder / f"source-{importer}.jsonl"
    run_to_end(write_demo_jsonl(source, files * batch, seed=100 + importer))
    lines = source.read_text(encoding="utf-8").splitlines()
    paths = []
    for n in range(files):
        path = folder / f"import-{importer}-{n}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i, line in enumerate(lines[n * batch : (n + 1) * batch]):
                call = json.loads(line)
                call["id"] = f"imp{importer}-{n}-{i}"
                out.write(json.dumps(call, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "CALLCENTER_API_TOKEN": TOKEN}
    command = [sys.executable, "-m", "callcenter_ai", "--home", str(home), "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")


class Clients:
    """Searchers that rate every third top result; latencies and statuses of every request."""

    def __init__(self, port: int, count: int, until: float) -> None:
        self.base = f"http://127.0.0.1:{port}/api"
        self.count, self.until = count, until
        self.search_s: list[float] = []
        self.statuses: dict[str, int] = {}
        self.ratings_accepted = 0
        self.lock = threading.Lock()

    def run(self) -> None:
        threads = [threading.Thread(target=self._loop, args=(n,)) for n in range(self.count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _note(self, status: str) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def _loop(self, n: int) -> None:
        headers = {"authorization": f"Bearer {TOKEN}"}
        with httpx.Client(timeout=60, headers=headers) as client:
            i = 0
            while time.monotonic() < self.until:
                query = QUERIES[(n + i) % len(QUERIES)]
                began = time.perf_counter()
                try:
                    response = client.post(f"{self.base}/search", json={"query": query, "mode": "keyword", "k": 10})
                    status = str(response.status_code)
                except httpx.HTTPError as exc:
                    response, status = None, type(exc).__name__
                with self.lock:
                    self.search_s.append(time.perf_counter() - began)
                self._note(status)
                i += 1
                results = response.json().get("results", []) if response is not None and status == "200" else []
                if i % 3 == 0 and results:
                    body = {"dialog_id": results[0]["dialog_id"], "relevant": i % 2 == 0, "query": query}
                    try:
                        status = str(client.post(f"{self.base}/feedback", json={**body, "rater": f"c{n}"}).status_code)
                    except httpx.HTTPError as exc:
                        status = type(exc).__name__
                    self._note(status)
                    if status == "201":
                        with self.lock:
                            self.ratings_accepted += 1


def importer(home: Path, files: list[Path], until: float, done: list[tuple[int, float]]) -> None:
    for path in files:
        if time.monotonic() >= until:
            return
        finished = cli(home, "import", str(path), "--no-progress", "--json")
        if finished.returncode == 0:  # the import's own time, without the command's start-up
            report = json.loads(finished.stdout.splitlines()[-1])["files"][0]
            done.append((int(report["inserted"]), float(report["elapsed_s"])))
        else:
            done.append((-1, 0.0))
            print(f"    import failed: {finished.stderr.strip().splitlines()[-1:]}", flush=True)


def import_only(engine: str, home: Path, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The importers alone, every file to the end (no server, no searchers): the import's own throughput."""
    files = [import_files(folder, n, args.files, args.batch) for n in range(args.importers)]
    imported: list[tuple[int, float]] = []
    began = time.monotonic()
    workers = [threading.Thread(target=importer, args=(home, f, float("inf"), imported)) for f in files]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    ok_imports = [(n, s) for n, s in imported if n >= 0]
    return {
        "engine": engine,
        "wall_s": round(time.monotonic() - began, 1),
        "import_files_done": len(ok_imports),
        "import_files_failed": len(imported) - len(ok_imports),
        "import_calls": sum(n for n, _ in ok_imports),
        "import_calls_per_s": round(sum(n for n, _ in ok_imports) / max(1e-9, sum(s for _, s in ok_imports)), 1),
    }


def measure(engine: str, home: Path, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    result = cli(home, "demo", "--calls", str(args.calls), "--no-progress")
    if result.returncode != 0:
        raise SystemExit(f"demo failed on {engine}: {result.stderr}")
    if args.import_only:
        return import_only(engine, home, folder, args)
    files = [import_files(folder, n, args.files, args.batch) for n in range(args.importers)]
    settings = load_settings(home, environ={})
    with open_engine(settings) as store:
        ratings_before = store.ratings.rating_count()
    port = free_port()
    server = start_server(home, port)
    try:
        httpx.post(  # warm: the service and keyword index of a worker thread
            f"http://127.0.0.1:{port}/api/search",
            json={"query": "интернет", "mode": "keyword"},
            headers={"authorization": f"Bearer {TOKEN}"},
            timeout=60,
        )
        began = time.monotonic()
        until = began + args.seconds
        clients = Clients(port, args.clients, until)
        imported: list[tuple[int, float]] = []
        workers = [threading.Thread(target=importer, args=(home, f, until, imported)) for f in files]
        for worker in workers:
            worker.start()
        clients.run()
        for worker in workers:
            worker.join()
        wall = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(20)
    with open_engine(settings) as store:
        stored = store.ratings.rating_count() - ratings_before
    latencies = sorted(clients.search_s)
    ok_imports = [(n, s) for n, s in imported if n >= 0]
    errors = sum(v for k, v in clients.statuses.items() if k not in {"200", "201"})
    return {
        "engine": engine,
        "wall_s": round(wall, 1),
        "searches": len(latencies),
        "searches_per_s": round(len(latencies) / wall, 1),
        "search_p50_ms": round(1000 * statistics.median(latencies), 1),
        "search_p99_ms": round(1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1),
        "statuses": clients.statuses,
        "errors": errors,
        "ratings_accepted": clients.ratings_accepted,
        "ratings_stored": stored,
        "ratings_lost": clients.ratings_accepted - stored,
        "import_files_done": len(ok_imports),
        "import_files_failed": len(imported) - len(ok_imports),
        "import_calls": sum(n for n, _ in ok_imports),
        "import_calls_per_s": round(sum(n for n, _ in ok_imports) / max(1e-9, sum(s for _, s in ok_imports)), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000, help="demo calls in the store before the run")
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--importers", type=int, default=2)
    parser.add_argument("--files", type=int, default=6, help="files per importer")
    parser.add_argument("--batch", type=int, default=200, help="calls per file")
    parser.add_argument("--url", help="a PostgreSQL server to create the benchmark database on")
    parser.add_argument("--quick", action="store_true", help="500 calls, 20 s, files of 100")
    parser.add_argument(
        "--import-only", action="store_true", help="only the importers, every file to the end (no server, no searches)"
    )
    args = parser.parse_args()
    if args.quick:  # smaller where not given
        for name, value in (("calls", 500), ("seconds", 20.0), ("batch", 100)):
            if getattr(args, name) == parser.get_default(name):
                setattr(args, name, value)
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ccload-") as tmp:
        folder = Path(tmp)
        server_folder = folder / "pg"
        url = args.url
        if url is None:
            from callcenter_ai.devtools.pg import start_server as start_pg

            url = start_pg(server_folder)
        try:
            import psycopg

            name = f"cc_load_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            database = urlsplit(url)._replace(path=f"/{name}").geturl()
            for engine in ("sqlite", "postgresql"):
                home = folder / engine / "home"
                home.mkdir(parents=True)
                if engine == "postgresql":
                    save_settings(load_settings(home, environ={}), {"database_url": database})
                clients = "no server" if args.import_only else f"{args.clients} searching clients, {args.seconds:.0f} s"
                print(f"{engine}: {args.importers} importers, {clients}")
                row = measure(engine, home, folder / engine, args)
                runs.append(row)
                print(f"  {json.dumps(row, ensure_ascii=False)}", flush=True)
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            if args.url is None:
                from callcenter_ai.devtools.pg import stop_server

                stop_server(server_folder)
    settings = {k: v for k, v in vars(args).items() if k != "url"}
    name = "server_import" if args.import_only else "server_load"
    path = write_results(name, {"machine": machine(), "settings": settings, "runs": runs})
    print("side by side (sqlite | postgresql):")
    for key in (
        ("import_calls_per_s", "import_files_failed")
        if args.import_only
        else (
            "searches_per_s",
            "search_p50_ms",
            "search_p99_ms",
            "errors",
            "ratings_accepted",
            "ratings_lost",
            "import_calls_per_s",
            "import_files_failed",
        )
    ):
        print(f"  {key:>20}: " + " | ".join(str(r[key]) for r in runs))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

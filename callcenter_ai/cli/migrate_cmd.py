"""``migrate --to URL``: copy this home (calls, vectors, ratings, settings) into a PostgreSQL server, then verify."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from callcenter_ai.core.engines import is_postgres_url
from callcenter_ai.core.engines.pg import PgEngine
from callcenter_ai.core.engines.pg.copy import copy_home
from callcenter_ai.core.engines.pg.database import display_url
from callcenter_ai.core.engines.pg.verify import verify_copy
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.settings import Settings

VERIFY_FAILED = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "migrate",
        help="copy this home (calls, vectors, ratings, settings) into PostgreSQL and verify it; rerunnable",
    )
    p.add_argument("--to", required=True, metavar="URL", help="postgresql://user:password@host/database")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not is_postgres_url(args.to):
        raise ConfigError(msg("config.wrong_type", source="--to", name="URL", kind="postgresql://...", value=args.to))
    say = None if args.json else (lambda text: print(text, file=sys.stderr, flush=True))
    with SqliteEngine(settings, readonly=True) as source, PgEngine(args.to) as target:
        report = copy_home(source, target, settings, progress=say)
        checks = verify_copy(source, target)
    ok = all(c.ok for c in checks)
    if args.json:
        out = {
            "to": display_url(args.to),
            "copied": asdict(report),
            "checks": [{**asdict(c), "ok": c.ok} for c in checks],
            "verified": ok,
        }
        print(json.dumps(out, ensure_ascii=False))
    else:
        calls = report.calls
        print(f"copied to {display_url(args.to)}")
        print(f"  calls: {calls['inserted']} new, {calls['updated']} updated, {calls['unchanged']} already there")
        print(f"  vectors: {report.vectors_copied} calls copied, {report.vectors_kept} already there")
        print(f"  ratings: {report.ratings_copied} copied, {report.ratings_kept} already there")
        print(
            f"  query vectors {report.query_vectors}, re-rankers {report.rerankers}, settings {report.settings},"
            f" saved searches {report.saved_searches}"
        )
        for c in checks:
            state = "ok" if c.ok else "MISMATCH"
            print(f"  {c.table:>12}: {c.source_rows} -> {c.target_rows} rows, sha256 {c.target_sha256[:12]} {state}")
        print("verified: counts and checksums match" if ok else "NOT verified: run migrate again")
    return 0 if ok else VERIFY_FAILED

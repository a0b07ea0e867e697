"""``repeats [--days N] [--json]``: callers who called again within N days, and near-duplicate calls."""

from __future__ import annotations

import argparse
import json

from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("repeats", help="the same caller again within N days; near-duplicate transcripts")
    p.add_argument("--days", type=int, default=7, metavar="N", help="window in days (default: 7)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    report = service.repeats(settings, days=args.days)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
        return 0
    print(f"{len(report.repeats)} callers called again within {report.days} days")
    for r in report.repeats:
        print(f"  {r.client_id}: {len(r.calls)} calls (topic {r.topic_id}): {', '.join(r.calls)}")
    print(f"{len(report.near_duplicates)} groups of near-duplicate calls")
    for d in report.near_duplicates:
        print(f"  similarity {d.similarity:.3f}: {', '.join(d.calls)}")
    return 0

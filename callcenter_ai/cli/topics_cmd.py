"""``topics [--rebuild] [--json] [--assignments FILE.csv]``: the topics the calls fall into."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from callcenter_ai.core.analytics.sources import SIDES
from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("topics", help="topics found in the calls: label, keywords, size, example calls")
    p.add_argument("--rebuild", action="store_true", help="cluster all calls again (topic ids that survive are kept)")
    p.add_argument("--k", type=int, metavar="N", help="number of topics (default: chosen automatically)")
    p.add_argument(
        "--side", choices=SIDES, default="all", help="cluster whole calls (all) or what clients say (client)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--assignments", metavar="FILE.csv", help="write dialog_id,topic_id,label for every call")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    overview = service.topics(settings, rebuild=args.rebuild, k=args.k, side=args.side)
    if args.assignments:
        service.write_assignments(settings, overview, Path(args.assignments))
    if args.json:
        print(json.dumps(overview.to_json(), ensure_ascii=False))
        return 0
    print(f"model: {overview.model}; {len(overview.topics)} topics, {overview.other} calls in none (прочее)")
    for topic in overview.topics:
        print(f"{topic.id:>4}  {topic.size:>6}  {topic.label}")
        print(f"{'':>12}  {', '.join(topic.keywords)}; e.g. {', '.join(topic.examples)}")
    changes = overview.changes
    if changes:
        merged = "; ".join(f"{m['from']} -> {m['into']}" for m in changes.get("merged", []))  # type: ignore[attr-defined]
        split = "; ".join(f"{s['from']} -> {s['into']}" for s in changes.get("split", []))  # type: ignore[attr-defined]
        print(
            f"since the last clustering: new {changes.get('new')}, merged [{merged}], split [{split}],"
            f" gone {changes.get('gone')}"
        )
    return 0

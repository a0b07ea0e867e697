"""``saved-search add|list|run|remove``: named searches re-run after imports, with «N новых»."""

from __future__ import annotations

import argparse
import json
from typing import Any

from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.search import SEARCH_MODES
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("saved-search", help="named searches (categories): add, list with new counts, run, remove")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="save a query with its mode and filters")
    add.add_argument("name", metavar="NAME")
    add.add_argument("text", metavar="TEXT")
    add.add_argument("--mode", choices=SEARCH_MODES, default="keyword", help="default: keyword")
    g = add.add_argument_group("filters")
    g.add_argument("--from", dest="date_from", metavar="DATE", help="calls from this ISO date or date-time (UTC)")
    g.add_argument("--to", dest="date_to", metavar="DATE", help="calls up to this ISO date (whole day) or date-time")
    g.add_argument("--operator", action="append", default=[], metavar="NAME", help="operator (repeatable)")
    g.add_argument("--topic", action="append", default=[], metavar="TOPIC", help="topic (repeatable)")
    g.add_argument("--min-duration", metavar="S", help="calls at least S seconds long")
    g.add_argument("--max-duration", metavar="S", help="calls at most S seconds long")
    g.add_argument("--side", choices=("client", "operator"), help="match only the client's or the operator's turns")
    listing = actions.add_parser("list", help="saved searches, re-run, with the calls new since last viewed")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    running = actions.add_parser("run", help="run a saved search and mark it viewed")
    running.add_argument("name", metavar="NAME")
    running.add_argument("--json", action="store_true", help="print one JSON object")
    remove = actions.add_parser("remove", help="forget a saved search")
    remove.add_argument("name", metavar="NAME")
    p.set_defaults(handler=run)


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    values = {
        "date_from": args.date_from,
        "date_to": args.date_to,
        "operators": args.operator,
        "topics": args.topic,
        "min_duration": args.min_duration,
        "max_duration": args.max_duration,
        "side": args.side,
    }
    return {k: v for k, v in values.items() if v not in (None, [], "")}


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "add":
        added = service.saved_add(settings, args.name, args.text, args.mode, _filters(args))
        print(f"saved {added.name!r}: {added.query!r} ({added.mode})")
    elif args.action == "list":
        found = service.saved_list(settings)
        if args.json:
            print(json.dumps({"saved_searches": [s.to_json() for s in found]}, ensure_ascii=False))
            return 0
        for s in found:
            print(f"{s.name}: {s.query!r} ({s.mode}) — {s.total} calls, {s.new} новых")
        if not found:
            print("no saved searches")
    elif args.action == "run":
        result = service.saved_run(settings, args.name)
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False))
            return 0
        print(f"{result.search.name}: {len(result.results)} calls, {result.new} новых since last viewed")
        for r in result.results[:50]:
            print(f"{r.rank:>4}. {r.dialog_id}  score {r.score:.4f}  {r.started_at or ''}")
    else:
        service.saved_remove(settings, args.name)
        print(f"removed {args.name!r}")
    return 0

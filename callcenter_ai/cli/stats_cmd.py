"""``stats``: counts of calls, turns, operators, topics, vectors and index state."""

from __future__ import annotations

import argparse
import json

from callcenter_ai.core.app import store_stats
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="counts of calls, turns, operators, topics, embedded calls, index state")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    with open_engine(settings) as engine:
        engine.check()  # damage in pages the counts never read is still damage
        stats = store_stats(engine, settings)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    labels = {
        "dialogs": "calls",
        "turns": "turns",
        "operators": "operators",
        "topics": "topics",
        "first_call": "first call",
        "last_call": "last call",
        "mean_turns": "turns per call",
        "mean_duration_s": "mean duration, s",
        "embedded_dialogs": "embedded calls",
        "pending_dialogs": "calls to embed",
        "chunks": "chunks",
        "model": "model",
        "database": "database",
    }
    for key, label in labels.items():
        print(f"{label:>18}: {stats[key]}")
    index = stats["index"]
    print(f"{'index':>18}: {index['state']} ({index['path']})")
    if index.get("error"):
        print(f"{'index error':>18}: {index['error']}")
    return 0

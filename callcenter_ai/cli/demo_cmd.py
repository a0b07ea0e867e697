"""``demo [--calls N] [--seed S]``: generate the Russian demo set and import it."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from callcenter_ai.cli.import_cmd import summary_line
from callcenter_ai.cli.progress import import_bar, show_progress
from callcenter_ai.core.demo import DEFAULT_CALLS, DEFAULT_SEED, TOPIC_NAMES, demo_path, generate_demo
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.jobs import run_to_end
from callcenter_ai.core.privacy import import_text_filter
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="generate and import a realistic Russian demo set of calls",
        description=f"Generate {len(TOPIC_NAMES)} topics of Russian call-center calls into HOME/data/demo_calls.jsonl "
        "and import them. The same seed gives the same calls; running it again changes nothing.",
    )
    p.add_argument("--calls", type=_positive, default=DEFAULT_CALLS, help=f"how many calls (default {DEFAULT_CALLS})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    p.set_defaults(handler=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace, settings: Settings) -> int:
    text_filter: Callable[[str], str] | None = import_text_filter(settings)
    on_progress, bar = import_bar(show_progress(args.progress), "demo")
    with open_engine(settings) as engine, bar:
        report = run_to_end(
            generate_demo(engine.calls, settings, calls=args.calls, seed=args.seed, text_filter=text_filter),
            on_progress,
        )
    if args.json:
        print(json.dumps({**report.to_dict(), "calls": args.calls, "seed": args.seed}, ensure_ascii=False))
    else:
        print(f"demo set: {args.calls:,} calls, seed {args.seed}, {len(TOPIC_NAMES)} topics -> {demo_path(settings)}")
        print(summary_line(report))
    return 0

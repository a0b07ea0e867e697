"""Parse the command line, run one command, turn known errors into messages.

Each command lives in its own module under ``callcenter_ai.cli`` with a
``register(subparsers)`` function that adds its parser and sets
``handler=run`` where ``run(args, settings) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sqlite3
import sys
from collections.abc import Sequence

from callcenter_ai import __version__
from callcenter_ai.core.errors import InputError, KnownError
from callcenter_ai.core.settings import load_settings
from callcenter_ai.core.store.database import as_known_error

log = logging.getLogger(__name__)

# Modules under callcenter_ai.cli that register commands, in help order.
COMMAND_MODULES = [
    "import_cmd",
    "demo_cmd",
    "embed_cmd",
    "stats_cmd",
    "settings_cmd",
    "diagnose_cmd",
    "index_cmd",
    "search_cmd",
    "similar_cmd",
    "export_results_cmd",
    "feedback_cmd",
    "serve_cmd",
    "topics_cmd",
    "trends_cmd",
    "repeats_cmd",
    "saved_search_cmd",
    "migrate_cmd",
    "users_cmd",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m callcenter_ai",
        description="CallCenter AI: import, embed, index and search call-center transcripts.",
    )
    parser.add_argument("--version", action="version", version=f"CallCenter AI {__version__}")
    parser.add_argument("--home", metavar="DIR", help="app folder with data/ and indexes/ (env CALLCENTER_HOME)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"callcenter_ai.cli.{name}").register(sub)
    return parser


def setup_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    try:
        overrides = {"model": getattr(args, "model", None)}
        settings = load_settings(args.home, overrides=overrides)
        try:
            code: int = args.handler(args, settings)
        except sqlite3.Error as exc:  # met by a read (a damaged page): the store's catalog error
            raise as_known_error(exc, settings.db_path) from exc
        return code
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 1
    except KnownError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        sys.stderr.close()
        return 0

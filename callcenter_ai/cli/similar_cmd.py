"""``similar ID [ID ...]``: calls like the given ones, from stored vectors (no model), one index load."""

from __future__ import annotations

import argparse

from callcenter_ai.cli.search_cmd import (
    add_query_arguments,
    describe,
    filters_from_args,
    make_service,
    print_results,
    query_line,
)
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("similar", help="find calls similar to the given call ids (the call itself left out)")
    p.add_argument("ids", nargs="+", metavar="ID", help="call (dialog) ids")
    add_query_arguments(p)
    p.add_argument("--json", action="store_true", help='one JSON line per id: {"query_id": ID, "results": [...]}')
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    filters = filters_from_args(args)
    with open_engine(settings) as engine:
        for dialog_id in args.ids:
            engine.calls.call_id(dialog_id)  # unknown ids fail before any output
        service = make_service(settings, engine)
        for dialog_id in args.ids:
            results = service.similar(dialog_id, args.k, filters, args.mode, rerank=args.rerank)
            mode = results[0].mode if results else (args.mode or settings.search_mode)
            if args.json:
                print(query_line("query_id", dialog_id, results, mode=mode), flush=True)
            else:
                print_results(f"similar to {dialog_id} ({describe(mode, results)}):", results)
    return 0

"""``search TEXT``: free-text search; also the filter flags and printing shared by similar/export-results."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from callcenter_ai.core.engines import Engine, Searcher, open_engine
from callcenter_ai.core.search import (
    SEARCH_MODES,
    SearchFilters,
    SearchResult,
    SearchResults,
    build_filters,
    check_k,
)
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("search", help="find calls by free text (semantic, keyword or hybrid)")
    p.add_argument("text", metavar="TEXT", help="what to look for")
    add_query_arguments(p)
    p.add_argument("--model", metavar="NAME|PATH", help="embedding model for the query (default: settings)")
    p.add_argument("--json", action="store_true", help='print one JSON line {"query": TEXT, "results": [...]}')
    p.set_defaults(handler=run)


def add_query_arguments(p: argparse.ArgumentParser) -> None:
    """-k, --mode, --no-rerank and the filter flags."""
    p.add_argument("-k", type=int, default=None, metavar="K", help="results per query (default: setting search_k)")
    p.add_argument("--mode", choices=SEARCH_MODES, default=None, help="default: setting search_mode")
    p.add_argument(
        "--no-rerank",
        dest="rerank",
        action="store_false",
        help="plain order: skip the re-ranking learned from operators' ratings (on once enough ratings exist)",
    )
    g = p.add_argument_group("filters")
    g.add_argument("--from", dest="date_from", metavar="DATE", help="calls from this ISO date or date-time (UTC)")
    g.add_argument("--to", dest="date_to", metavar="DATE", help="calls up to this ISO date (whole day) or date-time")
    g.add_argument("--operator", action="append", default=[], metavar="NAME", help="operator (repeatable)")
    g.add_argument("--topic", action="append", default=[], metavar="TOPIC", help="topic (repeatable)")
    g.add_argument("--min-duration", metavar="S", help="calls at least S seconds long")
    g.add_argument("--max-duration", metavar="S", help="calls at most S seconds long")
    g.add_argument("--side", choices=("client", "operator"), help="match only the client's or the operator's turns")
    g.add_argument("--channel", action="append", default=[], metavar="NAME", help="channel, e.g. чат (repeatable)")
    g.add_argument("--outcome", action="append", default=[], metavar="NAME", help="outcome, e.g. решено (repeatable)")


def filters_from_args(args: argparse.Namespace) -> SearchFilters:
    """The filters and -k of the command line, checked by the core (a clear error, never a traceback)."""
    if args.k is not None:
        check_k(args.k)
    return build_filters(
        date_from=args.date_from,
        date_to=args.date_to,
        operators=args.operator,
        topics=args.topic,
        min_duration=args.min_duration,
        max_duration=args.max_duration,
        side=args.side,
        channels=args.channel,
        outcomes=args.outcome,
    )


def make_service(settings: Settings, engine: Engine) -> Searcher:
    """The engine's search with the app's embedder (created only if a query needs it)."""

    def embedder_factory() -> Any:
        from callcenter_ai.core.embedding.factory import get_embedder

        return get_embedder(settings)

    return engine.search_service(settings, embedder_factory)


def query_line(key: str, value: str, results: SearchResults, **extra: Any) -> str:
    payload: dict[str, Any] = {
        key: value,
        **extra,
        "reranked": any(r.reranked for r in results),
        "results": [r.to_dict() for r in results],
        "total": results.total,
        "total_capped": results.total_capped,
    }
    if results.warnings:
        payload["warnings"] = [str(w) for w in results.warnings]
    return json.dumps(payload, ensure_ascii=False)


def print_results(title: str, results: SearchResults) -> None:
    print(title)
    for warning in results.warnings:
        print(f"  warning: {warning}")
    if not results:
        print("  (nothing found)")
    elif results.total is not None:
        print(f"  {len(results)} of {results.total}{'+' if results.total_capped else ''} matching calls")
    for r in results:
        facts = ", ".join(str(x) for x in (r.started_at, r.operator, r.topic) if x)
        learned = f"  learned {r.rerank_score:.4f}" if r.rerank_score is not None else ""
        print(f"{r.rank:>3}. {r.dialog_id}  score {r.score:.4f}{learned}  {facts}")
        for turn in r.matched_turns[:3]:
            text = " ".join(turn.text.split())
            print(f"       turn {turn.turn} [{turn.speaker}, {turn.kind}] {text[:110]}")


def describe(mode: str, results: Sequence[SearchResult]) -> str:
    """The mode, and whether the order was learned from ratings, for a text title."""
    return f"{mode}, re-ranked from ratings" if any(r.reranked for r in results) else mode


def run(args: argparse.Namespace, settings: Settings) -> int:
    filters = filters_from_args(args)
    with open_engine(settings) as engine:
        service = make_service(settings, engine)
        results = service.search(args.text, args.k, args.mode, filters, rerank=args.rerank)
        mode = results[0].mode if results else (args.mode or settings.search_mode)
        if args.json:
            print(query_line("query", args.text, results, mode=mode))
        else:
            print_results(f"search {args.text!r} ({describe(mode, results)}):", results)
    return 0

"""``export-results [TEXT ...] [--similar ID ...] --csv FILE``: the results of searches as CSV."""

from __future__ import annotations

import argparse
import csv
import sys

from callcenter_ai.cli.search_cmd import add_query_arguments, filters_from_args, make_service
from callcenter_ai.core.csv_cells import safe_mapping
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.search import SearchResult
from callcenter_ai.core.settings import Settings

COLUMNS = [
    "query",
    "query_id",
    "mode",
    "rank",
    "dialog_id",
    "score",
    "semantic_score",
    "keyword_score",
    "turns",
    "snippet",
    "started_at",
    "duration_s",
    "operator",
    "topic",
    "reranked",
    "rerank_score",
]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export-results", help="run searches and/or similar-call queries, write the results as CSV")
    p.add_argument("texts", nargs="*", metavar="TEXT", help="free-text queries")
    p.add_argument("--similar", nargs="+", default=[], metavar="ID", help="call ids to find similar calls for")
    add_query_arguments(p)
    p.add_argument("--csv", required=True, metavar="FILE", help="where to write (UTF-8 with BOM, for Excel)")
    p.set_defaults(handler=run)


def row(query: str, query_id: str, result: SearchResult) -> dict[str, object]:
    return {
        "query": query,
        "query_id": query_id,
        "mode": result.mode,
        "rank": result.rank,
        "dialog_id": result.dialog_id,
        "score": round(result.score, 6),
        "semantic_score": "" if result.semantic_score is None else round(result.semantic_score, 6),
        "keyword_score": "" if result.keyword_score is None else round(result.keyword_score, 6),
        "turns": " ".join(str(t) for t in result.turn_numbers),
        "snippet": result.snippet,
        "started_at": result.started_at or "",
        "duration_s": "" if result.duration_s is None else result.duration_s,
        "operator": result.operator or "",
        "topic": result.topic or "",
        "reranked": int(result.reranked),
        "rerank_score": "" if result.rerank_score is None else round(result.rerank_score, 6),
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not args.texts and not args.similar:
        raise ConfigError("give at least one TEXT or --similar ID")
    filters = filters_from_args(args)
    rows: list[dict[str, object]] = []
    with open_engine(settings) as engine:
        for dialog_id in args.similar:
            engine.calls.call_id(dialog_id)
        service = make_service(settings, engine)
        answers = [
            (text, "", service.search(text, args.k, args.mode, filters, rerank=args.rerank)) for text in args.texts
        ]
        similar = service.similar_many(args.similar, args.k, filters, args.mode, rerank=args.rerank)
        answers += [("", dialog_id, results) for dialog_id, results in similar]
        for text, dialog_id, results in answers:
            rows.extend(row(text, dialog_id, r) for r in results)
            for warning in results.warnings:
                print(f"warning: {warning}", file=sys.stderr)
    try:
        with open(args.csv, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(safe_mapping(r) for r in rows)
    except OSError as exc:
        raise ConfigError(f"{args.csv}: cannot write ({exc.strerror or exc})") from exc
    print(f"wrote {len(rows)} results of {len(args.texts) + len(args.similar)} queries to {args.csv}")
    return 0

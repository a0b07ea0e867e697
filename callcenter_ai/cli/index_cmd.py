"""``index [--model NAME|PATH] [--rebuild]``: embed pending calls, then update the keyword and FAISS indexes.

Ctrl-C is safe: each batch of embedded calls is committed on its own, index
files are replaced atomically with the manifest written last, and the next
run picks up where this one stopped.
"""

from __future__ import annotations

import argparse
import json
import sys

from callcenter_ai.cli.progress import RefreshBars, show_progress
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("index", help="embed new or changed calls and update the search indexes")
    p.add_argument("--model", metavar="NAME|PATH", help="embedding model (hub name or local folder); default: settings")
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild the FAISS and keyword indexes from the store (stored vectors are kept, not re-embedded)",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.app import get_embedder, refresh, run_to_end

    embedder = get_embedder(settings)
    with open_engine(settings) as engine, RefreshBars(show_progress(args.progress)) as bars:
        result = run_to_end(refresh(engine, settings, embedder, rebuild=args.rebuild), bars)
    summary, report = result.embed, result.index
    assert report is not None  # not cancelled: Ctrl-C raises KeyboardInterrupt
    if summary.fallback_reason:
        print(f"warning: using the offline embedder {summary.model_id}: {summary.fallback_reason}", file=sys.stderr)
    out = {
        "model_id": summary.model_id,
        "fallback_reason": summary.fallback_reason,
        "embedded_calls": summary.calls,
        "embedded_chunks": summary.chunks,
        "embed_seconds": round(summary.seconds, 2),
        "keyword_calls_stemmed": result.keyword_calls_stemmed,
        "index": {
            "added_calls": report.added_calls,
            "removed_calls": report.removed_calls,
            "changed_calls": report.changed_calls,
            "unchanged_calls": report.unchanged_calls,
            "vectors": report.vectors,
            "kinds": report.kinds,
            "rebuilt": report.rebuilt,
            "reason": report.reason,
            "warning": report.warning,
            "seconds": round(report.seconds, 2),
            "path": str(settings.index_dir),
        },
    }
    if report.warning:
        print(f"warning: {report.warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(
            f"embedded {summary.calls} calls ({summary.chunks} chunks) with {summary.model_id};"
            f" keyword index: {result.keyword_calls_stemmed} calls stemmed; vector index: +{report.added_calls}"
            f" -{report.removed_calls} calls, {report.vectors.get('all', 0)} vectors ({report.kinds.get('all', '-')})"
            + (f", rebuilt ({report.reason})" if report.rebuilt else "")
        )
        from callcenter_ai.cli.import_cmd import print_alerts
        from callcenter_ai.core.app.analytics import import_alerts

        alerts = import_alerts(settings)  # the new calls are placed in the topics now: their alerts
        if alerts is not None:
            print_alerts(alerts)
    return 0

"""``index [--model NAME|PATH] [--rebuild]``: embed pending calls, then update the keyword and FAISS indexes.

Ctrl-C is safe: each batch of embedded calls is committed on its own, index
files are replaced atomically with the manifest written last, and the next
run picks up where this one stopped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TextIO

from callcenter_ai.core.index.update import IndexProgress, IndexReport, index_job
from callcenter_ai.core.search.keyword import sync_keyword_index
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

BAR_WIDTH = 28


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


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def bar(done: int, total: int) -> str:
    share = done / total if total else 1.0
    filled = int(share * BAR_WIDTH)
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%}"


def run(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.analytics.topics import assign_new_calls
    from callcenter_ai.core.embedding.factory import get_embedder
    from callcenter_ai.core.embedding.job import EmbedSummary, embed_pending
    from callcenter_ai.core.index.files import check_index_folder
    from callcenter_ai.core.store.database import check_integrity

    out: TextIO | None = sys.stderr if (sys.stderr.isatty() if args.progress is None else args.progress) else None
    check_index_folder(settings.index_dir)  # before any embedding work
    with CallStore.open(settings.db_path) as store:
        check_integrity(store.db, store.path)
        embedder = get_embedder(settings)
        fallback = getattr(embedder, "fallback_reason", None)
        if fallback:
            print(f"warning: using the offline embedder {embedder.model_id}: {fallback}", file=sys.stderr)
        job = embed_pending(store, embedder)
        last = 0.0
        while True:
            try:
                p = next(job)
            except StopIteration as stop:
                summary: EmbedSummary = stop.value
                break
            now = time.monotonic()
            if out is not None and (now - last >= 0.2 or p.done == p.total):
                last = now
                out.write(
                    f"\rembed {bar(round(p.fraction * 1000), 1000)} {p.done}/{p.total} calls"
                    f" ({p.chunks_embedded}/{p.chunks_known} chunks)  {p.chunks_per_s:.1f} chunks/s"
                    f"  ETA {format_eta(p.eta_s)}  {p.device} {p.precision} batch {p.batch_size}   "
                )
                out.flush()
        if out is not None and summary.calls:
            out.write("\n")
        restemmed = sync_keyword_index(store.db, rebuild=args.rebuild)
        report = drive_index(store, settings, embedder.model_id, embedder.dims, args.rebuild, out)
        assign_new_calls(store.db, embedder.model_id)  # into the stored topics, if any (nearest centroid)
    result = {
        "model_id": embedder.model_id,
        "fallback_reason": fallback,
        "embedded_calls": summary.calls,
        "embedded_chunks": summary.chunks,
        "embed_seconds": round(summary.seconds, 2),
        "keyword_calls_stemmed": restemmed,
        "index": {
            "added_calls": report.added_calls,
            "removed_calls": report.removed_calls,
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
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"embedded {summary.calls} calls ({summary.chunks} chunks) with {embedder.model_id};"
            f" keyword index: {restemmed} calls stemmed; vector index: +{report.added_calls} -{report.removed_calls}"
            f" calls, {report.vectors.get('all', 0)} vectors ({report.kinds.get('all', '-')})"
            + (f", rebuilt ({report.reason})" if report.rebuilt else "")
        )
    return 0


def drive_index(
    store: CallStore, settings: Settings, model_id: str, dims: int, rebuild: bool, out: TextIO | None
) -> IndexReport:
    job = index_job(store, model_id, dims, settings.index_dir, rebuild=rebuild)
    while True:
        try:
            p: IndexProgress = next(job)
        except StopIteration as stop:
            report: IndexReport = stop.value
            break
        if out is not None:
            out.write(f"\rindex {p.stage:<8} {p.side:<9} {bar(p.done, p.total)}   ")
            out.flush()
    if out is not None:
        out.write("\n")
    return report

"""``embed``: embed the calls that have no vectors for the current model, with a progress bar."""

from __future__ import annotations

import argparse
import json
import sys

from callcenter_ai.core.embedding import EmbedProgress, embed_pending, load_embedder
from callcenter_ai.core.embedding.events import EmbedEvent
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "embed",
        help="embed pending calls with the model (or the offline fallback)",
        description="Embed the calls in the store that have no vectors for the current model id (chunks of whole"
        " turns, per-side chunks, call vectors), with a progress bar on stderr. Without the model (no cache, no"
        " network) the offline embedder is used and said so, unless --no-fallback.",
    )
    p.add_argument(
        "--model", metavar="NAME|PATH", help="model name on the hub or a local folder (env CALLCENTER_MODEL)"
    )
    p.add_argument("--limit", type=int, metavar="N", help="embed at most N pending calls")
    p.add_argument("--no-fallback", action="store_true", help="fail instead of using the offline embedder")
    p.add_argument("--json", action="store_true", help="print one JSON summary object on stdout")
    p.set_defaults(handler=run)


def _bar(progress: EmbedProgress) -> str:
    width = 30
    filled = int(width * progress.done / progress.total) if progress.total else width
    eta = f"{progress.eta_s:.0f}s" if progress.eta_s is not None else "?"
    return (
        f"\r[{'#' * filled}{'.' * (width - filled)}] {progress.done}/{progress.total} calls"
        f" {progress.chunks_per_s:.1f} chunks/s ETA {eta} {progress.device} {progress.precision}"
        f" batch {progress.batch_size} "
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    def show(event: EmbedEvent) -> None:
        if event.level >= 30:
            print(f"\n{event.level_name.lower()}: {event.message}", file=sys.stderr)

    embedder = load_embedder(settings, allow_fallback=not args.no_fallback)
    events = getattr(embedder, "events", None)
    if events is not None:
        for event in events.events():
            show(event)
        events.subscribe(show)
    with CallStore.open(settings.db_path) as store:
        job = embed_pending(store, embedder, limit=args.limit)
        while True:
            try:
                progress = next(job)
            except StopIteration as stop:
                summary = stop.value
                break
            print(_bar(progress), end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        print(
            f"embedded {summary.calls} calls ({summary.chunks} chunks) with {summary.model_id}"
            f" in {summary.seconds:.1f} s"
        )
        if summary.fallback_reason:
            print(f"warning: offline fallback used: {summary.fallback_reason}")
    return 0

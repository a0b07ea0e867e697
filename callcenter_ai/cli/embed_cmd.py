"""``embed``: embed the calls that have no vectors for the current model, with a progress bar."""

from __future__ import annotations

import argparse
import json
import sys

from callcenter_ai.cli.progress import embed_bar
from callcenter_ai.core.embedding import embed_pending
from callcenter_ai.core.embedding.events import EmbedEvent
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.settings import Settings


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


def run(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.app import embedding_target, get_embedder, run_to_end

    def show(event: EmbedEvent) -> None:
        if event.level >= 30:
            print(f"\n{event.level_name.lower()}: {event.message}", file=sys.stderr)

    embedder = get_embedder(settings, allow_fallback=not args.no_fallback, load=True)
    for event in embedder.events.events():
        show(event)
    embedder.events.subscribe(show)
    on_progress, bar = embed_bar(True)
    with open_engine(settings) as engine, bar:
        summary = run_to_end(embed_pending(embedding_target(engine), embedder, limit=args.limit), on_progress)
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

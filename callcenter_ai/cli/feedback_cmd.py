"""Feedback commands: ``rate``, ``learning-stats``, ``learning-train``, ``learning-export``."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.errors import ConfigError, StoreError
from callcenter_ai.core.feedback import FeedbackSource
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rate", help="record that a result call was (not) relevant for a query or a source call")
    p.add_argument("dialog_id", help="the result call judged")
    anchor = p.add_mutually_exclusive_group(required=True)
    anchor.add_argument("--query", help="the search text it was found for")
    anchor.add_argument("--source", metavar="DIALOG_ID", help="the call it was found similar to")
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--relevant", dest="relevant", action="store_true", help="it is relevant")
    verdict.add_argument("--not-relevant", dest="relevant", action="store_false", help="it is not relevant")
    p.add_argument("--comment", help="optional note")
    p.add_argument("--rater", default=os.environ.get("USER", ""), help="who judges (default: $USER)")
    p.add_argument("--rank", type=int, help="1-based position the result was shown at")
    p.add_argument("--model-id", help="vector space that served it (default: the index's)")
    p.set_defaults(handler=run_rate)

    s = sub.add_parser("learning-stats", help="ratings, precision@k over time, by topic and operator, re-ranking gain")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.add_argument("-k", type=int, default=10, help="precision@k cut-off (default 10)")
    s.add_argument("--period", choices=("day", "week", "month"), default="day")
    s.set_defaults(handler=run_stats)

    t = sub.add_parser("learning-train", help="train the re-ranker from ratings now")
    t.add_argument("--force", action="store_true", help="train even below the rerank_min_ratings setting")
    t.set_defaults(handler=run_train)

    e = sub.add_parser("learning-export", help="export ratings for fine-tuning (personal data redacted)")
    e.add_argument("--pairs", type=Path, metavar="FILE", help='JSONL {"anchor", "positive"}')
    e.add_argument("--triplets", type=Path, metavar="FILE", help='JSONL {"anchor", "positive", "negative"}')
    e.add_argument("--ratings-csv", type=Path, metavar="FILE", help="every rating as CSV")
    e.set_defaults(handler=run_export)


def _model_id(settings: Settings) -> str:
    from callcenter_ai.core.app import served_model_id

    return served_model_id(settings)


def _query_embedder(settings: Settings, model_id: str) -> Callable[[Sequence[str]], Any] | None:
    """The embedder's query function when it writes ``model_id``'s vector space, else None."""
    from callcenter_ai.core.app import get_embedder

    embedder = get_embedder(settings)
    return embedder.embed_queries if embedder.model_id == model_id else None


def run_rate(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.app import rate

    with open_engine(settings) as engine:
        rated = rate(
            engine,
            settings,
            result_dialog_id=args.dialog_id,
            relevant=args.relevant,
            model_id=args.model_id,
            query_text=args.query,
            source_dialog_id=args.source,
            comment=args.comment,
            rater=args.rater,
            rank=args.rank,
        )
    verdict = "relevant" if args.relevant else "not relevant"
    print(f"rating {rated.rating_id}: {args.dialog_id} {verdict}; {rated.ratings} ratings in all")
    if rated.rerank.needs_training:
        print("enough new ratings: run `python -m callcenter_ai learning-train` to update the re-ranker")
    return 0


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def run_stats(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.feedback import learning_stats

    if args.k < 1:
        raise ConfigError(f"-k must be 1 or more, got {args.k}")
    with open_engine(settings) as engine:
        stats = learning_stats(engine.feedback(), settings, _model_id(settings), k=args.k, period=args.period)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    k = stats["k"]
    print(f"ratings: {stats['ratings']} on {stats['rated_pairs']} pairs by {stats['raters']} raters")
    print(f"share positive: {_percent(stats['share_positive'])}; precision@{k}: {_percent(stats['precision_at_k'])}")
    for title, key, name in (("over time", "over_time", "period"), ("by topic", "by_topic", "topic")):
        print(f"{title}:")
        for row in stats[key]:
            print(f"  {row[name] or '—':<24} {row['ratings']:>6}  precision@{k} {_percent(row['precision_at_k'])}")
    print("by operator:")
    for row in stats["by_operator"]:
        print(f"  {row['operator'] or '—':<24} {row['ratings']:>6}  precision@{k} {_percent(row['precision_at_k'])}")
    served = stats["served"]
    print(
        f"served plain: precision@{k} {_percent(served['plain']['precision_at_k'])};"
        f" served re-ranked: {_percent(served['reranked']['precision_at_k'])}"
    )
    rerank = stats["rerank"]
    state = "on" if rerank["enabled"] else f"off (needs {rerank['min_ratings']} ratings)"
    print(f"re-ranking for {rerank['model_id']}: {state}")
    held = rerank["held_out"]
    if held:
        plain, tuned = held["plain"], held["reranked"]
        print(
            f"held-out ({held['held_out_anchors']} newest anchors): pair accuracy"
            f" {_percent(plain['pair_accuracy'])} -> {_percent(tuned['pair_accuracy'])},"
            f" R-precision {_percent(plain['r_precision'])} -> {_percent(tuned['r_precision'])}"
        )
    return 0


def run_train(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.feedback import train_reranker

    model_id = _model_id(settings)
    with open_engine(settings) as engine:
        info = train_reranker(
            engine.feedback(), settings, model_id, embed_queries=_query_embedder(settings, model_id), force=args.force
        )
    if info is None:
        print(f"not trained: too few usable ratings for {model_id} (or none with both verdicts for one anchor)")
        return 1
    print(f"re-ranker for {model_id}: {info['ratings_used']} ratings, {info['pairs']} pairs, {info['train_seconds']} s")
    return 0


def _write(path: Path, writer: Callable[[FeedbackSource, IO[str]], int], source: FeedbackSource) -> int:
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            count = writer(source, out)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return count


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.feedback import export_pairs, export_ratings_csv, export_triplets

    targets = [(args.pairs, export_pairs), (args.triplets, export_triplets), (args.ratings_csv, export_ratings_csv)]
    if not any(path for path, _ in targets):
        raise ConfigError("nothing to export", hint="Give --pairs FILE, --triplets FILE and/or --ratings-csv FILE.")
    with open_engine(settings) as engine:
        for path, writer in targets:
            if path is not None:
                print(f"{path}: {_write(path, writer, engine.feedback())} rows")
    return 0

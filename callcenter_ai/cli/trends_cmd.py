"""``trends [--by day|week|month] [--period P] [--json]``: calls per topic over time, emerging topics."""

from __future__ import annotations

import argparse
import json

from callcenter_ai.core.analytics.emerging import Emerging
from callcenter_ai.core.analytics.trends import PERIODS
from callcenter_ai.core.app import analytics as service
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("trends", help="calls per topic per day/week/month and the topics emerging in the last period")
    p.add_argument("--by", choices=PERIODS, default="day", help="period length (default: day)")
    p.add_argument("--period", metavar="P", help="test this period for emerging topics (default: the latest)")
    p.add_argument("--outcomes", action="store_true", help="add calls, mean and median duration and outcomes per topic")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    report = service.trends(settings, by=args.by, period=args.period, outcomes=args.outcomes)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
        return 0
    shown = report.periods[-8:]
    print(f"{'topic':<40}" + "".join(f"{p[-10:]:>11}" for p in shown))
    for s in report.series:
        counts = {c.period: c.calls for c in s.counts}
        print(f"{s.topic_id:>4} {s.label[:35]:<35}" + "".join(f"{counts[p]:>11}" for p in shown))
    for saved in report.saved:
        counts = {c.period: c.calls for c in saved.counts}
        print(f"   * {saved.name[:35]:<35}" + "".join(f"{counts[p]:>11}" for p in shown))
    if report.outcomes:
        print(f"{'topic':<40}{'calls':>7}{'mean s':>8}{'median s':>9}  outcomes")
    for o in report.outcomes or []:
        ends = [f"{name} {n}" for name, n in o.outcomes.items()] + (
            [f"unknown {o.outcome_unknown}"] if o.outcome_unknown else []
        )
        print(
            f"{o.topic_id:>4} {o.label[:35]:<35}{o.calls:>7}{_seconds(o.mean_duration_s):>8}"
            f"{_seconds(o.median_duration_s):>9}  {', '.join(ends)}"
        )
    if not report.emerging:
        print(f"no emerging topics in {args.period or report.periods[-1]}")
    for e in report.emerging:
        print(emerging_line(e))
    return 0


def emerging_line(e: Emerging) -> str:
    return (
        f"emerging in {e.period}: {e.topic_id} {e.label}: {e.calls} calls, {e.expected:.1f} expected"
        f" (x{e.ratio:.1f}, adjusted p = {e.p_value:.2g})"
    )


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"

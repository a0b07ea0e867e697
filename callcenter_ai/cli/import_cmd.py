"""``import FILE...``: JSON Lines or CSV calls into the store, one transaction per file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcenter_ai.cli.progress import import_bar, show_progress
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.errors import InputError, KnownError
from callcenter_ai.core.ingest import ENCODING_NAMES, FORMAT_CHOICES, ImportReport, import_file
from callcenter_ai.core.jobs import run_to_end
from callcenter_ai.core.privacy import import_text_filter
from callcenter_ai.core.settings import Settings

if TYPE_CHECKING:
    from callcenter_ai.core.analytics.alerts import Alerts


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="import calls from JSON Lines or CSV files (see docs/IMPORT_FORMATS.md)",
        description="Import calls from JSON Lines or CSV files. Each file is one transaction: a file with any "
        "invalid record imports nothing unless --skip-invalid is given. Re-importing is idempotent.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".jsonl or .csv file of calls")
    p.add_argument("--skip-invalid", action="store_true", help="import the valid records; list the invalid ones")
    p.add_argument("--json", action="store_true", help="print one JSON object with a report per file")
    p.add_argument("--format", choices=FORMAT_CHOICES, default="auto", help="file format (default: by name)")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    show = show_progress(args.progress)
    text_filter = import_text_filter(settings)
    results: list[dict[str, Any]] = []
    failed = False
    with open_engine(settings) as engine:
        for path in args.files:
            on_progress, bar = import_bar(show, Path(path).name)
            try:
                with bar:
                    report = run_to_end(
                        import_file(
                            engine.calls,
                            path,
                            skip_invalid=args.skip_invalid,
                            text_filter=text_filter,
                            file_format=args.format,
                        ),
                        on_progress,
                    )
            except KnownError as exc:  # this file failed; the next ones are still imported
                failed = True
                summary = exc.summary if isinstance(exc, InputError) else exc.message
                results.append({"source": str(path), "committed": False, "error": summary, **_problems(exc)})
                print(f"error: {exc}", file=sys.stderr)
                if exc.hint:
                    print(f"hint: {exc.hint}", file=sys.stderr)
                continue
            results.append(report.to_dict())
            for line in report.problem_lines():
                print(f"skipped: {line}", file=sys.stderr)
            for line in report.warning_lines():
                print(f"warning: {line}", file=sys.stderr)
            if not args.json:
                print(summary_line(report))
    from callcenter_ai.core.app.analytics import import_alerts, refresh_saved_searches

    for name, new in refresh_saved_searches(settings).items():  # saved searches re-run after every import
        if not args.json:
            print(f"saved search {name!r}: {new} новых")
    alerts = import_alerts(settings)
    if args.json:
        totals = {key: sum(r.get(key, 0) for r in results) for key in ("inserted", "updated", "unchanged", "invalid")}
        found = alerts.to_json() if alerts else {"emerging": [], "calls_not_in_topics": None}
        extra = {"emerging": found["emerging"], "calls_not_in_topics": found["calls_not_in_topics"]}
        print(json.dumps({"ok": not failed, **totals, "files": results, **extra}, ensure_ascii=False))
    elif alerts is not None:
        print_alerts(alerts)
    return 1 if failed else 0


def print_alerts(alerts: Alerts) -> None:
    """The emerging topics of the latest week (where topics were found), and the calls they cannot see yet."""
    from callcenter_ai.cli.trends_cmd import emerging_line

    for e in alerts.emerging:
        print(emerging_line(e))
    if alerts.period and not alerts.emerging:
        print(f"no emerging topics in {alerts.period}")
    if alerts.calls_not_in_topics:
        print(f"{alerts.calls_not_in_topics:,} calls are in no topic yet (not indexed): `index` places them")


def summary_line(report: ImportReport) -> str:
    if report.cancelled:
        return f"{report.source}: cancelled, nothing imported"
    encoding = ENCODING_NAMES.get(report.encoding, report.encoding)
    dropped = f", {report.empty_turns:,} empty turns dropped" if report.empty_turns else ""
    return (
        f"{report.source}: {report.inserted:,} inserted, {report.updated:,} updated, {report.unchanged:,} unchanged,"
        f" {report.invalid:,} invalid{dropped} ({report.format}, {encoding}, {report.elapsed_s:.1f} s)"
    )


def _problems(exc: KnownError) -> dict[str, Any]:
    problems = exc.problems if isinstance(exc, InputError) else []
    return {"problems": [{"line": p.line, "field": p.field, "reason": p.reason} for p in problems]}

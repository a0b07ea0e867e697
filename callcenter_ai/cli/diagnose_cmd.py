"""``diagnose``: memory, CPU and GPU report with recommendations (same as ``memory_diagnostics.py``).

Exit status: 0 all well, 1 with warnings, 2 with errors.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence

from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.settings import Settings, load_settings

USE_SETTINGS_MODEL = "<settings>"


def _at_least(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--load-model",
        nargs="?",
        const=USE_SETTINGS_MODEL,
        default=None,
        metavar="NAME|PATH",
        help="load the model (default: the one in the settings), embed a test batch, unload, "
        "and report memory at each step",
    )
    p.add_argument("--test-texts", type=_at_least(1), default=None, metavar="N", help="texts in the test batch")
    p.add_argument("--test-tokens", type=_at_least(2), default=None, metavar="T", help="about T tokens per test text")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default=None, help="device for --load-model")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("diagnose", help="memory, CPU and GPU report with recommended settings (exit 1: warnings)")
    add_arguments(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from callcenter_ai.core.diagnostics import collect_report, render_text

    load_test = None
    if args.load_model is not None:
        from callcenter_ai.core.diagnostics.load_probe import probe_model

        model = settings.model if args.load_model == USE_SETTINGS_MODEL else args.load_model
        load_test = probe_model(
            settings, model, device=args.device, texts=args.test_texts, tokens_per_text=args.test_tokens
        )
    report = collect_report(settings, load_test=load_test)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(render_text(report))
    code: int = report["exit_code"]
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """The stand-alone ``memory_diagnostics.py`` entry point."""
    parser = argparse.ArgumentParser(
        prog="memory_diagnostics.py",
        description="Memory, CPU and GPU report for CallCenter AI, with recommended settings. "
        "Exit status: 0 all well, 1 warnings, 2 errors.",
    )
    parser.add_argument("--home", metavar="DIR", help="app folder with data/ and indexes/ (env CALLCENTER_HOME)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    add_arguments(parser)
    args = parser.parse_args(argv)
    level = logging.WARNING if args.verbose == 0 else logging.INFO if args.verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return run(args, load_settings(args.home))
    except KnownError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 2

"""``settings``: list every option with its value, or change some."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.settings import Settings, describe_options, save_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("settings", help="show options, or set them: settings set NAME=VALUE ...")
    p.add_argument("action", nargs="?", choices=("show", "set"), default="show")
    p.add_argument("assignments", nargs="*", metavar="NAME=VALUE")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "set":
        changes = {}
        for item in args.assignments:
            name, sep, value = item.partition("=")
            if not sep:
                raise ConfigError(f"expected NAME=VALUE, got {item!r}")
            changes[name.strip()] = value
        settings = save_settings(settings, changes)
        print(f"saved {len(changes)} option(s) to {settings.settings_path}")
        return 0
    values = {k: str(v) for k, v in asdict(settings).items()}
    if args.json:
        print(json.dumps(values, ensure_ascii=False))
        return 0
    for option in describe_options():
        env = f" (env {option['env']})" if option["env"] else ""
        print(f"{option['name']} = {values[option['name']]}{env}\n    {option['help']}")
    return 0

"""``users``: the API users of ``serve`` (admin command): add, list, new-token, remove."""

from __future__ import annotations

import argparse
import json

from callcenter_ai.core.auth import ROLES, open_access_list
from callcenter_ai.core.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("users", help="API users of serve and their tokens (roles: operator, admin)")
    actions = p.add_subparsers(dest="users_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a user; prints the token once")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    listing = actions.add_parser("list", help="users and roles (never tokens)")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    renew = actions.add_parser("new-token", help="replace a user's token; prints the new one once")
    renew.add_argument("name")
    remove = actions.add_parser("remove", help="remove a user; their token stops working")
    remove.add_argument("name")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    access = open_access_list(settings)
    try:
        if args.users_action == "add":
            token = access.add_user(args.name, args.role)
            print(f"added {args.name} ({args.role}); token (shown once, keep it secret):")
            print(token)
        elif args.users_action == "new-token":
            token = access.new_token(args.name)
            print(f"new token for {args.name} (the old one no longer works):")
            print(token)
        elif args.users_action == "remove":
            if not access.remove_user(args.name):
                print(f"no user {args.name!r}")
                return 1
            print(f"removed {args.name}")
        else:
            users = access.users()
            if args.json:
                print(json.dumps({"users": [u.__dict__ for u in users]}, ensure_ascii=False))
            else:
                for user in users:
                    print(f"{user.name}\t{user.role}\t{user.created_at}")
    finally:
        close = getattr(access, "close", None)
        if callable(close):
            close()
    return 0

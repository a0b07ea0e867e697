"""A throwaway PostgreSQL 16 + pgvector server for tests and development (the ``pgserver`` wheel).

    python -m callcenter_ai.devtools.pg start DIR   # prints the server's URL as its last line
    python -m callcenter_ai.devtools.pg stop DIR

The server listens on a Unix socket in DIR only (no TCP port, no network) and
trusts local connections.  PostgreSQL refuses to run as root: run as root,
``pgserver`` creates a system user ``pgserver`` and runs the server as that
user (DIR and its parents become traversable by it).  ``start`` on a DIR
whose server is already running prints the same URL again.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _pgserver() -> Any:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver
        import pgserver._commands
        import pgserver.utils

    return pgserver


def start_server(folder: Path | str) -> str:
    """Initialise (first time) and start the server in ``folder``; returns its URL. It keeps running."""
    folder = Path(folder).expanduser().resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    server = _pgserver().get_server(folder, cleanup_mode=None)
    url: str = server.get_uri()
    return url


def server_url(folder: Path | str) -> str | None:
    """The URL of the server running in ``folder``, None when none runs."""
    info = _pgserver().utils.PostmasterInfo.read_from_pgdata(Path(folder).expanduser().resolve())
    if info is None or not info.is_running():
        return None
    url: str = info.get_uri()
    return url


def stop_server(folder: Path | str) -> bool:
    """Stop the server running in ``folder`` (fast shutdown); False when none was running."""
    folder = Path(folder).expanduser().resolve()
    if server_url(folder) is None:
        return False
    user = "pgserver" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    _pgserver()._commands.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=folder, user=user)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m callcenter_ai.devtools.pg", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("dir", metavar="DIR", help="the server's data folder (created when missing)")
    args = parser.parse_args(argv)
    if args.action == "start":
        print(start_server(args.dir))
        return 0
    if stop_server(args.dir):
        print(f"stopped the server in {Path(args.dir).resolve()}")
    else:
        print(f"no server running in {Path(args.dir).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

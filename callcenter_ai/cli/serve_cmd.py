"""``serve``: the HTTP API (FastAPI under uvicorn), on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import argparse
import logging
from dataclasses import replace

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="run the HTTP API (search, similar calls, feedback, learning statistics)")
    p.add_argument("--host", help="address to bind (default: setting api_host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: setting api_port, 8765)")
    p.set_defaults(handler=run)


def check_binding(host: str, settings: Settings) -> None:
    """Refuse to listen beyond loopback without a token."""
    from callcenter_ai.api.guards import is_loopback
    from callcenter_ai.core.auth import open_access_list

    if not is_loopback(host) and not settings.api_token and not open_access_list(settings).users():
        raise ConfigError(
            f"refusing to serve on {host} without a token",
            hint="Add API users (users add NAME --role operator|admin), set CALLCENTER_API_TOKEN,"
            " or bind to 127.0.0.1.",
        )


def run(args: argparse.Namespace, settings: Settings) -> int:
    host = args.host or settings.api_host
    port = settings.api_port if args.port is None else args.port
    if not 0 < port < 65536:
        raise ConfigError(f"port must be 1..65535, got {port}")
    check_binding(host, settings)
    settings = replace(settings, api_host=host, api_port=port)
    import uvicorn

    from callcenter_ai.api import create_app

    auth = "Bearer token required" if settings.api_token else "no token (loopback only)"
    print(f"CallCenter AI API on http://{host}:{port}/api  (schema: /openapi.json, {auth})", flush=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info" if args.verbose else "warning")
    return 0

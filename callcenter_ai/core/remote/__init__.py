"""A central server as the window's (or any shell's) store: the HTTP client, the token in the keyring."""

from __future__ import annotations

from callcenter_ai.core.remote.client import (
    RemoteClient,
    RemoteUser,
    ServerRefusedError,
    ServerUnreachableError,
    server_url,
)
from callcenter_ai.core.remote.codec import from_json, to_json
from callcenter_ai.core.remote.credentials import (
    SERVICE_NAME,
    KeyringUnavailableError,
    forget_token,
    load_token,
    save_token,
)

__all__ = [
    "SERVICE_NAME",
    "KeyringUnavailableError",
    "RemoteClient",
    "RemoteUser",
    "ServerRefusedError",
    "ServerUnreachableError",
    "forget_token",
    "from_json",
    "load_token",
    "save_token",
    "server_url",
    "to_json",
]

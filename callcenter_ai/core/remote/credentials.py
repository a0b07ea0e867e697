"""The user's token for a server, kept in the operating system's keyring (never in settings.json).

Windows Credential Manager, macOS Keychain, the Secret Service on Linux —
whatever :mod:`keyring` finds.  Without one (a bare Linux desktop, a
service account) saving fails with a clear message and the window simply
asks for the token again next time.
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.messages import HINTS, msg

log = logging.getLogger(__name__)

SERVICE_NAME = "CallCenter AI"


class KeyringUnavailableError(KnownError):
    """The system keyring cannot store or read the token."""


def _problem(exc: Exception) -> KeyringUnavailableError:
    return KeyringUnavailableError(
        msg("remote.no_keyring", error=str(exc) or type(exc).__name__), hint=HINTS["remote.no_keyring"]
    )


def save_token(url: str, token: str) -> None:
    """Keep ``token`` for the server ``url`` (one token per server)."""
    try:
        keyring.set_password(SERVICE_NAME, url, token)
    except (KeyringError, RuntimeError) as exc:
        raise _problem(exc) from exc


def load_token(url: str) -> str | None:
    """The kept token for ``url``; None when none is kept or the keyring cannot be read (logged)."""
    try:
        return keyring.get_password(SERVICE_NAME, url)
    except (KeyringError, RuntimeError) as exc:
        log.warning("no token read from the keyring for %s: %s", url, exc)
        return None


def forget_token(url: str) -> None:
    """Drop the kept token for ``url`` (nothing happens when none is kept)."""
    try:
        keyring.delete_password(SERVICE_NAME, url)
    except PasswordDeleteError:
        return
    except (KeyringError, RuntimeError) as exc:
        log.warning("the token for %s could not be removed from the keyring: %s", url, exc)

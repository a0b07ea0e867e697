"""API users, their roles and tokens; kept where the calls are (the home or the PostgreSQL server).

An operator may search, read calls and rate results; an admin may also
import, index, change settings and export.  A token is shown once, when it is
made; the store keeps its SHA-256 only, so a stolen store gives no tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.records import utc_now
from callcenter_ai.core.settings import Settings

ROLES: Final = ("operator", "admin")
_OPERATOR: Final = frozenset({"search", "read", "rate"})
PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    "operator": _OPERATOR,
    "admin": _OPERATOR | {"import", "index", "settings", "export"},
}
_NAME = re.compile(r"[^\s\x00-\x1f]{1,100}")
USERS_FILE = "api_users.json"


@dataclass(frozen=True)
class ApiUser:
    name: str
    role: str

    def can(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, frozenset())


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: str
    created_at: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return "cc_" + secrets.token_urlsafe(32)


def check_user(name: str, role: str) -> None:
    if not _NAME.fullmatch(name):
        raise ConfigError(msg("auth.bad_name", name=name))
    if role not in ROLES:
        raise ConfigError(msg("auth.bad_role", role=role, roles=list(ROLES)))


class AccessList(Protocol):
    def add_user(self, name: str, role: str) -> str:
        """Create ``name`` with ``role``; returns its token (shown once)."""
        ...

    def new_token(self, name: str) -> str:
        """Replace the token of ``name``; the old one stops working."""
        ...

    def remove_user(self, name: str) -> bool: ...
    def users(self) -> list[UserInfo]: ...
    def authenticate(self, token: str) -> ApiUser | None: ...


class FileAccessList:
    """The users of a desktop home's ``serve``: ``data/api_users.json`` (owner-only, replaced atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cached: tuple[tuple[int, int, int], dict[str, dict[str, str]]] | None = None

    def _read(self) -> dict[str, dict[str, str]]:
        """The users, parsed again only when the file changed (every API request asks)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        signature = (st.st_ino, st.st_mtime_ns, st.st_size)
        if self._cached is None or self._cached[0] != signature:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
            self._cached = (signature, data.get("users", {}))
        return {name: dict(user) for name, user in self._cached[1].items()}  # a copy: callers change it

    def _write(self, users: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".json.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"version": 1, "users": users}, out, ensure_ascii=False, indent=2)
        os.replace(tmp, self.path)

    def add_user(self, name: str, role: str) -> str:
        check_user(name, role)
        users = self._read()
        if name in users:
            raise ConfigError(msg("auth.user_exists", name=name))
        token = new_token()
        users[name] = {"role": role, "token_sha256": token_hash(token), "created_at": utc_now()}
        self._write(users)
        return token

    def new_token(self, name: str) -> str:
        users = self._read()
        if name not in users:
            raise NotFoundError(msg("auth.no_user", name=name))
        token = new_token()
        users[name]["token_sha256"] = token_hash(token)
        self._write(users)
        return token

    def remove_user(self, name: str) -> bool:
        users = self._read()
        if users.pop(name, None) is None:
            return False
        self._write(users)
        return True

    def users(self) -> list[UserInfo]:
        return [UserInfo(n, u["role"], u["created_at"]) for n, u in sorted(self._read().items())]

    def authenticate(self, token: str) -> ApiUser | None:
        wanted = token_hash(token)
        for name, user in self._read().items():
            if hmac.compare_digest(user["token_sha256"], wanted):
                return ApiUser(name, user["role"])
        return None


def open_access_list(settings: Settings) -> AccessList:
    """The users of the store ``settings`` name: a table on the server, a file in a desktop home."""
    from callcenter_ai.core.engines.selection import is_postgres_url

    if is_postgres_url(settings.database_url.strip()):
        from callcenter_ai.core.engines.pg.access import PgAccessList

        return PgAccessList(settings.database_url.strip())
    return FileAccessList(settings.home / "data" / USERS_FILE)

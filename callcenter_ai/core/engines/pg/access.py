"""API users and token hashes in the PostgreSQL archive (table ``api_users``), for every server in front of it."""

from __future__ import annotations

from callcenter_ai.core.auth.access import ApiUser, UserInfo, check_user, new_token, token_hash
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.messages import msg


class PgAccessList:
    def __init__(self, url: str) -> None:
        self.database = PgDatabase(url, max_size=2)

    def close(self) -> None:
        self.database.close()

    def add_user(self, name: str, role: str) -> str:
        check_user(name, role)
        token = new_token()
        added = self.database.execute(
            "INSERT INTO api_users (name, role, token_sha256) VALUES (%s, %s, %s)"
            " ON CONFLICT (name) DO NOTHING RETURNING name",
            (name, role, token_hash(token)),
        )
        if not added:
            raise ConfigError(msg("auth.user_exists", name=name))
        return token

    def new_token(self, name: str) -> str:
        token = new_token()
        if not self.database.execute(
            "UPDATE api_users SET token_sha256 = %s WHERE name = %s RETURNING name", (token_hash(token), name)
        ):
            raise NotFoundError(msg("auth.no_user", name=name))
        return token

    def remove_user(self, name: str) -> bool:
        return bool(self.database.execute("DELETE FROM api_users WHERE name = %s RETURNING name", (name,)))

    def users(self) -> list[UserInfo]:
        rows = self.database.execute(
            "SELECT name, role, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"
            ' FROM api_users ORDER BY name COLLATE "C"'
        )
        return [UserInfo(str(n), str(r), str(c)) for n, r, c in rows]

    def authenticate(self, token: str) -> ApiUser | None:
        rows = self.database.execute("SELECT name, role FROM api_users WHERE token_sha256 = %s", (token_hash(token),))
        return ApiUser(str(rows[0][0]), str(rows[0][1])) if rows else None

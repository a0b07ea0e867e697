"""Who may use the server: API users with a role and a token (only its SHA-256 is stored)."""

from __future__ import annotations

from callcenter_ai.core.auth.access import (
    PERMISSIONS,
    ROLES,
    AccessList,
    ApiUser,
    UserInfo,
    open_access_list,
)

__all__ = ["PERMISSIONS", "ROLES", "AccessList", "ApiUser", "UserInfo", "open_access_list"]

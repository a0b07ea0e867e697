"""API users kept where the calls are: a desktop home's file or the PostgreSQL archive, with the same behaviour."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from callcenter_ai.core.auth import AccessList, ApiUser, open_access_list
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.settings import Settings


@pytest.fixture(params=["home file", "postgresql"])
def access(request: pytest.FixtureRequest, settings: Settings) -> Iterator[AccessList]:
    if request.param == "postgresql":
        settings = replace(settings, database_url=request.getfixturevalue("pg_url"))
    opened = open_access_list(settings)
    yield opened
    close = getattr(opened, "close", None)
    if callable(close):
        close()


def test_users_tokens_and_roles(access: AccessList) -> None:
    assert access.users() == []
    anna = access.add_user("anna", "operator")
    boss = access.add_user("boss", "admin")
    assert anna != boss and len(anna) > 30
    assert access.authenticate(anna) == ApiUser("anna", "operator")
    assert access.authenticate(boss) == ApiUser("boss", "admin")
    assert access.authenticate("cc_guess") is None
    assert [(u.name, u.role) for u in access.users()] == [("anna", "operator"), ("boss", "admin")]
    assert all(u.created_at.endswith("+00:00") for u in access.users())
    with pytest.raises(ConfigError, match="exists already"):
        access.add_user("anna", "admin")
    renewed = access.new_token("anna")
    assert access.authenticate(anna) is None and access.authenticate(renewed) == ApiUser("anna", "operator")
    with pytest.raises(NotFoundError):
        access.new_token("nobody")
    assert access.remove_user("anna") and not access.remove_user("anna")
    assert access.authenticate(renewed) is None
    assert ApiUser("boss", "admin").can("export") and not ApiUser("anna", "operator").can("export")
    assert ApiUser("anna", "operator").can("rate")

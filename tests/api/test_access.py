"""Per-user tokens with roles: operators search, read and rate; admins also export; the rater is the token's user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from callcenter_ai.cli.main import main
from callcenter_ai.cli.serve_cmd import check_binding
from callcenter_ai.core.auth import AccessList, open_access_list
from callcenter_ai.core.auth.access import FileAccessList
from callcenter_ai.core.engines import open_engine
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.settings import Settings, load_settings

MakeClient = Callable[..., TestClient]


def users_of(client: TestClient) -> AccessList:
    """The API users of the client's store: a file in the home, or a table on the server."""
    settings: Settings = client.app.state.api.settings  # type: ignore[attr-defined]
    return open_access_list(settings)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_roles_decide_what_a_token_may_do(make_client: MakeClient) -> None:
    client = make_client()
    users = users_of(client)
    anna = users.add_user("anna", "operator")
    boss = users.add_user("boss", "admin")
    for headers in ({}, bearer("wrong")):
        assert client.post("/api/search", json={"query": "карта"}, headers=headers).status_code == 401
    assert client.get("/api/health").status_code == 200
    assert client.post("/api/search", json={"query": "карта"}, headers=bearer(anna)).status_code == 200
    assert client.get("/api/similar/card-1", headers=bearer(anna)).status_code == 200
    assert client.get("/api/learning/stats", headers=bearer(anna)).status_code == 200
    denied = client.get("/api/learning/export", headers=bearer(anna))
    assert denied.status_code == 403 and denied.json()["error"] == "forbidden"
    assert "may not export" in denied.json()["message"]
    assert client.get("/api/learning/export", headers=bearer(boss)).status_code == 200


def test_the_rater_is_the_tokens_user(make_client: MakeClient) -> None:
    client = make_client()
    token = users_of(client).add_user("anna", "operator")
    body = {"dialog_id": "card-1", "relevant": True, "query": "карта", "rater": "somebody-else"}
    assert client.post("/api/feedback", json=body, headers=bearer(token)).status_code == 201
    settings: Settings = client.app.state.api.settings  # type: ignore[attr-defined]
    with open_engine(settings) as engine:
        assert [r.rater for r in engine.ratings.list_ratings()] == ["anna"]


def test_new_token_and_removal_take_effect_at_once(make_client: MakeClient) -> None:
    client = make_client(api_token="legacy")
    users = users_of(client)
    old = users.add_user("anna", "operator")
    new = users.new_token("anna")
    assert client.get("/api/learning/stats", headers=bearer(old)).status_code == 401
    assert client.get("/api/learning/stats", headers=bearer(new)).status_code == 200
    assert users.remove_user("anna") and not users.remove_user("anna")
    assert client.get("/api/learning/stats", headers=bearer(new)).status_code == 401
    assert client.get("/api/learning/export", headers=bearer("legacy")).status_code == 200  # the admin token


def test_users_command_and_serve_binding(home, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings(home, environ={})
    with pytest.raises(ConfigError, match="without a token"):
        check_binding("0.0.0.0", settings)
    assert main(["--home", str(home), "users", "add", "anna", "--role", "operator"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("cc_") and token not in (home / "data" / "api_users.json").read_text()
    check_binding("0.0.0.0", settings)  # users exist: a wide bind may start
    assert main(["--home", str(home), "users", "add", "anna", "--role", "admin"]) == 2
    assert "exists already" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--home", str(home), "users", "add", "bob", "--role", "boss"])  # argparse: not a role
    with pytest.raises(ConfigError, match="role 'boss' is not one of"):
        FileAccessList(home / "data" / "api_users.json").add_user("bob", "boss")
    with pytest.raises(ConfigError, match="no spaces"):
        FileAccessList(home / "data" / "api_users.json").add_user("bob smith", "admin")
    capsys.readouterr()
    assert main(["--home", str(home), "users", "list", "--json"]) == 0
    listed = capsys.readouterr().out
    assert '"name": "anna"' in listed and '"role": "operator"' in listed and token not in listed
    assert main(["--home", str(home), "users", "remove", "anna"]) == 0
    assert main(["--home", str(home), "users", "remove", "anna"]) == 1
    assert FileAccessList(home / "data" / "api_users.json").users() == []
    check_binding("0.0.0.0", replace(settings, api_token="t"))

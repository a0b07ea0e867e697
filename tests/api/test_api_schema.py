"""Property-based run of every endpoint against the app's own OpenAPI schema: never a 5xx."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from callcenter_ai.api import create_app


@pytest.fixture(scope="module")
def schema(api_home: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    import shutil
    from dataclasses import replace

    app_settings, embedder = api_home
    home = tmp_path_factory.mktemp("schemathesis") / "home"
    shutil.copytree(app_settings.home, home)
    app = create_app(replace(app_settings, home=Path(home), rerank_min_ratings=3), embedder=embedder)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.timeout(600)
def test_no_server_errors(schema: Any) -> None:
    # schemathesis' own pytest plugin does not run under pytest 9 yet, so drive its strategies with hypothesis.
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            response = case.call()
            where = f"{case.method} {case.formatted_path} {case.body!r}"
            assert response.status_code < 500, f"{where}: {response.status_code} {response.text}"
            content_type = response.headers["content-type"][0]
            assert content_type.startswith(("application/json", "text/csv", "application/x-ndjson")), content_type

        check()


def test_every_request_body_goes_through_the_shared_text_check(api_home: Any) -> None:
    """NUL and lone surrogates are refused for every body at one place (``RequestBody``), not per route: a
    drill-down's operator with a NUL reached PostgreSQL, which cannot hold one (a 503)."""
    from callcenter_ai.api.schemas import RequestBody

    def checked(model: type) -> set[str]:
        return {model.__name__}.union(*(checked(sub) for sub in model.__subclasses__()))

    app_settings, embedder = api_home
    spec = create_app(app_settings, embedder=embedder).openapi()
    bodies = {
        f"{method.upper()} {path}": op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
        if "requestBody" in op
    }
    assert len(bodies) >= 4
    components = spec["components"]["schemas"]

    def models_in(name: str) -> set[str]:  # the body's model and every model nested in it
        refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(components[name]))
        return {name}.union(*(models_in(ref) for ref in refs if ref != name))

    unchecked = {where: sorted(models_in(name) - checked(RequestBody)) for where, name in bodies.items()}
    assert {where: names for where, names in unchecked.items() if names} == {}

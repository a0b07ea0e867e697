"""Property tests: no value of an import field or a search filter gives a traceback (CLI) or a 5xx (API)."""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcenter_ai.api import create_app
from callcenter_ai.cli.main import main
from callcenter_ai.core.errors import ConfigError, InputError
from callcenter_ai.core.ingest import run_import
from callcenter_ai.core.search.filters import build_filters, calls_where, check_k, check_query
from callcenter_ai.core.settings import load_settings
from callcenter_ai.core.store import CallStore
from tests.faults.conftest import write_calls

PROPERTY = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

EDGE_NUMBERS = st.sampled_from(
    [2**63, 2**64, -(2**63), 10**30, 1e308, 1e-320, -0.0, 0, 1e9, 1e9 + 1, math.inf, -math.inf, math.nan]
)
NUMBERS = st.one_of(EDGE_NUMBERS, st.integers(), st.floats(allow_nan=True, allow_infinity=True))
EDGE_TEXT = st.sampled_from(
    [
        "0001-01-01T00:00:00+03:00",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31",
        "0001-01-01",
        "2026-03-01T10:00:00+23:59",
        "2026-02-30",
        "",
        " ",
        '"',
        "*",
        "\x00",
        "\ud800",
        "nan",
        "inf",
        "1e400",
        "99999999999999999999999",
        "-1",
        "12,5",
        "05:12",
        "1:02:03",
    ]
)
TEXT = st.one_of(EDGE_TEXT, st.text(max_size=40))
URL_TEXT = st.one_of(EDGE_TEXT.filter(lambda t: "\ud800" not in t), st.text(max_size=20))  # what a URL can carry
JSON_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    NUMBERS,
    TEXT,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # NaN/Infinity written as such: the reader must refuse them


@PROPERTY
@given(
    duration=JSON_VALUE,
    started_at=JSON_VALUE,
    start=JSON_VALUE,
    end=JSON_VALUE,
    text=JSON_VALUE,
    speaker=JSON_VALUE,
    dialog_id=JSON_VALUE,
)
def test_any_jsonl_field_value_is_imported_or_refused_clearly(
    tmp_path: Path, duration: Any, started_at: Any, start: Any, end: Any, text: Any, speaker: Any, dialog_id: Any
) -> None:
    turn = {"speaker": speaker, "text": text, "start": start, "end": end}
    record = {"id": dialog_id, "turns": [turn, {"speaker": "client", "text": "алло"}]}
    record.update(duration_s=duration, started_at=started_at)
    path = tmp_path / "one.jsonl"
    try:
        path.write_text(_dump(record) + "\n", encoding="utf-8")
    except UnicodeEncodeError:
        path.write_bytes(_dump(record).encode("utf-8", "surrogatepass") + b"\n")
    with CallStore.open(tmp_path / "store.db") as store:
        try:
            report = run_import(store, path)
        except InputError as exc:
            assert exc.problems or exc.summary
            assert all(p.line == 1 for p in exc.problems)
        else:
            assert report.inserted + report.updated + report.unchanged == 1


@PROPERTY
@given(duration=TEXT, started_at=TEXT, start=TEXT, text=TEXT)
def test_any_csv_cell_is_imported_or_refused_clearly(
    tmp_path: Path, duration: str, started_at: str, start: str, text: str
) -> None:
    cells = [
        c.replace(";", ",").replace('"', "'").replace("\n", " ").replace("\r", " ")
        for c in (duration, started_at, start, text)
    ]
    data = "id;speaker;text;duration_s;started_at;start\n" + f"c1;client;{cells[3]};{cells[0]};{cells[1]};{cells[2]}\n"
    path = tmp_path / "one.csv"
    path.write_bytes(data.encode("utf-8", "surrogatepass"))
    with CallStore.open(tmp_path / "store.db") as store:
        try:
            run_import(store, path)
        except InputError as exc:
            assert exc.problems or exc.summary


@PROPERTY
@given(
    date_from=st.one_of(st.none(), TEXT),
    date_to=st.one_of(st.none(), TEXT),
    low=st.one_of(st.none(), NUMBERS, TEXT),
    high=st.one_of(st.none(), NUMBERS, TEXT),
    side=st.one_of(st.none(), st.sampled_from(["client", "operator", "all", "both", ""])),
    operators=st.lists(TEXT, max_size=2),
    k=st.one_of(NUMBERS, TEXT),
    query=TEXT,
)
def test_any_search_input_is_checked_by_the_core(
    tmp_path: Path,
    date_from: Any,
    date_to: Any,
    low: Any,
    high: Any,
    side: Any,
    operators: list[str],
    k: Any,
    query: Any,
) -> None:
    try:
        filters = build_filters(
            date_from=date_from, date_to=date_to, operators=operators, min_duration=low, max_duration=high, side=side
        )
    except ConfigError:
        pass
    else:
        where, params = calls_where(filters)
        with CallStore.open(tmp_path / "store.db") as store:
            store.db.execute(f"SELECT count(*) FROM calls c WHERE {where}", params).fetchone()
    for check, value in ((check_k, k), (check_query, query)):
        with contextlib.suppress(ConfigError):
            check(value)


@pytest.fixture(scope="module")
def prop_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("props") / "home"
    assert main(["--home", str(home), "import", str(write_calls(home.parent / "calls.jsonl"))]) == 0
    return home


@pytest.fixture(scope="module")
def api_client(prop_home: Path) -> TestClient:
    return TestClient(create_app(replace(load_settings(prop_home, environ={}))), raise_server_exceptions=False)


@PROPERTY
@given(query=TEXT, date_from=TEXT, date_to=TEXT, low=TEXT, k=TEXT, command=st.sampled_from(["search", "similar"]))
def test_no_search_command_line_gives_a_traceback(
    prop_home: Path,
    capsys: pytest.CaptureFixture[str],
    query: str,
    date_from: str,
    date_to: str,
    low: str,
    k: str,
    command: str,
) -> None:
    target = query if command == "search" else "card-1"
    argv = ["--home", str(prop_home), command, target, "--mode", "keyword", f"--from={date_from}", f"--to={date_to}"]
    argv += [f"--min-duration={low}", f"-k={k}"]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refusing a value: its usage message
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Traceback" not in err


@PROPERTY
@given(
    query=JSON_VALUE,
    k=JSON_VALUE,
    date_from=JSON_VALUE,
    date_to=JSON_VALUE,
    low=JSON_VALUE,
    side=JSON_VALUE,
    operators=JSON_VALUE,
)
def test_no_search_body_gives_a_5xx(
    api_client: TestClient, query: Any, k: Any, date_from: Any, date_to: Any, low: Any, side: Any, operators: Any
) -> None:
    body = {
        "query": query,
        "k": k,
        "mode": "keyword",
        "filters": {
            "date_from": date_from,
            "date_to": date_to,
            "min_duration": low,
            "side": side,
            "operators": operators,
        },
    }
    raw = _dump(body).encode("utf-8", "surrogatepass")
    response = api_client.post("/api/search", content=raw, headers={"content-type": "application/json"})
    assert response.status_code < 500, response.text
    assert response.status_code in (200, 422), response.text
    response.json()


@PROPERTY
@given(dialog_id=st.text(min_size=1, max_size=30), k=URL_TEXT, side=URL_TEXT)
def test_no_similar_request_gives_a_5xx(api_client: TestClient, dialog_id: str, k: str, side: str) -> None:
    url = f"/api/similar/{quote(dialog_id, safe='')}"
    response = api_client.get(url, params={"k": k, "side": side, "mode": "keyword"})
    assert response.status_code < 500, response.text

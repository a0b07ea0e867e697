"""Every search input from a user is checked by the core: a clear message and exit 2, never a traceback.

The dates at the ends of the calendar reach the store's SQL, so they run on both engines; the refused inputs are
refused by the core before any store is read, so they run on SQLite."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.search.filters import (
    MAX_K,
    UTC_AFTER_ALL,
    UTC_BEFORE_ALL,
    build_filters,
    calls_where,
    check_k,
    check_query,
    parse_moment,
)
from tests.faults.conftest import Run

COMMANDS = [("search", "карта"), ("similar", "card-1"), ("export-results", "карта")]


def _argv(home: Path, command: str, target: str, *extra: str, out: Path | None = None) -> list[str]:
    argv = ["--home", str(home), command, target, *extra]
    if command == "export-results":
        argv += ["--csv", str(out or home / "out.csv")]
    return argv


@pytest.mark.parametrize(("command", "target"), COMMANDS)
@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["-k", "99999999999999999999999"], "k must be at most"),
        (["-k", "9223372036854775807"], "k must be at most"),
        (["-k", "0"], "k must be at least 1"),
        (["--min-duration", "nan"], "min_duration must be a finite number"),
        (["--max-duration", "inf"], "max_duration must be a finite number"),
        (["--min-duration", "1e400"], "min_duration must be a finite number"),
        (["--min-duration", "-5"], "min_duration must not be negative"),
        (["--min-duration", "abc"], "min_duration must be a number"),
        (["--min-duration", "100", "--max-duration", "10"], "larger than max_duration"),
        (["--from", "2026-03-05", "--to", "2026-03-01"], "is after the end date"),
        (["--from", "2026-03-02T00:00:00", "--to", "2026-03-01"], "is after the end date"),
        (["--from", "garbage"], "not an ISO date"),
        (["--to", "x" * 500], "not an ISO date"),
    ],
)
def test_bad_filters_and_k_are_clear_errors(
    indexed_home: Path, run: Run, command: str, target: str, flags: list[str], expected: str
) -> None:
    code, out, err = run(*_argv(indexed_home, command, target, *flags))
    assert code == 2, err
    assert expected in err and "Traceback" not in err and out == ""


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
@pytest.mark.parametrize("query", ['"', "*", "\x01\x02", "   ", "?!", "«»", "-"])
def test_content_free_queries_have_nothing_to_search_for(indexed_home: Path, run: Run, mode: str, query: str) -> None:
    code, out, err = run("--home", str(indexed_home), "search", query, "--mode", mode, "--json")
    assert code == 2 and out == ""
    assert ("nothing to search for" in err) or ("search text is empty" in err)


@pytest.mark.parametrize(("command", "target"), COMMANDS)
@pytest.mark.parametrize(
    ("flags", "count"),
    [
        (["--to", "9999-12-31"], 5),
        (["--from", "0001-01-01T00:00:00+03:00"], 5),
        (["--from", "0001-01-01"], 5),
        (["--to", "9999-12-31T23:59:59-05:00"], 5),
        (["--from", "9999-12-31T23:59:59-05:00"], 0),
        (["--to", "0001-01-01T00:00:00+03:00"], 0),
    ],
)
def test_dates_at_the_ends_of_the_calendar_filter_correctly(
    engine_indexed_home: Path, run: Run, tmp_path: Path, command: str, target: str, flags: list[str], count: int
) -> None:
    out_csv = tmp_path / "out.csv"
    extra = [*flags, "--mode", "keyword", "-k", "10"]
    if command != "export-results":
        extra.append("--json")
    code, out, err = run(*_argv(engine_indexed_home, command, target, *extra, out=out_csv))
    assert code == 0, err
    assert "Traceback" not in err
    if command == "search":
        assert len(json.loads(out)["results"]) == min(count, 2)  # two calls hold "карта"
    elif command == "similar":
        assert (len(json.loads(out)["results"]) > 0) == (count > 0)


def test_parse_moment_clamps_beyond_the_calendar() -> None:
    assert parse_moment("9999-12-31", end=True) == UTC_AFTER_ALL
    assert parse_moment("0001-01-01T00:00:00+03:00", end=False) == UTC_BEFORE_ALL
    assert parse_moment("9999-12-31T23:59:59-05:00", end=False) == UTC_AFTER_ALL
    first, last = "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"
    assert first > UTC_BEFORE_ALL and last < UTC_AFTER_ALL
    where, params = calls_where(build_filters(date_from="0001-01-01T00:00:00+03:00", date_to="9999-12-31"))
    assert params == [UTC_BEFORE_ALL, UTC_AFTER_ALL] and "<" in where


def test_build_filters_takes_text_and_numbers_and_checks_them() -> None:
    f = build_filters(min_duration="12,5", max_duration=60, operators=[" Анна ", ""], side="all", date_from=" ")
    assert f.min_duration == 12.5 and f.max_duration == 60.0 and f.operators == ("Анна",)
    assert f.side is None and f.date_from is None
    for bad in (math.nan, math.inf, -1.0, 10**400, "1e309", True, [1]):
        with pytest.raises(ConfigError):
            build_filters(min_duration=bad)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="side"):
        build_filters(side="both")
    with pytest.raises(ConfigError, match="invalid Unicode"):
        build_filters(topics=["\ud800"])


def test_check_k_and_check_query() -> None:
    assert check_k("7") == 7 and check_k(MAX_K) == MAX_K and check_k(3.0) == 3
    for bad in (0, -1, MAX_K + 1, 10**30, "1e3", 2.5, True, None, math.nan):
        with pytest.raises(ConfigError):
            check_k(bad)
    assert check_query("карта 2") == "карта 2"
    for bad in ("", " \t", '"', "*", "\x00a", "a\ud800", "x" * 10_001, None):
        with pytest.raises(ConfigError):
            check_query(bad)

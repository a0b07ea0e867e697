"""Driving job generators: the one way every shell runs a core job."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest

from callcenter_ai.core.jobs import JobCancelled, JobRun, relay, run_to_end


def counting(n: int, closed: list[str]) -> Generator[int, None, str]:
    try:
        yield from range(n)
    finally:
        closed.append("finally")
    return f"did {n}"


def test_run_to_end_hands_each_record_over_and_returns_the_result() -> None:
    seen: list[int] = []
    closed: list[str] = []
    assert run_to_end(counting(3, closed), seen.append) == "did 3"
    assert seen == [0, 1, 2] and closed == ["finally"]
    assert run_to_end(counting(0, [])) == "did 0"


def test_cancel_closes_the_job_and_raises() -> None:
    seen: list[int] = []
    closed: list[str] = []
    cancel = threading.Event()

    def on_progress(record: int) -> None:
        seen.append(record)
        if record == 1:
            cancel.set()

    with pytest.raises(JobCancelled):
        run_to_end(counting(10, closed), on_progress, cancel)
    assert seen == [0, 1] and closed == ["finally"]
    with pytest.raises(JobCancelled):
        run_to_end(counting(10, []), None, lambda: True)


def test_relay_converts_records_and_returns_the_inner_result() -> None:
    def outer() -> Generator[str, None, str]:
        inner = yield from relay(counting(2, []), lambda i: f"#{i}")
        yield "after"
        return inner.upper()

    seen: list[str] = []
    assert run_to_end(outer(), seen.append) == "DID 2"
    assert seen == ["#0", "#1", "after"]


def test_closing_a_relay_closes_the_inner_job() -> None:
    closed: list[str] = []
    outer = relay(counting(5, closed), str)
    assert next(outer) == "0"
    outer.close()
    assert closed == ["finally"]


def test_job_run_result_only_after_the_end() -> None:
    run = JobRun(counting(2, []))
    with pytest.raises(RuntimeError):
        _ = run.result
    assert list(run) == [0, 1] and run.result == "did 2"

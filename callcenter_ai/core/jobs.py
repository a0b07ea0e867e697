"""Driving a job: a generator that yields progress records and returns its result.

Every long task in the core (import, demo, embed, index, refresh) is such a
generator, so the window, the CLI and the API run it the same way:

    report = run_to_end(import_file(store, path), on_progress=bar.update)

:class:`JobRun` is the iterator under :func:`run_to_end` for callers that
need each record themselves (the window's worker); :func:`relay` re-yields a
job's records converted, inside another job.  Cancelling is cooperative: a
job checks its own ``cancel`` flag between batches, and ``run_to_end``'s
``cancel`` closes the job (its ``finally`` blocks run) and raises
:class:`JobCancelled`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterator
from typing import Generic, TypeVar

P = TypeVar("P")
Q = TypeVar("Q")
R = TypeVar("R")

Job = Generator[P, None, R]
CancelFlag = threading.Event | Callable[[], bool] | None


class JobCancelled(Exception):
    """``run_to_end`` stopped a job because its ``cancel`` flag was set."""


def is_cancelled(cancel: CancelFlag) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


class JobRun(Generic[P, R]):
    """Iterate a job's progress records; once the loop ends, :attr:`result` is what the job returned."""

    def __init__(self, job: Generator[P, None, R]) -> None:
        self._job = job
        self._result: R | None = None
        self.finished = False

    def __iter__(self) -> Iterator[P]:
        self._result = yield from self._job
        self.finished = True

    @property
    def result(self) -> R:
        if not self.finished:
            raise RuntimeError("the job has not finished")
        return self._result  # type: ignore[return-value]  # R may itself be None

    def close(self) -> None:
        """Stop the job where it is (its ``finally`` blocks run)."""
        self._job.close()


def run_to_end(
    job: Generator[P, None, R],
    on_progress: Callable[[P], object] | None = None,
    cancel: CancelFlag = None,
) -> R:
    """Run ``job`` to its end, handing each progress record to ``on_progress``; returns the job's result."""
    run = JobRun(job)
    for record in run:
        if on_progress is not None:
            on_progress(record)
        if is_cancelled(cancel):
            run.close()
            raise JobCancelled
    return run.result


def relay(job: Generator[P, None, R], convert: Callable[[P], Q]) -> Generator[Q, None, R]:
    """Re-yield ``job``'s records through ``convert``; returns the job's result (use with ``yield from``)."""
    run = JobRun(job)
    try:
        for record in run:
            yield convert(record)
    finally:
        run.close()
    return run.result

"""Running core jobs off the GUI thread.

A *job* is a plain core generator: it yields a progress record after each
batch and returns its result.  :class:`GeneratorWorker` (after superqt's
worker of the same name) runs one job on a thread pool with the core's
:func:`~callcenter_ai.core.jobs.run_to_end`, as the CLI does, emits
``progress`` / ``result`` / ``error`` / ``finished`` back to the GUI thread and
checks a cancel flag between yields.  Cancel is cooperative: the job also gets
the flag (a :class:`threading.Event`) so it can stop inside a long step, and
when it is set between two yields the generator is closed, which rolls back an
open store transaction.

:class:`JobRunner` owns two pools of one thread each (after Picard's
``run_task``): *reads* for searches and lookups, *writes* for anything that
writes the store or the indexes, so there is never more than one writer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from callcenter_ai.core.jobs import JobCancelled, run_to_end

log = logging.getLogger(__name__)

Job = Callable[[threading.Event], Generator[Any, None, Any]]


class Cancelled(Exception):
    """Returned (not raised) as the ``result`` of a job stopped by its cancel flag."""


class WorkerSignals(QObject):
    progress = Signal(object)
    result = Signal(object)
    error = Signal(object)
    finished = Signal()


class GeneratorWorker(QRunnable):
    """Runs one job; its signals are delivered on the thread that created it."""

    def __init__(self, job: Job, name: str) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.job = job
        self.name = name
        self.cancel_event = threading.Event()
        self.signals = WorkerSignals()
        self.done = threading.Event()

    def cancel(self) -> None:
        log.info("cancelling %s", self.name)
        self.cancel_event.set()

    @property
    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def run(self) -> None:
        started = time.perf_counter()
        try:
            generator = self.job(self.cancel_event)
            try:
                if self.cancel_event.is_set():
                    raise JobCancelled
                value = run_to_end(generator, self.signals.progress.emit, self.cancel_event)
            except JobCancelled:
                generator.close()
                log.info("%s cancelled after %.2f s", self.name, time.perf_counter() - started)
                self.signals.result.emit(Cancelled(self.name))
            else:
                log.debug("%s done in %.2f s", self.name, time.perf_counter() - started)
                self.signals.result.emit(Cancelled(self.name) if self.cancel_event.is_set() else value)
        except BaseException as caught:  # handed to the GUI thread, which decides known error vs bug
            exc = _as_known(caught)
            if not _is_known(exc):
                log.exception("%s failed", self.name)
            self.signals.error.emit(exc)
        finally:
            self.done.set()
            self.signals.finished.emit()


def _as_known(exc: BaseException) -> BaseException:
    from callcenter_ai.core.store.database import as_known_error

    return as_known_error(exc, "callcenter.db")


def _is_known(exc: BaseException) -> bool:
    from callcenter_ai.core.errors import KnownError

    return isinstance(exc, KnownError)


def call_job(func: Callable[[], Any]) -> Job:
    """A job for a plain function: no progress, its return value is the result."""

    def job(_cancel: threading.Event) -> Generator[Any, None, Any]:
        return func()
        yield  # pragma: no cover - makes this a generator

    return job


class JobRunner(QObject):
    """Starts jobs on the read or the write pool and keeps them alive until finished."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.read_pool = QThreadPool(self)
        self.read_pool.setMaxThreadCount(1)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self._active: set[GeneratorWorker] = set()

    def start(
        self,
        job: Job,
        name: str,
        *,
        write: bool = False,
        on_progress: Callable[[Any], None] | None = None,
        on_result: Callable[[Any], None] | None = None,
        on_cancelled: Callable[[Cancelled], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> GeneratorWorker:
        """Run ``job``; its value goes to ``on_result``, a cancel to ``on_cancelled`` (never to ``on_result``)."""
        worker = GeneratorWorker(job, name)
        if on_progress is not None:
            worker.signals.progress.connect(on_progress)

        def deliver(value: Any) -> None:
            if not isinstance(value, Cancelled):
                if on_result is not None:
                    on_result(value)
            elif on_cancelled is not None:
                on_cancelled(value)

        worker.signals.result.connect(deliver)
        if on_error is not None:
            worker.signals.error.connect(on_error)
        if on_finished is not None:
            worker.signals.finished.connect(on_finished)
        worker.signals.finished.connect(lambda: self._forget(worker))
        self._active.add(worker)
        if len(self._active) == 1:
            self.busy_changed.emit(True)
        (self.write_pool if write else self.read_pool).start(worker)
        return worker

    def _forget(self, worker: GeneratorWorker) -> None:
        self._active.discard(worker)
        if not self._active:
            self.busy_changed.emit(False)

    @property
    def active(self) -> list[GeneratorWorker]:
        return list(self._active)

    def cancel_all(self) -> None:
        for worker in list(self._active):
            worker.cancel()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until both pools are idle (used when closing); True when they are."""
        deadline = time.monotonic() + timeout_ms / 1000
        ok = self.write_pool.waitForDone(timeout_ms)
        remaining = max(0, int((deadline - time.monotonic()) * 1000))
        return self.read_pool.waitForDone(remaining) and ok

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        self.cancel_all()
        return self.wait(timeout_ms)

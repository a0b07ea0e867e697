"""Progress bars on stderr for the commands' jobs (tqdm), one per job kind.

Each function returns a ``(on_progress, bar)`` pair for
:func:`callcenter_ai.core.jobs.run_to_end`; the bar is a ``tqdm`` that is a
no-op when ``show`` is false (``--no-progress``, or stderr not a terminal).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

if TYPE_CHECKING:
    from callcenter_ai.core.embedding.job import EmbedProgress
    from callcenter_ai.core.index import IndexProgress
    from callcenter_ai.core.ingest import ImportProgress


def show_progress(flag: bool | None) -> bool:
    """``--progress/--no-progress``, by default: whether stderr is a terminal."""
    return sys.stderr.isatty() if flag is None else flag


def new_bar(show: bool, desc: str, unit: str, **kwargs: Any) -> tqdm[Any]:
    tqdm.monitor_interval = 0  # no monitor thread: every update refreshes the bar itself
    return tqdm(
        total=0, desc=desc, unit=unit, file=sys.stderr, disable=not show, mininterval=0.2, dynamic_ncols=True, **kwargs
    )


def _move(bar: tqdm[Any], done: float, total: float) -> None:
    if bar.total != total:
        bar.total = total
    bar.n = done
    bar.refresh()


def import_bar(show: bool, desc: str) -> tuple[Callable[[ImportProgress], None], tqdm[Any]]:
    """Bytes read of the file (calls written while the demo set is generated), with the calls so far."""
    bar = new_bar(show, desc, "B", unit_scale=True, unit_divisor=1000)

    def on_progress(p: ImportProgress) -> None:
        if p.phase == "generating":
            bar.unit, bar.unit_scale = " calls", False
            bar.set_postfix_str("generating", refresh=False)
            _move(bar, p.records, p.records_total or 0)
            return
        bar.unit, bar.unit_scale = "B", True
        count = f"{p.records:,}/{p.records_total:,} calls assembled" if p.records_total else f"{p.records:,} calls"
        bar.set_postfix_str(count, refresh=False)
        _move(bar, p.bytes_read, p.total_bytes)

    return on_progress, bar


def embed_bar(show: bool) -> tuple[Callable[[EmbedProgress], None], tqdm[Any]]:
    """Per cent done (moving by chunks within a call), calls and chunks, chunks/s, the device and batch size."""
    bar = new_bar(show, "embed", "%", bar_format="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}] {postfix}")

    def on_progress(p: EmbedProgress) -> None:
        bar.set_postfix_str(
            f"{p.done}/{p.total} calls ({p.chunks_embedded}/{p.chunks_known} chunks), {p.chunks_per_s:.1f} chunks/s,"
            f" {p.device} {p.precision} batch {p.batch_size}",
            refresh=False,
        )
        _move(bar, round(100 * p.fraction, 1), 100)

    return on_progress, bar


def index_bar(show: bool) -> tuple[Callable[[IndexProgress], None], tqdm[Any]]:
    """The index job's stage and side."""
    bar = new_bar(show, "index", "")

    def on_progress(p: IndexProgress) -> None:
        bar.set_description_str(f"index {p.stage} {p.side}", refresh=False)
        _move(bar, p.done, p.total)

    return on_progress, bar


class RefreshBars:
    """The bars of a refresh (``index``): embedding, then the vector index, each opened when its step starts."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self._embed: tuple[Callable[[EmbedProgress], None], tqdm[Any]] | None = None
        self._index: tuple[Callable[[IndexProgress], None], tqdm[Any]] | None = None

    def __call__(self, p: object) -> None:
        from callcenter_ai.core.embedding.job import EmbedProgress
        from callcenter_ai.core.index import IndexProgress

        if isinstance(p, EmbedProgress):
            self._embed = self._embed or embed_bar(self.show)
            self._embed[0](p)
            return
        if self._embed is not None:
            self._embed[1].close()  # the keyword index or the vector index has started
        if isinstance(p, IndexProgress):
            self._index = self._index or index_bar(self.show)
            self._index[0](p)

    def __enter__(self) -> RefreshBars:
        return self

    def __exit__(self, *exc: object) -> None:
        for step in (self._embed, self._index):
            if step is not None:
                step[1].close()

"""The unit every format reader yields to the importer."""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter_ai.core.errors import Problem
from callcenter_ai.core.records import CallRecord


@dataclass(frozen=True)
class Parsed:
    """One record read from a file: a valid call, or the problems that make it invalid.

    ``record`` is None and ``problems`` is empty for progress-only items
    (per-turn CSV rows being staged).
    """

    line: int
    record: CallRecord | None
    problems: list[Problem]
    bytes_read: int
    counts: bool = True  # False for progress-only items
    assembled: tuple[int, int] | None = None  # (calls done, calls in all) while assembling per-turn rows
    warnings: list[Problem] = field(default_factory=list)  # what was changed in a valid record (e.g. empty turns)

    @property
    def invalid(self) -> bool:
        return self.record is None and self.counts

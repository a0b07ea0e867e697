"""What an import tells its caller while it runs and when it ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from callcenter_ai.core.errors import Problem

Phase = Literal["generating", "reading", "assembling", "done"]

# At most this many problems are kept per file; the rest are only counted.
MAX_LISTED_PROBLEMS = 1000


@dataclass(frozen=True)
class ImportProgress:
    """A snapshot yielded by :func:`~callcenter_ai.core.ingest.import_file` between records."""

    source: str
    phase: Phase
    bytes_read: int
    total_bytes: int
    records: int  # calls (or invalid records) finished so far
    records_total: int | None  # known only while generating demo calls or assembling per-turn CSV rows
    elapsed_s: float

    @property
    def fraction(self) -> float:
        """0..1 of the work done, for a progress bar."""
        if self.phase == "done":
            return 1.0
        if self.phase in ("generating", "assembling") and self.records_total:
            return min(1.0, self.records / self.records_total)
        return min(1.0, self.bytes_read / self.total_bytes) if self.total_bytes else 0.0

    @property
    def records_per_s(self) -> float:
        return self.records / self.elapsed_s if self.elapsed_s > 0 else 0.0


@dataclass
class ImportReport:
    """The outcome of importing one file.

    ``committed`` is false when nothing of the file was written: the import
    was cancelled (``cancelled``) or stopped by a failure.
    """

    source: str
    format: str = ""
    encoding: str = ""
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_total: int = 0
    warnings: list[Problem] = field(default_factory=list)
    warnings_total: int = 0
    empty_turns: int = 0  # turns with no words dropped from calls that were imported
    committed: bool = False
    cancelled: bool = False
    bytes_read: int = 0
    elapsed_s: float = 0.0

    @property
    def imported(self) -> int:
        return self.inserted + self.updated + self.unchanged

    def add_problem(self, problem: Problem) -> None:
        self.problems_total += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)

    def add_warning(self, warning: Problem) -> None:
        self.warnings_total += 1
        if warning.reason_key == "field.turn_empty":
            self.empty_turns += 1
        if len(self.warnings) < MAX_LISTED_PROBLEMS:
            self.warnings.append(warning)

    def warning_lines(self) -> list[str]:
        """Every listed warning as ``file:line: field: what``, plus a note on unlisted ones."""
        lines = [str(w) for w in self.warnings]
        if self.warnings_total > len(self.warnings):
            lines.append(f"{self.source}: ... and {self.warnings_total - len(self.warnings)} more warnings")
        return lines

    def problem_lines(self) -> list[str]:
        """Every listed problem as ``file:line: reason``, plus a note on unlisted ones."""
        lines = [str(p) for p in self.problems]
        if self.problems_total > len(self.problems):
            lines.append(f"{self.source}: ... and {self.problems_total - len(self.problems)} more problems")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "encoding": self.encoding,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "invalid": self.invalid,
            "committed": self.committed,
            "cancelled": self.cancelled,
            "problems": [{"line": p.line, "field": p.field, "reason": p.reason} for p in self.problems],
            "problems_total": self.problems_total,
            "warnings": [{"line": w.line, "field": w.field, "reason": w.reason} for w in self.warnings],
            "empty_turns": self.empty_turns,
            "bytes_read": self.bytes_read,
            "elapsed_s": round(self.elapsed_s, 3),
        }

"""Plain records the window's views receive from the backend's jobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from callcenter_ai.gui.results_model import ResultRow


def group_digits(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


@dataclass(frozen=True)
class Lookups:
    """What the GUI thread reads at start-up: plain SQL, no numpy, no FAISS, no model."""

    calls: int = 0
    operators: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IndexStatus:
    """What the read worker learns when it loads the index."""

    model_id: str
    embedded: int
    calls: int
    index_vectors: int | None  # None: no semantic index yet


@dataclass(frozen=True)
class Progress:
    """A progress record for the indexing tab, whatever job it came from."""

    stage: str
    fraction: float
    done: int = 0
    total: int = 0
    per_s: float = 0.0
    unit: str = ""
    eta_s: float | None = None
    device: str = ""
    batch_size: int = 0


@dataclass(frozen=True)
class SearchOutcome:
    """Results and what they were served for (a rating refers back to it)."""

    rows: list[ResultRow]
    warnings: list[str]
    mode: str = ""
    model_id: str = ""
    query_text: str | None = None
    source_dialog_id: str | None = None
    total: int | None = None  # calls the query matches in all (None: not known)
    total_capped: bool = False  # at least ``total``


@dataclass(frozen=True)
class JobSummary:
    title: str
    lines: list[str]
    details: Any = None
    warnings: list[str] = field(default_factory=list)  # also in ``lines``; the window shows each in a dialog

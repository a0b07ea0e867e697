"""What an index job reports: progress records while it runs, a summary when it ends."""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter_ai.core.messages import Message


@dataclass(frozen=True)
class IndexProgress:
    stage: str  # "compare", "remove", "add", "merge", "rebuild", "save"
    side: str
    done: int
    total: int


@dataclass
class IndexReport:
    model_id: str
    added_calls: int = 0  # calls whose vectors were added: new ones and changed ones
    removed_calls: int = 0  # calls whose old vectors were removed: gone ones and changed ones
    changed_calls: int = 0  # calls counted in both: their vectors were replaced
    unchanged_calls: int = 0
    vectors: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    rebuilt: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # sides whose files were reused as they were
    delta: list[str] = field(default_factory=list)  # sides that got a new delta beside their untouched base
    merged: list[str] = field(default_factory=list)  # sides whose delta was folded into a new base
    reason: str = ""
    warning: str = ""  # said to the user: e.g. every call of the old index is gone from the store
    warning_message: Message | None = None  # the same as a catalog message (translated by the window)
    seconds: float = 0.0
    changed: bool = False

    @property
    def new_calls(self) -> int:
        """Calls indexed for the first time."""
        return self.added_calls - self.changed_calls

    @property
    def gone_calls(self) -> int:
        """Calls no longer in the index (deleted, or their vectors dropped)."""
        return self.removed_calls - self.changed_calls

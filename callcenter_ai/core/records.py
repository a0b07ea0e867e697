"""Plain data types shared by the store, importers, embedding and search: the vocabulary.

A *call* (``CallRecord`` as imported, ``StoredCall`` read back) is a list of
*turns*; its user-facing id is ``dialog_id`` (the ``external_id`` column of
``calls``).  A *chunk* is a run of whole turns embedded as one vector; its
*side* says whose turns it holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

Speaker = Literal["operator", "client", "unknown"]
SPEAKERS: tuple[Speaker, ...] = ("operator", "client", "unknown")
# How a speaker is written in transcripts and embedded text (Qwen3 reads who says what).
SPEAKER_NAMES: dict[Speaker, str] = {"operator": "оператор", "client": "клиент", "unknown": "—"}

# Whose turns a chunk (and a side-filtered search) covers.
Side = Literal["all", "client", "operator"]
SIDES: tuple[Side, ...] = ("all", "client", "operator")

# Label words at the start of a transcript line, mapped to a speaker.
SPEAKER_LABELS: dict[str, Speaker] = {
    "оператор": "operator",
    "operator": "operator",
    "agent": "operator",
    "агент": "operator",
    "клиент": "client",
    "client": "client",
    "customer": "client",
    "абонент": "client",
}

# Columns of ``calls`` that are first-class fields; other keys go to metadata.
CALL_FIELDS = ("started_at", "duration_s", "operator", "topic", "channel", "direction", "outcome")


def utc_now() -> str:
    """The time stamps the store writes: UTC ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Turn:
    speaker: Speaker
    text: str
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class CallRecord:
    """One call as imported, before it has a row id."""

    dialog_id: str
    turns: tuple[Turn, ...]
    started_at: str | None = None  # ISO 8601, offset kept as given
    duration_s: float | None = None
    operator: str | None = None
    topic: str | None = None
    channel: str | None = None
    direction: str | None = None
    outcome: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def content_hash(self) -> str:
        """sha256 over everything the call says, stable across imports."""
        payload = {
            "turns": [[t.speaker, t.text, t.start, t.end] for t in self.turns],
            **{name: getattr(self, name) for name in CALL_FIELDS},
            "metadata": self.metadata,
        }
        raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredCall:
    """A call read back from the store, with its row id."""

    id: int
    dialog_id: str
    turns: tuple[Turn, ...]
    started_at: str | None
    duration_s: float | None
    operator: str | None
    topic: str | None
    channel: str | None
    direction: str | None
    outcome: str | None
    metadata: dict[str, Any]
    content_hash: str

    def transcript(self, speaker_labels: bool = True) -> str:
        """The call as text, one turn a line."""
        if speaker_labels:
            return "\n".join(f"{SPEAKER_NAMES[t.speaker]}: {t.text}" for t in self.turns)
        return "\n".join(t.text for t in self.turns)


@dataclass(frozen=True)
class Chunk:
    """Turns ``first_turn..last_turn`` (inclusive; (0, -1) for a call without turns) of one side of a call.

    ``text`` is what was embedded; a chunk read back for its vector carries none.
    """

    chunk_no: int
    first_turn: int
    last_turn: int
    token_count: int
    side: Side = "all"
    text: str = ""


def parse_speaker_lines(text: str) -> list[Turn]:
    """Split a transcript into turns by ``оператор:`` / ``клиент:``-style labels.

    A line without a label continues the previous turn; text before any label
    becomes an ``unknown`` turn.
    """
    turns: list[Turn] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        speaker: Speaker | None = None
        head, sep, rest = line.partition(":")
        if sep:
            speaker = SPEAKER_LABELS.get(head.strip().lower())
        if speaker is not None:
            if rest.strip():
                turns.append(Turn(speaker, rest.strip()))
        elif turns:
            last = turns[-1]
            turns[-1] = Turn(last.speaker, f"{last.text}\n{line}", last.start, last.end)
        else:
            turns.append(Turn("unknown", line))
    return turns

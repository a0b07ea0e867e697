"""Splitting calls into chunks of whole turns that fit the model's context.

A chunk holds consecutive whole turns up to ``max_tokens`` (counted on the
joined text, not summed per turn); the next chunk
starts with the previous chunk's last turn (one turn of overlap).  A single
turn longer than ``max_tokens`` is cut into token windows, each its own chunk,
so nothing is silently truncated.  Besides the chunks of the whole call
(side ``all``), per-side chunks hold only the client's or only the operator's
turns, so search can filter by who said it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from callcenter_ai.core.records import SPEAKER_NAMES, Chunk, Side, Turn


class TokenCounter(Protocol):
    """Counts tokens the way the embedder will, and cuts text into token windows."""

    def count(self, texts: Sequence[str]) -> list[int]: ...

    def windows(self, text: str, max_tokens: int) -> list[str]: ...


class CharTokenCounter:
    """A cheap estimate: one token per ``chars_per_token`` characters (for embedders without a tokenizer)."""

    def __init__(self, chars_per_token: float = 4.0) -> None:
        self.chars_per_token = chars_per_token

    def count(self, texts: Sequence[str]) -> list[int]:
        return [max(1, round(len(t) / self.chars_per_token)) for t in texts]

    def windows(self, text: str, max_tokens: int) -> list[str]:
        step = max(1, int(max_tokens * self.chars_per_token))
        return [text[i : i + step] for i in range(0, len(text), step)] or [""]


def turn_line(turn: Turn, speaker_labels: bool) -> str:
    return f"{SPEAKER_NAMES[turn.speaker]}: {turn.text}" if speaker_labels else turn.text


def chunk_turns(
    positions: Sequence[int],
    lines: Sequence[str],
    counts: Sequence[int],
    counter: TokenCounter,
    max_tokens: int,
    side: Side = "all",
) -> list[Chunk]:
    """Chunks of the given turn lines (``positions`` are their places in the call)."""
    chunks: list[Chunk] = []

    def add(text: str, first: int, last: int, tokens: int) -> None:
        chunks.append(Chunk(len(chunks), first, last, tokens, side, text))

    start, n = 0, len(lines)
    while start < n:
        if counts[start] > max_tokens:
            for window in counter.windows(lines[start], max_tokens):
                add(window, positions[start], positions[start], counter.count([window])[0])
            start += 1
            continue
        end, total = start, counts[start]
        while end + 1 < n and total + 1 + counts[end + 1] <= max_tokens:
            end += 1
            total += 1 + counts[end]
        text = "\n".join(lines[start : end + 1])
        if end > start:
            # Tokens can merge differently across the joins: count the chunk itself and
            # give back turns until it fits, so the model never has to cut it.
            total = counter.count([text])[0]
            while total > max_tokens and end > start:
                end -= 1
                text = "\n".join(lines[start : end + 1])
                total = counter.count([text])[0]
        add(text, positions[start], positions[end], total)
        if end == n - 1:
            break
        fits_with_next = counts[end] + 1 + counts[end + 1] <= max_tokens
        start = end if end > start and fits_with_next else end + 1
    return chunks


def chunk_call(
    turns: Sequence[Turn],
    counter: TokenCounter,
    max_tokens: int,
    *,
    side_vectors: bool = True,
    speaker_labels: bool = True,
) -> list[Chunk]:
    """Chunks of the whole call, then (if ``side_vectors``) of each side's own turns."""
    if max_tokens < 8:
        raise ValueError("max_tokens must be at least 8")
    spoken = [(i, t) for i, t in enumerate(turns) if t.text.strip()]
    if not spoken:
        return [Chunk(0, 0, -1, 1)]
    lines = [turn_line(t, speaker_labels) for _, t in spoken]
    counts = counter.count(lines)
    chunks = chunk_turns([i for i, _ in spoken], lines, counts, counter, max_tokens, "all")
    if side_vectors:
        for side in ("client", "operator"):
            keep = [k for k, (_, t) in enumerate(spoken) if t.speaker == side]
            if keep:
                chunks += chunk_turns(
                    [spoken[k][0] for k in keep],
                    [spoken[k][1].text for k in keep],
                    counter.count([spoken[k][1].text for k in keep]),
                    counter,
                    max_tokens,
                    side,
                )
    return chunks

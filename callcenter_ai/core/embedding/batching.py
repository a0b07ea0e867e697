"""Batches formed across a whole job by token length under a token budget.

Texts are sorted by length (longest first, so a memory problem shows at
once), then packed greedily: a batch holds at most ``batch_size`` texts and
``len(batch) * longest <= token_budget`` padded tokens.  Callers restore the
original order from the indices each batch carries.
"""

from __future__ import annotations

from collections.abc import Sequence


def pack_batches(lengths: Sequence[int], batch_size: int, token_budget: int) -> list[list[int]]:
    """Indices into ``lengths`` grouped into batches; every index appears exactly once."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for index in order:
        length = max(1, lengths[index])
        widest = max(longest, length)
        if current and (len(current) >= batch_size or widest * (len(current) + 1) > token_budget):
            batches.append(current)
            current, widest = [], length
        current.append(index)
        longest = widest
    if current:
        batches.append(current)
    return batches


def padded_tokens(lengths: Sequence[int]) -> int:
    """Tokens a left-padded batch of these lengths occupies."""
    return max(lengths, default=0) * len(lengths)

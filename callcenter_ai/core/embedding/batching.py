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


# CPU cost model of one forward, in token-equivalents: a fixed part (streaming the weights, per-op
# overhead) plus, per padded token, one unit for the dense layers and width / ATTENTION_SPAN for
# attention (Qwen3-0.6B: 0.88 GFLOP/token dense, 0.23 MFLOP per token of context in attention).
# The fixed part is about 16 tokens on an idle 2-core CPU but grows several-fold when other
# processes compete for the cores (every op's thread barrier waits a time slice); 64 loses < 5 %
# against 16 when idle and keeps batches together when busy.
FIXED_COST_TOKENS = 64.0
ATTENTION_SPAN = 2048.0


def batch_cost(count: int, width: int) -> float:
    """Estimated CPU cost of a left-padded batch of ``count`` texts ``width`` tokens wide."""
    return FIXED_COST_TOKENS + count * width * (1.0 + width / ATTENTION_SPAN)


def pack_batches_cpu(lengths: Sequence[int], batch_size: int, token_budget: int) -> list[list[int]]:
    """Batches for the CPU, where padding is pure waste: the cheapest split of the sorted texts.

    The texts are sorted longest first and cut into runs so that the summed :func:`batch_cost` is
    smallest (dynamic programming over the cut points), each run holding at most ``batch_size``
    texts and ``len * longest <= token_budget`` padded tokens (a single text always fits).  Short
    texts still share a batch (the fixed cost), texts of very different lengths do not.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    widths = [max(1, lengths[i]) for i in order]
    count = len(widths)
    best = [0.0] + [float("inf")] * count  # best[j]: cheapest split of the first j texts
    cut = [0] * (count + 1)
    for end in range(1, count + 1):
        for start in range(end - 1, max(-1, end - 1 - batch_size), -1):
            size, width = end - start, widths[start]
            if size > 1 and size * width > token_budget:
                break
            cost = best[start] + batch_cost(size, width)
            if cost < best[end]:
                best[end], cut[end] = cost, start
    batches: list[list[int]] = []
    end = count
    while end > 0:
        batches.append(order[cut[end] : end])
        end = cut[end]
    batches.reverse()
    return batches

"""Emerging topics: a rise over the topic's own baseline that chance does not explain.

For each topic, its calls in the tested period ``x`` and in the baseline
periods before it ``b`` are compared with the other topics' calls in the
same periods, ``N`` and ``B``: if the topic moved with the rest, ``x`` out
of ``x + b`` follows Binomial(x + b, N / (N + B)) — the exact conditional test of two Poisson
rates, so a busy Monday (all topics up) raises nothing and the baseline's own
noise is accounted for.  One-sided p-values of all topics are corrected with
Benjamini–Hochberg (false-discovery rate :data:`FDR`); a topic is emerging
when it survives and its rate at least :data:`MIN_RATIO` times the expected
(the effect size, reported as ``ratio``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FDR = 0.05
MIN_RATIO = 1.5
MIN_CALLS = 5
BASELINE = {"day": 28, "week": 8, "month": 6}


@dataclass(frozen=True)
class Emerging:
    topic_id: int
    label: str
    period: str
    calls: int
    expected: float
    p_value: float  # adjusted (Benjamini–Hochberg)
    ratio: float

    def to_json(self) -> dict[str, object]:
        return {
            "topic_id": self.topic_id,
            "label": self.label,
            "period": self.period,
            "calls": self.calls,
            "expected": round(self.expected, 2),
            "p_value": float(f"{self.p_value:.3g}"),
            "ratio": round(self.ratio, 2),
        }


@dataclass(frozen=True)
class TopicCounts:
    """One topic's calls in the tested period and in its baseline periods."""

    topic_id: int
    label: str
    calls: int
    baseline: int


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Adjusted p-values (step-up, monotone), in the input order."""
    n = len(p_values)
    order = sorted(range(n), key=lambda i: p_values[i])
    adjusted = [1.0] * n
    running = 1.0
    for rank in range(n, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * n / rank)
        adjusted[i] = min(1.0, running)
    return adjusted


def emerging_topics(
    counts: Sequence[TopicCounts], period: str, period_total: int, baseline_total: int
) -> list[Emerging]:
    """The topics whose share rose significantly in ``period``, strongest first."""
    from scipy.special import bdtrc  # the binomial tail without importing all of scipy.stats (seconds)

    tested = []
    for c in counts:
        rest_now, rest_before = period_total - c.calls, baseline_total - c.baseline
        if rest_now <= 0 or rest_before <= 0:
            continue
        share = rest_now / (rest_now + rest_before)
        trials = c.calls + c.baseline
        p = float(bdtrc(c.calls - 1, trials, share)) if trials > 0 and c.calls > 0 else 1.0  # P(X >= calls)
        tested.append((c, p, c.baseline * rest_now / rest_before))
    adjusted = benjamini_hochberg([p for _, p, _ in tested])
    found = []
    for (c, _, expected), p_adj in zip(tested, adjusted, strict=True):
        ratio = (c.calls + 0.5) / (expected + 0.5)
        if p_adj <= FDR and ratio >= MIN_RATIO and c.calls >= MIN_CALLS:
            found.append(Emerging(c.topic_id, c.label, period, c.calls, expected, p_adj, ratio))
    found.sort(key=lambda e: (e.p_value, -e.ratio))
    return found

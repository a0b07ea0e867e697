"""Export of ratings for fine-tuning, always redacted.

- pairs JSONL: ``{"anchor": ..., "positive": ...}`` per relevant judgement;
- triplets JSONL: ``{"anchor": ..., "positive": ..., "negative": ...}`` for
  every relevant and not-relevant result of the same anchor;
- ratings CSV: one row per stored judgement.

These are the column names sentence-transformers trains on
(``datasets.load_dataset("json", data_files=...)`` with
``MultipleNegativesRankingLoss`` / ``TripletLoss``).  The anchor is the query
text or the source call's transcript; results are transcripts, one turn a
line with speaker labels.  Every text goes through :func:`redact_text`.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import IO

from callcenter_ai.core.csv_cells import safe_row
from callcenter_ai.core.feedback.ratings import Rating
from callcenter_ai.core.feedback.sources import FeedbackSource, source_of
from callcenter_ai.core.privacy import redact_text
from callcenter_ai.core.store.calls import CallStore

CSV_COLUMNS = (
    "id",
    "created_at",
    "rater",
    "query_text",
    "source_dialog_id",
    "result_dialog_id",
    "relevant",
    "comment",
    "model_id",
    "rank",
    "score",
    "mode",
    "reranked",
    "result_topic",
)


class _Texts:
    """Redacted transcripts of calls, read once each."""

    def __init__(self, source: FeedbackSource) -> None:
        self.source = source
        self.cache: dict[int, str] = {}

    def call(self, call_id: int) -> str:
        if call_id not in self.cache:
            (call,) = self.source.get_calls([call_id])
            self.cache[call_id] = redact_text(call.transcript())
        return self.cache[call_id]

    def anchor(self, rating: Rating) -> str:
        if rating.query_text is not None:
            return redact_text(rating.query_text)
        assert rating.source_call_id is not None
        return self.call(rating.source_call_id)


def _by_anchor(ratings: Sequence[Rating]) -> dict[str, tuple[Rating, list[int], list[int]]]:
    """Anchor key -> (a rating of it, relevant result ids, not-relevant result ids), each result once.

    When raters disagree on a result, the latest judgement wins.
    """
    verdict: dict[tuple[str, int], bool] = {}
    first: dict[str, Rating] = {}
    for rating in ratings:  # oldest first, so later judgements overwrite
        verdict[(rating.anchor_key, rating.result_call_id)] = rating.relevant
        first.setdefault(rating.anchor_key, rating)
    out: dict[str, tuple[Rating, list[int], list[int]]] = {}
    grouped: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for (key, result), relevant in verdict.items():
        grouped[key].append((result, relevant))
    for key, items in grouped.items():
        out[key] = (first[key], [r for r, ok in items if ok], [r for r, ok in items if not ok])
    return out


def _write_json_line(out: IO[str], row: dict[str, str]) -> None:
    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def export_pairs(store: CallStore | FeedbackSource, out: IO[str]) -> int:
    """Write one ``{"anchor", "positive"}`` line per relevant (anchor, result); returns the count."""
    source = source_of(store)
    texts = _Texts(source)
    count = 0
    for rating, positives, _ in _by_anchor(source.list_ratings(latest_only=True)).values():
        for result in positives:
            _write_json_line(out, {"anchor": texts.anchor(rating), "positive": texts.call(result)})
            count += 1
    return count


def export_triplets(store: CallStore | FeedbackSource, out: IO[str], *, max_per_anchor: int = 100) -> int:
    """Write ``{"anchor", "positive", "negative"}`` lines (at most ``max_per_anchor`` an anchor)."""
    source = source_of(store)
    texts = _Texts(source)
    count = 0
    for rating, positives, negatives in _by_anchor(source.list_ratings(latest_only=True)).values():
        written = 0
        for positive in positives:
            for negative in negatives:
                if written >= max_per_anchor:
                    break
                _write_json_line(
                    out,
                    {
                        "anchor": texts.anchor(rating),
                        "positive": texts.call(positive),
                        "negative": texts.call(negative),
                    },
                )
                written += 1
        count += written
    return count


def export_ratings_csv(store: CallStore | FeedbackSource, out: IO[str]) -> int:
    """Write every stored rating as a CSV row (header first); query texts and comments redacted."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    ratings = source_of(store).list_ratings()
    for r in ratings:
        writer.writerow(
            safe_row(
                [
                    r.id,
                    r.created_at,
                    r.rater,
                    redact_text(r.query_text) if r.query_text is not None else "",
                    r.source_dialog_id or "",
                    r.result_dialog_id,
                    int(r.relevant),
                    redact_text(r.comment) if r.comment else "",
                    r.model_id,
                    "" if r.rank is None else r.rank,
                    "" if r.score is None else r.score,
                    r.mode or "",
                    int(r.reranked),
                    r.result_topic or "",
                ]
            )
        )
    return len(ratings)

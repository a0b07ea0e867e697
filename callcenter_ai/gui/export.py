"""Writing the shown results to CSV (UTF-8 with BOM so spreadsheet programs read Cyrillic; no formulas)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from callcenter_ai.core.csv_cells import safe_row
from callcenter_ai.gui.results_model import ResultRow

HEADER = ("rank", "dialog_id", "score", "started_at", "operator", "topic", "duration_s", "matched_turns", "snippet")


def write_results_csv(path: Path, rows: Sequence[ResultRow], *, scored: bool = True) -> None:
    """One line per result in the order shown; matched turns as 1-based numbers with their kind;
    not ``scored``: a list of calls that answers no query (from Analytics), the score left empty."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for rank, row in enumerate(rows, start=1):
            matched = " ".join(f"{t.position + 1}:{'+'.join(sorted(t.kinds))}" for t in row.matched)
            writer.writerow(
                safe_row(
                    (
                        rank,
                        row.dialog_id,
                        f"{row.score:.6f}" if scored else "",
                        row.started_at or "",
                        row.operator or "",
                        row.topic or "",
                        "" if row.duration_s is None else row.duration_s,
                        matched,
                        " ".join(row.snippet.split()),
                    )
                )
            )
    tmp.replace(path)

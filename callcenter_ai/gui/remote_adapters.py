"""The server's JSON answers as the records the window's views take (the same the local backend makes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.errors import Problem
from callcenter_ai.core.messages import MESSAGES, Message
from callcenter_ai.gui.dialogs import translate_message
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import SearchOutcome, group_digits
from callcenter_ai.gui.results_model import HighlightedTurn, ResultRow

# A warning arrives as English text; those without values are found back in the catalog and translated.
_FIXED_TEXTS = {text: key for key, text in MESSAGES.items() if "{" not in text}


def api_filters(values: FilterValues) -> dict[str, Any]:
    """The panel's values as the API's ``filters`` object."""
    out: dict[str, Any] = {
        "date_from": values.date_from,
        "date_to": values.date_to,
        "operators": list(values.operators),
        "topics": list(values.topics),
        "min_duration": values.min_duration_s,
        "max_duration": values.max_duration_s,
        "side": None if values.side == "all" else values.side,
        "channels": list(values.channels),
        "outcomes": list(values.outcomes),
    }
    return {k: v for k, v in out.items() if v not in (None, [])}


def result_row(result: dict[str, Any]) -> ResultRow:
    """A table row for one result of ``POST /api/search`` or ``/api/similar``."""
    matched: dict[int, set[str]] = {}
    for turn in result.get("matched_turns", []):
        matched.setdefault(int(turn["turn"]), set()).add(str(turn["kind"]))
    rerank_score = result.get("rerank_score")
    return ResultRow(
        dialog_id=str(result["dialog_id"]),
        call_id=int(result.get("call_id") or 0),
        score=float(result["score"]),
        started_at=result.get("started_at"),
        operator=result.get("operator"),
        topic=result.get("topic"),
        duration_s=result.get("duration_s"),
        snippet=str(result.get("snippet", "")),
        matched=tuple(HighlightedTurn(position, frozenset(kinds)) for position, kinds in sorted(matched.items())),
        reranked=rerank_score is not None,
        rerank_score=rerank_score,
        similarity=result.get("similarity"),
        semantic_score=result.get("semantic_score"),
        below_threshold=bool(result.get("below_threshold", False)),
    )


def warning_text(text: str) -> str:
    key = _FIXED_TEXTS.get(text)
    return translate_message(Message(key)) if key else text


def search_outcome(answer: dict[str, Any], *, query: str | None = None, source: str | None = None) -> SearchOutcome:
    rows = [result_row(r) for r in answer.get("results", [])]
    return SearchOutcome(
        rows,
        [warning_text(str(w)) for w in answer.get("warnings", [])],
        str(answer.get("mode") or ""),
        str(answer.get("model_id") or ""),
        query_text=query,
        source_dialog_id=source,
        total=answer.get("total"),
        total_capped=bool(answer.get("total_capped", False)),
    )


def import_lines(report: dict[str, Any]) -> list[str]:
    """The indexing tab's lines for one file's ``import --json`` report."""
    state = (
        QCoreApplication.translate("Backend", "saved")
        if report.get("committed")
        else QCoreApplication.translate("Backend", "failed")
    )
    source = str(report.get("source", ""))
    line = (
        f"{source}: "
        + QCoreApplication.translate("Backend", "%1 new, %2 updated, %3 unchanged, %4 invalid")
        .replace("%1", group_digits(int(report.get("inserted", 0))))
        .replace("%2", group_digits(int(report.get("updated", 0))))
        .replace("%3", group_digits(int(report.get("unchanged", 0))))
        .replace("%4", group_digits(int(report.get("invalid", 0))))
        + f" ({state})"
    )
    problems = [
        str(Problem(source, int(p.get("line", 0)), str(p.get("reason", "")), str(p.get("field", ""))))
        for p in report.get("problems", [])
    ]
    return [line, *problems]

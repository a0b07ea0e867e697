"""Turning the core's progress records, reports and results into what the views show."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from callcenter_ai.core.engines import Engine
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.job_records import Progress, group_digits
from callcenter_ai.gui.results_model import HighlightedTurn, ResultRow

if TYPE_CHECKING:
    from callcenter_ai.core.app import RefreshProgress
    from callcenter_ai.core.embedding.job import EmbedProgress, EmbedSummary
    from callcenter_ai.core.index import IndexProgress, IndexReport
    from callcenter_ai.core.ingest import ImportProgress
    from callcenter_ai.core.search import SearchFilters, SearchResult


def sync_keywords(store: Engine) -> Generator[Progress, None, None]:
    """Stem new and changed calls into the keyword index here, on the writer, not on the first search."""
    yield Progress(QCoreApplication.translate("Backend", "Updating the keyword index"), 1.0)
    store.keyword.sync()


def import_progress(stage: str, p: ImportProgress) -> Progress:
    generating = p.phase == "generating"  # the demo job writing its file
    fraction = p.records / p.records_total if generating and p.records_total else p.fraction
    return Progress(
        stage=stage + (" — " + QCoreApplication.translate("Backend", "writing the file") if generating else ""),
        fraction=fraction,
        done=int(p.records),
        total=int(p.records_total or 0),
        per_s=float(p.records_per_s),
        unit=QCoreApplication.translate("Backend", "calls/s"),
        eta_s=eta(p.elapsed_s, fraction),
    )


def eta(elapsed: float, fraction: float) -> float | None:
    if fraction <= 0.0 or elapsed <= 0.0:
        return None
    return elapsed * (1.0 - fraction) / fraction


def import_line(path: Path, report: Any) -> str:
    state = (
        QCoreApplication.translate("Backend", "cancelled, nothing written")
        if report.cancelled
        else QCoreApplication.translate("Backend", "saved")
        if report.committed
        else QCoreApplication.translate("Backend", "failed")
    )
    return (
        f"{path.name}: "
        + QCoreApplication.translate("Backend", "%1 new, %2 updated, %3 unchanged, %4 invalid")
        .replace("%1", group_digits(report.inserted))
        .replace("%2", group_digits(report.updated))
        .replace("%3", group_digits(report.unchanged))
        .replace("%4", group_digits(report.invalid))
        + f" ({state})"
    )


def embed_progress(stage: str, p: EmbedProgress) -> Progress:
    return Progress(
        stage=stage,
        fraction=p.done / p.total if p.total else 0.0,
        done=p.done,
        total=p.total,
        per_s=p.chunks_per_s,
        unit=QCoreApplication.translate("Backend", "chunks/s"),
        eta_s=p.eta_s,
        device=device_text(p.device, p.precision),
        batch_size=p.batch_size,
    )


def device_text(device: str, precision: str) -> str:
    """Where and how the model runs, in words («процессор, полная точность»); the raw names in the log."""
    kind = device.split(":", maxsplit=1)[0].lower()
    where = {
        "cpu": QCoreApplication.translate("Backend", "processor"),
        "cuda": QCoreApplication.translate("Backend", "graphics card"),
        "mps": QCoreApplication.translate("Backend", "graphics card"),
    }.get(kind, device)
    how = {
        "fp32": QCoreApplication.translate("Backend", "full precision"),
        "fp16": QCoreApplication.translate("Backend", "half precision"),
        "bf16": QCoreApplication.translate("Backend", "half precision"),
        "int8": QCoreApplication.translate("Backend", "compressed (int8)"),
    }.get(precision.lower(), precision)
    return ", ".join(part for part in (where, how) if part)


def index_line(report: IndexReport) -> str:
    """The index job's summary: a changed call is said once, not as one added and one removed."""
    return (
        QCoreApplication.translate("Backend", "Index: %1 new calls, %2 changed, %3 removed, %4 unchanged; %5 vectors.")
        .replace("%1", group_digits(report.new_calls))
        .replace("%2", group_digits(report.changed_calls))
        .replace("%3", group_digits(report.gone_calls))
        .replace("%4", group_digits(report.unchanged_calls))
        .replace("%5", group_digits(report.vectors.get("all", 0)))
    )


def embed_line(summary: EmbedSummary, pending: int) -> str:
    line = (
        QCoreApplication.translate("Backend", "Prepared for search by meaning: %1 of %2 calls (%3 chunks) in %4 s.")
        .replace("%1", group_digits(summary.calls))
        .replace("%2", group_digits(pending))
        .replace("%3", group_digits(summary.chunks))
        .replace("%4", f"{summary.seconds:.1f}")
    )  # the model's id is in the log and the index state's tooltip
    if summary.fallback_reason:
        line += " " + QCoreApplication.translate(
            "Backend", "The offline embedder was used: the model is not available (see the log)."
        )
    return line


def refresh_progress(p: RefreshProgress) -> Progress:
    """A step of the core's refresh: embedding, the keyword index, or the vector index."""
    from callcenter_ai.core.app import KeywordProgress
    from callcenter_ai.core.embedding.job import EmbedProgress

    if isinstance(p, EmbedProgress):
        return embed_progress(QCoreApplication.translate("Backend", "Embedding calls"), p)
    if isinstance(p, KeywordProgress):
        return Progress(QCoreApplication.translate("Backend", "Updating the keyword index"), 1.0)
    return index_progress(p)


def index_progress(p: IndexProgress) -> Progress:
    names = {
        "compare": QCoreApplication.translate("Backend", "Comparing the index with the store"),
        "remove": QCoreApplication.translate("Backend", "Removing old vectors"),
        "add": QCoreApplication.translate("Backend", "Adding vectors"),
        "rebuild": QCoreApplication.translate("Backend", "Building the index"),
        "save": QCoreApplication.translate("Backend", "Saving the index"),
    }
    stage = names.get(p.stage, p.stage)
    if p.side != "all":
        stage += f" ({p.side})"
    return Progress(stage=stage, fraction=p.done / p.total if p.total else 1.0)


def core_filters(values: FilterValues) -> SearchFilters:
    """The search service's filter object for the panel's values."""
    from callcenter_ai.core.search import build_filters

    return build_filters(
        date_from=values.date_from,
        date_to=values.date_to,
        operators=values.operators,
        topics=values.topics,
        min_duration=values.min_duration_s,
        max_duration=values.max_duration_s,
        side=values.side,
        channels=values.channels,
        outcomes=values.outcomes,
    )


def to_row(result: SearchResult) -> ResultRow:
    """A table row for one core search result."""
    matched: dict[int, set[str]] = {}
    for turn in result.matched_turns:
        matched.setdefault(turn.turn, set()).add(turn.kind)
    return ResultRow(
        dialog_id=result.dialog_id,
        call_id=result.call_id,
        score=result.score,
        started_at=result.started_at,
        operator=result.operator,
        topic=result.topic,
        duration_s=result.duration_s,
        snippet=result.snippet,
        matched=tuple(HighlightedTurn(position, frozenset(kinds)) for position, kinds in sorted(matched.items())),
        reranked=result.reranked,
        rerank_score=result.rerank_score,
        similarity=result.similarity,
        semantic_score=result.semantic_score,
        below_threshold=bool(getattr(result, "below_threshold", False)),  # set by the core's calibrated cut-off
    )

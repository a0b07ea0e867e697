"""The results table: a Qt model over search results, sortable through a proxy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class HighlightedTurn:
    """A turn the viewer highlights because it matched: ``kinds`` holds "semantic" and/or "keyword"."""

    position: int
    kinds: frozenset[str]


@dataclass(frozen=True)
class ResultRow:
    """One shown result: what the table and the viewer need, independent of the core's type."""

    dialog_id: str
    call_id: int
    score: float
    started_at: str | None
    operator: str | None
    topic: str | None
    duration_s: float | None
    snippet: str
    matched: tuple[HighlightedTurn, ...] = ()
    reranked: bool = False  # ordered by the re-ranking learned from ratings
    rerank_score: float | None = None  # the learned adapter's score when ``reranked``

    @property
    def ranking_score(self) -> float:
        """The score the list is ordered by: the learned one when re-ranked."""
        return self.rerank_score if self.reranked and self.rerank_score is not None else self.score


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def format_date(started_at: str | None) -> str:
    if not started_at:
        return ""
    return started_at.replace("T", " ")[:16]


class ResultsModel(QAbstractTableModel):
    COLUMNS = ("score", "date", "operator", "topic", "duration", "snippet")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ResultRow] = []
        self._headers = [
            QCoreApplication.translate("ResultsModel", "Score"),
            QCoreApplication.translate("ResultsModel", "Date"),
            QCoreApplication.translate("ResultsModel", "Operator"),
            QCoreApplication.translate("ResultsModel", "Topic"),
            QCoreApplication.translate("ResultsModel", "Duration"),
            QCoreApplication.translate("ResultsModel", "Snippet"),
        ]

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column == "snippet":
            return row.snippet
        if role == Qt.ItemDataRole.ToolTipRole and column == "score":
            return self._score_tip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("score", "duration"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _score_tip(row: ResultRow) -> str:
        if not row.reranked:
            return QCoreApplication.translate("ResultsModel", "Plain ranking (re-ranking from ratings is off)")
        learned = "—" if row.rerank_score is None else f"{row.rerank_score:.3f}"
        return (
            QCoreApplication.translate("ResultsModel", "Re-ranked from ratings: learned score %1, search score %2")
            .replace("%1", learned)
            .replace("%2", f"{row.score:.3f}")
        )

    @staticmethod
    def _display(row: ResultRow, column: str) -> str:
        if column == "score":
            return f"{row.ranking_score:.3f}"
        if column == "date":
            return format_date(row.started_at)
        if column == "operator":
            return row.operator or ""
        if column == "topic":
            return row.topic or ""
        if column == "duration":
            return format_duration(row.duration_s)
        return " ".join(row.snippet.split())

    @staticmethod
    def _sort_key(row: ResultRow, column: str) -> Any:
        if column == "score":
            return row.ranking_score
        if column == "date":
            return row.started_at or ""
        if column == "duration":
            return row.duration_s if row.duration_s is not None else -1.0
        return ResultsModel._display(row, column).lower()


class ResultsProxy(QSortFilterProxyModel):
    """Sorts by the raw values (numbers as numbers, dates as ISO text)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def row_at(self, proxy_row: int) -> ResultRow | None:
        if not 0 <= proxy_row < self.rowCount():
            return None
        value = self.data(self.index(proxy_row, 0), ROW_ROLE)
        return value if isinstance(value, ResultRow) else None

    def shown_rows(self) -> list[ResultRow]:
        return [row for i in range(self.rowCount()) if (row := self.row_at(i)) is not None]

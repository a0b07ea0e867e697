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
    similarity: float | None = None  # the core's one readable 0..1 measure
    semantic_score: float | None = None
    below_threshold: bool = False  # the core judged it more likely unrelated than related

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
    """``dd.MM.yyyy HH:mm``, the one date format of the window (the filter panel uses it too)."""
    if not started_at or len(started_at) < 10:
        return started_at or ""
    day = f"{started_at[8:10]}.{started_at[5:7]}.{started_at[0:4]}"
    time = started_at[11:16]
    return f"{day} {time}" if time else day


def format_percent(row: ResultRow) -> str:
    return "" if row.similarity is None else f"{round(row.similarity * 100)}\u202f%"


class ResultsModel(QAbstractTableModel):
    COLUMNS = ("score", "date", "operator", "topic", "duration", "snippet")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ResultRow] = []
        self.ratings: dict[str, bool] = {}  # dialog id -> relevant?, for the query shown
        self._headers = [
            QCoreApplication.translate("ResultsModel", "Match"),
            QCoreApplication.translate("ResultsModel", "Date"),
            QCoreApplication.translate("ResultsModel", "Operator"),
            QCoreApplication.translate("ResultsModel", "Topic"),
            QCoreApplication.translate("ResultsModel", "Duration"),
            QCoreApplication.translate("ResultsModel", "Snippet"),
        ]

    def set_rows(self, rows: list[ResultRow], ratings: dict[str, bool] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.ratings = dict(ratings or {})
        self.endResetModel()

    def set_rating(self, dialog_id: str, relevant: bool) -> None:
        self.ratings[dialog_id] = relevant
        for number, row in enumerate(self.rows):
            if row.dialog_id == dialog_id:
                index = self.index(number, 0)
                self.dataChanged.emit(index, index)

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
            text = self._display(row, column)
            rating = self.ratings.get(row.dialog_id)
            return text if column != "score" or rating is None else ("✓ " if rating else "✗ ") + text
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column in ("operator", "topic", "snippet"):
            return self._display(row, column) if column != "snippet" else row.snippet  # a narrow column elides
        if role == Qt.ItemDataRole.ToolTipRole and column == "score":
            return self._score_tip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("score", "duration"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _score_tip(self, row: ResultRow) -> str:
        lines = [
            QCoreApplication.translate("ResultsModel", "Close in meaning: %1").replace("%1", format_percent(row))
            if row.semantic_score is not None
            else QCoreApplication.translate("ResultsModel", "Share of the query's words found: %1").replace(
                "%1", format_percent(row)
            ),
            QCoreApplication.translate("ResultsModel", "Ranking score: %1").replace("%1", f"{row.score:.4f}"),
        ]
        if row.reranked:
            learned = "—" if row.rerank_score is None else f"{row.rerank_score:.3f}"
            lines.append(
                QCoreApplication.translate("ResultsModel", "Order learned from operators' ratings: %1").replace(
                    "%1", learned
                )
            )
        if row.below_threshold:
            lines.append(QCoreApplication.translate("ResultsModel", "More likely unrelated than related"))
        rating = self.ratings.get(row.dialog_id)
        if rating is not None:
            lines.append(
                QCoreApplication.translate("ResultsModel", "You rated it: useful")
                if rating
                else QCoreApplication.translate("ResultsModel", "You rated it: not useful")
            )
        return "\n".join(lines)

    @staticmethod
    def _display(row: ResultRow, column: str) -> str:
        if column == "score":
            return format_percent(row) or f"{row.ranking_score:.3f}"
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
            return row.similarity if row.similarity is not None else row.ranking_score
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
        self.show_weak = False  # rows the core put below its "nothing close" threshold

    def set_show_weak(self, show: bool) -> None:
        self.beginFilterChange()
        self.show_weak = show
        self.endFilterChange()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Rows are numbered as shown (1, 2, 3 …), not by their place before less similar ones were hidden."""
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return super().headerData(section, orientation, role)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if self.show_weak or not isinstance(model, ResultsModel) or not 0 <= source_row < len(model.rows):
            return True
        return not model.rows[source_row].below_threshold

    def row_at(self, proxy_row: int) -> ResultRow | None:
        if not 0 <= proxy_row < self.rowCount():
            return None
        value = self.data(self.index(proxy_row, 0), ROW_ROLE)
        return value if isinstance(value, ResultRow) else None

    def shown_rows(self) -> list[ResultRow]:
        return [row for i in range(self.rowCount()) if (row := self.row_at(i)) is not None]

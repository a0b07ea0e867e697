"""Search filters: dates, operators, topics, channels, outcomes, duration and side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from callcenter_ai.core.search import Facets


@dataclass(frozen=True)
class FilterValues:
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    operators: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    min_duration_s: float | None = None
    max_duration_s: float | None = None
    side: str = "all"
    channels: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return self != FilterValues()

    @property
    def count(self) -> int:
        """How many conditions are set (a date range or a duration range counts once per bound)."""
        bounds = (self.date_from, self.date_to, self.min_duration_s, self.max_duration_s)
        lists = (self.operators, self.topics, self.channels, self.outcomes)
        return sum(v is not None for v in bounds) + sum(bool(v) for v in lists) + (self.side != "all")


class FilterPanel(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.use_from = QCheckBox(self.tr("from"), self)
        self.date_from = QDateEdit(self)
        self.use_to = QCheckBox(self.tr("to"), self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setDate(QDate.currentDate())  # until set_choices gives the span of the data
            edit.setEnabled(False)
        self.use_from.toggled.connect(self.date_from.setEnabled)
        self.use_to.toggled.connect(self.date_to.setEnabled)
        dates = QHBoxLayout()
        for widget in (self.use_from, self.date_from, self.use_to, self.date_to):
            dates.addWidget(widget)

        self.operators = self._choice_list("operatorList")
        self.topics = self._choice_list("topicList")
        self.channels = self._choice_list("channelList")
        self.outcomes = self._choice_list("outcomeList")
        self.lists = (self.operators, self.topics, self.channels, self.outcomes)

        self.min_duration = self._minutes_box()
        self.max_duration = self._minutes_box()
        durations = QHBoxLayout()
        durations.addWidget(QLabel(self.tr("from"), self))
        durations.addWidget(self.min_duration)
        durations.addWidget(QLabel(self.tr("to"), self))
        durations.addWidget(self.max_duration)

        self.side = QComboBox(self)
        self.side.setObjectName("sideCombo")
        self.side.addItem(self.tr("both sides"), "all")
        self.side.addItem(self.tr("client's words"), "client")
        self.side.addItem(self.tr("operator's words"), "operator")

        reset = QPushButton(self.tr("Reset filters"), self)
        reset.clicked.connect(self.reset)
        for check in (self.use_from, self.use_to):
            check.toggled.connect(self.changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.changed)
        for spin in (self.min_duration, self.max_duration):
            spin.valueChanged.connect(self.changed)
        self.side.currentIndexChanged.connect(self.changed)

        # Two compact rows, so the results keep their room on a 1024×600 screen.
        first = QHBoxLayout()
        for title, part in ((self.tr("Dates"), dates), (self.tr("Duration, min"), durations)):
            first.addWidget(QLabel(title, self))
            first.addLayout(part)
        first.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.side)
        side.addStretch(1)
        side.addWidget(reset)
        lists = QGridLayout()
        titles = (self.tr("Operators"), self.tr("Topics"), self.tr("Channel"), self.tr("Outcome"))
        for column, (title, choices) in enumerate(zip(titles, self.lists, strict=True)):
            lists.addWidget(QLabel(title, self), 0, column)
            lists.addWidget(choices, 1, column)
            lists.setColumnStretch(column, 3 if column < 2 else 2)
        lists.addWidget(QLabel(self.tr("Side"), self), 0, len(titles))
        lists.addLayout(side, 1, len(titles))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(first)
        layout.addLayout(lists)

    def _choice_list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        widget.setMaximumHeight(84)
        widget.setToolTip(self.tr("Tick the ones to keep; nothing ticked: all. The number is how many calls."))
        widget.itemChanged.connect(lambda _item: self.changed.emit())
        return widget

    def _minutes_box(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, 24 * 60)
        box.setSpecialValueText(self.tr("any"))
        box.setSuffix(self.tr(" min"))
        return box

    def set_facets(self, facets: Facets) -> None:
        """The core's facets: every list with its calls per value, the dates spanning the data."""
        self.set_choices(
            facets.operators, facets.topics, facets.first_date, facets.last_date, facets.channels, facets.outcomes
        )

    def set_choices(
        self,
        operators: Sequence[tuple[str, int]],
        topics: Sequence[tuple[str, int]],
        first_date: str | None = None,
        last_date: str | None = None,
        channels: Sequence[tuple[str, int]] = (),
        outcomes: Sequence[tuple[str, int]] = (),
    ) -> None:
        """Checkable operators, topics, channels and outcomes, each with its calls; the dates span the data."""
        for widget, values in zip(self.lists, (operators, topics, channels, outcomes), strict=True):
            chosen = set(self._checked(widget))
            widget.blockSignals(True)
            widget.clear()
            for value, calls in values:
                item = QListWidgetItem(f"{value} ({calls})", widget)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked)
            widget.blockSignals(False)
        for check, edit, day in ((self.use_from, self.date_from, first_date), (self.use_to, self.date_to, last_date)):
            if day and not check.isChecked():
                edit.setDate(QDate.fromString(day, Qt.DateFormat.ISODate))

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (widget.item(row) for row in range(widget.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def check(self, widget: QListWidget, value: str, on: bool = True) -> None:
        """Tick (or clear) the item for ``value`` in the operators' or topics' list."""
        for row in range(widget.count()):
            item = widget.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == value:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def values(self) -> FilterValues:
        return FilterValues(
            date_from=self.date_from.date().toString(Qt.DateFormat.ISODate) if self.use_from.isChecked() else None,
            date_to=self.date_to.date().toString(Qt.DateFormat.ISODate) if self.use_to.isChecked() else None,
            operators=tuple(self._checked(self.operators)),
            topics=tuple(self._checked(self.topics)),
            channels=tuple(self._checked(self.channels)),
            outcomes=tuple(self._checked(self.outcomes)),
            min_duration_s=self.min_duration.value() * 60.0 if self.min_duration.value() else None,
            max_duration_s=self.max_duration.value() * 60.0 if self.max_duration.value() else None,
            side=str(self.side.currentData()),
        )

    def set_values(self, values: FilterValues) -> None:
        """Show ``values`` (a search taken back from the history)."""
        for check, edit, value in (
            (self.use_from, self.date_from, values.date_from),
            (self.use_to, self.date_to, values.date_to),
        ):
            check.setChecked(value is not None)
            if value is not None:
                edit.setDate(QDate.fromString(value[:10], Qt.DateFormat.ISODate))
        chosen_lists = (values.operators, values.topics, values.channels, values.outcomes)
        for widget, chosen in zip(self.lists, chosen_lists, strict=True):
            for row in range(widget.count()):
                item = widget.item(row)
                on = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.min_duration.setValue(round((values.min_duration_s or 0) / 60))
        self.max_duration.setValue(round((values.max_duration_s or 0) / 60))
        self.side.setCurrentIndex(max(0, self.side.findData(values.side)))
        self.changed.emit()

    def reset(self) -> None:
        self.use_from.setChecked(False)
        self.use_to.setChecked(False)
        for widget in self.lists:
            for row in range(widget.count()):
                widget.item(row).setCheckState(Qt.CheckState.Unchecked)
        self.min_duration.setValue(0)
        self.max_duration.setValue(0)
        self.side.setCurrentIndex(0)
        self.changed.emit()

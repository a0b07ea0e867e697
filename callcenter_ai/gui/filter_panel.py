"""Search filters: dates, operators, topics, duration and side."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class FilterValues:
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    operators: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    min_duration_s: float | None = None
    max_duration_s: float | None = None
    side: str = "all"

    @property
    def active(self) -> bool:
        return self != FilterValues()


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
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
        self.use_from.toggled.connect(self.date_from.setEnabled)
        self.use_to.toggled.connect(self.date_to.setEnabled)
        dates = QHBoxLayout()
        for widget in (self.use_from, self.date_from, self.use_to, self.date_to):
            dates.addWidget(widget)
        dates.addStretch(1)

        self.operators = self._choice_list("operatorList")
        self.topics = self._choice_list("topicList")

        self.min_duration = self._minutes_box()
        self.max_duration = self._minutes_box()
        durations = QHBoxLayout()
        durations.addWidget(self.min_duration)
        durations.addWidget(self.max_duration)
        durations.addStretch(1)

        self.side = QComboBox(self)
        self.side.setObjectName("sideCombo")
        self.side.addItem(self.tr("both sides"), "all")
        self.side.addItem(self.tr("client's words"), "client")
        self.side.addItem(self.tr("operator's words"), "operator")

        reset = QPushButton(self.tr("Reset filters"), self)
        reset.clicked.connect(self.reset)

        form = QFormLayout()
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Operators"), self.operators)
        form.addRow(self.tr("Topics"), self.topics)
        form.addRow(self.tr("Duration, min"), durations)
        form.addRow(self.tr("Side"), self.side)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(reset, 0, Qt.AlignmentFlag.AlignRight)

    def _choice_list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        widget.setMaximumHeight(90)
        widget.setToolTip(self.tr("Nothing selected: all"))
        return widget

    def _minutes_box(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, 24 * 60)
        box.setSpecialValueText(self.tr("any"))
        box.setSuffix(self.tr(" min"))
        return box

    def set_choices(self, operators: list[str], topics: list[str]) -> None:
        for widget, values in ((self.operators, operators), (self.topics, topics)):
            chosen = {item.text() for item in widget.selectedItems()}
            widget.clear()
            for value in values:
                item = QListWidgetItem(value, widget)
                item.setSelected(value in chosen)

    def values(self) -> FilterValues:
        return FilterValues(
            date_from=self.date_from.date().toString(Qt.DateFormat.ISODate) if self.use_from.isChecked() else None,
            date_to=self.date_to.date().toString(Qt.DateFormat.ISODate) if self.use_to.isChecked() else None,
            operators=tuple(item.text() for item in self.operators.selectedItems()),
            topics=tuple(item.text() for item in self.topics.selectedItems()),
            min_duration_s=self.min_duration.value() * 60.0 if self.min_duration.value() else None,
            max_duration_s=self.max_duration.value() * 60.0 if self.max_duration.value() else None,
            side=str(self.side.currentData()),
        )

    def set_values(self, values: FilterValues) -> None:
        """Show ``values`` (a drill-down from the «Аналитика» tab); choices not in the lists are added."""
        self.reset()
        for use, edit, text in (
            (self.use_from, self.date_from, values.date_from),
            (self.use_to, self.date_to, values.date_to),
        ):
            if text:
                edit.setDate(QDate.fromString(text[:10], Qt.DateFormat.ISODate))
                use.setChecked(True)
        for widget, chosen in ((self.operators, values.operators), (self.topics, values.topics)):
            present = {widget.item(i).text(): widget.item(i) for i in range(widget.count())}
            for value in chosen:
                (present.get(value) or QListWidgetItem(value, widget)).setSelected(True)
        self.min_duration.setValue(round((values.min_duration_s or 0) / 60))
        self.max_duration.setValue(round((values.max_duration_s or 0) / 60))
        self.side.setCurrentIndex(max(0, self.side.findData(values.side)))
        self.changed.emit()

    def reset(self) -> None:
        self.use_from.setChecked(False)
        self.use_to.setChecked(False)
        self.operators.clearSelection()
        self.topics.clearSelection()
        self.min_duration.setValue(0)
        self.max_duration.setValue(0)
        self.side.setCurrentIndex(0)
        self.changed.emit()

"""Builders for the search tab's widgets; the strings keep the «SearchTab» translation context."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter_ai.gui.results_model import ResultsProxy


def mode_combo(parent: QWidget, default_mode: str) -> QComboBox:
    """The search mode choice: by meaning, by words or both."""
    mode = QComboBox(parent)
    mode.setObjectName("modeCombo")
    mode.addItem(QCoreApplication.translate("SearchTab", "semantic"), "semantic")
    mode.addItem(QCoreApplication.translate("SearchTab", "by words"), "keyword")
    mode.addItem(QCoreApplication.translate("SearchTab", "hybrid"), "hybrid")
    mode.setToolTip(
        QCoreApplication.translate(
            "SearchTab",
            "By meaning: calls about the same thing in other words.\n"
            "By words: calls holding the query's words in any form; "
            '"exact phrase", -exclude, OR between alternatives.\n'
            "Hybrid: both lists merged.",
        )
    )
    mode.setCurrentIndex(max(0, mode.findData(default_mode)))
    return mode


def history_buttons(parent: QWidget) -> tuple[QPushButton, QPushButton]:
    """The ◀ ▶ buttons that step through earlier searches, disabled until there is one."""
    back = QPushButton("◀", parent)
    back.setObjectName("backButton")
    back.setToolTip(QCoreApplication.translate("SearchTab", "Previous search (Alt+Left)"))
    back.setShortcut(QKeySequence("Alt+Left"))
    forward = QPushButton("▶", parent)
    forward.setObjectName("forwardButton")
    forward.setToolTip(QCoreApplication.translate("SearchTab", "Next search (Alt+Right)"))
    forward.setShortcut(QKeySequence("Alt+Right"))
    for button in (back, forward):
        button.setFixedWidth(32)
        button.setEnabled(False)
    return back, forward


def notice_box(parent: QWidget) -> tuple[QWidget, QLabel, QPushButton]:
    """The hidden yellow line above the results about the index, with its «Build index» button."""
    notice = QLabel(parent)
    notice.setObjectName("indexNotice")
    notice.setWordWrap(True)
    button = QPushButton(QCoreApplication.translate("SearchTab", "Build index"), parent)
    button.setObjectName("noticeIndexButton")
    box = QWidget(parent)
    box.setStyleSheet("background: #fff6d6")
    row = QHBoxLayout(box)
    row.setContentsMargins(6, 2, 6, 2)
    row.addWidget(notice, 1)
    row.addWidget(button)
    box.setVisible(False)
    return box, notice, button


def results_table(parent: QWidget, proxy: ResultsProxy) -> QTableView:
    """The sortable results table over ``proxy``, keeping the ranking until a header is clicked."""
    table = QTableView(parent)
    table.setObjectName("resultsTable")
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the ranking until a header is clicked
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the viewer and the rating buttons
    table.verticalHeader().setDefaultSectionSize(22)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)  # «Snippet», the widest
    header.setMinimumSectionSize(40)
    for column, width in enumerate((66, 128, 130, 140, 52)):
        table.setColumnWidth(column, width)
    return table


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab moves through ``widgets`` in the given order."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def rating_row(parent: QWidget) -> tuple[QHBoxLayout, QPushButton, QPushButton, QLabel]:
    """«Is this result useful?» with its two buttons (Ctrl+1, Ctrl+2) and the note after a rating."""
    relevant = QPushButton(QCoreApplication.translate("SearchTab", "✓ Useful"), parent)
    relevant.setObjectName("relevantButton")
    relevant.setToolTip(
        QCoreApplication.translate("SearchTab", "This call answers the query (Ctrl+1): ratings improve the order")
    )
    irrelevant = QPushButton(QCoreApplication.translate("SearchTab", "✗ Not useful"), parent)
    irrelevant.setObjectName("irrelevantButton")
    irrelevant.setToolTip(QCoreApplication.translate("SearchTab", "This call does not answer the query (Ctrl+2)"))
    for key, button in (("Ctrl+1", relevant), ("Ctrl+2", irrelevant)):
        shortcut = QShortcut(QKeySequence(key), parent)
        shortcut.activated.connect(button.click)  # a disabled button ignores it
    note = QLabel(parent)
    note.setObjectName("ratingNote")
    row = QHBoxLayout()
    row.addWidget(QLabel(QCoreApplication.translate("SearchTab", "Is this result useful?"), parent))
    row.addWidget(relevant)
    row.addWidget(irrelevant)
    row.addWidget(note, 1)
    return row, relevant, irrelevant, note


def results_splitter(
    parent: QWidget, above: QWidget, table: QTableView, below: QHBoxLayout, viewer: QWidget, under_viewer: QHBoxLayout
) -> QSplitter:
    """Results on the left (``above`` the table, the ``below`` row under it), the call on the right."""
    viewer_box = QWidget(parent)
    viewer_layout = QVBoxLayout(viewer_box)
    viewer_layout.setContentsMargins(0, 0, 0, 0)
    viewer_layout.addWidget(viewer, 1)
    viewer_layout.addLayout(under_viewer)
    results_box = QWidget(parent)
    results_layout = QVBoxLayout(results_box)
    results_layout.setContentsMargins(0, 0, 0, 0)
    results_layout.addWidget(above, 0, Qt.AlignmentFlag.AlignLeft)
    results_layout.addWidget(table, 1)
    results_layout.addLayout(below)
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName("searchSplitter")
    splitter.addWidget(results_box)
    splitter.addWidget(viewer_box)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes([600, 400])  # the results get the larger share; a saved layout replaces it
    return splitter


def named_button(parent: QWidget, name: str, text: str = "", tip: str = "") -> QPushButton:
    """A push button with its object name (what tests and styles find it by) and tool tip."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    return button


def count_spin(parent: QWidget, default_k: int) -> QSpinBox:
    """How many calls a search shows at once."""
    k = QSpinBox(parent)
    k.setObjectName("kSpin")
    k.setRange(1, 1000)
    k.setValue(default_k)
    k.setPrefix(QCoreApplication.translate("SearchTab", "top "))
    k.setToolTip(QCoreApplication.translate("SearchTab", "How many calls to show at once; «More» shows the next ones"))
    return k


def row_layout(*items: QWidget | tuple[QWidget, int] | None) -> QHBoxLayout:
    """A row of widgets; ``(widget, stretch)`` gives one a stretch factor, ``None`` adds a stretch."""
    row = QHBoxLayout()
    for item in items:
        if item is None:
            row.addStretch(1)
        elif isinstance(item, tuple):
            row.addWidget(*item)
        else:
            row.addWidget(item)
    return row

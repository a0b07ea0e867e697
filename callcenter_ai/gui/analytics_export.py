"""Exporting the «Аналитика» tab: a chart as PNG, the numbers behind a chart or table as CSV/XLSX.

A file that cannot be written (a read-only folder, a full disk, a file open in Excel) is said in a
dialog naming the file and why (:func:`failure_box`) — never the crash dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from callcenter_ai.core.errors import KnownError

if TYPE_CHECKING:
    from callcenter_ai.gui.analytics_tab import AnalyticsTab


def failure_box(parent: QWidget, path: Path, reason: str) -> QMessageBox:
    """«Файл не сохранён»: which file, why, and what to do."""
    title = QCoreApplication.translate("AnalyticsExport", "The file was not saved")
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("exportFailedDialog")
    advice = QCoreApplication.translate("AnalyticsExport", "Choose another file or folder.")
    box.setInformativeText(f"{path}\n{reason}\n\n{advice}")
    return box


def ask_png(tab: AnalyticsTab) -> None:
    key = str(tab.export_choice.currentData())
    if key not in tab.charts:  # the button is disabled for tables; a keyboard shortcut still lands here
        tab.export_note.setText(
            QCoreApplication.translate(
                "AnalyticsExport", "Only charts are saved as PNG: choose a chart, or save this table as CSV/XLSX."
            )
        )
        return
    name, _ = QFileDialog.getSaveFileName(
        tab, QCoreApplication.translate("AnalyticsExport", "Save the chart"), f"{key}.png", "PNG (*.png)"
    )
    if name:
        save(tab, key, Path(name), png=True)


def ask_table(tab: AnalyticsTab) -> None:
    key = str(tab.export_choice.currentData())
    name, _ = QFileDialog.getSaveFileName(
        tab,
        QCoreApplication.translate("AnalyticsExport", "Save the table"),
        f"{key}.xlsx",
        "Excel (*.xlsx);;CSV (*.csv)",
    )
    if name:
        save(tab, key, Path(name), png=False)


def save(tab: AnalyticsTab, key: str, path: Path, *, png: bool) -> bool:
    """Write ``key`` to ``path``; a failure goes to ``tab.export_failed``, a success to the note beside the buttons."""
    try:
        if png:
            tab.export_png(key, path)
        else:
            tab.export_table(key, path)
    except OSError as exc:  # a read-only folder, a full disk, a file open in Excel
        tab.export_failed.emit(str(path), exc.strerror or str(exc))
        return False
    except KnownError as exc:  # e.g. an unknown table format
        tab.export_failed.emit(str(path), str(exc))
        return False
    tab.export_note.setText(QCoreApplication.translate("AnalyticsExport", "Saved to %1").replace("%1", str(path)))
    return True

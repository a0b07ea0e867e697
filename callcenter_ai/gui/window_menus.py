"""The main window's menus and the commands only they start (export, language, about).

The strings keep the «MainWindow» translation context.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog

from callcenter_ai import __version__
from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.settings import save_settings
from callcenter_ai.gui import export
from callcenter_ai.gui.dialogs import info_box
from callcenter_ai.gui.remote_session import RemoteSession
from callcenter_ai.gui.results_model import ResultRow

if TYPE_CHECKING:
    from callcenter_ai.gui.main_window import MainWindow


def build_menus(window: MainWindow) -> tuple[QAction, QAction, QAction, QAction]:
    """Fill the menu bar; returns the import, export, find and unload actions."""
    file_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    import_action = file_menu.addAction(QCoreApplication.translate("MainWindow", "&Import files…"))
    import_action.setShortcut(QKeySequence("Ctrl+O"))
    import_action.triggered.connect(window.jobs.ask_import)
    export_action = file_menu.addAction(QCoreApplication.translate("MainWindow", "&Export results to CSV…"))
    export_action.setShortcut(QKeySequence("Ctrl+E"))
    export_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    export_action.triggered.connect(lambda: export_results(window))
    file_menu.addSeparator()
    quit_action = file_menu.addAction(QCoreApplication.translate("MainWindow", "&Quit"))
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.triggered.connect(window.close)

    search_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Search"))
    focus_action = search_menu.addAction(QCoreApplication.translate("MainWindow", "&Find…"))
    focus_action.setShortcut(QKeySequence("Ctrl+F"))
    focus_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    focus_action.triggered.connect(window.focus_query)
    similar_action = search_menu.addAction(QCoreApplication.translate("MainWindow", "Find &similar calls"))
    similar_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
    similar_action.triggered.connect(window.find_similar)

    settings_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "S&ettings"))
    unload_action = settings_menu.addAction(QCoreApplication.translate("MainWindow", "&Unload the model from memory"))
    unload_action.setToolTip(
        QCoreApplication.translate(
            "MainWindow", "Free the memory the embedding model holds; it loads again when needed."
        )
    )
    unload_action.setEnabled(False)
    unload_action.triggered.connect(window.unload_model)
    window.status.model_changed.connect(unload_action.setEnabled)
    language_menu = settings_menu.addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    group = QActionGroup(window)
    for code, name in (("ru", "Русский"), ("en", "English")):
        action = QAction(name, window, checkable=True)
        action.setChecked(code == window.settings.language)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: set_language(window, c))
        group.addAction(action)
        language_menu.addAction(action)

    help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(QCoreApplication.translate("MainWindow", "&About"), lambda: show_about(window))
    RemoteSession(window, file_menu, import_action)  # «Подключиться к серверу» (a child of the window)
    return import_action, export_action, focus_action, unload_action


def export_results(window: MainWindow) -> None:
    """Ask where to save the shown results as CSV and write them there."""
    rows = window.search_tab.proxy.shown_rows()
    if not rows:
        window.search_tab.summary.setText(QCoreApplication.translate("MainWindow", "Nothing to export: search first."))
        return
    path, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("MainWindow", "Export results"),
        str(Path.home() / "results.csv"),
        QCoreApplication.translate("MainWindow", "CSV files (*.csv)"),
    )
    if path:
        write_export(window, Path(path), rows)


def write_export(window: MainWindow, path: Path, rows: list[ResultRow]) -> None:
    try:
        export.write_results_csv(path, rows, scored=window.search_tab.showing_search)
    except OSError as exc:
        hint = QCoreApplication.translate("MainWindow", "Choose another file or folder.")
        window.reporter.report(KnownError(f"{path}: {exc}", hint=hint))
        return
    window.search_tab.summary.setText(
        QCoreApplication.translate("MainWindow", "Saved %1 rows to %2")
        .replace("%1", str(len(rows)))
        .replace("%2", str(path))
    )


def set_language(window: MainWindow, code: str) -> None:
    """Save the chosen language; it applies when the app starts next time."""
    if code == window.settings.language:
        return
    try:
        window.settings = save_settings(window.settings, {"language": code})
    except KnownError as exc:
        window.reporter.report(exc)
        return
    window.reporter.open_dialog(
        info_box(
            window,
            QCoreApplication.translate("MainWindow", "Language"),
            QCoreApplication.translate("MainWindow", "The language changes when the app starts next time."),
        )
    )


def show_about(window: MainWindow) -> None:
    window.reporter.open_dialog(
        info_box(
            window,
            QCoreApplication.translate("MainWindow", "About CallCenter AI"),
            QCoreApplication.translate(
                "MainWindow", "CallCenter AI %1\nSearch and analytics over call-center transcripts.\nData folder: %2"
            )
            .replace("%1", __version__)
            .replace("%2", str(window.settings.home)),
        )
    )

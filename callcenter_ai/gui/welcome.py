"""Shown instead of the search tab while the store holds no calls."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    demo_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("No calls yet"), self)
        title.setStyleSheet("font-size: 18pt; font-weight: bold")
        text = QLabel(
            self.tr(
                "Generate a demo set of Russian call-center dialogs to try the search, "
                "or import your own transcripts (JSONL or CSV)."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_button = QPushButton(self.tr("Generate demo set"), self)
        self.demo_button.setObjectName("welcomeDemoButton")
        self.demo_button.clicked.connect(self.demo_requested)
        self.import_button = QPushButton(self.tr("Import files…"), self)
        self.import_button.setObjectName("welcomeImportButton")
        self.import_button.clicked.connect(self.import_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def set_enabled(self, enabled: bool) -> None:
        self.demo_button.setEnabled(enabled)
        self.import_button.setEnabled(enabled)

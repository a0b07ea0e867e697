"""The indexing tab: import files, generate the demo set, build or update the index."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from callcenter_ai.gui.job_records import group_digits


class IndexTab(QWidget):
    """Widgets only; the main window runs the jobs and reports through :meth:`show_progress`."""

    import_requested = Signal()
    demo_requested = Signal()
    index_requested = Signal(bool)  # rebuild from scratch?
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        data = QGroupBox(self.tr("Calls"), self)
        self.import_button = QPushButton(self.tr("Import files…"), data)
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(
            self.tr("Call transcripts in JSONL or CSV (the formats are described in the user guide)")
        )
        self.import_button.clicked.connect(self.import_requested)
        self.skip_invalid = QCheckBox(self.tr("Skip invalid records"), data)
        self.skip_invalid.setObjectName("skipInvalidBox")
        self.demo_button = QPushButton(self.tr("Generate demo set"), data)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_calls = QSpinBox(data)
        self.demo_calls.setObjectName("demoCallsSpin")
        self.demo_calls.setRange(10, 1_000_000)
        self.demo_calls.setSingleStep(500)
        self.demo_calls.setValue(2000)
        self.demo_calls.setSuffix(self.tr(" calls"))
        data_row = QHBoxLayout(data)
        data_row.addWidget(self.import_button)
        data_row.addWidget(self.skip_invalid)
        data_row.addStretch(1)
        data_row.addWidget(self.demo_calls)
        data_row.addWidget(self.demo_button)

        index = QGroupBox(self.tr("Search index"), self)
        self.index_button = QPushButton(self.tr("Build / update index"), index)
        self.index_button.setObjectName("indexButton")
        self.index_button.setToolTip(self.tr("Embed the calls that are new or changed and update the index"))
        self.index_button.clicked.connect(lambda: self.index_requested.emit(False))
        self.rebuild_button = QPushButton(self.tr("Rebuild index"), index)
        self.rebuild_button.setObjectName("rebuildButton")
        self.rebuild_button.clicked.connect(lambda: self.index_requested.emit(True))
        self.cancel_button = QPushButton(self.tr("Cancel"), index)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setToolTip(
            self.tr(
                "Stop the running job: indexing stops after the current batch and the next run continues"
                " from there; an import keeps the files already imported and undoes the file in progress"
            )
        )
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.state_label = QLabel(index)
        self.state_label.setObjectName("indexStateLabel")
        self.state_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.index_button)
        buttons.addWidget(self.rebuild_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        self.stage = QLabel(index)
        self.stage.setObjectName("stageLabel")
        self.progress = QProgressBar(index)
        self.progress.setObjectName("progressBar")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.numbers: dict[str, QLabel] = {}
        grid = QGridLayout()
        fields = (
            ("done", self.tr("Done")),
            ("speed", self.tr("Speed")),
            ("eta", self.tr("Time left")),
            ("device", self.tr("Device")),
            ("batch", self.tr("Batch size")),
        )
        for column, (key, title) in enumerate(fields):
            caption = QLabel(title, index)
            caption.setStyleSheet("color: #666")
            value = QLabel("—", index)
            value.setObjectName(f"{key}Value")
            self.numbers[key] = value
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
        index_layout = QVBoxLayout(index)
        index_layout.addWidget(self.state_label)
        index_layout.addLayout(buttons)
        index_layout.addWidget(self.stage)
        index_layout.addWidget(self.progress)
        index_layout.addLayout(grid)

        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("summaryText")
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText(self.tr("Results of imports and indexing appear here."))

        layout = QVBoxLayout(self)
        layout.addWidget(data)
        layout.addWidget(index)
        layout.addWidget(QLabel(self.tr("Summary"), self))
        layout.addWidget(self.summary, 1)
        self.calls = 0
        self.index_built = False
        self.running = False
        self.set_running(False)

    def set_running(self, running: bool) -> None:
        self.running = running
        for button in (self.import_button, self.demo_button):
            button.setEnabled(not running)
        self.index_button.setEnabled(not running and self.calls > 0)
        self.rebuild_button.setEnabled(not running and self.index_built)
        self.cancel_button.setEnabled(running)

    def set_state(self, calls: int, embedded: int | None, index_built: bool, model_id: str = "") -> None:
        """What the index holds, in plain words (the model's id only in the tooltip, for admins)."""
        self.calls, self.index_built = calls, index_built
        self.index_button.setText(self.tr("Update index") if index_built else self.tr("Build index"))
        self.rebuild_button.setVisible(index_built)
        if not calls:
            text = self.tr("No calls yet: import files or generate the demo set.")
        elif not index_built:
            text = self.tr(
                "Calls: %1. The index for search by meaning is not built yet: build it (search by words works already)."
            ).replace("%1", group_digits(calls))
        elif embedded is not None and embedded < calls:
            text = (
                self.tr("Calls: %1, in the index: %2. Update the index to search the other %3 by meaning.")
                .replace("%1", group_digits(calls))
                .replace("%2", group_digits(embedded))
                .replace("%3", group_digits(calls - embedded))
            )
        else:
            text = self.tr("All %1 calls are in the index.").replace("%1", group_digits(calls))
        self.state_label.setText(text)
        self.state_label.setToolTip(self.tr("Model: %1").replace("%1", model_id) if model_id else "")
        self.set_running(self.running)

    def start_stage(self, text: str) -> None:
        self.stage.setText(text)
        self.reset_progress()

    def reset_progress(self) -> None:
        self.progress.setValue(0)
        for label in self.numbers.values():
            label.setText("—")

    def show_progress(
        self,
        fraction: float,
        *,
        done: str = "",
        speed: str = "",
        eta: str = "",
        device: str = "",
        batch: str = "",
    ) -> None:
        self.progress.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        for key, value in (("done", done), ("speed", speed), ("eta", eta), ("device", device), ("batch", batch)):
            if value:
                self.numbers[key].setText(value)

    def add_summary(self, text: str) -> None:
        self.summary.appendPlainText(text)

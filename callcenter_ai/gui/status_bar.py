"""Live status: calls, RAM, GPU memory (NVML) and whether the model is loaded (its id in a tooltip)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

log = logging.getLogger(__name__)

GIB = 1024**3
MIB = 1024**2
POLL_MS = 2000


def gib(n: float) -> str:
    return f"{n / GIB:.1f}"


class StatusBar(QStatusBar):
    """Polls memory every two seconds; the model state comes from ``model_state()``."""

    model_changed = Signal(bool)  # loaded?

    def __init__(self, model_state: Callable[[], tuple[str, bool]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model_state = model_state
        self.calls_label = QLabel(self)
        self.calls_label.setObjectName("callsLabel")
        self.ram_label = QLabel(self)
        self.ram_label.setObjectName("ramLabel")
        self.gpu_label = QLabel(self)
        self.gpu_label.setObjectName("gpuLabel")
        self.model_label = QLabel(self)
        self.model_label.setObjectName("modelLabel")
        self.model_loaded = False  # the unload action in the Settings menu follows it
        for widget in (self.calls_label, self.ram_label, self.gpu_label, self.model_label):
            self.addPermanentWidget(widget)
        self._gpu_absent = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        """First reading once the event loop runs (keeps diagnostics' imports off the start-up path)."""
        self.model_label.setText(self.tr("Model: %1").replace("%1", self.tr("not loaded")))
        QTimer.singleShot(0, self.refresh)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def set_calls(self, calls: int, embedded: int | None = None) -> None:
        text = self.tr("Calls: %1").replace("%1", f"{calls:,}".replace(",", "\u202f"))
        if embedded is not None:
            text += " · " + self.tr("indexed: %1").replace("%1", f"{embedded:,}".replace(",", "\u202f"))
        self.calls_label.setText(text)

    def refresh(self) -> None:
        self.refresh_memory()
        self.refresh_model()

    def refresh_memory(self) -> None:
        from callcenter_ai.core.diagnostics.system import process_rss, ram_info

        ram = ram_info()
        self.ram_label.setText(
            self.tr("RAM: app %1 MB, free %2 of %3 GB")
            .replace("%1", str(process_rss() // MIB))
            .replace("%2", gib(ram["available_bytes"]))
            .replace("%3", gib(ram["total_bytes"]))
        )
        self.gpu_label.setText(self._gpu_text())

    def _gpu_text(self) -> str:
        if self._gpu_absent:
            return self.tr("GPU: none")
        from callcenter_ai.core.diagnostics.gpu import gpu_info

        info: dict[str, Any] = gpu_info()
        devices = info.get("devices") or []
        if info.get("status") != "ok" or not devices:
            # No driver or no device: it will not appear while we run, stop asking NVML.
            self._gpu_absent = info.get("status") in ("no_driver", "no_nvml") or (
                info.get("status") == "ok" and not devices
            )
            self.gpu_label.setToolTip(str(info.get("message") or ""))
            return self.tr("GPU: none")
        device = devices[0]
        return (
            self.tr("GPU: %1 of %2 GB used")
            .replace("%1", gib(device["used_bytes"]))
            .replace("%2", gib(device["total_bytes"]))
        )

    def refresh_model(self) -> None:
        state, loaded = self._model_state()
        self.model_loaded = loaded
        self.model_label.setText(
            self.tr("Model: %1").replace("%1", self.tr("loaded") if loaded else self.tr("not loaded"))
        )
        self.model_label.setToolTip(state)  # the model's id and device: for admins
        self.model_changed.emit(loaded)

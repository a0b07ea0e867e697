"""pyqtgraph charts that report which bar or cell was clicked, and export themselves as PNG.

One :class:`pyqtgraph.PlotWidget` per chart; the data is set with
``BarGraphItem.setOpts`` / ``ImageItem.setImage``, never drawn by hand.  A
click on the plot's scene is mapped to data coordinates with the view box
(``mapSceneToView``) and becomes ``bar_clicked(index)`` /
``cell_clicked(column, row)`` — where the drill-down starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QWidget

BAR_COLOR = "#2b7bb9"
MAX_TICKS = 12

pg.setConfigOptions(antialias=True, background="w", foreground="k")


class Chart(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A plot with a title, fixed axes (no pan/zoom menu) and PNG export."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setTitle(title)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumSize(220, 120)
        self.scene().sigMouseClicked.connect(self._scene_clicked)

    def data_point(self, scene_pos: QPointF) -> QPointF:
        point: QPointF = self.getPlotItem().getViewBox().mapSceneToView(scene_pos)
        return point

    def view_to_widget(self, x: float, y: float) -> QPointF:
        """Where the data point (x, y) is on the widget (for tests that click like a person)."""
        scene = self.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
        point: QPointF = self.mapFromScene(scene)
        return QPointF(point)

    def export_png(self, path: Path) -> None:
        from pyqtgraph.exporters import ImageExporter

        exporter = ImageExporter(self.getPlotItem())
        exporter.parameters()["width"] = max(800, self.width())
        exporter.export(str(path))

    def _scene_clicked(self, event: Any) -> None:
        raise NotImplementedError


class BarChart(Chart):
    bar_clicked = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.values: list[float] = []
        self.labels: list[str] = []
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=BAR_COLOR)
        self.addItem(self.bars)

    def set_bars(self, labels: Sequence[str], values: Sequence[float]) -> None:
        self.labels, self.values = list(labels), [float(v) for v in values]
        x = np.arange(len(self.values), dtype=float)
        self.bars.setOpts(x=x, height=np.asarray(self.values, dtype=float), width=0.8)
        step = max(1, len(self.labels) // MAX_TICKS + (1 if len(self.labels) % MAX_TICKS else 0))
        ticks = [(float(i), _short(label)) for i, label in enumerate(self.labels) if i % step == 0]
        self.getAxis("bottom").setTicks([ticks])
        self.setXRange(-0.6, max(0.6, len(self.values) - 0.4), padding=0)
        self.setYRange(0, max(self.values, default=1.0) * 1.08 or 1.0, padding=0)

    def bar_center(self, index: int) -> QPointF:
        return self.view_to_widget(float(index), self.values[index] / 2)

    def _scene_clicked(self, event: Any) -> None:
        point = self.data_point(event.scenePos())
        index = round(point.x())
        if 0 <= index < len(self.values) and abs(point.x() - index) <= 0.4 and 0 <= point.y() <= self.values[index]:
            self.bar_clicked.emit(index)


class HeatMap(Chart):
    """Counts on a grid: ``counts[row][column]`` (weekday × hour); ``cell_clicked(column, row)``."""

    cell_clicked = Signal(int, int)

    def __init__(self, title: str, row_labels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.counts = np.zeros((len(row_labels), 24))
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.addItem(self.image)
        self.getAxis("left").setTicks([[(i + 0.5, label) for i, label in enumerate(row_labels)]])
        self.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(0, 24, 3)]])
        self.getViewBox().invertY(True)

    def set_counts(self, counts: Sequence[Sequence[int]]) -> None:
        self.counts = np.asarray(counts, dtype=float)
        rows, columns = self.counts.shape
        self.image.setImage(self.counts.T, autoLevels=True)  # ImageItem's first axis is x
        self.setXRange(0, columns, padding=0)
        self.setYRange(0, rows, padding=0)

    def cell_center(self, column: int, row: int) -> QPointF:
        return self.view_to_widget(column + 0.5, row + 0.5)

    def _scene_clicked(self, event: Any) -> None:
        point = self.data_point(event.scenePos())
        column, row = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= row < self.counts.shape[0] and 0 <= column < self.counts.shape[1]:
            self.cell_clicked.emit(column, row)


def _short(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"

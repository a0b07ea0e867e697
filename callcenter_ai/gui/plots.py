"""pyqtgraph charts that report which bar or cell was clicked, and export themselves as PNG.

One :class:`pyqtgraph.PlotWidget` per chart; the data is set with
``BarGraphItem.setOpts`` / ``ImageItem.setImage``, never drawn by hand.  A
click on the plot's scene is mapped to data coordinates with the view box
(``mapSceneToView``) and becomes ``bar_clicked(index)`` /
``cell_clicked(column, row)`` — where the drill-down starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QPointF, Signal
from PySide6.QtWidgets import QWidget

from callcenter_ai.gui.results_model import format_date

BAR_COLOR = "#2b7bb9"
MAX_TICKS = 12  # day labels under a bar chart
MAX_NAMES = 6  # names (topics, operators) under a bar chart: longer, so fewer
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")

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
        self.empty = pg.TextItem("", color="#777777", anchor=(0.5, 0.5))
        self.empty.setZValue(10)
        self.addItem(self.empty, ignoreBounds=True)

    def show_empty(self, text: str) -> None:
        """Nothing to draw: ``text`` in the middle, no made-up axis values (pyqtgraph's own 0.1 … 0.9)."""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.empty.setPos(0.5, 0.5)
        for side in ("left", "bottom"):
            self.getAxis(side).setTicks([[]])
        self.setXRange(0, 1, padding=0)
        self.setYRange(0, 1, padding=0)

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
        image = exporter.export(toBytes=True)  # QImage.save would fail without saying why: Python writes the file
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        path.write_bytes(bytes(buffer.data().data()))

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
        self.setMouseTracking(True)

    def set_bars(self, labels: Sequence[str], values: Sequence[float]) -> None:
        """Days are written dd.MM (the window's date format) at most :data:`MAX_TICKS` times; names are
        shortened and shown at most :data:`MAX_NAMES` times — each bar's full name is its tooltip."""
        self.labels, self.values = list(labels), [float(v) for v in values]
        self.empty.setVisible(False)
        x = np.arange(len(self.values), dtype=float)
        self.bars.setOpts(x=x, height=np.asarray(self.values, dtype=float), width=0.8)
        self.getAxis("left").setTicks(None)
        self.getAxis("bottom").setTicks([tick_labels(self.labels)])
        self.setXRange(-0.6, max(0.6, len(self.values) - 0.4), padding=0)
        self.setYRange(0, max(self.values, default=1.0) * 1.08 or 1.0, padding=0)

    def bar_center(self, index: int) -> QPointF:
        return self.view_to_widget(float(index), self.values[index] / 2)

    def bar_at(self, point: QPointF) -> int | None:
        index = round(point.x())
        if 0 <= index < len(self.values) and abs(point.x() - index) <= 0.4 and 0 <= point.y() <= self.values[index]:
            return index
        return None

    def mouseMoveEvent(self, event: Any) -> None:
        super().mouseMoveEvent(event)
        index = self.bar_at(self.data_point(self.mapToScene(event.position().toPoint())))
        self.setToolTip("" if index is None else f"{self.labels[index]}: {self.values[index]:g}")

    def _scene_clicked(self, event: Any) -> None:
        index = self.bar_at(self.data_point(event.scenePos()))
        if index is not None:
            self.bar_clicked.emit(index)


class HeatMap(Chart):
    """Counts on a grid: ``counts[row][column]`` (weekday × hour); ``cell_clicked(column, row)``."""

    cell_clicked = Signal(int, int)

    def __init__(
        self, title: str, row_labels: Sequence[str], parent: QWidget | None = None, *, axes: tuple[str, str, str]
    ) -> None:
        """``axes``: the titles of the columns, the rows and the colour scale."""
        super().__init__(title, parent)
        self.row_labels = list(row_labels)
        self.counts = np.zeros((len(row_labels), 24))
        self.image = pg.ImageItem()
        colors = pg.colormap.get("viridis")
        self.image.setColorMap(colors)
        self.addItem(self.image)
        self.setLabel("bottom", axes[0])
        self.setLabel("left", axes[1])
        self.scale = self.getPlotItem().addColorBar(self.image, colorMap=colors, label=axes[2], interactive=False)
        self._axis_ticks()
        self.getViewBox().invertY(True)

    def _axis_ticks(self) -> None:
        self.getAxis("left").setTicks([[(i + 0.5, label) for i, label in enumerate(self.row_labels)]])
        self.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(0, 24, 3)]])

    def set_counts(self, counts: Sequence[Sequence[int]]) -> None:
        self.counts = np.asarray(counts, dtype=float)
        self.empty.setVisible(False)
        self._axis_ticks()
        rows, columns = self.counts.shape
        top = max(1.0, float(self.counts.max(initial=0)))
        self.image.setImage(self.counts.T, levels=(0, top))  # ImageItem's first axis is x
        self.scale.setLevels((0, top))
        self.setXRange(0, columns, padding=0)
        self.setYRange(0, rows, padding=0)

    def cell_center(self, column: int, row: int) -> QPointF:
        return self.view_to_widget(column + 0.5, row + 0.5)

    def _scene_clicked(self, event: Any) -> None:
        point = self.data_point(event.scenePos())
        column, row = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= row < self.counts.shape[0] and 0 <= column < self.counts.shape[1]:
            self.cell_clicked.emit(column, row)


def tick_labels(labels: Sequence[str]) -> list[tuple[float, str]]:
    """Few enough labels not to overlap: ISO days as dd.MM, names shortened (full in the bar's tooltip)."""
    days = bool(labels) and all(ISO_DAY.match(label) for label in labels)
    most = MAX_TICKS if days else MAX_NAMES
    step = max(1, -(-len(labels) // most))
    first = step // 2  # not the first bar: pyqtgraph drops a label that would stick out left of the axis
    return [
        (float(i), day_month(label) if days else _short(label)) for i, label in enumerate(labels) if i % step == first
    ]


def day_month(iso_day: str) -> str:
    """``dd.MM``: the window's date format (:func:`~callcenter_ai.gui.results_model.format_date`) without the year."""
    return format_date(iso_day)[:5]


def _short(label: str, limit: int = 11) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"

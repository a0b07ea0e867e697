"""The Обучение tab's charts, drawn by pyqtgraph (as the «Аналитика» tab's).

The widgets take plain Python data — lists of ``(label, value)`` with values
as shares from 0 to 1 — and know nothing of the core.  With no data they
show «Пока нет оценок».  One :class:`pyqtgraph.PlotWidget` per chart; data
is set with ``setData`` / ``BarGraphItem.setOpts``, never painted by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES_COLORS = (QColor("#2b7bb9"), QColor("#e0801f"))
GRID_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
MAX_TICKS = 10

Point = tuple[str, float | None]
Bar = tuple[str, float]


def percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def clamp_share(value: float) -> float:
    return max(0.0, min(1.0, value))


class ChartWidget(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A titled chart of shares with a «no ratings yet» text when it has nothing to show."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 150)
        self.empty_text = self.tr("No ratings yet")
        self.empty = pg.TextItem(self.empty_text, color="#777777", anchor=(0.5, 0.5))
        self.addItem(self.empty)
        self.title = title

    @property
    def title(self) -> str:
        return self._title

    @title.setter
    def title(self, text: str) -> None:
        self._title = text
        self.setTitle(text, color="k")

    def has_data(self) -> bool:
        raise NotImplementedError

    def _show_empty(self) -> None:
        self.empty.setVisible(not self.has_data())
        self.empty.setPos(0.5, 0.5)


class LineChart(ChartWidget):
    """Shares (0..1) over labelled periods, e.g. precision@k per day; ``None`` values leave a gap."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.points: list[Point] = []
        color = SERIES_COLORS[0]
        self.line = self.plot([], [], pen=pg.mkPen(color, width=2), symbol="o", symbolBrush=color, connect="finite")
        self.getAxis("left").setTicks([[(s, percent(s)) for s in GRID_STEPS]])
        self.showGrid(y=True, alpha=0.3)
        self.set_points([])  # axes of shares from the start, never pyqtgraph's own -0.4 … 0.4

    def set_points(self, points: Sequence[Point]) -> None:
        self.points = [(str(label), None if value is None else clamp_share(value)) for label, value in points]
        x = np.arange(len(self.points), dtype=float)
        y = np.array([np.nan if v is None else v for _, v in self.points], dtype=float)
        self.line.setData(x, y) if self.has_data() else self.line.setData([], [])
        every = max(1, -(-len(self.points) // MAX_TICKS))
        self.getAxis("bottom").setTicks([[(float(i), p[0]) for i, p in enumerate(self.points) if i % every == 0]])
        self.setXRange(-0.5, max(0.5, len(self.points) - 0.5), padding=0)
        self.setYRange(0, 1.05, padding=0)
        self.empty.setPos((len(self.points) - 1) / 2 if self.points else 0.5, 0.5)
        self.empty.setVisible(not self.has_data())

    def has_data(self) -> bool:
        return any(value is not None for _, value in self.points)


class BarChart(ChartWidget):
    """Horizontal bars of shares (0..1), one per label, with the value (and an optional note) at the end."""

    alternate_colors = False

    def __init__(self, title: str, parent: QWidget | None = None, *, max_bars: int = 12) -> None:
        super().__init__(title, parent)
        self.max_bars = max_bars
        self.bars: list[Bar] = []
        self.notes: list[str] = []
        self.items = pg.BarGraphItem(x0=[], y=[], height=0.64, width=[], brushes=[], pen=None)
        self.addItem(self.items)
        self.texts: list[pg.TextItem] = []
        self.getViewBox().invertY(True)
        self.getAxis("bottom").setTicks([[(s, percent(s)) for s in GRID_STEPS]])
        self.showGrid(x=True, alpha=0.3)
        self.set_bars([])

    def set_bars(self, bars: Sequence[Bar], notes: Sequence[str] | None = None) -> None:
        """``notes`` (e.g. the number of ratings) are shown after each value; only the first ``max_bars``."""
        self.bars = [(str(label), clamp_share(float(value))) for label, value in bars][: self.max_bars]
        self.notes = list(notes or [])[: len(self.bars)]
        count = len(self.bars)
        brushes = [
            SERIES_COLORS[i % len(SERIES_COLORS)] if self.alternate_colors else SERIES_COLORS[0] for i in range(count)
        ]
        self.items.setOpts(
            x0=np.zeros(count), y=np.arange(count, dtype=float), height=0.64,
            width=np.array([max(v, 0.002) for _, v in self.bars]), brushes=brushes, pen=None,
        )  # fmt: skip
        for text in self.texts:
            self.removeItem(text)
        self.texts = []
        for i, (_label, value) in enumerate(self.bars):
            note = self.notes[i] if i < len(self.notes) and self.notes[i] else ""
            text = pg.TextItem(percent(value) + (f"  ({note})" if note else ""), color="k", anchor=(0, 0.5))
            text.setPos(value + 0.01, float(i))
            self.addItem(text)
            self.texts.append(text)
        self.getAxis("left").setTicks([[(float(i), label[:24]) for i, (label, _) in enumerate(self.bars)]])
        self.setXRange(0, 1.35, padding=0)
        self.setYRange(-0.6, max(0.6, count - 0.4), padding=0)
        self.empty.setPos(0.6, max(0.0, (count - 1) / 2))
        self.empty.setVisible(not self.has_data())

    def has_data(self) -> bool:
        return bool(self.bars)


class ComparisonChart(BarChart):
    """Two or more bars in different colours, e.g. plain vs re-ranked precision."""

    alternate_colors = True

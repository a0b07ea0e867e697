"""Small charts drawn with QPainter (PySide6-Essentials has no QtCharts).

The widgets take plain Python data — lists of ``(label, value)`` with values
as shares from 0 to 1 — and know nothing of the core.  With no data they
show «Пока нет оценок».
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES_COLORS = (QColor("#2b7bb9"), QColor("#e0801f"))
MARGIN = 8
GRID_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)

Point = tuple[str, float | None]
Bar = tuple[str, float]


def percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def clamp_share(value: float) -> float:
    return max(0.0, min(1.0, value))


class ChartWidget(QWidget):
    """A titled chart; subclasses draw the data into the plot rectangle."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.empty_text = self.tr("No ratings yet")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 150)

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def has_data(self) -> bool:
        raise NotImplementedError

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
            metrics = QFontMetrics(self.font())
            title_font = self.font()
            title_font.setBold(True)
            painter.setFont(title_font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            title_rect = QRectF(MARGIN, MARGIN / 2, self.width() - 2 * MARGIN, metrics.height() + MARGIN / 2)
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
            painter.setFont(self.font())
            body = QRectF(self.rect()).adjusted(MARGIN, title_rect.bottom() + MARGIN / 2, -MARGIN, -MARGIN)
            if not self.has_data():
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(body, Qt.AlignmentFlag.AlignCenter, self.empty_text)
                return
            self.draw(painter, body, metrics)
        finally:
            painter.end()

    def draw(self, painter: QPainter, body: QRectF, metrics: QFontMetrics) -> None:
        raise NotImplementedError

    def grid_pen(self) -> QPen:
        color = self.palette().color(QPalette.ColorRole.Mid)
        color.setAlpha(110)
        return QPen(color, 1, Qt.PenStyle.DashLine)


class LineChart(ChartWidget):
    """Shares (0..1) over labelled periods, e.g. precision@k per day; ``None`` values leave a gap."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.points: list[Point] = []

    def set_points(self, points: Sequence[Point]) -> None:
        self.points = [(str(label), None if value is None else clamp_share(value)) for label, value in points]
        self.update()

    def has_data(self) -> bool:
        return any(value is not None for _, value in self.points)

    def draw(self, painter: QPainter, body: QRectF, metrics: QFontMetrics) -> None:
        axis_width = metrics.horizontalAdvance("100 %") + MARGIN
        plot = body.adjusted(axis_width, metrics.height() / 2, -metrics.horizontalAdvance("0000-00-00") / 2, 0)
        plot.setBottom(body.bottom() - metrics.height() - MARGIN / 2)
        text_color = self.palette().color(QPalette.ColorRole.Text)
        for step in GRID_STEPS:
            y = plot.bottom() - step * plot.height()
            painter.setPen(self.grid_pen())
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_color)
            label_rect = QRectF(body.left(), y - metrics.height() / 2, axis_width - MARGIN / 2, metrics.height())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, percent(step))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())

        count = len(self.points)
        xs = [plot.center().x()] if count == 1 else [plot.left() + i * plot.width() / (count - 1) for i in range(count)]
        widest = max(metrics.horizontalAdvance(label) for label, _ in self.points) + MARGIN
        every = max(1, int(widest * count / max(plot.width(), 1.0)) + 1)
        for i, (label, _value) in enumerate(self.points):
            if i % every and i != count - 1:
                continue
            rect = QRectF(xs[i] - widest / 2, plot.bottom() + MARGIN / 2, widest, metrics.height())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

        color = SERIES_COLORS[0]
        segment = QPolygonF()
        for x, (_label, value) in zip(xs, self.points, strict=True):
            if value is None:
                self._draw_segment(painter, segment, color)
                segment = QPolygonF()
                continue
            segment.append(QPointF(x, plot.bottom() - value * plot.height()))
        self._draw_segment(painter, segment, color)
        painter.setPen(QPen(color.darker(130), 1))
        painter.setBrush(color)
        for x, (_label, value) in zip(xs, self.points, strict=True):
            if value is not None:
                painter.drawEllipse(QPointF(x, plot.bottom() - value * plot.height()), 3.5, 3.5)
        if count <= 12:
            painter.setPen(text_color)
            for x, (_label, value) in zip(xs, self.points, strict=True):
                if value is not None:
                    y = plot.bottom() - value * plot.height()
                    left = min(max(x - 30, plot.left() + 2), plot.right() - 58)
                    rect = QRectF(left, y - metrics.height() - 5, 60, metrics.height())
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, percent(value))

    @staticmethod
    def _draw_segment(painter: QPainter, segment: QPolygonF, color: QColor) -> None:
        if segment.size() > 1:
            painter.setPen(QPen(color, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(segment)


class BarChart(ChartWidget):
    """Horizontal bars of shares (0..1), one per label, with the value (and an optional note) at the end."""

    alternate_colors = False

    def __init__(self, title: str, parent: QWidget | None = None, *, max_bars: int = 12) -> None:
        super().__init__(title, parent)
        self.max_bars = max_bars
        self.bars: list[Bar] = []
        self.notes: list[str] = []

    def set_bars(self, bars: Sequence[Bar], notes: Sequence[str] | None = None) -> None:
        """``notes`` (e.g. the number of ratings) are shown after each value; only the first ``max_bars``."""
        self.bars = [(str(label), clamp_share(float(value))) for label, value in bars][: self.max_bars]
        self.notes = list(notes or [])[: len(self.bars)]
        self.update()

    def has_data(self) -> bool:
        return bool(self.bars)

    def draw(self, painter: QPainter, body: QRectF, metrics: QFontMetrics) -> None:
        label_width = min(body.width() * 0.4, max(metrics.horizontalAdvance(label) for label, _ in self.bars) + MARGIN)
        value_width = metrics.horizontalAdvance("100 %  (0000)") + MARGIN
        plot = body.adjusted(label_width, 0, -value_width, 0)
        row_height = min(plot.height() / len(self.bars), metrics.height() * 2.0)
        text_color = self.palette().color(QPalette.ColorRole.Text)
        painter.setPen(self.grid_pen())
        for step in GRID_STEPS[1:]:
            x = plot.left() + step * plot.width()
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.top() + row_height * len(self.bars)))
        for i, (label, value) in enumerate(self.bars):
            top = plot.top() + i * row_height
            painter.setPen(text_color)
            label_rect = QRectF(body.left(), top, label_width - MARGIN / 2, row_height)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_rect.width()))
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            color = SERIES_COLORS[i % len(SERIES_COLORS)] if self.alternate_colors else SERIES_COLORS[0]
            bar = QRectF(plot.left(), top + row_height * 0.18, max(1.0, value * plot.width()), row_height * 0.64)
            painter.fillRect(bar, color)
            text = percent(value) + (f"  ({self.notes[i]})" if i < len(self.notes) and self.notes[i] else "")
            painter.setPen(text_color)
            value_rect = QRectF(bar.right() + MARGIN / 2, top, value_width + plot.width(), row_height)
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setPen(text_color)
        painter.drawLine(
            QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.top() + row_height * len(self.bars))
        )


class ComparisonChart(BarChart):
    """Two or more bars in different colours, e.g. plain vs re-ranked precision."""

    alternate_colors = True

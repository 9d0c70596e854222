"""The timeline: Serge's life periods along 1890–1947, each work a dot at its year, coloured
by the reader's status. Clicking a period or a work opens it in the context panel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from serge_reader import timeline
from serge_reader.library import Library

STATUS_COLOURS = {
    None: "#9aa0a6",
    "want-to-read": "#c9a227",
    "reading": "#1f6feb",
    "finished": "#2e8b57",
    "abandoned": "#b3261e",
}
MARGIN, BAND_TOP, BAND_HEIGHT, DOT = 24.0, 40.0, 46.0, 9.0


@dataclass(frozen=True)
class Placed:
    slug: str
    title: str
    rect: QRectF
    kind: str  # "period" or "work"


def layout(spans: list[timeline.Span], marks: list[timeline.Mark], width: float) -> list[Placed]:
    """Where each period band and work dot goes for a widget `width` pixels wide.

    Pure geometry, so hit-testing is tested without painting. Works of one year are stacked.
    """
    span = timeline.LAST_YEAR + 1 - timeline.FIRST_YEAR
    scale = (width - 2 * MARGIN) / span

    def x(year: float) -> float:
        return MARGIN + (year - timeline.FIRST_YEAR) * scale

    placed: list[Placed] = []
    for i, p in enumerate(spans):
        top = BAND_TOP + (i % 2) * (BAND_HEIGHT / 2 + 2)
        rect = QRectF(x(p.start), top, max(x(p.end) - x(p.start) - 1, 2), BAND_HEIGHT / 2)
        placed.append(Placed(p.slug, p.title, rect, "period"))
    stacks: dict[int, int] = {}
    base = BAND_TOP + BAND_HEIGHT + 30
    for w in marks:
        level = stacks.get(w.year, 0)
        stacks[w.year] = level + 1
        centre = QPointF(x(w.year + 0.5), base + level * (DOT + 4))
        rect = QRectF(centre.x() - DOT / 2, centre.y() - DOT / 2, DOT, DOT)
        placed.append(Placed(w.slug, w.title, rect, "work"))
    return placed


def hit(placed: list[Placed], point: QPointF) -> Placed | None:
    """The work (drawn on top) or period under a point."""
    for item in sorted(placed, key=lambda p: p.kind != "work"):
        if item.rect.adjusted(-2, -2, 2, 2).contains(point):
            return item
    return None


class TimelineView(QWidget):
    opened = Signal(str)

    def __init__(self, lib: Library) -> None:
        super().__init__()
        self.lib = lib
        self.setObjectName("timeline")
        self.setAccessibleName(self.tr("Timeline of Serge's life and works"))
        self.setMouseTracking(True)
        self.setMinimumHeight(260)
        self.placed: list[Placed] = []
        self.spans: list[timeline.Span] = []
        self.marks: list[timeline.Mark] = []
        self.statuses: dict[str, str | None] = {}
        self.refresh()

    def refresh(self) -> None:
        """Read the periods and the reader's statuses again (after a change of progress)."""
        self.spans = timeline.periods(self.lib)
        self.marks = timeline.works(self.lib)
        self.statuses = {m.slug: m.status for m in self.marks}
        self.placed = layout(self.spans, self.marks, max(self.width(), 400))
        self.update()

    def resizeEvent(self, event: object) -> None:
        self.placed = layout(self.spans, self.marks, max(self.width(), 400))

    def sizeHint(self) -> QSize:
        return QSize(900, 320)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        width = self.width()
        span = timeline.LAST_YEAR + 1 - timeline.FIRST_YEAR
        scale = (width - 2 * MARGIN) / span
        painter.setPen(text)
        for year in range(timeline.FIRST_YEAR, timeline.LAST_YEAR + 1, 5):
            x = MARGIN + (year - timeline.FIRST_YEAR) * scale
            painter.drawLine(QPointF(x, 24), QPointF(x, 30))
            painter.drawText(QRectF(x - 20, 4, 40, 18), Qt.AlignmentFlag.AlignCenter, str(year))
        band = palette.color(QPalette.ColorRole.Highlight)
        metrics = painter.fontMetrics()
        for item in self.placed:
            if item.kind == "period":
                painter.setPen(Qt.PenStyle.NoPen)
                colour = QColor(band)
                colour.setAlpha(90)
                painter.setBrush(colour)
                painter.drawRoundedRect(item.rect, 3, 3)
                label = metrics.elidedText(
                    item.title, Qt.TextElideMode.ElideRight, int(item.rect.width()) - 4
                )
                if len(label) > 3:
                    painter.setPen(text)
                    painter.drawText(
                        item.rect.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, label
                    )
        for item in self.placed:
            if item.kind == "work":
                painter.setPen(text)
                painter.setBrush(
                    QColor(STATUS_COLOURS.get(self.statuses.get(item.slug), "#9aa0a6"))
                )
                painter.drawEllipse(item.rect)
        legend_y = self.height() - 22
        x = MARGIN
        for status, label in (
            (None, self.tr("not tracked")),
            ("want-to-read", self.tr("want to read")),
            ("reading", self.tr("reading")),
            ("finished", self.tr("finished")),
            ("abandoned", self.tr("abandoned")),
        ):
            painter.setBrush(QColor(STATUS_COLOURS[status]))
            painter.setPen(text)
            painter.drawEllipse(QRectF(x, legend_y + 4, DOT, DOT))
            width = metrics.horizontalAdvance(label)
            painter.drawText(
                QRectF(x + DOT + 4, legend_y, width + 4, 18), Qt.AlignmentFlag.AlignVCenter, label
            )
            x += DOT + width + 24
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = hit(self.placed, event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if item else Qt.CursorShape.ArrowCursor)
        if item:
            QToolTip.showText(event.globalPosition().toPoint(), item.title, self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        item = hit(self.placed, event.position())
        if item and event.button() == Qt.MouseButton.LeftButton:
            self.opened.emit(item.slug)

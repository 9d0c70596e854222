"""The timeline: Serge's life periods along 1890–1947, under them when and where each novel
is set, and each work at its year with the reader's own reading of it (its status's colour,
and how far they are in it). Every label is whole: labels that do not fit where they belong
go to the next free row (staggered), never elided or drawn over each other. Clicking a
period, a novel's setting or a work opens it in the context panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from serge_reader import entries, i18n, timeline
from serge_reader.library import Library
from serge_reader.progress import reading_list

STATUS_COLOURS = {
    None: "#9aa0a6",
    "want-to-read": "#c9a227",
    "reading": "#1f6feb",
    "finished": "#2e8b57",
    "abandoned": "#b3261e",
}
SETTING_COLOUR = QColor(156, 106, 222, 120)  # the novels' settings: apart from the periods' hue
MARGIN, AXIS, DOT, GAP = 16.0, 30.0, 9.0, 10.0


@dataclass(frozen=True)
class Placed:
    slug: str
    title: str
    rect: QRectF  # the period's or setting's band, or the work's dot: where it is on the axis
    kind: str  # "period", "setting", "work", or "caption" (the settings' row name)
    label: QRectF  # where its name is written (never over another's); empty: not written
    detail: str = ""  # the tooltip, where it says more than the name
    open_end: bool = False  # a setting whose end no source gives: drawn fading out


def _rows(extents: list[tuple[float, float]]) -> list[int]:
    """A row for each (left, right) extent, in order, the first free one: no two extents of
    one row overlap (they keep GAP pixels apart)."""
    ends: list[float] = []
    rows = []
    for left, right in extents:
        row = next((i for i, end in enumerate(ends) if left >= end + GAP), len(ends))
        if row == len(ends):
            ends.append(right)
        else:
            ends[row] = right
        rows.append(row)
    return rows


def layout(
    spans: list[timeline.Span],
    marks: list[timeline.Mark],
    width: float,
    text_width: Callable[[str], float] | None = None,
    line: float = 20.0,
    settings: Sequence[timeline.Setting] = (),
    caption: str = "",
) -> list[Placed]:
    """Where each period band, setting band, work dot and label goes for a widget `width`
    pixels wide.

    Pure geometry, so hit-testing and the no-overlap rule are tested without painting.
    A label goes right of where its period or novel's setting starts or its work's dot
    stands, or left of it when that would run past the right edge. A novel's settings share
    one row, its title written once, on the first; `caption` names their rows at the left.
    """
    measure = text_width or (lambda text: 7.0 * len(text))
    width = max(width, 300.0)
    span = timeline.LAST_YEAR + 1 - timeline.FIRST_YEAR
    scale = (width - 2 * MARGIN) / span

    def x(year: float) -> float:
        return MARGIN + (year - timeline.FIRST_YEAR) * scale

    def label_at(left: float, text: str) -> tuple[float, float]:
        size = measure(text)
        if left + size > width - MARGIN:
            left = max(MARGIN, width - MARGIN - size)
        return left, left + size

    placed: list[Placed] = []
    bands = []
    for p in spans:
        start, end = x(p.start), x(p.end)
        left, right = label_at(start + 4, p.title)
        bands.append((p, start, end, left, right))
    rows = _rows([(min(s, le), max(e, r)) for _, s, e, le, r in bands])
    top = AXIS + 6
    for (p, start, end, left, right), row in zip(bands, rows, strict=True):
        y = top + row * line
        rect = QRectF(start, y + 1, max(end - start - 1, 2.0), line - 2)
        label = QRectF(left, y, right - left, line)
        placed.append(Placed(p.slug, p.title, rect, "period", label))
    top += (max(rows, default=-1) + 1) * line + line / 2
    if settings:
        placed.extend(_place_settings(settings, x, label_at, top, line, caption, measure))
        top = max(p.rect.bottom() + 1 for p in placed if p.kind == "setting") + line / 2

    dots = []
    for w in sorted(marks, key=lambda m: (m.year, m.title)):
        centre = x(w.year + 0.5)
        size = measure(w.title)
        if centre + DOT / 2 + 4 + size <= width - MARGIN:
            start = centre + DOT / 2 + 4
        else:  # near the right edge: the title on the dot's left, inside the widget
            start = max(MARGIN, centre - DOT / 2 - 4 - size)
        text = QRectF(start, 0, size, line)
        left, right = min(start, centre - DOT / 2), max(start + size, centre + DOT / 2)
        dots.append((w, centre, left, right, text))
    rows = _rows([(left, right) for _, _, left, right, _ in sorted(dots, key=lambda d: d[2])])
    by_left = sorted(range(len(dots)), key=lambda i: dots[i][2])
    row_of = {i: rows[n] for n, i in enumerate(by_left)}
    for i, (w, centre, _left, _right, text) in enumerate(dots):
        y = top + row_of[i] * line
        rect = QRectF(centre - DOT / 2, y + (line - DOT) / 2, DOT, DOT)
        placed.append(Placed(w.slug, w.title, rect, "work", text.translated(0, y)))
    return placed


def _place_settings(
    settings: Sequence[timeline.Setting],
    x: Callable[[float], float],
    label_at: Callable[[float, str], tuple[float, float]],
    top: float,
    line: float,
    caption: str,
    measure: Callable[[str], float],
) -> list[Placed]:
    """The settings' bands from `top` down, a row per novel, the caption's row first."""
    novels: dict[str, list[timeline.Setting]] = {}
    for s in settings:
        novels.setdefault(s.slug, []).append(s)
    extents = []  # (left, right, slug or "" for the caption)
    if caption:
        extents.append((MARGIN, MARGIN + measure(caption), ""))
    labels = {}
    for slug, parts in novels.items():
        left, right = label_at(x(parts[0].start) + 4, parts[0].title)
        labels[slug] = QRectF(left, 0, right - left, line)
        ends = max(x(p.end) for p in parts)
        extents.append((min(x(parts[0].start), left), max(ends, right), slug))
    extents.sort()
    row_of = dict(zip((e[2] for e in extents), _rows([e[:2] for e in extents]), strict=True))
    placed = []
    if caption:
        y = top + row_of[""] * line
        label = QRectF(MARGIN, y, measure(caption), line)
        placed.append(Placed("", caption, QRectF(), "caption", label))
    for slug, parts in novels.items():
        y = top + row_of[slug] * line
        for i, p in enumerate(parts):
            start, end = x(p.start), x(p.end)
            rect = QRectF(start, y + 1, max(end - start - 1, 2.0), line - 2)
            label = labels[slug].translated(0, y) if i == 0 else QRectF()
            detail = "\n".join((p.title, p.when, ", ".join(p.places)))
            placed.append(Placed(slug, p.title, rect, "setting", label, detail, p.open_end))
    return placed


def hit(placed: list[Placed], point: QPointF) -> Placed | None:
    """The work (drawn on top), setting or period under a point, on its mark or its name."""
    for item in sorted(placed, key=lambda p: p.kind != "work"):
        if item.kind == "caption":
            continue
        if item.rect.adjusted(-2, -2, 2, 2).contains(point) or item.label.contains(point):
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
        self.placed: list[Placed] = []
        self.spans: list[timeline.Span] = []
        self.marks: list[timeline.Mark] = []
        self.settings: list[timeline.Setting] = []
        self.statuses: dict[str, str | None] = {}
        self.percents: dict[str, float] = {}
        self.legend_rows: list[list[tuple[str | None, str, QRectF]]] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the periods, the reader's statuses and the settings they may see again
        (after a change of progress: reaching a chapter can show a novel's later setting)."""
        self.spans = timeline.periods(self.lib)
        self.settings = timeline.settings(self.lib, entries.reader_place(self.lib))
        rows = {w.id: w for w in reading_list(self.lib)}
        self.marks = [
            timeline.Mark(
                m.slug,
                i18n.work_title(rows[m.slug].title, rows[m.slug].original_title)
                if m.slug in rows
                else m.title,
                m.year,
                m.status,
                m.readable,
            )
            for m in timeline.works(self.lib)
        ]
        self.statuses = {m.slug: m.status for m in self.marks}
        self.percents = {slug: float(row.percent or 0) for slug, row in rows.items() if row.status}
        self._place()
        self.update()

    def _line(self) -> float:
        return QFontMetricsF(self.font()).height() + 8

    def _place(self) -> None:
        metrics = QFontMetricsF(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetricsF(bold)

        def text_width(text: str) -> float:
            return bold_metrics.horizontalAdvance(text) + 2

        width = float(max(self.width(), 300))
        self.placed = layout(
            self.spans,
            self.marks,
            width,
            text_width,
            self._line(),
            self.settings,
            self.tr("Where the novels are set"),
        )
        # The legend, in as many rows as the width needs: never cut, never run together.
        self.legend_rows = []
        x, row = MARGIN, list[tuple[str | None, str, QRectF]]()
        for status, label in self._legend():
            size = DOT + 6 + metrics.horizontalAdvance(label)
            if row and x + size > width - MARGIN:
                self.legend_rows.append(row)
                x, row = MARGIN, list[tuple[str | None, str, QRectF]]()
            row.append((status, label, QRectF(x, 0, size, self._line())))
            x += size + 2 * GAP
        if row:
            self.legend_rows.append(row)
        bottom = max((max(p.rect.bottom(), p.label.bottom()) for p in self.placed), default=AXIS)
        needed = int(bottom + 12 + len(self.legend_rows) * self._line() + MARGIN)
        if self.minimumHeight() != needed:
            self.setMinimumHeight(needed)

    def _legend(self) -> list[tuple[str | None, str]]:
        return [
            (None, self.tr("not tracked")),
            ("want-to-read", self.tr("want to read")),
            ("reading", self.tr("reading")),
            ("finished", self.tr("finished")),
            ("abandoned", self.tr("abandoned")),
        ]

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place()

    def sizeHint(self) -> QSize:
        return QSize(900, max(self.minimumHeight(), 320))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        width = float(max(self.width(), 300))
        metrics = QFontMetricsF(self.font())
        span = timeline.LAST_YEAR + 1 - timeline.FIRST_YEAR
        scale = (width - 2 * MARGIN) / span
        label_width = metrics.horizontalAdvance("0000") + 12
        step = next((s for s in (5, 10, 20) if s * scale >= label_width), 25)
        painter.setPen(muted)
        for year in range(timeline.FIRST_YEAR, timeline.LAST_YEAR + 1, step):
            x = MARGIN + (year - timeline.FIRST_YEAR) * scale
            painter.drawLine(QPointF(x, AXIS - 6), QPointF(x, float(self.height())))
            painter.setPen(text)
            painter.drawText(
                QRectF(x - label_width / 2, 4, label_width, AXIS - 10),
                Qt.AlignmentFlag.AlignCenter,
                str(year),
            )
            painter.setPen(muted)
        band = palette.color(QPalette.ColorRole.Highlight)
        bold = QFont(self.font())
        bold.setBold(True)
        for item in self.placed:
            if item.kind != "period":
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            colour = QColor(band)
            colour.setAlpha(70)
            painter.setBrush(colour)
            painter.drawRoundedRect(item.rect, 3, 3)
            painter.setPen(text)
            painter.drawText(item.label, Qt.AlignmentFlag.AlignVCenter, item.title)
        for item in self.placed:
            if item.kind == "caption":
                painter.setPen(muted)
                painter.drawText(item.label, Qt.AlignmentFlag.AlignVCenter, item.title)
            if item.kind != "setting":
                continue
            fill = QColor(SETTING_COLOUR)
            if item.open_end:  # no source gives its end: it fades out
                gradient = QLinearGradient(item.rect.topLeft(), item.rect.topRight())
                gradient.setColorAt(0.0, fill)
                fill.setAlpha(0)
                gradient.setColorAt(1.0, fill)
                painter.setBrush(gradient)
            else:
                painter.setBrush(fill)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRect(item.rect.adjusted(0, 4, 0, -4))
            if not item.label.isEmpty():
                painter.setPen(text)
                painter.drawText(item.label, Qt.AlignmentFlag.AlignVCenter, item.title)
        for item in self.placed:
            if item.kind != "work":
                continue
            status = self.statuses.get(item.slug)
            colour = QColor(STATUS_COLOURS.get(status, "#9aa0a6"))
            painter.setPen(text)
            painter.setBrush(colour)
            painter.drawEllipse(item.rect)
            painter.setFont(bold if status == "reading" else self.font())
            painter.setPen(text if status else muted)
            painter.drawText(item.label, Qt.AlignmentFlag.AlignVCenter, item.title)
            if item.slug in self.percents:  # how far the reader is: a rule under the title
                rule = QRectF(item.label.left(), item.label.bottom() - 3, item.label.width(), 2)
                track = QColor(colour)
                track.setAlpha(60)
                painter.fillRect(rule, track)
                done = QRectF(rule)
                done.setWidth(rule.width() * self.percents[item.slug] / 100)
                painter.fillRect(done, colour)
        painter.setFont(self.font())
        top = self.height() - MARGIN - len(self.legend_rows) * self._line()
        for n, row in enumerate(self.legend_rows):
            for status, label, rect in row:
                y = top + n * self._line()
                painter.setBrush(QColor(STATUS_COLOURS[status]))
                painter.setPen(text)
                painter.drawEllipse(QRectF(rect.left(), y + (rect.height() - DOT) / 2, DOT, DOT))
                painter.drawText(
                    QRectF(rect.left() + DOT + 6, y, rect.width() - DOT - 6, rect.height()),
                    Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = hit(self.placed, event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if item else Qt.CursorShape.ArrowCursor)
        if item:
            QToolTip.showText(event.globalPosition().toPoint(), item.detail or item.title, self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        item = hit(self.placed, event.position())
        if item and event.button() == Qt.MouseButton.LeftButton:
            self.opened.emit(item.slug)

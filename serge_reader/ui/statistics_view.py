"""Statistics: pages read per week, works finished per year, the streak, and finish dates."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from serge_reader import clock, i18n, reading_stats
from serge_reader.library import Library
from serge_reader.progress import reading_list


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def shown_labels(labels: list[str], slot: float, text_width: Callable[[str], float]) -> list[int]:
    """Which of the bars' labels to write so that none is cut or runs into the next: all of
    them when they fit their slot, else every second, third… counted back from the newest."""
    widest = max((text_width(label) for label in labels), default=0.0) + 8
    step = max(1, math.ceil(widest / slot)) if slot > 0 else len(labels) or 1
    return [i for i in range(len(labels)) if (len(labels) - 1 - i) % step == 0]


class BarChart(QWidget):
    """A labelled bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials).
    With nothing to draw it says what will appear there and how to start (`empty`)."""

    def __init__(self, title: str, empty: str = "") -> None:
        super().__init__()
        self.title = title
        self.empty = empty
        self.bars: list[tuple[str, int]] = []
        self.setMinimumHeight(150)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = bars
        self.setAccessibleDescription(", ".join(f"{label}: {value}" for label, value in bars))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        metrics = QFontMetricsF(self.font())
        line = metrics.height() + 4
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        if not self.has_values():
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(12, line, self.width() - 24, self.height() - line),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty or self.tr("Nothing yet"),
            )
            painter.end()
            return
        top, bottom = 2 * line + 4, float(self.height()) - line - 4
        highest = max(value for _, value in self.bars) or 1
        slot = self.width() / len(self.bars)
        width = min(slot * 0.7, 48.0)
        labels = [label for label, _ in self.bars]
        shown = set(shown_labels(labels, slot, metrics.horizontalAdvance))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(QPointF(0, bottom), QPointF(self.width(), bottom))
        painter.setPen(text)
        for i, (label, value) in enumerate(self.bars):
            height = (bottom - top) * value / highest
            rect = QRectF(i * slot + (slot - width) / 2, bottom - height, width, height)
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            centre = i * slot + slot / 2
            if i in shown:
                size = metrics.horizontalAdvance(label) + 4
                left = min(max(centre - size / 2, 0.0), self.width() - size)
                painter.drawText(
                    QRectF(left, bottom + 2, size, line), Qt.AlignmentFlag.AlignCenter, label
                )
            figure = QLocale().toString(value)
            if value and metrics.horizontalAdvance(figure) + 2 <= slot:
                painter.drawText(
                    QRectF(i * slot, bottom - height - line, slot, line),
                    Qt.AlignmentFlag.AlignCenter,
                    figure,
                )
        painter.end()

    def has_values(self) -> bool:
        return any(value for _, value in self.bars)


class StatisticsView(QWidget):
    def __init__(self, lib: Library) -> None:
        super().__init__()
        self.lib = lib
        self.setObjectName("statisticsView")
        self.summary = QLabel()
        self.summary.setObjectName("statisticsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.weeks = BarChart(
            self.tr("Pages read per week"),
            self.tr(
                "The pages you read each week, over the last twelve weeks, will appear here. "
                "To start, choose the work you are reading in the reading list and press P "
                "to set your page as you go."
            ),
        )
        self.weeks.setObjectName("pagesPerWeek")
        self.years = BarChart(
            self.tr("Works finished per year"),
            self.tr(
                "Each work you finish will appear here, counted by the year you finished it. "
                "When you reach a work's last page, or mark it “Finished” from its menu in the "
                "reading list, it is counted."
            ),
        )
        self.years.setObjectName("finishedPerYear")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(18)
        layout.addWidget(self.summary)
        layout.addWidget(self.weeks, 1)
        layout.addWidget(self.years, 1)
        self.refresh()

    def refresh(self, today: date | None = None) -> None:
        today = today or clock.today()
        weeks = reading_stats.pages_per_week(self.lib, today)
        locale = QLocale()
        self.weeks.set_bars([(locale.toString(_qdate(monday), "d MMM"), n) for monday, n in weeks])
        finished = dict(reading_stats.finished_per_year(self.lib))
        # Every year from the first finish to this one, the years without one too.
        first = min(finished, default=today.year)
        self.years.set_bars(
            [(str(year), finished.get(year, 0)) for year in range(first, today.year + 1)]
            if finished
            else []
        )
        streak = reading_stats.current_streak(self.lib, today)
        pages = weeks[-1][1]
        lines = [
            (
                self.tr("Current streak: <b>1 day</b>")
                if streak == 1
                else self.tr("Current streak: <b>%1 days</b>").replace(
                    "%1", locale.toString(streak)
                )
            ),
            (
                self.tr("This week: <b>1 page</b>")
                if pages == 1
                else self.tr("This week: <b>%1 pages</b>").replace("%1", locale.toString(pages))
            ),
        ]
        for row in reading_list(self.lib):
            if row.status != "reading":
                continue
            finish = reading_stats.estimated_finish(self.lib, row, today)
            when = (
                locale.toString(_qdate(finish), "d MMMM yyyy")
                if finish
                else self.tr("no recent pace yet")
            )
            lines.append(
                self.tr("%1: page %2 of %3 — finish by %4")
                .replace("%1", html.escape(i18n.work_title(row.title, row.original_title)))
                .replace("%2", str(row.page))
                .replace("%3", str(row.pages or "?"))
                .replace("%4", when)
            )
        self.summary.setText("<br>".join(lines))

"""Statistics: pages read per week, works finished per year, the streak, and finish dates."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from serge_reader import clock, i18n, reading_stats
from serge_reader.entries import list_works
from serge_reader.library import Library
from serge_reader.progress import with_percent


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class BarChart(QWidget):
    """A labelled bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.bars: list[tuple[str, int]] = []
        self.setMinimumHeight(180)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = bars
        self.setAccessibleDescription(", ".join(f"{label}: {value}" for label, value in bars))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(QRectF(0, 0, self.width(), 20), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.bars:
            painter.drawText(
                QRectF(0, 20, self.width(), self.height() - 20),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Nothing yet"),
            )
            painter.end()
            return
        top, bottom = 40.0, float(self.height() - 22)
        highest = max(value for _, value in self.bars) or 1
        slot = self.width() / len(self.bars)
        width = min(slot * 0.7, 48.0)
        for i, (label, value) in enumerate(self.bars):
            height = (bottom - top) * value / highest
            rect = QRectF(i * slot + (slot - width) / 2, bottom - height, width, height)
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            painter.drawText(
                QRectF(i * slot, bottom + 2, slot, 18), Qt.AlignmentFlag.AlignCenter, label
            )
            if value:
                painter.drawText(
                    QRectF(i * slot, bottom - height - 18, slot, 18),
                    Qt.AlignmentFlag.AlignCenter,
                    str(value),
                )
        painter.end()


class StatisticsView(QWidget):
    def __init__(self, lib: Library) -> None:
        super().__init__()
        self.lib = lib
        self.setObjectName("statisticsView")
        self.summary = QLabel()
        self.summary.setObjectName("statisticsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.weeks = BarChart(self.tr("Pages read per week"))
        self.weeks.setObjectName("pagesPerWeek")
        self.years = BarChart(self.tr("Works finished per year"))
        self.years.setObjectName("finishedPerYear")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.weeks, 1)
        layout.addWidget(self.years, 1)
        self.refresh()

    def refresh(self, today: date | None = None) -> None:
        today = today or clock.today()
        weeks = reading_stats.pages_per_week(self.lib, today)
        locale = QLocale()
        self.weeks.set_bars([(locale.toString(_qdate(monday), "d MMM"), n) for monday, n in weeks])
        self.years.set_bars(
            [(str(year), count) for year, count in reading_stats.finished_per_year(self.lib)]
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
        for row in (with_percent(w) for w in list_works(self.lib)):
            if row["status"] != "reading":
                continue
            finish = reading_stats.estimated_finish(self.lib, row, today)
            when = (
                locale.toString(_qdate(finish), "d MMMM yyyy")
                if finish
                else self.tr("no recent pace yet")
            )
            lines.append(
                self.tr("%1: page %2 of %3 — finish by %4")
                .replace("%1", html.escape(i18n.work_title(row["title"], row["original_title"])))
                .replace("%2", str(row["page"]))
                .replace("%3", str(row["pages"] or "?"))
                .replace("%4", when)
            )
        self.summary.setText("<br>".join(lines))

"""Compact reading mode: a small window that stays on top, beside a paper book or an e-reader.

It holds the look-up field, a context panel and a one-line "note at page N" field. It keeps
its own size and place.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from serge_reader import operations, pages, progress
from serge_reader.library import Library
from serge_reader.progress import MAX_PAGES
from serge_reader.ui.context_panel import HOME, ContextPanel
from serge_reader.ui.events import LibraryEvents
from serge_reader.ui.lookup import LookupBox


class CompactWindow(QWidget):
    leave = Signal()  # the reader asked for the full window back

    def __init__(self, lib: Library, events: LibraryEvents, settings: QSettings) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.lib = lib
        self.events = events
        self.settings = settings
        self.setObjectName("compactWindow")
        self.setWindowTitle(self.tr("Serge Reader — compact"))
        self.panel = ContextPanel(lib)
        self.panel.setObjectName("compactPanel")
        events.changed.connect(self.panel.on_change)
        self.lookup = LookupBox(lib, self)
        self.lookup.setObjectName("compactLookupBox")
        self.lookup.setMinimumWidth(200)
        self.lookup.opened.connect(self.panel.open)
        self.work_label = QLabel()
        self.work_label.setObjectName("compactWork")
        self.page = QSpinBox()
        self.page.setObjectName("compactPage")
        self.page.setAccessibleName(self.tr("Page of the note"))
        self.page.setRange(0, MAX_PAGES)
        self.page.setPrefix(self.tr("p. "))
        self.note = QLineEdit()
        self.note.setObjectName("compactNote")
        self.note.setAccessibleName(self.tr("Note at this page"))
        self.note.setPlaceholderText(self.tr("Note at this page — Enter saves"))
        self.note.returnPressed.connect(self.add_note)
        self.full = QPushButton(self.tr("Full window"))
        self.full.setObjectName("leaveCompactButton")
        self.full.clicked.connect(self.leave.emit)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.lookup.setFocus)
        # The key that brought the reader here takes them back (View ▸ Compact reading mode).
        QShortcut(QKeySequence("Ctrl+Shift+M"), self).activated.connect(self.leave.emit)

        top = QHBoxLayout()
        top.addWidget(self.lookup, 1)
        top.addWidget(self.full)
        bottom = QHBoxLayout()
        bottom.addWidget(self.page)
        bottom.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.work_label)
        layout.addLayout(bottom)
        self.work: str | None = None
        geometry = settings.value("compact_geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(420, 560)

    def follow(self, entry_id: str | None, work: str | None) -> None:
        """Take over what the main window was showing, and the work being read."""
        self.work = work
        row = progress.get_progress(self.lib, work) if work else None
        self.page.setValue(row.page if row else 0)
        self.work_label.setText(
            self.tr("Notes go to: %1").replace(
                "%1", pages.shown_work_title(self.lib, row.id, row.title)
            )
            if row
            else self.tr("Notes go to no work")
        )
        self.panel.open(entry_id or HOME)

    def add_note(self) -> None:
        text = self.note.text().strip()
        if not text:
            return
        added = self.events.run(
            self.tr("Note not saved"),
            operations.add_quick_note,
            text,
            work=self.work,
            page=self.page.value() or None,
        )
        if added is not None:
            self.note.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("compact_geometry", self.saveGeometry())
        super().closeEvent(event)
        self.leave.emit()

    def hideEvent(self, event: object) -> None:
        self.settings.setValue("compact_geometry", self.saveGeometry())

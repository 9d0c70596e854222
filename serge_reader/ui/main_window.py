"""The main window: reading list, context panel (with timeline and statistics), notes, and
the look-up field.

It is built in two steps, so that a reader sees the window at once (docs/BENCHMARKS.md):
what the first paint shows (reading list, look-up field, context panel, menus) is built in
`__init__`; the notes column is built right after the first paint, and the timeline,
statistics and dialogs when first used, each importing its module only then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from serge_reader import entries, notes, progress
from serge_reader.changes import Change
from serge_reader.library import Library
from serge_reader.ui import messages, theme
from serge_reader.ui.context_panel import HOME, ContextPanel
from serge_reader.ui.events import LibraryEvents
from serge_reader.ui.lookup import LookupBox
from serge_reader.ui.preferences import load_preferences
from serge_reader.ui.reading_list import ReadingListPanel
from serge_reader.ui.shortcuts_help import standard_keys

if TYPE_CHECKING:
    from serge_reader.ui.compact_window import CompactWindow
    from serge_reader.ui.notes_panel import NotesPanel
    from serge_reader.ui.statistics_view import StatisticsView
    from serge_reader.ui.timeline_view import TimelineView


class Slot(QWidget):
    """A place in the window for a widget that is built later: when first needed, or (the
    notes column) just after the window's first paint."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None

    def fill(self, widget: QWidget) -> None:
        self.content = widget
        self.layout_.addWidget(widget)


class _FirstPaintThen(QObject):
    """Calls `then` once, as soon as `window` has painted for the first time."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


class MainWindow(QMainWindow):
    closing = Signal()  # the window is closing for good: stop what works on the library
    completed = Signal()  # the notes column is built too: the whole window is there
    replacing = Signal()  # a restore is about to replace the library: finish work on it

    def __init__(self, lib: Library, settings: QSettings) -> None:
        super().__init__()
        self.lib = lib
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Serge Reader"))

        # Every write goes through `events`, and every view learns of it there.
        self.events = LibraryEvents(lib, self)
        self.events.refused.connect(self.show_refusal)
        self.events.changed.connect(self._on_change)

        self.reading = ReadingListPanel(lib, self.events)
        self.reading.opened.connect(self.open_entry)

        self.panel = ContextPanel(lib)
        self.panel.shown.connect(self._on_shown)
        self.events.changed.connect(self.panel.on_change)
        self.timeline_slot = Slot("timelineSlot")
        self.statistics_slot = Slot("statisticsSlot")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("centreTabs")
        self.tabs.addTab(self.panel, self.tr("Entry"))
        self.tabs.addTab(self.timeline_slot, self.tr("Timeline"))
        self.tabs.addTab(self.statistics_slot, self.tr("Statistics"))
        self.tabs.currentChanged.connect(self._on_tab)

        self.notes_slot = Slot("notesSlot")
        self.closed = False
        self._first_paint = _FirstPaintThen(self, self._complete)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.reading)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.notes_slot)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 560, 380])
        self.setCentralWidget(self.splitter)

        self.lookup = LookupBox(lib, self)
        self.lookup.opened.connect(self.open_from_lookup)
        self.compact: CompactWindow | None = None
        self._build_actions()
        self.statusBar()
        self.apply_preferences()  # before the first page is drawn, so that it is drawn once
        self._restore_state()
        self.lookup.setFocus()  # a reader opens the app to look something up: type at once

    # -- actions --------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | str | list[QKeySequence] | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.back_action = self._action(self.tr("Back"), self.panel.go_back, QKeySequence(key.Back))
        self.forward_action = self._action(
            self.tr("Forward"), self.panel.go_forward, QKeySequence(key.Forward)
        )
        self.new_note_action = self._action(
            self.tr("New note"), lambda: self.notes.new_note(), QKeySequence(key.New)
        )
        self.lookup_action = self._action(
            self.tr("Look up…"), self.focus_lookup, [QKeySequence("Ctrl+K"), QKeySequence("/")]
        )
        self.find_action = self._action(
            self.tr("Find…"), self.focus_lookup, standard_keys(key.Find, "Ctrl+F")
        )
        self.settings_action = self._action(
            self.tr("&Settings…"), self.open_settings, standard_keys(key.Preferences, "Ctrl+,")
        )
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            standard_keys(key.HelpContents, "F1"),
        )
        self.about_action = self._action(self.tr("&About Serge Reader"), self.show_about)
        self.home_action = self._action(self.tr("Home"), lambda: self.open_entry(HOME), "Alt+Home")
        self.quit_action = self._action(
            self.tr("Quit"), self.close, standard_keys(key.Quit, "Ctrl+Q")
        )
        self.export_action = self._action(
            self.tr("Export notes…"), self.export_notes, "Ctrl+Shift+E"
        )
        self.import_action = self._action(
            self.tr("Import notes…"), self.import_notes, "Ctrl+Shift+I"
        )
        self.import_highlights_action = self._action(
            self.tr("Import from an e-reader…"), self.import_highlights
        )
        self.import_highlights_action.setObjectName("importHighlightsAction")
        self.show_entry_action = self._action(
            self.tr("Entry"), lambda: self.tabs.setCurrentIndex(0), "Ctrl+1"
        )
        self.show_timeline_action = self._action(
            self.tr("Timeline"), lambda: self.tabs.setCurrentIndex(1), "Ctrl+2"
        )
        self.show_statistics_action = self._action(
            self.tr("Statistics"), lambda: self.tabs.setCurrentIndex(2), "Ctrl+3"
        )
        self.compact_action = self._action(
            self.tr("Compact reading mode"), self.enter_compact, "Ctrl+Shift+M"
        )

        self.restore_action = self._action(self.tr("Restore a backup…"), self.restore_backup)

        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_note_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_highlights_action)
        file_menu.addSeparator()
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        go_menu = menus.addMenu(self.tr("&Go"))
        for action in (self.lookup_action, self.back_action, self.forward_action, self.home_action):
            go_menu.addAction(action)
        self.history_menu = go_menu.addMenu(self.tr("History"))
        self.history_menu.setObjectName("historyMenu")
        self.history_menu.aboutToShow.connect(self._fill_history)
        view_menu = menus.addMenu(self.tr("&View"))
        for action in (
            self.show_entry_action,
            self.show_timeline_action,
            self.show_statistics_action,
        ):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.compact_action)
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self.menus = {
            "file": file_menu,
            "edit": edit_menu,
            "go": go_menu,
            "view": view_menu,
            "help": help_menu,
        }

        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        for action in (self.back_action, self.forward_action, self.new_note_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.lookup)
        bar.addSeparator()
        bar.addAction(self.compact_action)
        self.panel.historyChanged.connect(self._update_history_actions)
        self._update_history_actions()

    # -- built after the first paint, or when first used ----------------------------------

    def _complete(self) -> None:
        """The window has painted: build the notes column (unless it closed meanwhile)."""
        if self.closed:
            return
        _ = self.notes
        self.completed.emit()

    @property
    def notes(self) -> NotesPanel:
        if self.notes_slot.content is None:
            from serge_reader.ui.notes_panel import NotesPanel

            panel = NotesPanel(self.lib, self.events, self.current_work)
            panel.openEntry.connect(self.open_entry)
            panel.apply_reading_style(load_preferences(self.settings).reading_font())
            state = self.settings.value("notes_splitter")
            if isinstance(state, QByteArray):
                panel.splitter.restoreState(state)
            self.notes_slot.fill(panel)
            panel.show_about(self.panel.current or HOME)
        return cast("NotesPanel", self.notes_slot.content)

    @property
    def timeline(self) -> TimelineView:
        if self.timeline_slot.content is None:
            from serge_reader.ui.timeline_view import TimelineView

            view = TimelineView(self.lib)
            view.opened.connect(self.open_entry)
            self.timeline_slot.fill(view)
        return cast("TimelineView", self.timeline_slot.content)

    @property
    def statistics(self) -> StatisticsView:
        if self.statistics_slot.content is None:
            from serge_reader.ui.statistics_view import StatisticsView

            self.statistics_slot.fill(StatisticsView(self.lib))
        return cast("StatisticsView", self.statistics_slot.content)

    def open_settings(self) -> None:
        from serge_reader.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.lib.data_dir, self)
        dialog.changed.connect(self.apply_preferences)
        dialog.exec()

    def show_about(self) -> None:
        from serge_reader.ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def restore_backup(self) -> None:
        from serge_reader.ui import restore_dialog

        restore_dialog.run(self)

    def apply_preferences(self) -> None:
        """Theme, reading font and page colours from the settings."""
        prefs = load_preferences(self.settings)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, prefs.theme)
        font = prefs.reading_font()
        for panel in (self.panel, *([self.compact.panel] if self.compact else [])):
            panel.apply_reading_style(font)
        if self.notes_slot.content is not None:  # else it takes the font when built
            self.notes.apply_reading_style(font)

    def show_shortcuts(self) -> None:
        from serge_reader.ui.shortcuts_help import ShortcutsDialog

        ShortcutsDialog(self.menuBar().actions(), self).exec()

    def focus_lookup(self) -> None:
        """Ctrl+K or `/` (text fields keep a typed `/`: they claim it as a shortcut override)."""
        self.lookup.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lookup.selectAll()

    def _fill_history(self) -> None:
        """The places looked at, newest first, each once."""
        self.history_menu.clear()
        for entry_id in self.panel.recent(15):
            action = self.history_menu.addAction(self.panel.titles.get(entry_id, entry_id))
            action.triggered.connect(lambda _=False, e=entry_id: self.open_entry(e))

    def current_work(self) -> str | None:
        """The work shown, else the work read most recently."""
        shown = self.panel.current
        if shown and entries.entry_kind(self.lib, shown) == "work":
            return shown
        return progress.last_read_work(self.lib)

    def enter_compact(self) -> None:
        self.notes.save_now()
        if self.compact is None:
            from serge_reader.ui.compact_window import CompactWindow

            self.compact = CompactWindow(self.lib, self.events, self.settings)
            self.compact.leave.connect(self.leave_compact)
        self.compact.follow(self.panel.current, self.current_work())
        self.compact.show()
        self.compact.activateWindow()
        self.compact.lookup.setFocus()
        self.hide()

    def leave_compact(self) -> None:
        if self.compact is not None and self.compact.isVisible():
            self.compact.hide()
        self.show()
        self.activateWindow()
        self.panel.reload()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.panel.can_go_back())
        self.forward_action.setEnabled(self.panel.can_go_forward())

    # -- following the reader ------------------------------------------------------------

    def open_entry(self, entry_id: str) -> None:
        """Open an entry (or note, or home) in the context panel and bring the panel forward."""
        self.tabs.setCurrentWidget(self.panel)
        self.panel.open(entry_id)

    def open_from_lookup(self, entry_id: str) -> None:
        self.open_entry(entry_id)
        ref = notes.NoteRef.parse(entry_id)
        if ref:
            self.notes.edit_note(ref.number)

    def _on_shown(self, entry_id: str) -> None:
        work = entry_id if entries.entry_kind(self.lib, entry_id) == "work" else None
        if self.notes_slot.content is not None:  # else it starts from the entry shown
            self.notes.show_about(entry_id)
        self.settings.setValue("last_entry", entry_id)
        if work:
            self.reading.select(work)

    def _on_tab(self, _index: int) -> None:
        self.refresh_figures()

    def refresh_figures(self) -> None:
        """Redraw the timeline or statistics when shown: they follow the reader's progress."""
        if self.tabs.currentWidget() is self.statistics_slot:
            self.statistics.refresh()
        elif self.tabs.currentWidget() is self.timeline_slot:
            self.timeline.refresh()

    def _on_change(self, change: Change) -> None:
        """The timeline and statistics follow the reader's progress; a move in one work is
        said in the status bar."""
        if change.touches_progress():
            self.refresh_figures()
        if len(change.progress) == 1 and not change.everything:
            self.statusBar().showMessage(self.reading.describe(next(iter(change.progress))), 5000)

    def export_notes(self) -> None:
        from serge_reader.ui import transfer_dialogs

        self.notes.save_now()
        message = transfer_dialogs.export_interactively(self, self.lib)
        if message:
            self.statusBar().showMessage(message, 8000)

    def import_notes(self) -> None:
        from serge_reader.ui import transfer_dialogs

        message = transfer_dialogs.import_interactively(self, self.events)
        if message:
            self.statusBar().showMessage(message, 8000)

    def import_highlights(self) -> None:
        from serge_reader.ui import highlights_dialog

        self.notes.save_now()
        message = highlights_dialog.import_interactively(self, self.events)
        if message:
            self.statusBar().showMessage(message, 8000)

    def show_refusal(self, title: str, message: str) -> None:
        """An operation was refused: say why, once (the status bar keeps it a while)."""
        self.statusBar().showMessage(message, 8000)
        messages.warn(self, title, message)

    def save_pending(self) -> None:
        """Write what the reader typed and is not saved yet, and let work in the background
        finish (before a restore)."""
        self.notes.save_now()
        self.replacing.emit()

    def reload_library(self) -> None:
        """Show everything again from the library: a restore replaced its content."""
        self.notes.close_note()
        self.events.announce(Change.all())

    # -- state ---------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        last = self.settings.value("last_entry")
        if self.settings.value("opening_entry"):  # the last start never got past showing it
            last = HOME
        self.settings.setValue("opening_entry", last if isinstance(last, str) else HOME)
        self.settings.sync()
        self.panel.open(last if isinstance(last, str) and last else HOME)
        if self.panel.current is None:
            self.panel.open(HOME)
        self.settings.remove("opening_entry")

    def closeEvent(self, event: QCloseEvent) -> None:
        built = self.notes_slot.content is not None
        if built and not self.notes.save_now():
            event.ignore()  # the note could not be written: stay open rather than lose it
            return
        self.events.stop()
        self.closed = True
        self.closing.emit()
        if self.compact is not None:
            self.compact.add_note()  # a note typed in the compact field and not yet entered
            self.compact.leave.disconnect(self.leave_compact)
            self.compact.close()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        if built:
            self.settings.setValue("notes_splitter", self.notes.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)

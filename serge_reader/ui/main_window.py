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

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QFontMetricsF, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextEdit,
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
from serge_reader.ui.reading_list import ReadingListModel, ReadingListPanel
from serge_reader.ui.shortcuts_help import standard_keys

if TYPE_CHECKING:
    from serge_reader.ui.compact_window import CompactWindow
    from serge_reader.ui.notes_panel import NotesPanel
    from serge_reader.ui.statistics_view import StatisticsView
    from serge_reader.ui.sync_view import AutoSync
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

    def fill(self, widget: QWidget, *, scrolling: bool = False) -> None:
        """Show `widget`; a tall picture (timeline, statistics) scrolls in a small window."""
        self.content = widget
        if scrolling:
            area = QScrollArea()
            area.setObjectName(self.objectName() + "Scroll")
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setWidget(widget)
            self.layout_.addWidget(area)
        else:
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


# How the window arranges its three columns, by the width each wants in characters of its
# font (so that a larger font, or 200 % scaling on a small screen, gets the narrower
# arrangement sooner): WIDE puts the reading list, the entry and the notes side by side;
# MEDIUM makes the reading list a tab ("Books") beside the entry and keeps the notes in view;
# NARROW makes every part a tab.
WIDE, MEDIUM, NARROW = "wide", "medium", "narrow"
BOOKS_CHARS, NOTES_CHARS = 62, 44  # in characters of the window's font
ENTRY_CHARS = 52  # in characters of the reading font: below this a line reads badly
MIN_ENTRY_CHARS = 40  # the entry column never gets narrower than this (window's font)


def arrangement_for(width: int, books: int, entry: int, notes: int) -> str:
    """The arrangement for a window `width` pixels wide, the columns wanting those widths."""
    if width >= books + entry + notes:
        return WIDE
    if width >= entry + notes:
        return MEDIUM
    return NARROW


def first_geometry(available: QRect) -> QRect:
    """The first window's place: 1280×800 where that fits, else 92 % of the screen's free
    area, centred, so that nothing starts off screen."""
    width = min(1280, int(available.width() * 0.92))
    height = min(800, int(available.height() * 0.92))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


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
        self.reading.opened.connect(self.open_from_list)
        self.reading.table.clicked.connect(self._list_chosen)
        self.reading.table.activated.connect(self._list_chosen)
        self.last_progress_change: str | None = None  # what Edit ▸ Undo puts back

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
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)
        self.arrangement = ""  # set by `arrange` as soon as the window has its size
        self._wide_state: QByteArray | None = None  # the splitter as the reader left it, wide
        char = self.fontMetrics().averageCharWidth()
        self.tabs.setMinimumWidth(MIN_ENTRY_CHARS * char)
        self.reading.setMinimumWidth(min(self.reading.minimumSizeHint().width(), 34 * char))
        self.notes_slot.setMinimumWidth(30 * char)

        self.lookup = LookupBox(lib, self)
        self.lookup.opened.connect(self.open_from_lookup)
        self.compact: CompactWindow | None = None
        self._build_actions()
        # The book being read and where the reader is in it, a glance away in every arrangement.
        self.reading_now = QLabel()
        self.reading_now.setObjectName("readingNow")
        self.reading_now.setTextFormat(Qt.TextFormat.RichText)
        self.reading_now.linkActivated.connect(lambda _link: self.edit_page())
        self.reading_now.setToolTip(self.tr("Press P to set your page"))
        self.statusBar().addPermanentWidget(self.reading_now)
        self._show_reading_now()
        self.sync: AutoSync | None = None  # built after the first paint (`_complete`)
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
            self.tr("New note"), self.new_note, QKeySequence(key.New)
        )
        self.undo_action = self._action(self.tr("Undo"), self.undo, QKeySequence(key.Undo))
        self.undo_action.setObjectName("undoAction")
        self.page_action = self._action(
            self.tr("Set the page of the work being read"),
            self.edit_page,
            [QKeySequence("P"), QKeySequence("F2")],
        )
        self.page_action.setObjectName("pageAction")
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
            self.tr("Entry"), lambda: self.tabs.setCurrentWidget(self.panel), "Ctrl+1"
        )
        self.show_timeline_action = self._action(
            self.tr("Timeline"), lambda: self.tabs.setCurrentWidget(self.timeline_slot), "Ctrl+2"
        )
        self.show_statistics_action = self._action(
            self.tr("Statistics"),
            lambda: self.tabs.setCurrentWidget(self.statistics_slot),
            "Ctrl+3",
        )
        self.compact_action = self._action(
            self.tr("Compact reading mode"), self.toggle_compact, "Ctrl+Shift+M"
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
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.page_action)
        edit_menu.addSeparator()
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
        QTimer.singleShot(0, self._start_sync)  # background work: after the window is whole

    def _start_sync(self) -> None:
        """Sync through a shared folder, when the reader chose one; its indicator sits in the
        status bar. Built after the first paint: the sync engine is a twentieth of a second
        of imports that the first screen does not need."""
        if self.closed:
            return  # closed before this turn of the event loop came
        from serge_reader.ui.sync_view import AutoSync, SyncIndicator

        self.sync = AutoSync(self.lib, self.events, self)
        self.closing.connect(self.sync.stop)
        self.replacing.connect(self.sync.wait)
        self.sync_status = SyncIndicator(self.sync, self)
        self.sync_status.conflicts_wanted.connect(self.show_conflicts)
        self.sync_status.settings_wanted.connect(self.open_settings)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync.start()

    @property
    def notes(self) -> NotesPanel:
        if self.notes_slot.content is None:
            from serge_reader.ui.notes_panel import NotesPanel

            panel = NotesPanel(self.lib, self.events, self.current_work)
            panel.remember_scope(self.settings)
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
            self.timeline_slot.fill(view, scrolling=True)
        return cast("TimelineView", self.timeline_slot.content)

    @property
    def statistics(self) -> StatisticsView:
        if self.statistics_slot.content is None:
            from serge_reader.ui.statistics_view import StatisticsView

            self.statistics_slot.fill(StatisticsView(self.lib), scrolling=True)
        return cast("StatisticsView", self.statistics_slot.content)

    def open_settings(self) -> None:
        from serge_reader.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.lib.data_dir, self, sync=self.sync)
        dialog.changed.connect(self.apply_preferences)
        dialog.exec()

    def show_conflicts(self) -> None:
        """List the conflict versions that sync kept (notes tagged 'conflict')."""
        from serge_reader.ui.sync_view import show_conflicts

        show_conflicts(self.notes)
        self.reveal(self.notes)

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
        fields = theme.field_style(prefs.theme)
        for window in (self, *([self.compact] if self.compact else [])):
            if window.styleSheet() != fields:
                window.setStyleSheet(fields)
        font = prefs.reading_font()
        for panel in (self.panel, *([self.compact.panel] if self.compact else [])):
            panel.apply_reading_style(font)
        if self.notes_slot.content is not None:  # else it takes the font when built
            self.notes.apply_reading_style(font)
        self.arrange(self.width())  # a larger font needs the narrower arrangement sooner

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

    def toggle_compact(self) -> None:
        """Ctrl+Shift+M: into compact mode, and (from the compact window) back."""
        if self.compact is not None and self.compact.isVisible():
            self.leave_compact()
        else:
            self.enter_compact()

    def enter_compact(self) -> None:
        self.notes.save_now()
        if self.compact is None:
            from serge_reader.ui.compact_window import CompactWindow

            self.compact = CompactWindow(self.lib, self.events, self.settings)
            self.compact.leave.connect(self.leave_compact)
            self.compact.setStyleSheet(self.styleSheet())
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

    # -- edits from anywhere in the window -----------------------------------------------

    def new_note(self) -> None:
        self.reveal(self.notes_slot)
        self.notes.new_note()

    def undo(self) -> None:
        """Edit ▸ Undo: the typing in the text field being edited, else the last change of
        progress made in this window (else the work current in the reading list)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and not focus.isReadOnly():
            focus.undo()
            return
        if isinstance(focus, QTextEdit | QPlainTextEdit) and not focus.isReadOnly():
            focus.undo()
            return
        work = self.last_progress_change
        row = self.reading.model.row_of(work) if work else self.reading.current_row()
        if row is not None:
            self.reading.model.undo(row)

    def edit_page(self) -> None:
        """P or F2, from anywhere: the page box of the work being read, in the reading list."""
        work = None if self.reading.table.hasFocus() else self.current_work()
        if work:
            self.reading.select(work)
        self.reveal(self.reading)
        self.reading.edit_current_page()

    def reveal(self, widget: QWidget) -> None:
        """Bring a part of the window into view: its tab, when the window is narrow."""
        if self.tabs.indexOf(widget) >= 0:
            self.tabs.setCurrentWidget(widget)

    # -- the arrangement, by the window's width -------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(event.size().width())

    def arrange(self, width: int) -> None:
        """Three columns when they fit; else the reading list, then the notes, become tabs
        beside the entry, so that the entry column keeps a width that reads well."""
        char = self.fontMetrics().averageCharWidth()
        reading = QFontMetricsF(self.panel.font()).averageCharWidth()
        wants = BOOKS_CHARS * char, int(ENTRY_CHARS * reading), NOTES_CHARS * char
        wanted = arrangement_for(width, *wants)
        if wanted == self.arrangement:
            return
        if self.arrangement == WIDE:
            self._wide_state = self.splitter.saveState()
        current = self.tabs.currentWidget()
        books_tab, notes_tab = wanted != WIDE, wanted == NARROW
        for widget, label, in_tab, tab_at, split_at in (
            (self.reading, self.tr("Books"), books_tab, 0, 0),
            (self.notes_slot, self.tr("Notes"), notes_tab, 2 if books_tab else 1, 2),
        ):
            if in_tab and self.tabs.indexOf(widget) < 0:
                self.tabs.insertTab(tab_at, widget, label)
            elif not in_tab and self.tabs.indexOf(widget) >= 0:
                self.tabs.removeTab(self.tabs.indexOf(widget))
                self.splitter.insertWidget(min(split_at, self.splitter.count()), widget)
                widget.show()
        self.arrangement = wanted
        self.tabs.setCurrentWidget(current if self.tabs.indexOf(current) >= 0 else self.panel)
        self.tabs.tabBar().setExpanding(False)
        if wanted == WIDE and self._wide_state is not None:
            self.splitter.restoreState(self._wide_state)
        elif wanted == WIDE:
            self.splitter.setSizes([BOOKS_CHARS * char, width, NOTES_CHARS * char])
        elif wanted == MEDIUM:
            self.splitter.setSizes([width, NOTES_CHARS * char])

    # -- following the reader ------------------------------------------------------------

    def open_entry(self, entry_id: str) -> None:
        """Open an entry (or note, or home) in the context panel and bring the panel forward."""
        self.tabs.setCurrentWidget(self.panel)
        self.panel.open(entry_id)

    def open_from_list(self, slug: str) -> None:
        """A work the reader moved to in the reading list. When the list is a tab, moving
        with the arrows opens it behind the list; a click or Enter shows it (`_list_chosen`)."""
        if self.tabs.indexOf(self.reading) >= 0:
            self.panel.open(slug)
        else:
            self.open_entry(slug)

    def _list_chosen(self, index: QModelIndex) -> None:
        if self.tabs.indexOf(self.reading) >= 0 and index.column() != ReadingListModel.PROGRESS:
            self.tabs.setCurrentWidget(self.panel)

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

    def _show_reading_now(self) -> None:
        work = progress.last_read_work(self.lib)
        row = self.reading.model.row_of(work) if work else None
        if row is None:
            self.reading_now.setText("")
            return
        self.reading_now.setText(self.reading.glance(row))

    def _on_change(self, change: Change) -> None:
        """The timeline and statistics follow the reader's progress; a move in one work is
        said in the status bar."""
        if change.touches_progress():
            self.refresh_figures()
            self._show_reading_now()
        if len(change.progress) == 1 and not change.everything:
            self.last_progress_change = next(iter(change.progress))
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
        screen = self.screen().availableGeometry()
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.setGeometry(first_geometry(screen))
        elif not screen.contains(self.geometry()):  # saved on a larger screen
            inside = self.geometry().intersected(screen)
            self.setGeometry(first_geometry(screen) if inside.isEmpty() else inside)
        state = self.settings.value("splitter")
        if isinstance(state, QByteArray):
            self._wide_state = state
        self.arrange(self.width())
        last = self.settings.value("last_entry")
        if self.settings.value("opening_entry"):  # the last start never got past showing it
            last = HOME
        last = last if isinstance(last, str) and last else HOME
        if last != HOME:  # home is where a failed start comes back to: it needs no mark
            self.settings.setValue("opening_entry", last)
            self.settings.sync()  # written to disk before the page is built
        self.panel.open(last)
        if self.panel.current is None:
            self.panel.open(HOME)
        self.settings.remove("opening_entry")

    def save_state(self) -> bool:
        """Write everything the reader has in hand: the note being typed, a note typed in the
        compact field, and the window's size and layout. False when the note could not be
        written (the reader has been told why). Before closing, and when the session ends."""
        built = self.notes_slot.content is not None
        if built and not self.notes.save_now():
            return False
        if self.compact is not None:
            self.compact.add_note()  # a note typed in the compact field and not yet entered
        self.settings.setValue("geometry", self.saveGeometry())
        if self.arrangement == WIDE or self._wide_state is not None:
            wide = self.splitter.saveState() if self.arrangement == WIDE else self._wide_state
            self.settings.setValue("splitter", wide)
        if built:
            self.settings.setValue("notes_splitter", self.notes.splitter.saveState())
        self.settings.sync()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.save_state():
            event.ignore()  # the note could not be written: stay open rather than lose it
            return
        self.events.stop()
        self.closed = True
        self.closing.emit()
        if self.compact is not None:
            self.compact.leave.disconnect(self.leave_compact)
            self.compact.close()
        super().closeEvent(event)

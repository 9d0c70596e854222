"""The main window: reading list, context panel, notes, and the look-up field."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
)

from serge_reader import entries
from serge_reader.library import Library
from serge_reader.ui.context_panel import HOME, ContextPanel
from serge_reader.ui.lookup import LookupBox
from serge_reader.ui.notes_panel import NotesPanel
from serge_reader.ui.reading_list import SLUG_ROLE, SORT_ROLE, ProgressDelegate, ReadingListModel

EXTERNAL_CHANGE_POLL_MS = 1500


class MainWindow(QMainWindow):
    def __init__(self, lib: Library, settings: QSettings) -> None:
        super().__init__()
        self.lib = lib
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Serge Reader"))

        self.works_model = ReadingListModel(lib)
        self.works_proxy = QSortFilterProxyModel(self)
        self.works_proxy.setSourceModel(self.works_model)
        self.works_proxy.setSortRole(SORT_ROLE)
        self.reading_list = QTableView()
        self.reading_list.setObjectName("readingList")
        self.reading_list.setAccessibleName(self.tr("Reading list"))
        self.reading_list.setModel(self.works_proxy)
        self.reading_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reading_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reading_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reading_list.setSortingEnabled(True)
        self.reading_list.sortByColumn(ReadingListModel.YEAR, Qt.SortOrder.AscendingOrder)
        self.reading_list.verticalHeader().hide()
        self.reading_list.setShowGrid(False)
        self.reading_list.setWordWrap(False)
        self.reading_list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.reading_list.setItemDelegateForColumn(
            ReadingListModel.PROGRESS, ProgressDelegate(self)
        )
        header = self.reading_list.horizontalHeader()
        header.setSectionResizeMode(ReadingListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (ReadingListModel.YEAR, ReadingListModel.STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.reading_list.selectionModel().currentRowChanged.connect(self._on_work_row)

        self.panel = ContextPanel(lib)
        self.panel.shown.connect(self._on_shown)
        self.notes = NotesPanel(lib)
        self.notes.saved.connect(lambda _id: self.panel.reload())
        self.notes.openEntry.connect(self.panel.open)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.reading_list)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.notes)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 560, 380])
        self.setCentralWidget(self.splitter)

        self.lookup = LookupBox(lib, self)
        self.lookup.opened.connect(self.open_from_lookup)
        self._build_toolbar()
        self.statusBar()
        self._restore_state()
        self.lookup.setFocus()  # a reader opens the app to look something up: type at once

        self.last_data_version = lib.data_version()
        self.poll = QTimer(self)
        self.poll.setInterval(EXTERNAL_CHANGE_POLL_MS)
        self.poll.timeout.connect(self.check_external_changes)
        self.poll.start()

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.back_action = QAction(self.tr("Back"), self)
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_action.triggered.connect(self.panel.go_back)
        self.forward_action = QAction(self.tr("Forward"), self)
        self.forward_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.forward_action.triggered.connect(self.panel.go_forward)
        self.new_note_action = QAction(self.tr("New note"), self)
        self.new_note_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_note_action.triggered.connect(lambda: self.notes.new_note())
        for action in (self.back_action, self.forward_action, self.new_note_action):
            bar.addAction(action)
            self.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.lookup)
        self.panel.historyChanged.connect(self._update_history_actions)
        self._update_history_actions()
        for key in ("Ctrl+K", "/"):
            QShortcut(QKeySequence(key), self).activated.connect(self.focus_lookup)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def _on_work_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Open the work the reader moved to (not a row Qt made current on its own)."""
        if current.isValid() and self.reading_list.hasFocus():
            self.panel.open(current.data(SLUG_ROLE))

    def focus_lookup(self) -> None:
        """Ctrl+K or `/` (text fields keep a typed `/`: they claim it as a shortcut override)."""
        self.lookup.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lookup.selectAll()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.panel.can_go_back())
        self.forward_action.setEnabled(self.panel.can_go_forward())

    def open_from_lookup(self, entry_id: str) -> None:
        self.panel.open(entry_id)
        if entry_id.startswith("note:"):
            self.notes.edit_note(int(entry_id[5:]))

    def _on_shown(self, entry_id: str) -> None:
        work = entry_id if entries.entry_kind(self.lib, entry_id) == "work" else None
        self.notes.show_about(entry_id, work)
        self.settings.setValue("last_entry", entry_id)
        if work:
            row = self.works_model.row_of(work)
            if row is not None:
                proxy_index = self.works_proxy.mapFromSource(self.works_model.index(row, 0))
                if self.reading_list.currentIndex().row() != proxy_index.row():
                    self.reading_list.selectionModel().blockSignals(True)
                    self.reading_list.setCurrentIndex(proxy_index)
                    self.reading_list.selectionModel().blockSignals(False)

    def check_external_changes(self) -> None:
        """Show what the CLI (or another program) changed in the library."""
        version = self.lib.data_version()
        if version != self.last_data_version:
            self.last_data_version = version
            self.works_model.refresh()
            self.notes.model.refresh()
            if not self.notes.has_unsaved():
                self.panel.reload()

    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        for key, splitter in (("splitter", self.splitter), ("notes_splitter", self.notes.splitter)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        # A current row from the start, so that focusing the list does not open its first work.
        selection = self.reading_list.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(self.works_proxy.index(0, 0), selection.SelectionFlag.NoUpdate)
        selection.blockSignals(False)
        last = self.settings.value("last_entry")
        self.panel.open(last if isinstance(last, str) and last else HOME)
        if self.panel.current is None:
            self.panel.open(HOME)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.poll.stop()
        self.notes.save_now()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("notes_splitter", self.notes.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)

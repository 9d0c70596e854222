"""Sync in the window (docs/SYNC.md): `AutoSync` syncs at the start, a few seconds after a
change and every few minutes, in a thread on its own connection, and reports by signal;
`SyncIndicator` shows in the status bar how it went (last sync, changes waiting, conflict
versions) and lists the conflict versions; `SyncSettings` is the Settings dialog's group
for choosing the folder.

A sync that brought changes is announced as `Change.all()` on the one change channel. The
sync's own bookkeeping (recording local changes, which the views do not show) is not: the
change poll is told of it, so that views do not reload after every sync.

When the window closes (by hand or as the session ends), after what was typed is saved, one
last sync sends the changes still waiting, within `CLOSE_SYNC_SECONDS`: a slow folder never
holds the window, and what was not sent goes at the next start.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from serge_reader import clock
from serge_reader.changes import Change
from serge_reader.drafts import CONFLICT_TAG
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.operations import Done
from serge_reader.sync import engine
from serge_reader.ui.events import LibraryEvents

if TYPE_CHECKING:
    from serge_reader.ui.notes_panel import NotesPanel

START_SYNC_DELAY_MS = 3000  # the first sync comes once the window is up
SYNC_AFTER_CHANGE_MS = 5000  # a burst of edits is sent once, a few seconds after it ends
SYNC_EVERY_MS = 5 * 60_000  # what the other devices sent arrives within a few minutes
CLOSE_SYNC_SECONDS = 3.0  # the longest a closing window waits for its last sync


def _sync(lib: Library) -> engine.Report:
    """One sync, run by a `SyncRun`."""
    try:
        return engine.run(lib, idle_writes=False)
    except OSError as exc:  # the folder went away under the sync (a USB stick pulled)
        raise UserError(f"the sync folder could not be read: {exc.strerror or exc}") from None


class SyncRun(QObject):
    """One sync on its own connection (`Library.alongside`), in a daemon thread rather than
    a QThread: a sync stuck on a slow folder when the window closes is left behind and the
    program still ends (a QThread still running when the program ends aborts it). Reports by
    `finished`, delivered in the window's thread; the owner then reads `result` or `error`."""

    finished = Signal(object)  # this run

    def __init__(self, lib: Library) -> None:
        super().__init__()
        self.lib = lib
        self.result: engine.Report | None = None
        self.error: str | None = None
        self.unexpected: Exception | None = None
        self.worker = threading.Thread(target=self._run, name="serge-reader sync", daemon=True)

    def start(self) -> None:
        self.worker.start()

    def wait(self, seconds: float | None = None) -> bool:
        """Wait for the sync to end (at most `seconds`); whether it has."""
        self.worker.join(seconds)
        return not self.worker.is_alive()

    def _run(self) -> None:
        try:
            self.result = _sync(self.lib)
        except UserError as exc:
            self.error = str(exc)
        except Exception as exc:  # a bug: reported in the window's thread (`_take_result`)
            self.unexpected = exc
        finally:
            self.lib.close()
            self.finished.emit(self)


def _choose(lib: Library, folder: Path) -> Done[Path]:
    return Done(engine.set_folder(lib, folder), Change())


def _forget(lib: Library) -> Done[None]:
    engine.forget_folder(lib)
    return Done(None, Change())


class AutoSync(QObject):
    """Syncs with the folder chosen (nothing when none is), one sync at a time."""

    started = Signal()
    synced = Signal(object)  # the engine.Report of a sync that went through
    failed = Signal(str)  # why a sync could not be made, in one line
    updated = Signal()  # the folder, or what waits to be sent, may have changed

    def __init__(self, lib: Library, events: LibraryEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autoSync")
        self.lib = lib
        self.events = events
        self.running = False
        self.stopped = False  # the window closed: its library is about to be closed
        self.work: SyncRun | None = None
        self.again = False  # asked for while a sync was under way: one more after it
        self.last_report: engine.Report | None = None
        self.last_error: str | None = None
        self._version_at_start = 0
        self._announcing = False
        self.soon = QTimer(self)  # the debounce after a change
        self.soon.setSingleShot(True)
        self.soon.setInterval(SYNC_AFTER_CHANGE_MS)
        self.soon.timeout.connect(self.sync)
        self.ticker = QTimer(self)
        self.ticker.setInterval(SYNC_EVERY_MS)
        self.ticker.timeout.connect(self.sync)
        events.changed.connect(self._on_change)

    def folder(self) -> Path | None:
        return engine.folder_setting(self.lib)

    def summary(self) -> engine.Summary:
        return engine.summary(self.lib)

    def start(self) -> None:
        self.running = True
        QTimer.singleShot(START_SYNC_DELAY_MS, self, self.sync)
        self.ticker.start()

    def stop(self) -> None:
        """The window closed, what was typed saved (`MainWindow.closeEvent` saves before it
        says `closing`): send what waits, within the time allowed; then nothing more here
        touches the library, which is closed next. A sync left behind (a slow folder) is cut
        off when the program ends: SQLite rolls its transaction back, its segment was being
        written to a temporary file, and what it did not send is sent at the next start."""
        if self.stopped:
            return  # closed twice (a second signal as the session ends)
        self.running = False
        self.soon.stop()
        self.ticker.stop()
        self.send_waiting()
        self.stopped = True
        self.work = None

    def send_waiting(self, seconds: float | None = None) -> bool:
        """One sync now, when a folder is chosen and local changes wait to be sent (after the
        sync under way, if any), waited for `seconds` (`CLOSE_SYNC_SECONDS`) at most all
        told. False when a sync was still under way then: it is left to finish by itself (a
        slow folder), and what it does not send is sent at the next sync."""
        deadline = time.monotonic() + (CLOSE_SYNC_SECONDS if seconds is None else seconds)
        if self.work is not None and not self._finish(self.work, deadline):
            return False
        if self.folder() is None or not self.summary().pending:
            return True
        try:
            alongside = self.lib.alongside()
        except UserError as exc:
            self._fail(str(exc))
            return True
        self._version_at_start = self.lib.data_version()
        run = self.work = SyncRun(alongside)
        run.finished.connect(self._take_result)
        run.start()
        return self._finish(run, deadline)

    def _finish(self, run: SyncRun, deadline: float) -> bool:
        if not run.wait(max(0.0, deadline - time.monotonic())):
            return False
        self._take_result(run)
        return True

    def wait(self) -> None:
        """Let a sync under way finish (before the library is closed or replaced)."""
        if self.work is not None:
            self.work.wait()
            self._take_result(self.work)

    def busy(self) -> bool:
        return self.work is not None

    def _on_change(self, change: Change) -> None:
        if self._announcing or self.stopped:
            return  # what the last sync brought: nothing to send back; or the window closed
        self.updated.emit()
        if self.running and self.folder() is not None:
            self.soon.start()

    def sync(self) -> None:
        """Sync now, in the background (after the sync under way, if there is one)."""
        if not self.running:
            return
        if self.work is not None:
            self.again = True
            return
        if self.lib.writing():  # a transaction of the window is open (an import): soon
            self.soon.start()
            return
        if self.folder() is None:
            return
        self.soon.stop()
        try:
            alongside = self.lib.alongside()
        except UserError as exc:
            self._fail(str(exc))
            return
        self._version_at_start = self.lib.data_version()
        run = self.work = SyncRun(alongside)
        run.finished.connect(self._take_result)
        self.started.emit()
        run.start()

    @Slot(object)
    def _take_result(self, run: SyncRun) -> None:
        if self.work is not run:
            return  # already taken (by `wait` or `send_waiting`)
        run.wait()
        self.work = None
        if isinstance(run.result, engine.Report):
            self._succeed(run.result)
        else:
            self._fail(run.error or "the sync stopped on an unexpected error")
        if run.unexpected is not None:  # written to errors.log and told, as any other bug
            error = run.unexpected
            sys.excepthook(type(error), error, error.__traceback__)
        if self.again and self.running:
            self.again = False
            self.soon.start()

    def _fail(self, error: str) -> None:
        self.last_error = error
        self.failed.emit(error)

    def _succeed(self, report: engine.Report) -> None:
        self.last_error = None
        self.last_report = report
        if report.changed and self.running:  # (not for a window closing)
            self._announcing = True
            try:
                self.events.announce(Change.all())
            finally:
                self._announcing = False
        elif self.events.last_data_version == self._version_at_start:
            # Only the sync's own bookkeeping was committed (by the thread's connection):
            # nothing a view shows changed, so the change poll need not reload them all.
            self.events.last_data_version = self.lib.data_version()
        self.synced.emit(report)

    def choose_folder(self, folder: Path) -> bool:
        """Remember `folder` (checked) and sync with it at once; False when refused (the
        reader has been told why)."""
        title = self.tr("Sync folder not chosen")
        if self.events.run(title, _choose, folder) is None:
            return False
        self.last_error = None
        self.updated.emit()
        self.sync()
        return True

    def forget_folder(self) -> None:
        self.wait()
        self.events.run(self.tr("Sync not stopped"), _forget)
        self.last_error = None
        self.updated.emit()


def _when(stamp: str) -> str:
    """A stored UTC time as the reader's local time (and date, when not today)."""
    m = clock.moment(stamp)
    moment = QDateTime(QDate(m.year, m.month, m.day), QTime(m.hour, m.minute))
    if m.date() == clock.today():
        return QLocale().toString(moment, "HH:mm")
    return QLocale().toString(moment, "d MMM, HH:mm")


class SyncIndicator(QToolButton):
    """The status bar's word on sync; its menu syncs now, lists the conflict versions, or
    opens the settings. Hidden while no sync folder is chosen."""

    conflicts_wanted = Signal()  # show the notes tagged 'conflict'
    settings_wanted = Signal()

    def __init__(self, auto: AutoSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auto = auto
        self.setObjectName("syncStatus")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(self.tr("Sync"))
        self.syncing = False
        menu = QMenu(self)
        self.sync_now = QAction(self.tr("Sync now"), self)
        self.sync_now.setObjectName("syncNowAction")
        self.sync_now.triggered.connect(auto.sync)
        self.show_conflicts = QAction(self.tr("Show conflict versions"), self)
        self.show_conflicts.setObjectName("showConflictsAction")
        self.show_conflicts.triggered.connect(self.conflicts_wanted)
        self.open_settings = QAction(self.tr("Sync settings…"), self)
        self.open_settings.setObjectName("syncSettingsAction")
        self.open_settings.triggered.connect(self.settings_wanted)
        for action in (self.sync_now, self.show_conflicts, self.open_settings):
            menu.addAction(action)
        self.setMenu(menu)
        auto.started.connect(self._started)
        auto.synced.connect(self._done)
        auto.failed.connect(self._done)
        auto.updated.connect(self.refresh)
        self.refresh()

    def _started(self) -> None:
        self.syncing = True
        self.refresh()

    def _done(self, _what: object) -> None:
        self.syncing = False
        self.refresh()

    def refresh(self) -> None:
        state = self.auto.summary()
        self.setVisible(state.folder is not None)
        if state.folder is None:
            return
        if self.syncing:
            text = self.tr("Syncing…")
        elif self.auto.last_error is not None:
            text = self.tr("Sync failed")
        elif state.last_sync:
            text = self.tr("Synced {time}").replace("{time}", _when(state.last_sync))
        else:
            text = self.tr("Not synced yet")
        if state.pending:
            text += " · " + (
                self.tr("1 change to send")
                if state.pending == 1
                else self.tr("{n} changes to send").replace("{n}", str(state.pending))
            )
        if state.conflicts:
            text += " · " + (
                self.tr("1 conflict")
                if state.conflicts == 1
                else self.tr("{n} conflicts").replace("{n}", str(state.conflicts))
            )
        self.setText(text)
        lines = [self.tr("Sync folder: {folder}").replace("{folder}", str(state.folder))]
        if self.auto.last_error is not None:
            lines.append(self.auto.last_error)
        report = self.auto.last_report
        if report is not None and self.auto.last_error is None:
            lines.append(
                self.tr("Last sync: sent {sent}, received {received}")
                .replace("{sent}", str(report.sent))
                .replace("{received}", str(report.applied))
            )
            lines.extend(report.problems)
        if state.conflicts:
            lines.append(
                self.tr(
                    "A note changed on two devices before they synced keeps both texts: the "
                    "other one is a note tagged 'conflict'. Open either to compare them and "
                    "keep one."
                )
            )
        self.setToolTip("\n".join(lines))
        self.show_conflicts.setEnabled(state.conflicts > 0)
        self.show_conflicts.setText(
            self.tr("Show the conflict versions ({n})").replace("{n}", str(state.conflicts))
            if state.conflicts
            else self.tr("Show conflict versions")
        )


class SyncSettings(QGroupBox):
    """Settings ▸ Sync: the folder this library syncs through, chosen or forgotten."""

    def __init__(self, auto: AutoSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auto = auto
        self.setTitle(self.tr("Sync with your other computers"))
        self.setObjectName("syncSettings")
        self.folder = QLineEdit()
        self.folder.setObjectName("syncFolder")
        self.folder.setAccessibleName(self.tr("Sync folder"))
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(self.tr("Not syncing"))
        self.choose = QPushButton(self.tr("&Choose…"))
        self.choose.setObjectName("chooseSyncFolder")
        self.choose.setAccessibleName(self.tr("Choose the sync folder"))
        self.choose.clicked.connect(self.ask)
        self.forget = QPushButton(self.tr("S&top syncing"))
        self.forget.setObjectName("stopSyncing")
        self.forget.clicked.connect(self.stop)
        self.hint = QLabel(
            self.tr(
                "Choose a folder that Syncthing, Nextcloud, Dropbox or iCloud Drive already "
                "carries between your computers, the same on each. Your library itself stays "
                "here: only your notes and progress are written there, and no conflicted "
                "copies are made."
            )
        )
        self.hint.setObjectName("syncHint")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        row.addWidget(self.forget)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self._show()

    def _show(self) -> None:
        folder = self.auto.folder()
        self.folder.setText(str(folder) if folder else "")
        self.folder.setCursorPosition(0)
        self.forget.setEnabled(folder is not None)

    def ask_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the sync folder"), str(self.auto.folder() or Path.home())
        )
        return Path(chosen) if chosen else None

    def ask(self) -> None:
        folder = self.ask_folder()
        if folder is not None and self.auto.choose_folder(folder):
            self._show()

    def stop(self) -> None:
        self.auto.forget_folder()
        self._show()


def show_conflicts(panel: NotesPanel) -> None:
    """The notes panel lists every note tagged 'conflict' (all notes, no search)."""
    panel.refresh_tags()
    panel.search.clear()
    panel.scope.setCurrentIndex(panel.scope.findData(True))
    panel.kind_filter.setCurrentIndex(0)  # notes and quotations
    index = panel.tag_filter.findData(CONFLICT_TAG)
    if index >= 0:
        panel.tag_filter.setCurrentIndex(index)

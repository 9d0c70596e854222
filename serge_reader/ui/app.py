"""Starting the app: one window per data folder, the library, the main window, and the
automatic backups."""

from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from serge_reader import __version__, i18n
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.opening import Opened, Recovery, open_library
from serge_reader.ui import translation
from serge_reader.ui.preferences import backup_interval_minutes, stored_theme
from serge_reader.ui.single_instance import SingleInstance

if TYPE_CHECKING:
    from serge_reader.ui.jobs import LibraryJob
    from serge_reader.ui.main_window import MainWindow
    from serge_reader.ui.session_end import SessionEnd

START_BACKUP_DELAY_MS = 2000  # the first backup comes after the window is up, not before
BACKUP_TICK_MS = 60_000  # how often the interval is looked at, so a new one applies at once
LISTEN_AT_LATEST_MS = 1000  # a window the desktop keeps from painting (minimised) answers too


def _tr(text: str) -> str:
    """A phrase of this module's functions (lupdate files them under the empty context)."""
    return QApplication.translate(i18n.CONTEXT, text)


class _FirstPaint(QObject):
    """Quits the application once the widget it watches has painted for the first time."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.app.quit)
        return False


def settings_for(data_dir: Path) -> QSettings:
    """Window settings live beside the library, so one data folder is one whole setup;
    readable by the reader only (Qt would make the file with the usual umask)."""
    path = data_dir / "settings.ini"
    with contextlib.suppress(OSError):
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        path.chmod(0o600)
    return QSettings(str(path), QSettings.Format.IniFormat)


class AutoBackup(QObject):
    """Backs the library up soon after the start and then every `backup_interval_minutes`,
    each time only if it changed since the newest backup (see `backup.backup_if_changed`).

    The backup runs in a thread on its own connection (with a large library the check and
    copy take most of a second, which would freeze the window) and reports by signal."""

    made = Signal(object)  # the new backup's Path, or None when nothing had changed
    failed = Signal(str)

    def __init__(self, lib: Library, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autoBackup")
        self.lib = lib
        self.settings = settings
        self.last: float | None = None  # time.monotonic() of the last attempt
        self.running = True
        self.ticker = QTimer(self)
        self.ticker.setInterval(BACKUP_TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.work: LibraryJob | None = None  # the backup under way

    def start(self) -> None:
        self.running = True
        QTimer.singleShot(START_BACKUP_DELAY_MS, self, self.tick)
        self.ticker.start()

    def stop(self) -> None:
        """The window closed: no more backups of a library about to be closed."""
        self.running = False
        self.ticker.stop()
        self.wait()

    def wait(self) -> None:
        """Let a backup under way finish (before the library is closed or replaced)."""
        if self.work is not None:
            self.work.wait()
            self._take_result(self.work)

    def tick(self) -> None:
        if not self.running:
            return
        minutes = backup_interval_minutes(self.settings)
        if minutes and (self.last is None or time.monotonic() - self.last >= minutes * 60):
            self.back_up()

    def back_up(self) -> None:
        """Back up in a thread (imported here: the first backup comes after the start)."""
        from serge_reader import backup
        from serge_reader.ui.jobs import LibraryJob

        if self.lib.writing() or self.work is not None:
            return  # a transaction of the window is open, or a backup under way: next tick
        self.last = time.monotonic()
        try:
            alongside = self.lib.alongside()
        except UserError as exc:
            self.failed.emit(str(exc))
            return
        run = self.work = LibraryJob(alongside, backup.backup_if_changed)
        run.finished.connect(lambda: self._take_result(run))
        run.start()

    def _take_result(self, run: LibraryJob) -> None:
        if self.work is not run:
            return  # already taken (by `wait`)
        run.wait()
        self.work = None
        if run.error is not None:
            self.failed.emit(run.error)
        else:
            self.made.emit(run.result)


def bring_forward(window: QWidget) -> None:
    """A second launch asked for the window: show it, not minimised, in front."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def show_recovery_notice(window: MainWindow, recovery: Recovery) -> QMessageBox:
    """Tell the reader, once, that the library was damaged and set aside; offer the restore."""
    from serge_reader import backup  # rarely needed: not imported at every start
    from serge_reader.ui import restore_dialog

    text = _tr(
        "Your library could not be used ({problem}). It was kept as {path}, never deleted, "
        "and a fresh, empty library was started."
    )
    text = text.replace("{problem}", recovery.problem).replace("{path}", str(recovery.moved_to))
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("Your library was damaged"),
        "",
        QMessageBox.StandardButton.Close,
        window,
    )
    box.setObjectName("recoveryNotice")
    if recovery.backup is None:
        text += " " + _tr("No good backup was found to restore.")
    else:
        made = QLocale().toString(
            QDateTime.fromSecsSinceEpoch(int(backup.made_at(recovery.backup).timestamp())),
            QLocale.FormatType.LongFormat,
        )
        text += " " + _tr(
            "Your newest good backup is from {date}: choose Restore to bring it back."
        ).replace("{date}", made)
        restore = box.addButton(_tr("Restore…"), QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("restoreFromNotice")
        box.setDefaultButton(restore)
        restore.clicked.connect(lambda: restore_dialog.run(window, recovery.backup))
    box.setText(text)
    box.open()
    return box


def _say_backed_up(window: QMainWindow, made: Path | None) -> None:
    if made is not None:
        window.statusBar().showMessage(_tr("Library backed up"), 4000)


def open_window(opened: Opened, data_dir: Path, *, quit_when_ready: bool = False) -> MainWindow:
    """The main window on the library opened, shown, with automatic backups and, when the
    library had to be started afresh or a restore was finished, the notice saying so."""
    from serge_reader.ui.main_window import MainWindow

    lib = opened.library
    window = MainWindow(lib, settings_for(data_dir))
    if quit_when_ready:  # once the whole window, notes column included, has painted
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window.completed.connect(lambda: window.notes.installEventFilter(_FirstPaint(app)))
    auto = AutoBackup(lib, window.settings, window)
    window.closing.connect(auto.stop)
    window.replacing.connect(auto.wait)
    auto.made.connect(lambda made: _say_backed_up(window, made))
    auto.failed.connect(
        lambda message: window.statusBar().showMessage(
            _tr("Automatic backup failed: {reason}").replace("{reason}", message)
        )
    )
    window.show()
    auto.start()
    if opened.recovery is not None:
        show_recovery_notice(window, opened.recovery)
    if opened.notice is not None:  # a restore that was killed, finished or undone at opening
        notice = QMessageBox(
            QMessageBox.Icon.Information,
            _tr("An interrupted restore"),
            opened.notice[0].upper() + opened.notice[1:] + ".",
            QMessageBox.StandardButton.Close,
            window,
        )
        notice.setObjectName("restoreNotice")
        notice.setTextFormat(Qt.TextFormat.PlainText)
        notice.open()
    return window


def keep_running_on_errors(log: Path, *, quit_on_error: bool = False) -> list[bool]:
    """An error in a slot is written down and reported, and the program goes on: notes are
    saved as they are typed, so nothing waits on the window surviving. With `quit_on_error`
    (`--quit-when-ready`, a check that the app starts) it ends the app instead, and the list
    returned is not empty: the exit status must say the start failed."""
    shown: list[bool] = []
    failed: list[bool] = []

    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, error, trace))
        sys.stderr.write(text)
        with contextlib.suppress(OSError):  # owner-only, like everything in the data folder
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(f"{datetime.now(UTC).isoformat()}\n{text}\n")
        if quit_on_error:
            failed.append(True)
            QApplication.exit(1)
            return
        if not shown:  # once a session: a repeating error must not bury the window in dialogs
            shown.append(True)
            QMessageBox.warning(
                None,
                QApplication.translate("App", "Something went wrong"),
                QApplication.translate(
                    "App",
                    "Serge Reader hit an unexpected error and carries on; your notes are "
                    "saved as you type. The details were written to {log}.",
                ).replace("{log}", str(log)),
            )

    sys.excepthook = report
    return failed


def _on_session_end(app: QApplication, window: MainWindow) -> SessionEnd:
    """SIGTERM, SIGINT, SIGHUP and the session manager close the window, which saves. Set up
    once the window has painted: its module costs a fiftieth of a second, and there is
    nothing typed to save before."""
    from serge_reader.ui.session_end import SessionEnd

    return SessionEnd(app, window)


def run(data_dir: Path, *, quit_when_ready: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Serge Reader")
    app.setOrganizationName("serge-reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.serge_reader.SergeReader")  # Wayland matches the .desktop
    from serge_reader.ui import theme

    app.setWindowIcon(theme.app_icon())
    settings = settings_for(data_dir)
    translation.install(app, settings)  # before any window or message is built
    theme.apply_theme(app, stored_theme(settings))
    instance = SingleInstance(data_dir)
    try:
        claimed = instance.claim(listen=False)  # the lock decides; answering can wait
    except UserError as exc:  # another window has the library and does not answer
        if not quit_when_ready:
            QMessageBox.warning(None, _tr("Serge Reader is already open"), str(exc))
        raise
    if not claimed:
        return 0  # the window already open on this library was brought forward
    try:
        try:
            opened = open_library(data_dir)
        except UserError as exc:
            if not quit_when_ready:
                QMessageBox.critical(None, _tr("Serge Reader cannot start"), str(exc))
            raise
        lib = opened.library
        if opened.recovery is not None:
            print(f"serge-reader: {opened.recovery.message}", file=sys.stderr)
        if opened.notice is not None:
            print(f"serge-reader: {opened.notice}", file=sys.stderr)
        failed = keep_running_on_errors(data_dir / "errors.log", quit_on_error=quit_when_ready)
        window = open_window(opened, data_dir, quit_when_ready=quit_when_ready)
        instance.activated.connect(lambda: bring_forward(window))
        window.completed.connect(instance.listen)  # later launches: after the first paint,
        QTimer.singleShot(LISTEN_AT_LATEST_MS, instance, instance.listen)  # or if never painted
        ending: list[SessionEnd] = []  # the session's end is handled from the first paint on
        window.completed.connect(lambda: ending.append(_on_session_end(app, window)))
        try:
            status = app.exec()
            return 1 if failed else status
        finally:
            lib.close()  # before the signals are given back: a second SIGTERM cannot cut it short
            for session_end in ending:
                session_end.restore()
    finally:
        instance.release()

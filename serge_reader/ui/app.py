"""Starting the app: the Qt application, the library, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from serge_reader import __version__
from serge_reader.errors import UserError
from serge_reader.library import Library


class _FirstPaint(QObject):
    """Quits the application once the window has painted for the first time."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.app.quit)
        return False


def settings_for(data_dir: Path) -> QSettings:
    """Window settings live beside the library, so one data folder is one whole setup."""
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


def run(data_dir: Path, *, quit_when_ready: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Serge Reader")
    app.setOrganizationName("serge-reader")
    app.setApplicationVersion(__version__)
    try:
        lib = Library(data_dir)
    except UserError as exc:
        if not quit_when_ready:
            QMessageBox.critical(None, app.tr("Serge Reader cannot start"), str(exc))
        raise
    from serge_reader.ui.main_window import MainWindow

    window = MainWindow(lib, settings_for(data_dir))
    if quit_when_ready:
        watcher = _FirstPaint(app)
        window.installEventFilter(watcher)
    window.show()
    try:
        return app.exec()
    finally:
        lib.close()

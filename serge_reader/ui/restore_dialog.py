"""The Restore dialog: choose one of the backups in the data folder and bring it back.

The restore happens while the app has the library open: `run` has the window write what the
reader typed, closes the library, restores (the library as it was is kept aside, never
deleted), reopens it in the same `Library` object, and has the window show it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from serge_reader import backup
from serge_reader.errors import UserError
from serge_reader.library import Library

PATH_ROLE = Qt.ItemDataRole.UserRole


class LibraryWindow(Protocol):
    """What the main window offers so that a restore can happen under it."""

    lib: Library

    def save_pending(self) -> None:
        """Write whatever the reader typed and is not saved yet."""

    def reload_library(self) -> None:
        """Show everything again from the library: its content was replaced."""


class RestoreDialog(QDialog):
    def __init__(
        self, data_dir: Path, parent: QWidget | None = None, preselect: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        intro = QLabel(
            self.tr(
                "Choose a backup to bring back. Your library as it is now is kept aside in "
                "the data folder, never deleted."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        for info in backup.describe_backups(data_dir):
            item = QListWidgetItem(self._label(info))
            item.setData(PATH_ROLE, str(info.path))
            item.setToolTip(str(info.path))
            self.list.addItem(item)
            if preselect is not None and info.path == preselect:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty = QLabel(self.tr("There are no backups yet."))
        self.empty.setObjectName("noBackups")
        self.empty.setVisible(self.list.count() == 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(self.list.currentItem() is not None)
        self.list.currentItemChanged.connect(
            lambda current, _previous: self.restore_button.setEnabled(current is not None)
        )
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def _label(self, info: backup.BackupInfo) -> str:
        locale = QLocale()
        when = locale.toString(
            QDateTime.fromSecsSinceEpoch(int(info.made.timestamp())),
            QLocale.FormatType.ShortFormat,
        )
        if info.notes is None:
            notes = self.tr("cannot be read")
        elif info.notes == 1:
            notes = self.tr("1 note")
        else:
            notes = self.tr("{count} notes").replace("{count}", locale.toString(info.notes))
        return f"{when}  ·  {notes}  ·  {locale.formattedDataSize(info.size)}"

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


def run(window: LibraryWindow, preselect: Path | None = None) -> bool:
    """Ask which backup to restore and restore it; True when the library was replaced."""
    dialog = RestoreDialog(window.lib.data_dir, window, preselect)
    source = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    return source is not None and restore_chosen(window, source)


def restore_chosen(window: LibraryWindow, source: Path) -> bool:
    """Restore `source` under the open window; the reader is told how it went."""
    window.save_pending()
    try:
        aside = backup.restore_into(window.lib, source)
    except UserError as exc:
        QMessageBox.warning(window, _tr("Not restored"), str(exc))
        return False
    finally:
        window.reload_library()
    text = _tr("The backup was restored.")
    if aside is not None:
        text += " " + _tr("Your library as it was is kept as {path}.").replace("{path}", str(aside))
    QMessageBox.information(window, _tr("Backup restored"), text)
    return True

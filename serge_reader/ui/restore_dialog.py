"""The Restore dialog: choose one of the backups in the data folder and bring it back.

The restore happens while the app has the library open: `run` has the window write what the
reader typed, closes the library, restores (the library as it was is kept aside, never
deleted), reopens it in the same `Library` object, and has the window show it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from serge_reader import backup, i18n, operations
from serge_reader.ui import messages
from serge_reader.ui.plain_text import tooltip

if TYPE_CHECKING:
    from serge_reader.ui.main_window import MainWindow

PATH_ROLE = Qt.ItemDataRole.UserRole


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
            item.setToolTip(tooltip(str(info.path)))
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
    """A phrase of this module's functions (lupdate files them under the empty context)."""
    return QCoreApplication.translate(i18n.CONTEXT, text)


def run(window: MainWindow, preselect: Path | None = None) -> bool:
    """Ask which backup to restore and restore it; True when the library was replaced."""
    dialog = RestoreDialog(window.lib.data_dir, window, preselect)
    source = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    return source is not None and restore_chosen(window, source)


def restore_chosen(window: MainWindow, source: Path) -> bool:
    """Restore `source` under the open window; the reader is told how it went (a refusal by
    the window's change channel, once)."""
    window.save_pending()
    restored = window.events.run(_tr("Not restored"), operations.restore_backup, source)
    if restored is None:
        window.reload_library()  # the library was closed and opened again under the views
        return False
    text = _tr("The backup was restored.")
    if restored.aside is not None:
        text += " " + _tr("Your library as it was is kept as {path}.").replace(
            "{path}", str(restored.aside)
        )
    messages.inform(window, _tr("Backup restored"), text)
    return True

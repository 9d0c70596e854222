"""The Settings dialog: theme, the context panel's reading font, the language, backups, the
data folder, and (from the window) the sync folder.

Changes apply at once (there is no OK button to forget): each is written to the QSettings
the dialog was given and announced with `changed`, on which the main window re-reads
`preferences.load_preferences` and applies them. The language applies at the next start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from serge_reader.ui import translation
from serge_reader.ui.preferences import (
    BACKUP_KEY,
    BACKUP_RANGE,
    FONT_FAMILY_KEY,
    FONT_SIZE_KEY,
    FONT_SIZE_RANGE,
    THEME_KEY,
    Preferences,
    load_preferences,
)
from serge_reader.ui.theme import DARK, LIGHT, SYSTEM

if TYPE_CHECKING:
    from serge_reader.ui.sync_view import AutoSync


class SettingsDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        settings: QSettings,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        sync: AutoSync | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))

        self.theme = QComboBox()
        self.theme.setObjectName("themeCombo")
        self.theme.setAccessibleName(self.tr("Theme"))
        for value, label in (
            (SYSTEM, self.tr("Follow the system")),
            (LIGHT, self.tr("Light")),
            (DARK, self.tr("Dark")),
        ):
            self.theme.addItem(label, value)

        self.font_family = QFontComboBox()
        self.font_family.setObjectName("readingFontCombo")
        self.font_family.setAccessibleName(self.tr("Reading font"))
        self.font_size = QSpinBox()
        self.font_size.setObjectName("readingFontSize")
        self.font_size.setAccessibleName(self.tr("Reading font size"))
        self.font_size.setRange(*FONT_SIZE_RANGE)
        self.font_size.setSuffix(self.tr(" pt"))

        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("Follow the system"), translation.SYSTEM)
        self.language.addItem("English", translation.ENGLISH)  # each language in its own words
        self.language.addItem("Français", translation.FRENCH)
        self.language_hint = QLabel(
            self.tr("The new language applies when Serge Reader starts again.")
        )
        self.language_hint.setObjectName("languageHint")
        self.language_hint.setWordWrap(True)

        self.backup = QSpinBox()
        self.backup.setObjectName("backupInterval")
        self.backup.setAccessibleName(self.tr("Back up the library every"))
        self.backup.setRange(*BACKUP_RANGE)
        self.backup.setSuffix(self.tr(" min"))
        self.backup.setSpecialValueText(self.tr("Never"))
        self.backup.setToolTip(
            self.tr("A checked copy of your library goes into backups/ in the data folder.")
        )

        self.folder = QLineEdit(str(data_dir))
        self.folder.setObjectName("dataFolder")
        self.folder.setAccessibleName(self.tr("Data folder"))
        self.folder.setReadOnly(True)
        self.folder.setCursorPosition(0)  # the start of the path says most
        width = self.folder.fontMetrics().horizontalAdvance(str(data_dir)) + 24
        self.folder.setMinimumWidth(min(width, 460))
        self.open_folder = QPushButton(self.tr("&Open folder"))
        self.open_folder.setObjectName("openDataFolder")
        self.open_folder.setAccessibleName(self.tr("Open the data folder"))
        self.open_folder.clicked.connect(self.show_data_folder)

        appearance = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(appearance)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("Reading &font:"), self.font_family)
        form.addRow(self.tr("Font &size:"), self.font_size)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", self.language_hint)

        library = QGroupBox(self.tr("Your library"))
        form = QFormLayout(library)
        form.addRow(self.tr("&Back up every:"), self.backup)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_folder)
        folder_label = QLabel(self.tr("&Data folder:"))
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setObjectName("restoreDefaults")
        restore.clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(appearance)
        layout.addWidget(library)
        if sync is not None:  # the window's: the folder is kept in the library
            from serge_reader.ui.sync_view import SyncSettings

            layout.addWidget(SyncSettings(sync))
        layout.addWidget(buttons)

        self._show(load_preferences(settings))
        self.theme.currentIndexChanged.connect(
            lambda _i: self._store(THEME_KEY, self.theme.currentData())
        )
        self.font_family.currentFontChanged.connect(
            lambda font: self._store(FONT_FAMILY_KEY, font.family())
        )
        self.font_size.valueChanged.connect(lambda size: self._store(FONT_SIZE_KEY, size))
        self.backup.valueChanged.connect(lambda minutes: self._store(BACKUP_KEY, minutes))
        self.language.currentIndexChanged.connect(
            lambda _i: self._store(translation.LANGUAGE_KEY, self.language.currentData())
        )

    def _show(self, prefs: Preferences) -> None:
        self.theme.setCurrentIndex(self.theme.findData(prefs.theme))
        self.font_family.setCurrentFont(QFont(prefs.font_family))
        self.font_size.setValue(prefs.font_size)
        self.backup.setValue(prefs.backup_interval_minutes)
        self.language.setCurrentIndex(
            self.language.findData(translation.stored_language(self.settings))
        )
        self._show_language_hint()

    def _show_language_hint(self) -> None:
        """Say that a language other than the one running waits for the next start."""
        waiting = translation.chosen_language(self.settings) != translation.current_language()
        self.language_hint.setVisible(waiting)

    def _store(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)
        self._show_language_hint()
        self.changed.emit()

    def restore_defaults(self) -> None:
        for key in (
            THEME_KEY,
            FONT_FAMILY_KEY,
            FONT_SIZE_KEY,
            BACKUP_KEY,
            translation.LANGUAGE_KEY,
        ):
            self.settings.remove(key)
        widgets = (self.theme, self.font_family, self.font_size, self.backup, self.language)
        for widget in widgets:
            widget.blockSignals(True)
        self._show(load_preferences(self.settings))
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    def show_data_folder(self) -> None:
        """Open the folder in the desktop's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

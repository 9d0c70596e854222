"""The reader's preferences as stored in settings.ini, read with defaults for anything
missing or unreadable. Kept apart from the Settings dialog, which the start does not need."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

from serge_reader.ui.theme import SYSTEM, THEMES

BACKUP_KEY = "backup_interval_minutes"  # 0: no automatic backups
DEFAULT_BACKUP_MINUTES = 30
THEME_KEY = "theme"
FONT_FAMILY_KEY = "reading_font_family"
FONT_SIZE_KEY = "reading_font_size"
BACKUP_RANGE = (0, 7 * 24 * 60)  # 0: no automatic backups (app.AutoBackup reads the key)
FONT_SIZE_RANGE = (8, 36)
MIN_DEFAULT_FONT_SIZE = 11  # desktops without a font setting give 9 pt: small for reading


@dataclass(frozen=True)
class Preferences:
    theme: str
    font_family: str
    font_size: int
    backup_interval_minutes: int

    def reading_font(self) -> QFont:
        """The context panel's font."""
        font = QFont(self.font_family)
        font.setPointSize(self.font_size)
        return font


def default_reading_font() -> QFont:
    """A serif, as books are set (DejaVu Serif, Noto Serif, Times…: the system's own
    choice), at the size of the system's font; the system's font where no serif is found."""
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    serif = QFont("Serif")
    serif.setStyleHint(QFont.StyleHint.Serif)
    found = QFontInfo(serif)  # one look-up in the system's fonts
    family = found.family()
    if family and found.styleHint() != QFont.StyleHint.SansSerif:
        font = QFont(system)
        font.setFamily(family)
        return font
    return system


def _int_in(value: object, low: int, high: int, default: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if low <= number <= high else default


def load_preferences(settings: QSettings) -> Preferences:
    """The stored preferences; anything missing or unreadable (a hand-edited file) is the default."""
    base = default_reading_font()
    family = settings.value(FONT_FAMILY_KEY, "")
    default_size = max(base.pointSize(), MIN_DEFAULT_FONT_SIZE)
    return Preferences(
        theme=stored_theme(settings),
        font_family=family if isinstance(family, str) and family else base.family(),
        font_size=_int_in(settings.value(FONT_SIZE_KEY), *FONT_SIZE_RANGE, default_size),
        backup_interval_minutes=backup_interval_minutes(settings),
    )


def stored_theme(settings: QSettings) -> str:
    """The theme chosen (SYSTEM for anything unreadable): at the start, before any window,
    without looking for the reading font."""
    theme = settings.value(THEME_KEY, SYSTEM)
    return theme if theme in THEMES else SYSTEM


def backup_interval_minutes(settings: QSettings) -> int:
    """Minutes between automatic backups; 0 turns them off; anything unreadable is 30."""
    try:
        minutes = int(str(settings.value(BACKUP_KEY, DEFAULT_BACKUP_MINUTES)))
    except ValueError:
        return DEFAULT_BACKUP_MINUTES
    return minutes if minutes >= 0 else DEFAULT_BACKUP_MINUTES

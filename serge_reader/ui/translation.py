"""The interface's language: the system's, or the one chosen in Settings.

`install` runs once at the start, before any window is built: it loads the program's
translation (one .qm file, shipped in serge_reader/resources/translations/) and Qt's own for
its standard buttons and dialogs, sets the locale that dates and numbers follow, routes the
core's page text through Qt's translations, and has works called by their French titles in
French. A change of language in Settings applies at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from serge_reader import i18n
from serge_reader.paths import resources_dir

LANGUAGE_KEY = "language"
SYSTEM = "system"
ENGLISH = "en"
FRENCH = "fr"
LANGUAGES = (ENGLISH, FRENCH)  # the source language first; a .qm file for each of the others
CATALOGUE = "serge_reader"

_installed: list[QTranslator] = []
_current = [ENGLISH]  # the language installed: the source language until `install`


def current_language() -> str:
    """The language the interface speaks now."""
    return _current[0]


def translations_dir() -> Path:
    return resources_dir() / "translations"


def stored_language(settings: QSettings) -> str:
    """The choice in settings.ini: SYSTEM (also for anything unreadable), or a language."""
    value = settings.value(LANGUAGE_KEY, SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def language_of(locale: QLocale) -> str:
    """The interface language for a locale: French for any French locale, else English."""
    return FRENCH if locale.language() == QLocale.Language.French else ENGLISH


def chosen_language(settings: QSettings, system: QLocale | None = None) -> str:
    stored = stored_language(settings)
    return language_of(system or QLocale.system()) if stored == SYSTEM else stored


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale dates and numbers follow: the system's when it speaks the language (a
    reader in Quebec or Belgium keeps their conventions), else the language's own."""
    system = system or QLocale.system()
    if language_of(system) == language and system.language() != QLocale.Language.C:
        return system
    if language == FRENCH:
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _translate_core(text: str) -> str:
    return QCoreApplication.translate(i18n.CONTEXT, text)


def install(app: QCoreApplication, settings: QSettings, system: QLocale | None = None) -> str:
    """Put the chosen language in place; the language installed."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = chosen_language(settings, system)
    if language != ENGLISH:
        ours = QTranslator(app)
        if ours.load(f"{CATALOGUE}_{language}.qm", str(translations_dir())):
            app.installTranslator(ours)
            _installed.append(ours)
        else:  # a broken install: the interface stays in English, and says so in English
            language = ENGLISH
    if language != ENGLISH:
        qt = QTranslator(app)  # Qt's own words: OK, Cancel, Close, Restore Defaults…
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}.qm", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(locale_for(language, system))
    i18n.set_translator(_translate_core)
    i18n.use_original_titles(language == FRENCH)
    _current[0] = language
    return language

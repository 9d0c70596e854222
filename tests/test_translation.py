"""The interface in French: every visible phrase translated, chosen from the system or the
settings, dates and numbers in the reader's locale, and the works under their French titles."""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from serge_reader import i18n, pages, progress
from serge_reader.ui import translation

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "serge_reader_fr.ts"
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
ENGLISH_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def _plain(text: str) -> str:
    """A phrase as a reader sees it: no markup, no `&` mnemonic, no ellipsis or spaces around."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.replace("…", " ").split())


def _messages() -> list[tuple[str, str, str | None, str | None]]:
    """(context, source, translation, type) for every message of the French .ts file."""
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation_ = message.find("translation")
            assert translation_ is not None
            out.append(
                (
                    name,
                    message.findtext("source") or "",
                    "".join(translation_.itertext()),
                    translation_.get("type"),
                )
            )
    return out


def _english_only() -> set[str]:
    """The English phrases a French reader must never see: those whose French differs."""
    return {
        _plain(source)
        for _context, source, french, _type in _messages()
        if _plain(source) != _plain(french or "") and _plain(source)
    }


@pytest.fixture
def language(qapp, tmp_path):
    """Install a language for a test, as the start does; English and the locale come back
    afterwards, for the tests that follow."""
    before = QLocale()

    def choose(value: str, system: QLocale = ENGLISH_US) -> str:
        settings = QSettings(str(tmp_path / f"{value}.ini"), QSettings.Format.IniFormat)
        settings.setValue(translation.LANGUAGE_KEY, value)
        return translation.install(qapp, settings, system)

    yield choose
    choose(translation.ENGLISH)
    QLocale.setDefault(before)


@pytest.fixture
def french(language):
    assert language(translation.FRENCH) == translation.FRENCH


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every phrase a reader sees or hears in `root` and its children:
    labels, buttons, placeholders, list and combo items, tab titles, group titles, column
    headers, spin box affixes, window titles, accessible names, tooltips, and actions."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        texts = [widget.accessibleName(), widget.toolTip()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QAbstractSpinBox):
            texts.append(widget.specialValueText())
        if isinstance(widget, QSpinBox):
            texts.extend([widget.prefix(), widget.suffix()])
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            texts.extend(
                str(widget.model().headerData(i, widget.orientation()) or "")
                for i in range(widget.count())
            )
        found.extend((name, text) for text in texts if text and text.strip())
        for action in widget.actions():
            found.append((f"action in {name}", action.text()))
            found.append((f"action in {name}", action.toolTip()))
            menu = action.menu()
            if isinstance(menu, QMenu):
                found.extend(visible_texts(menu))
    return found


# Words of English no French phrase has: a phrase with one was never marked for translation.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|with|this|that|yet|from|into|of|to|for|by|is|are|was|no|not|all|any|"
    r"none|each|every|here|there|page \d+ of|notes? about)\b",
    re.IGNORECASE,
)


def assert_french(texts: list[tuple[str, str]]) -> None:
    """No phrase is still the English of a phrase that has its own French, and none reads as
    English (a phrase never marked for translation)."""
    english = _english_only()
    left = sorted(
        {
            (where, text)
            for where, text in texts
            if _plain(text) in english or ENGLISH_WORDS.search(_plain(text))
        }
    )
    assert not left, "still in English:\n" + "\n".join(f"  {w}: {t!r}" for w, t in left)


# The translation file


def test_every_phrase_of_the_french_file_is_translated():
    missing = [(c, s) for c, s, french, kind in _messages() if kind == "unfinished" or not french]
    assert not missing
    assert len(_messages()) > 250


def test_the_french_file_keeps_the_placeholders_of_each_phrase():
    for context, source, french, _kind in _messages():
        for mark in sorted(set(re.findall(r"%\d|\{\w+\}", source))):
            assert mark in (french or ""), (context, source, french)


def test_the_french_file_holds_every_phrase_of_the_code(tmp_path):
    """lupdate over today's code finds nothing new to translate: the file is up to date."""
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "packaging" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    copy = tmp_path / "translations" / TS.name
    copy.parent.mkdir()
    shutil.copy(TS, copy)
    module.update("fr", copy)
    assert module.unfinished(copy) == []
    core = {text for text, _path, _line in module.core_phrases()}
    assert {"Your notes ({count})", "On the sources", "Sources:", "Who's who so far"} <= core
    assert core <= {source for context, source, _f, _k in _messages() if context == ""}


def test_the_compiled_translation_is_current_and_ships_in_the_package():
    qm = translation.translations_dir() / "serge_reader_fr.qm"
    assert qm.is_file()
    assert qm.stat().st_mtime >= TS.stat().st_mtime - 1, "run packaging/update_translations.py"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources" = "serge_reader/resources"' in pyproject


def test_an_installed_package_finds_the_translation_inside_itself(tmp_path):
    """Laid out as the wheel installs it (resources inside the package), the program loads
    the translation from there, not from a checkout."""
    site = tmp_path / "site"
    shutil.copytree(
        ROOT / "serge_reader", site / "serge_reader", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        ROOT / "resources" / "translations", site / "serge_reader" / "resources" / "translations"
    )
    probe = (
        "from serge_reader.ui import translation; "
        "print(translation.translations_dir() / 'serge_reader_fr.qm')"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(out) == site / "serge_reader" / "resources" / "translations" / "serge_reader_fr.qm"
    assert Path(out).is_file()


# Choosing the language


@pytest.mark.parametrize(
    ("stored", "system", "expected"),
    [
        ("system", FRENCH, "fr"),
        ("system", QLocale(QLocale.Language.French, QLocale.Country.Canada), "fr"),
        ("system", ENGLISH_US, "en"),
        ("system", QLocale(QLocale.Language.German, QLocale.Country.Germany), "en"),
        ("en", FRENCH, "en"),
        ("fr", ENGLISH_US, "fr"),
        ("klingon", FRENCH, "fr"),  # a hand-edited value is the system's choice
    ],
)
def test_the_language_follows_the_system_unless_the_settings_say(
    tmp_path, stored, system, expected
):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(translation.LANGUAGE_KEY, stored)
    assert translation.chosen_language(settings, system) == expected


def test_french_from_the_system_keeps_the_systems_conventions(language):
    canada = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    assert language(translation.SYSTEM, canada) == translation.FRENCH
    assert QLocale().name() == "fr_CA"
    assert language(translation.FRENCH, ENGLISH_US) == translation.FRENCH
    assert QLocale().name() == "fr_FR"


def test_dates_and_numbers_follow_the_chosen_language(french, qapp):
    from serge_reader.ui.notes_panel import local_time

    assert QLocale().toString(123456) == "123\u202f456"
    assert "déc." in local_time("2026-12-01T12:00:00Z")
    assert QApplication.translate("", "December") == "décembre"
    from serge_reader.timeline import date_label

    assert date_label("1921-12") == "décembre 1921"


def test_the_settings_offer_the_language_and_say_when_it_applies(language, qtbot, tmp_path):
    from serge_reader.ui.settings_dialog import SettingsDialog

    language(translation.ENGLISH)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(settings, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.findChild(QComboBox, "languageCombo")
    hint = dialog.findChild(QLabel, "languageHint")
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "en", "fr"]
    assert combo.currentData() == "system"
    combo.setCurrentIndex(combo.findData("fr"))
    assert settings.value(translation.LANGUAGE_KEY) == "fr"
    assert hint.isVisible()  # English runs now; French comes at the next start
    combo.setCurrentIndex(combo.findData("en"))
    assert not hint.isVisible()
    dialog.restore_defaults()
    assert not settings.contains(translation.LANGUAGE_KEY)


def test_a_missing_translation_leaves_the_interface_in_english(language, monkeypatch, tmp_path):
    monkeypatch.setattr(translation, "translations_dir", lambda: tmp_path / "nowhere")
    assert language(translation.FRENCH) == translation.ENGLISH
    assert QApplication.translate("MainWindow", "&File") == "&File"


# The window in French


@pytest.fixture
def french_window(french, open_window):
    return open_window()


def test_the_main_window_menus_and_actions_are_french(french_window, qtbot):
    window = french_window
    window.tabs.setCurrentIndex(1)  # build the timeline and the statistics too
    window.tabs.setCurrentIndex(2)
    texts = visible_texts(window)
    for menu in window.menus.values():
        texts.extend(visible_texts(menu))
    assert_french(texts)
    titles = [_plain(menu.title()) for menu in window.menus.values()]
    assert titles == ["Fichier", "Édition", "Aller", "Affichage", "Aide"]
    shown = {_plain(t) for _w, t in texts}
    assert {"Liste de lecture", "Consulter", "Mode lecture compacte", "Entrée"} <= shown
    assert "Statistiques" in shown and "Chronologie" in shown


def test_the_notes_panel_and_its_states_are_french(french_window, qtbot):
    window = french_window
    notes = window.notes
    window.open_entry("midnight-in-the-century")
    notes.scope.setCurrentIndex(0)  # the notes about the entry shown (all notes by default)
    assert notes.header.text() == "Notes sur cette entrée"
    notes.new_note()
    assert notes.status.text() == "Nouvelle note — enregistrée au fil de la frappe"
    assert_french(visible_texts(notes))


def test_the_dialogs_are_french(french_window, qtbot, data_dir):
    from serge_reader.ui.about_dialog import AboutDialog
    from serge_reader.ui.restore_dialog import RestoreDialog
    from serge_reader.ui.settings_dialog import SettingsDialog
    from serge_reader.ui.shortcuts_help import ShortcutsDialog

    window = french_window
    dialogs = [
        SettingsDialog(window.settings, data_dir, window),
        RestoreDialog(data_dir, window),
        ShortcutsDialog(window.menuBar().actions(), window),
        AboutDialog(window),
    ]
    texts = []
    for dialog in dialogs:
        dialog.show()
        texts.extend(visible_texts(dialog))
        dialog.close()
    assert_french(texts)
    shown = {_plain(t) for _w, t in texts}
    # Qt's own buttons, from Qt's translation
    assert {"Fermer", "Annuler", "Restaurer les valeurs par défaut"} & shown
    assert {"Préférences", "Restaurer une sauvegarde", "Raccourcis clavier"} <= shown
    shortcuts = dialogs[2].table
    actions = {shortcuts.item(r, 0).text() for r in range(shortcuts.rowCount())}
    assert "Nouvelle note" in actions and "Mode lecture compacte" in actions


def test_the_compact_window_is_french(french_window, qtbot):
    window = french_window
    window.compact_action.trigger()
    compact = window.compact
    try:
        assert_french(visible_texts(compact))
        assert compact.windowTitle() == "Serge Reader — lecture compacte"
        assert compact.note.placeholderText() == "Note à cette page — Entrée pour enregistrer"
    finally:
        compact.leave.emit()


def test_the_reading_list_shows_the_french_titles_and_statuses(french_window, lib):
    window = french_window
    model = window.reading.model
    row = model.row_of("midnight-in-the-century")
    assert model.data(model.index(row, model.TITLE)) == "S'il est minuit dans le siècle"
    tip = model.data(model.index(row, model.TITLE), Qt.ItemDataRole.ToolTipRole)
    assert "Midnight in the Century" in tip
    # an English collection keeps its own title, without the subtitle
    row = model.row_of("the-century-of-the-unexpected")
    assert model.data(model.index(row, model.TITLE)) == "The Century of the Unexpected"
    genres = [window.reading.genre_filter.itemText(i) for i in range(1, 4)]
    assert all(g[:1].isupper() for g in genres)
    assert "Roman" in [window.reading.genre_filter.itemText(i) for i in range(10)]
    decades = window.reading.year_filter
    assert decades.itemText(1) == "Années 1920"


def test_pages_are_french_with_the_french_title_first(french, lib):
    progress.set_progress(lib, "midnight-in-the-century", pages=199, page=40)
    page = pages.entry_page(lib, "midnight-in-the-century")
    text = _plain(page)
    assert "<h1>S&#x27;il est minuit dans le siècle</h1>" in page
    assert "Midnight in the Century" in text  # the English title under it
    assert "Vos notes (0)" in text and "Pas encore de notes." in text
    assert "Sur les sources" in text and "Sources :" in _plain(page.replace("\xa0", " "))
    assert "Votre lecture" in text and "en cours, page 40 sur 199" in text
    for english in ("Your notes", "On the sources", "Sources:", "Who's who", "No notes yet"):
        assert english not in text
    home = _plain(pages.home_page(lib))
    assert "En cours de lecture" in home and "S'il est minuit dans le siècle" in home
    term = _plain(pages.entry_page(lib, "okhrana"))
    assert "Your notes" not in term and "Vos notes" in term


def test_switching_back_to_english_gives_english(language, open_window):
    language(translation.FRENCH)
    language(translation.ENGLISH)
    assert not i18n.original_titles()
    window = open_window()
    assert window.menus["file"].title() == "&File"
    assert window.tabs.tabText(0) == "Entry"
    model = window.reading.model
    row = model.row_of("midnight-in-the-century")
    assert model.data(model.index(row, model.TITLE)) == "Midnight in the Century"
    assert window.lookup.placeholderText().startswith("Look up")

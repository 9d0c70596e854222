"""Settings, About and Keyboard shortcuts dialogs, the themes and the icon, driven as a reader would."""

import pytest
from PySide6.QtCore import QObject, QSettings, QSize, Qt, QUrl, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QImage,
    QKeySequence,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTextBrowser,
    QWidget,
)

from serge_reader import __version__, paths
from serge_reader.ui import theme
from serge_reader.ui.about_dialog import AboutDialog
from serge_reader.ui.preferences import BACKUP_KEY, FONT_SIZE_KEY, THEME_KEY, load_preferences
from serge_reader.ui.settings_dialog import SettingsDialog
from serge_reader.ui.shortcuts_help import ShortcutsDialog, shortcut_rows, standard_keys

Role = QPalette.ColorRole
READ_PAIRS = [
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.HighlightedText, Role.Highlight),
    (Role.Link, Role.Base),
    (Role.LinkVisited, Role.Base),
    (Role.PlaceholderText, Role.Base),
]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def settings_dialog(qtbot, settings, tmp_path):
    dialog = SettingsDialog(settings, tmp_path / "data")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def restore_theme(qapp):
    yield
    theme.apply_theme(qapp, theme.SYSTEM)


def find(parent, cls, name):
    widget = parent.findChild(cls, name)
    assert widget is not None, name
    return widget


# Settings


def test_a_fresh_settings_file_gives_the_defaults(settings_dialog, settings):
    assert settings_dialog.objectName() == "settingsDialog"
    assert find(settings_dialog, QComboBox, "themeCombo").currentData() == theme.SYSTEM
    assert find(settings_dialog, QSpinBox, "backupInterval").value() == 30
    assert load_preferences(settings).backup_interval_minutes == 30
    assert find(settings_dialog, QSpinBox, "readingFontSize").value() >= 11


def test_choosing_dark_stores_it_and_announces_the_change(settings_dialog, settings, qtbot):
    combo = find(settings_dialog, QComboBox, "themeCombo")
    with qtbot.waitSignal(settings_dialog.changed):
        combo.setCurrentIndex(combo.findData(theme.DARK))
    assert settings.value(THEME_KEY) == theme.DARK
    assert load_preferences(settings).theme == theme.DARK


def test_typing_a_backup_interval_stores_it(settings_dialog, settings, qtbot):
    spin = find(settings_dialog, QSpinBox, "backupInterval")
    spin.setFocus()
    spin.selectAll()
    with qtbot.waitSignal(settings_dialog.changed):
        qtbot.keyClicks(spin, "45")
    assert load_preferences(settings).backup_interval_minutes == 45
    spin.setValue(0)
    assert spin.text() == "Never"
    assert load_preferences(settings).backup_interval_minutes == 0


def test_the_reading_font_and_size_are_stored_and_given_back(settings_dialog, settings, qtbot):
    combo = find(settings_dialog, QComboBox, "readingFontCombo")
    other = next(
        combo.itemText(i)
        for i in range(combo.count())
        if combo.itemText(i) != combo.currentFont().family()
    )
    with qtbot.waitSignal(settings_dialog.changed):
        combo.setCurrentText(other)
    with qtbot.waitSignal(settings_dialog.changed):
        find(settings_dialog, QSpinBox, "readingFontSize").setValue(17)
    font = load_preferences(settings).reading_font()
    assert font.family() == other
    assert font.pointSize() == 17


def test_the_dialog_shows_what_was_stored_before(qtbot, settings, tmp_path):
    settings.setValue(THEME_KEY, theme.LIGHT)
    settings.setValue(BACKUP_KEY, 90)
    settings.setValue(FONT_SIZE_KEY, 14)
    dialog = SettingsDialog(settings, tmp_path)
    qtbot.addWidget(dialog)
    assert find(dialog, QComboBox, "themeCombo").currentData() == theme.LIGHT
    assert find(dialog, QSpinBox, "backupInterval").value() == 90
    assert find(dialog, QSpinBox, "readingFontSize").value() == 14


@pytest.mark.parametrize(
    ("key", "value"),
    [(THEME_KEY, "purple"), (BACKUP_KEY, "soon"), (BACKUP_KEY, -5), (FONT_SIZE_KEY, 400)],
)
def test_a_hand_edited_bad_value_falls_back_to_the_default(settings, key, value):
    defaults = load_preferences(settings)
    settings.setValue(key, value)
    assert load_preferences(settings) == defaults


def test_restore_defaults_forgets_every_choice(settings_dialog, settings, qtbot):
    find(settings_dialog, QSpinBox, "backupInterval").setValue(120)
    combo = find(settings_dialog, QComboBox, "themeCombo")
    combo.setCurrentIndex(combo.findData(theme.DARK))
    with qtbot.waitSignal(settings_dialog.changed):
        qtbot.mouseClick(
            find(settings_dialog, QPushButton, "restoreDefaults"), Qt.MouseButton.LeftButton
        )
    assert combo.currentData() == theme.SYSTEM
    assert find(settings_dialog, QSpinBox, "backupInterval").value() == 30
    assert not settings.contains(BACKUP_KEY)


class _UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls = []

    @Slot(QUrl)
    def catch(self, url):
        self.urls.append(url)


def test_open_folder_asks_the_desktop_to_show_the_data_folder(settings_dialog, tmp_path, qtbot):
    assert find(settings_dialog, QLineEdit, "dataFolder").text() == str(tmp_path / "data")
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "catch")
    try:
        qtbot.mouseClick(
            find(settings_dialog, QPushButton, "openDataFolder"), Qt.MouseButton.LeftButton
        )
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(tmp_path / "data")]


def test_tab_walks_the_settings_in_reading_order_and_each_has_a_name(settings_dialog, qtbot):
    settings_dialog.activateWindow()
    qtbot.waitUntil(settings_dialog.isActiveWindow)
    first = find(settings_dialog, QComboBox, "themeCombo")
    first.setFocus()
    order = []
    widget = first
    while widget not in order:
        order.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    assert [w.objectName() for w in order[:7]] == [
        "themeCombo",
        "readingFontCombo",
        "readingFontSize",
        "languageCombo",
        "backupInterval",
        "dataFolder",
        "openDataFolder",
    ]
    for widget in order:
        name = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
        assert name, widget


# Themes


@pytest.mark.parametrize("name", [theme.LIGHT, theme.DARK])
def test_every_text_colour_of_a_theme_is_readable(name):
    palette = theme.palette_for(name)
    for fg, bg in READ_PAIRS:
        ratio = theme.contrast_ratio(palette.color(fg), palette.color(bg))
        assert ratio >= 4.5, (name, fg, bg, ratio)


@pytest.mark.parametrize("name", [theme.LIGHT, theme.DARK])
def test_the_context_panel_and_note_colours_are_readable_in_a_theme(name):
    palette = theme.palette_for(name)
    base = palette.color(Role.Base)
    page = theme.page_colors(palette).values()
    colors = [*map(QColor, page), *theme.markdown_colors(palette).values()]
    for color in colors:
        assert theme.contrast_ratio(color, base) >= 4.5, (name, color.name())


def test_choosing_dark_then_following_the_system_again(qapp, restore_theme):
    before = qapp.palette().color(Role.Window)
    theme.apply_theme(qapp, theme.DARK)
    assert theme.is_dark(qapp.palette())
    assert qapp.style().name().lower() == "fusion"
    theme.apply_theme(qapp, theme.LIGHT)
    assert not theme.is_dark(qapp.palette())
    theme.apply_theme(qapp, theme.SYSTEM)
    assert qapp.palette().color(Role.Window) == before


def test_a_widget_shown_in_the_dark_theme_is_dark(qtbot, qapp, restore_theme):
    theme.apply_theme(qapp, theme.DARK)
    widget = QLineEdit("Okhrana")
    qtbot.addWidget(widget)
    widget.show()
    image = widget.grab().toImage()
    assert image.pixelColor(image.width() // 2, 2).lightness() < 80


def test_contrast_ratio_matches_the_wcag_extremes():
    assert theme.contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1)


# The icon


def test_the_icon_ships_at_every_size_and_is_not_empty():
    folder = paths.resources_dir() / "icons"
    assert (folder / "serge-reader.svg").is_file()
    for size in theme.ICON_SIZES:
        image = QImage(str(folder / f"serge-reader-{size}.png"))
        assert image.size() == QSize(size, size), size
        assert image.pixelColor(size // 2, size // 2).alpha() == 255, size


def test_the_window_icon_has_the_small_and_large_sizes(qapp):
    icon = theme.app_icon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 32, 256, 512} <= sizes
    assert icon.pixmap(16, 16).toImage().size() == QSize(16, 16)


# About


def test_about_shows_the_version_the_sources_and_the_licenses(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "aboutDialog"
    assert __version__ in find(dialog, QLabel, "aboutVersion").text()
    content = find(dialog, QLabel, "aboutContent").text()
    assert "public writings about Victor Serge" in content
    licenses = find(dialog, QLabel, "aboutLicenses").text()
    for name, spdx in [
        ("Serge Reader", "GPL-3.0-or-later"),
        ("PySide6", "LGPL-3.0"),
        ("Python-Markdown", "BSD-3-Clause"),
        ("appdirs", "MIT"),
    ]:
        assert name in licenses and spdx in licenses, name


# Keyboard shortcuts


def _window_actions(window):
    menu = QMenu("&Go", window)
    back = QAction("&Back", window)
    back.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
    menu.addAction(back)
    menu.addSeparator()
    settings = QAction("&Settings…", window)
    settings.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
    lookup = QAction("Look &up", window)
    lookup.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("/")])
    unbound = QAction("Export notes", window)
    return [menu.menuAction(), settings, lookup, unbound, lookup], back


def test_the_shortcuts_list_reads_the_actions(qapp):
    window = QWidget()
    actions, back = _window_actions(window)
    rows = dict(shortcut_rows(actions))
    assert rows["Back"] == QKeySequence(QKeySequence.StandardKey.Back).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert rows["Look up"] == "Ctrl+K, /"
    assert "Export notes" not in rows  # no shortcut, nothing to learn
    assert len(shortcut_rows(actions)) == len(rows)  # an action reached twice is listed once
    back.setShortcut(QKeySequence("Ctrl+["))
    assert dict(shortcut_rows(actions))["Back"] == "Ctrl+["


def test_the_shortcuts_dialog_shows_one_row_per_shortcut(qtbot):
    window = QWidget()
    actions, _back = _window_actions(window)
    dialog = ShortcutsDialog(actions, window)
    qtbot.addWidget(window)
    table = find(dialog, QTableWidget, "shortcutsTable")
    shown = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert shown == dict(shortcut_rows(actions))
    assert shown["Look up"] == "Ctrl+K, /"


@pytest.mark.parametrize("name", [theme.LIGHT, theme.DARK])
def test_the_page_style_colours_a_page_without_colours_of_its_own(qtbot, name):
    palette = theme.palette_for(name)
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setPalette(palette)
    browser.document().setDefaultStyleSheet(theme.page_style(palette))
    browser.setHtml("<h1>Okhrana</h1><p class='subtitle'>Glossary · organization</p>")
    cursor = QTextCursor(browser.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    color = cursor.charFormat().foreground().color()
    assert color == QColor(theme.page_colors(palette)["muted"])
    assert theme.contrast_ratio(color, palette.color(Role.Base)) >= 4.5


def test_a_standard_key_is_the_platforms_or_else_the_fallback(qapp):
    copy = QKeySequence.StandardKey.Copy
    assert standard_keys(copy, "F9") == QKeySequence.keyBindings(copy) != []
    unknown = QKeySequence.StandardKey.UnknownKey
    assert standard_keys(unknown, "Ctrl+,") == [QKeySequence("Ctrl+,")]

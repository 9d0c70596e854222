"""The main window, driven as a reader drives it (widgets found by objectName)."""

import sqlite3

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
)

from serge_reader import backup, notes
from serge_reader.library import Library
from serge_reader.ui import messages
from tests.qt_helpers import find, select_work


def test_selecting_a_work_shows_its_entry(open_window):
    window = open_window()
    select_work(window, "midnight-in-the-century")
    panel = find(window, QTextBrowser, "contextPanel")
    assert panel.documentTitle() == "Midnight in the Century"
    assert "Written during" in panel.toPlainText()


def test_following_a_glossary_link_and_going_back(open_window, qtbot):
    window = open_window()
    select_work(window, "midnight-in-the-century")
    panel = find(window, QTextBrowser, "contextPanel")
    panel.anchorClicked.emit(QUrl("serge:okhrana"))
    assert panel.documentTitle() == "Okhrana"
    qtbot.keyClick(panel, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.documentTitle() == "Midnight in the Century"
    qtbot.keyClick(panel, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert panel.documentTitle() == "Okhrana"


def test_the_mouses_back_and_forward_buttons_walk_the_history(open_window, qtbot):
    window = open_window()
    select_work(window, "midnight-in-the-century")
    panel = find(window, QTextBrowser, "contextPanel")
    panel.anchorClicked.emit(QUrl("serge:okhrana"))
    qtbot.mouseRelease(panel.viewport(), Qt.MouseButton.BackButton)
    assert panel.documentTitle() == "Midnight in the Century"
    qtbot.mouseRelease(panel.viewport(), Qt.MouseButton.ForwardButton)
    assert panel.documentTitle() == "Okhrana"


def test_lookup_finds_okhrana_by_typing_and_enter(open_window, qtbot):
    window = open_window()
    box = find(window, QLineEdit, "lookupBox")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert box.hasFocus()
    qtbot.keyClicks(box, "okhr")
    results = find(window, QListView, "lookupResults")
    assert results.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert find(window, QTextBrowser, "contextPanel").documentTitle() == "Okhrana"
    assert not results.isVisible()


def test_lookup_arrows_move_to_the_next_result(open_window, qtbot):
    window = open_window()
    box = find(window, QLineEdit, "lookupBox")
    box.setFocus()
    qtbot.keyClicks(box, "opposition")
    results = find(window, QListView, "lookupResults")
    first = results.current_id()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    second = results.current_id()
    assert second and second != first
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.panel.current == second


def test_typed_note_survives_closing_the_window_without_saving(open_window, qtbot, data_dir):
    window = open_window()
    select_work(window, "conquered-city")
    window.new_note_action.trigger()
    editor = find(window, QPlainTextEdit, "noteEditor")
    qtbot.keyClicks(editor, "Petrograd in 1919, the [[Cheka]] at work")
    window.close()  # no save action, no pause
    lib = Library(data_dir)
    try:
        saved = notes.list_notes(lib)
        assert [n.body for n in saved] == ["Petrograd in 1919, the [[Cheka]] at work"]
        assert saved[0].work == "conquered-city"
    finally:
        lib.close()
    reopened = open_window()
    select_work(reopened, "conquered-city")
    assert find(reopened, QListView, "notesList").model().rowCount() == 1


def test_autosave_after_a_pause(open_window, qtbot, data_dir):
    window = open_window()
    window.panel.open("okhrana")
    window.new_note_action.trigger()
    editor = find(window, QPlainTextEdit, "noteEditor")
    qtbot.keyClicks(editor, "typed, then a pause")
    with qtbot.waitSignal(window.notes.saved, timeout=3000):
        pass
    assert notes.list_notes(window.lib)[0].body == "typed, then a pause"


def test_window_remembers_the_last_entry(open_window):
    window = open_window()
    window.panel.open("poum")
    window.close()
    assert open_window().panel.current == "poum"


def test_changes_made_by_the_cli_show_up(open_window, data_dir):
    window = open_window()
    window.panel.open("nep")
    other = Library(data_dir)
    try:
        notes.add_note(other, "written elsewhere about the [[NEP]]")
    finally:
        other.close()
    window.events.check_outside_changes()
    assert find(window, QListView, "notesList").model().rowCount() == 1


def test_compact_mode_and_back(open_window, qtbot, data_dir):
    from PySide6.QtWidgets import QApplication, QSpinBox

    window = open_window()
    select_work(window, "midnight-in-the-century")
    window.reading.model.change(window.reading.model.row_of("midnight-in-the-century"), page=33)
    window.compact_action.trigger()
    compact = window.compact
    assert compact.isVisible() and not window.isVisible()
    assert compact.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert compact.findChild(QSpinBox, "compactPage").value() == 33
    box = compact.findChild(QLineEdit, "compactLookupBox")
    box.setFocus()
    qtbot.keyClicks(box, "Orenburg")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert compact.panel.documentTitle() == "Orenburg"
    note = compact.findChild(QLineEdit, "compactNote")
    qtbot.keyClicks(note, "Ryzhik's arrival")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    saved = notes.list_notes(window.lib)[0]
    assert (saved.body, saved.work, saved.page) == (
        "Ryzhik's arrival",
        "midnight-in-the-century",
        33,
    )
    compact.resize(333, 444)
    compact.findChild(QPushButton, "leaveCompactButton").click()
    assert window.isVisible() and not compact.isVisible()
    window.compact_action.trigger()
    assert compact.size().width() == 333  # it keeps its own size
    compact.findChild(QPushButton, "leaveCompactButton").click()
    assert QApplication.activeWindow() in (window, None)


def test_history_menu_lists_what_was_looked_at(open_window):
    window = open_window()
    for slug in ("okhrana", "poum", "okhrana", "nep"):
        window.open_entry(slug)
    window.history_menu.aboutToShow.emit()
    titles = [a.text() for a in window.history_menu.actions()]
    assert titles[:3] == ["New Economic Policy (NEP)", "Okhrana", "POUM"]


def test_settings_apply_to_the_reading_panel_and_every_action_is_in_the_help(open_window):
    from serge_reader.ui.shortcuts_help import shortcut_rows

    window = open_window()
    window.settings.setValue("reading_font_size", 19)
    window.apply_preferences()
    assert find(window, QTextBrowser, "contextPanel").font().pointSize() == 19
    rows = dict(shortcut_rows(window.menuBar().actions()))
    assert "Ctrl+K" in rows["Look up"] and "/" in rows["Look up"]
    for name in ("New note", "Back", "Forward", "Compact reading mode", "Timeline", "Settings"):
        assert name in rows, name


def test_restoring_a_backup_from_the_file_menu(open_window, qtbot, data_dir, monkeypatch):
    told = []
    monkeypatch.setattr(messages, "inform", lambda *args: told.append(args[2]))
    window = open_window()
    window.panel.open("okhrana")
    notes.add_note(window.lib, "in the backup [[Okhrana]]")
    made = backup.backup_now(window.lib)
    window.notes.new_note()
    qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "typed after the backup")

    def choose():
        dialog = QApplication.activeModalWidget()
        assert dialog.objectName() == "restoreDialog" and dialog.chosen() == made
        find(dialog, QPushButton, "restoreButton").click()

    QTimer.singleShot(0, choose)  # runs inside the dialog's own event loop
    window.restore_action.trigger()
    assert [n.body for n in notes.list_notes(window.lib)] == ["in the backup [[Okhrana]]"]
    assert find(window, QListView, "notesList").model().rowCount() == 1
    assert not find(window, QPlainTextEdit, "noteEditor").isEnabled()
    aside = next(data_dir.glob("library-replaced-*.db"))
    assert str(aside) in told[0]
    con = sqlite3.connect(aside)  # what was typed was saved first, and kept aside
    try:
        assert "typed after the backup" in [r[0] for r in con.execute("SELECT body FROM notes")]
    finally:
        con.close()


def test_a_saved_note_appears_among_the_entrys_backlinks(open_window, qtbot):
    window = open_window()
    window.open_entry("poum")
    window.new_note_action.trigger()
    qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "Orwell and the [[POUM]] militia")
    with qtbot.waitSignal(window.notes.saved, timeout=3000):
        pass
    assert "Your notes (1)" in find(window, QTextBrowser, "contextPanel").toPlainText()


def test_an_unexpected_error_is_logged_and_reported_once_and_the_app_goes_on(
    tmp_path, monkeypatch, qapp
):
    import sys

    from serge_reader.ui import app

    shown = []
    monkeypatch.setattr(app.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log = tmp_path / "errors.log"
    app.keep_running_on_errors(log)
    for _ in range(2):
        try:
            raise ValueError("boom")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    assert log.read_text().count("ValueError: boom") == 2
    assert log.stat().st_mode & 0o077 == 0
    assert len(shown) == 1 and str(log) in shown[0]

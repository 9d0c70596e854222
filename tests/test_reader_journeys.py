"""The window as issue 15's reader met it: tags in the text, Enter in the `[[` completer,
the notes search's scope, and the reader's own edition."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from serge_reader import notes
from tests.qt_helpers import find


def test_tags_typed_in_the_text_reach_the_tag_filter(open_window, qtbot):
    window = open_window()
    window.new_note_action.trigger()
    qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "The #Police at dawn")
    window.notes.save_now()
    assert find(window, QLineEdit, "noteTags").text() == ""
    tags = find(window, QComboBox, "notesTagFilter")
    assert tags.findData("Police") > 0
    (note,) = notes.list_notes(window.lib, tag="police")
    window.new_note_action.trigger()
    window.notes.edit_note(note.id)
    assert window.notes.editor.toPlainText() == "The #Police at dawn"
    assert find(window, QLineEdit, "noteTags").text() == ""  # the text holds it


def test_enter_in_the_completer_inserts_the_highlighted_entry(open_window, qtbot):
    window = open_window()
    window.new_note_action.trigger()
    editor = find(window, QPlainTextEdit, "noteEditor")
    qtbot.keyClicks(editor, "See [[Okhr")
    popup = editor.completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.toPlainText() == "See [[Okhrana]]"
    assert not popup.isVisible()
    qtbot.keyClicks(editor, " and [[left opp")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    highlighted = popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Enter)
    assert editor.toPlainText() == f"See [[Okhrana]] and [[{highlighted}]]"


def test_the_completer_offers_each_entry_a_shared_name_stands_for(open_window, qtbot):
    window = open_window()
    window.new_note_action.trigger()
    editor = find(window, QPlainTextEdit, "noteEditor")
    qtbot.keyClicks(editor, "[[Xenia Pop")
    editor.insert_completion("Xenia — Xenia Popova")
    assert editor.toPlainText() == "[[xenia-popova|Xenia]]"


def test_a_link_with_a_choice_opens_the_choice(open_window):
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QTextBrowser

    from serge_reader import names

    window = open_window()
    n = notes.add_note(window.lib, "[[Xenia]]")
    window.open_entry(f"note:{n}")
    panel = find(window, QTextBrowser, "contextPanel")
    panel.anchorClicked.emit(QUrl(f"serge:{names.choice_id('Xenia')}"))
    assert "Xenia Popova" in panel.toPlainText()
    assert "choose" not in panel.toPlainText()

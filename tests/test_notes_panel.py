"""The notes panel as a reader uses it: completion, filters, search, all notes, undo,
hostile notes, and export/import with progress and cancel."""

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView, QPlainTextEdit, QTextBrowser

from serge_reader import notes, transfer
from serge_reader.library import Library
from serge_reader.ui import transfer_dialogs
from serge_reader.ui.notes_panel import NotesListModel
from tests.qt_helpers import find, select_work


def test_typing_double_bracket_offers_completion_and_inserts_the_link(open_window, qtbot):
    window = open_window()
    window.new_note_action.trigger()
    editor = find(window, QPlainTextEdit, "noteEditor")
    qtbot.keyClicks(editor, "See [[Okhr")
    popup = editor.completer.popup()
    assert popup.isVisible()
    assert editor.completer.currentCompletion() == "Okhrana"
    editor.insert_completion("Okhrana")
    assert editor.toPlainText() == "See [[Okhrana]]"


def test_a_new_note_takes_the_work_and_page_in_progress(open_window, qtbot):
    window = open_window()
    select_work(window, "conquered-city")
    window.reading.model.change(window.reading.model.row_of("conquered-city"), page=57)
    window.open_entry("okhrana")  # looking something up does not change the work in hand
    window.new_note_action.trigger()
    assert window.notes.page.value() == 57
    qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "the Cheka's cellars")
    window.notes.save_now()
    note = notes.list_notes(window.lib)[0]
    assert (note.work, note.page) == ("conquered-city", 57)


def test_undo_works_within_a_note(open_window, qtbot):
    window = open_window()
    window.new_note_action.trigger()
    editor = find(window, QPlainTextEdit, "noteEditor")
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""  # the typing undone, in the note, not the reading list
    editor.redo()
    assert editor.toPlainText() == "abc"


def test_search_and_filters_in_the_notes_panel(open_window, qtbot, data_dir):
    window = open_window()
    with Library(data_dir) as cli:  # written elsewhere, as by the command line
        notes.add_note(cli, "Séjourné in Marseille", tags=["exile"])
        notes.add_note(cli, "Séjourné again", kind="quotation")
        notes.add_note(cli, "Something else", tags=["exile"])
    window.events.check_outside_changes()  # as the app does every two seconds
    find(window, QComboBox, "notesScope").setCurrentIndex(1)  # all notes
    listing = find(window, QListView, "notesList")
    assert listing.model().rowCount() == 3
    qtbot.keyClicks(find(window, QLineEdit, "notesSearch"), "sejourne")
    assert listing.model().rowCount() == 2
    kinds = find(window, QComboBox, "notesKindFilter")
    kinds.setCurrentIndex(kinds.findData("quotation"))
    assert [listing.model().index(r, 0).data() for r in range(listing.model().rowCount())] == [
        "Séjourné again"
    ]
    find(window, QLineEdit, "notesSearch").clear()
    kinds.setCurrentIndex(0)
    tags = find(window, QComboBox, "notesTagFilter")
    tags.setCurrentIndex(tags.findData("exile"))
    assert listing.model().rowCount() == 2


def test_all_notes_load_lazily(lib):
    for i in range(450):
        notes.add_note(lib, f"note {i}")
    model = NotesListModel(lib)
    model.set_filters(all_notes=True, query="", tag=None, kind=None)
    assert model.rowCount() == NotesListModel.BATCH
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    assert len({model.index(r, 0).data() for r in range(450)}) == 450


def test_a_hostile_note_is_shown_as_text(open_window, qtbot):
    window = open_window()
    n = notes.add_note(
        window.lib,
        "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
    )
    window.open_from_lookup(f"note:{n}")
    panel = find(window, QTextBrowser, "contextPanel")
    assert "<script>alert(1)</script>" in panel.toPlainText()
    preview = find(window, QTextBrowser, "notePreview")
    assert "javascript" not in preview.toHtml()


def test_export_and_import_with_progress(open_window, tmp_path):
    window = open_window()
    for i in range(1200):
        notes.add_note(window.lib, f"note {i}")
    path = tmp_path / "all.json"
    assert transfer_dialogs.run_export(window, window.lib, path, "json") == 1200
    assert len(json.loads(path.read_text())["notes"]) == 1200
    assert transfer_dialogs.run_import(window, window.events, path) == (0, 1200)


def test_a_cancelled_import_changes_nothing(open_window, tmp_path, monkeypatch):
    window = open_window()
    for i in range(600):
        notes.add_note(window.lib, f"note {i}")
    path = tmp_path / "all.json"
    transfer.export_notes(window.lib, path, "json")
    data = json.loads(path.read_text())
    for n in data["notes"]:
        n["uid"] += "-copy"
    path.write_text(json.dumps(data))
    report = transfer_dialogs.TransferWorker._report

    def cancel_at_once(worker, done, total):  # as the Cancel button does
        worker.cancel()
        return report(worker, done, total)

    monkeypatch.setattr(transfer_dialogs.TransferWorker, "_report", cancel_at_once)
    assert transfer_dialogs.run_import(window, window.events, path) is None
    assert notes.count_notes(window.lib) == 600


def test_a_note_that_cannot_be_saved_keeps_the_window_open(open_window, qtbot, monkeypatch):
    from serge_reader.ui import messages

    warnings = []
    monkeypatch.setattr(messages, "warn", lambda *args: warnings.append(args[2]))
    window = open_window()
    window.new_note_action.trigger()
    qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "keep me")
    qtbot.keyClicks(find(window, QLineEdit, "noteTags"), "bad[tag")
    assert not window.close()  # refused: the note would be lost
    assert window.isVisible() and len(warnings) == 1
    find(window, QLineEdit, "noteTags").setText("good")
    window.notes._schedule_save()
    assert window.close()
    assert [n.body for n in notes.list_notes(window.lib)] == ["keep me"]


def test_editing_keeps_a_chapter_and_percentage_set_elsewhere(open_window, qtbot):
    window = open_window()
    n = notes.add_note(window.lib, "from the CLI", position=notes.Position(12, "III", 40.0))
    window.notes.edit_note(n)
    editor = find(window, QPlainTextEdit, "noteEditor")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " and the app")
    window.notes.save_now()
    note = notes.get_note(window.lib, n)
    assert (note.page, note.chapter, note.percent) == (12, "III", 40.0)


def test_a_note_deleted_elsewhere_while_edited_is_saved_again(open_window, qtbot, data_dir):
    window = open_window()
    n = notes.add_note(window.lib, "first words")
    window.notes.edit_note(n)
    with Library(data_dir) as cli:
        notes.delete_note(cli, n)
    editor = find(window, QPlainTextEdit, "noteEditor")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, ", more")
    assert window.notes.save_now()
    assert [x.body for x in notes.list_notes(window.lib)] == ["first words, more"]


def test_saving_a_note_keeps_the_loaded_list_and_updates_its_row(lib):
    for i in range(450):
        notes.add_note(lib, f"note {i}")
    model = NotesListModel(lib)
    model.set_filters(all_notes=True, query="", tag=None, kind=None)
    while model.canFetchMore():
        model.fetchMore()
    last = model.rows[-1]["id"]
    notes.update_note(lib, last, body="rewritten")
    model.note_changed(last)
    assert model.rowCount() == 450
    assert model.index(model.row_of(last), 0).data() == "rewritten"


# -- one change channel: every view follows every write ------------------------------------


def test_deleting_a_note_in_the_panel_updates_the_entry_page(open_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = open_window()
    n = notes.add_note(window.lib, "about the [[Okhrana]]")
    window.open_entry("okhrana")
    panel = find(window, QTextBrowser, "contextPanel")
    assert "Your notes (1)" in panel.toPlainText()
    window.notes.edit_note(n)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.notes.delete_current()
    assert notes.count_notes(window.lib) == 0
    assert "Your notes (1)" not in panel.toPlainText()
    assert find(window, QListView, "notesList").model().rowCount() == 0


def test_an_outside_edit_shows_in_an_editor_with_nothing_unsaved(open_window, data_dir):
    window = open_window()
    n = notes.add_note(window.lib, "as first written")
    window.notes.edit_note(n)
    window.lib.conn.execute("UPDATE notes SET updated = '2000-01-01T00:00:00Z'")
    window.notes.draft.updated = "2000-01-01T00:00:00Z"
    with Library(data_dir) as cli:
        notes.update_note(cli, n, body="edited in the terminal")
    window.events.check_outside_changes()  # as the app does every two seconds
    assert find(window, QPlainTextEdit, "noteEditor").toPlainText() == "edited in the terminal"
    window.close()
    assert notes.get_note(window.lib, n).body == "edited in the terminal"


def test_unsaved_typing_and_an_outside_edit_are_both_kept(open_window, qtbot, data_dir):
    """The editor must never write its old text over what the CLI wrote meanwhile."""
    window = open_window()
    n = notes.add_note(window.lib, "as first written")
    window.notes.edit_note(n)
    window.notes.draft.updated = "2000-01-01T00:00:00Z"  # loaded before the CLI's edit
    editor = find(window, QPlainTextEdit, "noteEditor")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, ", and typed in the app")
    with Library(data_dir) as cli:
        notes.update_note(cli, n, body="edited in the terminal")
    window.events.check_outside_changes()
    assert editor.toPlainText() == "as first written, and typed in the app"  # kept on screen
    window.close()
    bodies = sorted(note.body for note in notes.list_notes(window.lib))
    assert "as first written, and typed in the app" in bodies
    assert any("edited in the terminal" in b for b in bodies)
    assert notes.list_notes(window.lib, tag="conflict")

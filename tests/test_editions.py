"""The reader's own edition: chosen from the work's editions or typed as a page count; pages
and percentages follow it, and a page beyond it is refused with a message, never cut."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox, QTableView

from serge_reader import notes, operations, progress
from serge_reader.errors import UserError
from tests.qt_helpers import find, select_work


def test_the_editions_of_a_work_with_their_page_counts(lib):
    found = progress.editions(lib, "midnight-in-the-century")
    assert [(e["number"], e["pages"], e["isbn"]) for e in found] == [
        (1, 246, None),
        (2, None, "9781590177709"),
    ]
    assert found[0]["translator"] == "Richard Greeman"


def test_choosing_an_edition_sets_the_page_count(lib):
    row = progress.set_progress(lib, "midnight-in-the-century", edition="1")
    assert row.pages == 246
    assert progress.set_progress(lib, "midnight-in-the-century", page=123).percent == 50.0
    with pytest.raises(UserError, match="page count is not known"):
        progress.set_progress(lib, "midnight-in-the-century", edition="978-1-59017-770-9")
    with pytest.raises(UserError, match="no edition '7'"):
        progress.set_progress(lib, "midnight-in-the-century", edition="7")


def test_a_page_beyond_the_edition_is_refused_and_a_larger_edition_allows_it(lib):
    with pytest.raises(UserError, match=r"beyond the last page \(396\).*page count"):
        progress.set_progress(lib, "memoirs-of-a-revolutionary", page=450)
    row = progress.set_progress(lib, "memoirs-of-a-revolutionary", pages=512, page=450)
    assert (row.page, row.pages) == (450, 512)


def test_a_note_page_follows_the_same_rules(lib):
    with pytest.raises(UserError, match=r"beyond the last page \(396\)"):
        operations.add_quick_note(lib, "x", work="memoirs-of-a-revolutionary", page=450)
    progress.set_progress(lib, "memoirs-of-a-revolutionary", pages=512)
    n = operations.add_quick_note(lib, "x", work="memoirs-of-a-revolutionary", page=450).value
    assert notes.get_note(lib, n).page == 450


def test_the_cli_sets_an_edition_by_number_isbn_or_page_count(cli):
    shown = json.loads(cli("progress", "midnight-in-the-century", "--json").stdout)
    assert [e["pages"] for e in shown["editions"]] == [246, None]
    result = cli("progress", "midnight", "--edition", "1", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pages"] == 246
    result = cli("progress", "memoirs", "--page", "450")
    assert result.returncode == 1 and "beyond the last page (396)" in result.stderr
    result = cli("note", "add", "--work", "memoirs", "--page", "450", "a note")
    assert result.returncode == 1 and "beyond the last page (396)" in result.stderr
    assert cli("progress", "memoirs", "--pages", "512").returncode == 0
    assert cli("note", "add", "--work", "memoirs", "--page", "450", "a note").returncode == 0
    result = cli("progress", "memoirs", "--edition", "1")
    assert result.returncode == 1 and "page count is not known" in result.stderr


def test_typing_450_for_a_396_page_book_is_refused_with_a_message(open_window, qtbot, monkeypatch):
    from serge_reader.ui import messages

    warnings = []
    monkeypatch.setattr(messages, "warn", lambda *args: warnings.append(args[2]))
    window = open_window()
    select_work(window, "memoirs-of-a-revolutionary")
    table = find(window, QTableView, "readingList")
    qtbot.keyClick(table, Qt.Key.Key_P)
    editor = find(window, QSpinBox, "pageEditor")
    editor.selectAll()
    qtbot.keyClicks(editor, "450")
    assert editor.value() == 450  # never cut to 45
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert "396" in warnings[0]
    assert progress.get_progress(window.lib, "memoirs-of-a-revolutionary").page == 0


def test_the_reader_chooses_an_edition_in_the_window(open_window, qtbot):
    from serge_reader.ui.edition_dialog import EditionDialog

    window = open_window()
    dialog = EditionDialog(window.events, "midnight-in-the-century", window)
    assert dialog.editions.count() == 3  # two editions, and another
    dialog.editions.setCurrentIndex(0)
    assert dialog.pages.value() == 246
    dialog.accept()
    assert progress.get_progress(window.lib, "midnight-in-the-century").pages == 246
    dialog = EditionDialog(window.events, "midnight-in-the-century", window)
    assert dialog.editions.currentIndex() == 0  # the reader's edition
    dialog.editions.setCurrentIndex(2)
    dialog.pages.setValue(300)
    dialog.accept()
    assert progress.get_progress(window.lib, "midnight-in-the-century").pages == 300

"""Searching notes as issue 15's reader did: OR, NOT, `-word`, `word*`, `*` and `Kostia's`
work or are explained; the panel searches every note unless told otherwise, remembers it, and
says where it looked when it finds nothing."""

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView

from serge_reader import notes
from serge_reader.search import query_problem, search, search_notes
from tests.qt_helpers import find


@pytest.fixture
def three(lib):
    a = notes.add_note(lib, "Kostia's letter about the police and the terror")
    b = notes.add_note(lib, "Kostia’s quotes on truth")
    c = notes.add_note(lib, "the police only")
    return a, b, c


def ids(found):
    return {int(r.id.split(":")[1]) for r in found}


def test_or_not_minus_and_prefix(lib, three):
    a, b, c = three
    assert ids(search_notes(lib, "police OR quotes")) == {a, b, c}
    assert ids(search_notes(lib, "police NOT terror")) == {c}
    assert ids(search_notes(lib, "police -terror")) == {c}
    assert ids(search_notes(lib, "pol* AND terror")) == {a}
    assert ids(search_notes(lib, "Kostia's")) == {a, b}
    assert ids(search_notes(lib, "(police OR truth) -letter")) == {b, c}
    assert ids(search_notes(lib, "or")) == set()  # a word as any other, in lower case


def test_what_cannot_be_searched_is_said(lib, three):
    assert "NOT" in query_problem("NOT terror")
    assert "-terror" in query_problem("-terror")
    assert query_problem("*") is not None
    assert query_problem("police OR") is None
    assert query_problem("police") is None
    assert search_notes(lib, "NOT terror") == []
    assert search(lib, "*") == []


def test_the_cli_says_what_cannot_be_searched(cli):
    result = cli("search", "--kind", "note", "--", "-terror")
    assert result.returncode == 1 and "-terror" in result.stderr


def test_the_panel_searches_all_notes_and_remembers_the_choice(open_window, qtbot):
    window = open_window()
    n = notes.add_note(window.lib, "la vérité sur Kronstadt", work="midnight-in-the-century")
    window.events.check_outside_changes()
    window.open_entry("leon-trotsky")
    scope = find(window, QComboBox, "notesScope")
    assert scope.currentData() is True  # all notes, from the first start
    qtbot.keyClicks(find(window, QLineEdit, "notesSearch"), "verite")
    listing = find(window, QListView, "notesList")
    assert [listing.model().index(r, 0).data(Qt_ID) for r in range(listing.model().rowCount())] == [
        n
    ]
    scope.setCurrentIndex(scope.findData(False))
    assert listing.model().rowCount() == 0
    empty = find(window, QLabel, "notesEmpty")
    assert not empty.isHidden()
    assert "Leon Trotsky" in empty.text() and "verite" in empty.text()
    empty.linkActivated.emit("all")  # "search all notes"
    assert scope.currentData() is True and listing.model().rowCount() == 1
    scope.setCurrentIndex(scope.findData(False))
    assert window.settings.value("notes_scope") == "entry"


def test_the_panel_explains_a_query_it_cannot_run(open_window, qtbot):
    window = open_window()
    notes.add_note(window.lib, "terror")
    window.events.check_outside_changes()
    assert window.notes is not None  # the panel, made when first shown
    qtbot.keyClicks(find(window, QLineEdit, "notesSearch"), "NOT terror")
    assert "NOT" in find(window, QLabel, "notesEmpty").text()


Qt_ID = 0x0100  # Qt.ItemDataRole.UserRole: the notes list's id role


def test_snippets_read_as_text_with_titles_not_slugs_or_markdown(lib):
    from serge_reader.search import MARK_END, MARK_START, readable_snippet

    raw = f"See the period [[kronstadt-and-nep]] and *Homage to {MARK_START}Catalonia{MARK_END}*, **bold** `code` [[okhrana|the secret police]] [a link](http://x.org)"
    text = readable_snippet(lib, raw)
    assert "kronstadt-and-nep" not in text and "[[" not in text and "*" not in text
    assert "Kronstadt" in text and "the secret police" in text and "a link" in text
    assert f"Homage to {MARK_START}Catalonia{MARK_END}" in text
    # a link the snippet cut in two
    assert readable_snippet(lib, "…the period [[kronstadt-and") == "…the period kronstadt-and"
    assert readable_snippet(lib, "nep]] and so") == "nep and so"


def test_look_up_rows_do_not_repeat_the_title(lib):
    for r in search(lib, "okhrana", kinds=["term"]):
        assert not r.snippet.startswith(r.title + " —"), r.snippet
    found = {r.id: r for r in search(lib, "kronstadt")}
    for r in found.values():
        assert "[[" not in r.snippet and "]]" not in r.snippet


def test_a_link_target_in_the_index_reads_as_its_title(lib):
    found = [r for r in search(lib, "see the period") if r.kind != "note"]
    assert found
    for r in found:
        assert "marseille-and-flight" not in r.snippet and "european-exile" not in r.snippet

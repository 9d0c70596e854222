"""`#tags` written in a note's text are tags, and tags match whatever their case."""

import json
import sqlite3

from serge_reader import migrations, notes, transfer
from serge_reader.library import Library


def test_tags_typed_in_the_text_are_saved_with_the_tag_fields(lib):
    n = notes.add_note(
        lib, "The #police at every door, #Terror too. Not a#tag, nor #42.", tags=["exile"]
    )
    note = notes.get_note(lib, n)
    assert set(note.tags) == {"exile", "police", "Terror"}
    assert note.tag_field == ("exile",)  # what the tag field shows: the rest is in the text
    assert [x.id for x in notes.list_notes(lib, tag="police")] == [n]
    assert dict(notes.all_tags(lib)) == {"exile": 1, "police": 1, "Terror": 1}


def test_a_tag_removed_from_the_text_is_removed_and_the_fields_stay(lib):
    n = notes.add_note(lib, "#police everywhere", tags=["exile"])
    notes.update_note(lib, n, body="nobody now")
    assert notes.get_note(lib, n).tags == ("exile",)
    notes.update_note(lib, n, body="and #Kronstadt", tags=["exile", "famine"])
    assert set(notes.get_note(lib, n).tags) == {"exile", "famine", "Kronstadt"}


def test_headings_code_links_and_urls_are_not_tags(lib):
    text = (
        "# A heading\n\n`#notatag` and\n\n```\n#neither\n```\n"
        "[[Okhrana#history]] https://example.org/page#anchor &#39; #ok-tag/sub."
    )
    assert notes.inline_tags(text) == ["ok-tag/sub"]


def test_tags_match_regardless_of_case(lib):
    a = notes.add_note(lib, "one", tags=["Police"])
    b = notes.add_note(lib, "two #police")
    c = notes.add_note(lib, "three #Révolution")
    d = notes.add_note(lib, "four", tags=["RÉVOLUTION"])
    assert {x.id for x in notes.list_notes(lib, tag="POLICE")} == {a, b}
    assert {x.id for x in notes.list_notes(lib, tag="révolution")} == {c, d}
    assert notes.count_notes(lib, tag="police") == 2
    # one row in the tag filter for one tag, in the spelling used first
    assert dict(notes.all_tags(lib)) == {"Police": 2, "Révolution": 2}
    # one note holds a tag once, whatever the case it is typed in
    assert notes.get_note(lib, notes.add_note(lib, "#Exile", tags=["exile"])).tags == ("exile",)


def test_search_within_a_tag_ignores_case(lib):
    from serge_reader.search import search_notes

    n = notes.add_note(lib, "secret police files #Okhrana-files")
    assert [r.id for r in search_notes(lib, "secret", tag="okhrana-FILES")] == [f"note:{n}"]


def test_exports_carry_the_tags_of_the_text(lib, tmp_path):
    notes.add_note(lib, "the #police again")
    transfer.export_notes(lib, tmp_path / "n.json", "json")
    exported = json.loads((tmp_path / "n.json").read_text())
    assert exported["notes"][0]["tags"] == ["police"]


def test_cli_lists_and_shows_tags_from_the_text(cli):
    added = cli("note", "add", "The #police came at dawn")
    assert added.returncode == 0, added.stderr
    shown = json.loads(cli("note", "show", added.stdout.strip(), "--json").stdout)
    assert shown["tags"] == ["police"]
    listed = json.loads(cli("note", "list", "--tag", "Police", "--json").stdout)
    assert [x["id"] for x in listed] == [int(added.stdout)]


def test_an_older_library_gets_the_tags_of_its_notes_texts(data_dir):
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_dir / "library.db", isolation_level=None)
    before = len(migrations.MIGRATIONS) - 1
    while migrations.MIGRATIONS[before] is not migrations.retag_from_text:
        before -= 1
    migrations.migrate(con, before)
    con.execute(
        "INSERT INTO notes (uid, body, created, updated) VALUES"
        " ('u1', 'the #police and #Police', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"
    )
    con.execute("INSERT INTO notes (uid, body, created, updated) VALUES ('u2', 'x', '', '')")
    con.execute("INSERT INTO note_tags VALUES (1, 'exile')")
    con.close()
    with Library(data_dir) as lib:
        assert notes.get_note(lib, 1).tags == ("exile", "police")
        assert notes.get_note(lib, 1).updated == "2024-01-01T00:00:00Z"

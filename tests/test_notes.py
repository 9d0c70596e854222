"""Writing, tagging, linking and removing notes through the core."""

import pytest

from serge_reader import notes
from serge_reader.errors import UserError


def test_a_note_keeps_its_work_position_tags_and_kind(lib):
    n = notes.add_note(
        lib,
        "Ryzhik's *deportation* in [[Orenburg]].",
        work="midnight-in-the-century",
        position=notes.Position(page=42),
        tags=["#exile", "deportation", "exile"],
        kind="quotation",
    )
    note = notes.get_note(lib, n)
    assert note.work == "midnight-in-the-century"
    assert note.page == 42
    assert note.tags == ("deportation", "exile")
    assert note.kind == "quotation"
    assert note.created == note.updated


def test_links_by_title_alias_or_slug_make_backlinks(lib):
    a = notes.add_note(lib, "On the [[Okhrana]] archives.")
    b = notes.add_note(lib, "See [[left-opposition|the Opposition]] and [[L'Affaire Toulaev]].")
    c = notes.add_note(
        lib, "A note on a page", work="the-case-of-comrade-tulayev", position=notes.Position(page=3)
    )
    notes.add_note(lib, "Unrelated, with [[No Such Thing]].")
    assert [n.id for n in notes.list_notes(lib, about="okhrana")] == [a]
    assert [n.id for n in notes.list_notes(lib, about="left-opposition")] == [b]
    assert {n.id for n in notes.list_notes(lib, about="the-case-of-comrade-tulayev")} == {b, c}


def test_editing_the_text_updates_links_and_time(lib):
    n = notes.add_note(lib, "About [[Okhrana]]", created="2020-01-01T00:00:00Z")
    notes.update_note(lib, n, body="Now about [[POUM]]")
    assert notes.list_notes(lib, about="okhrana") == []
    assert [x.id for x in notes.list_notes(lib, about="poum")] == [n]
    assert notes.get_note(lib, n).updated > "2020-01-01T00:00:00Z"


def test_delete_removes_note_tags_and_links(lib):
    n = notes.add_note(lib, "[[NEP]]", tags=["economy"])
    notes.delete_note(lib, n)
    assert notes.list_notes(lib) == []
    assert notes.all_tags(lib) == []
    with pytest.raises(UserError, match="no note"):
        notes.delete_note(lib, n)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"work": "no-such-work"}, "no work"),
        ({"work": "okhrana"}, "no work"),  # a term is not a work
        ({"position": notes.Position(page=-1)}, "page"),
        ({"position": notes.Position(percent=120)}, "percent"),
        ({"tags": ["a,b"]}, "not a tag"),
        ({"kind": "highlight"}, "kind"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(lib, kwargs, message):
    with pytest.raises(UserError, match=message):
        notes.add_note(lib, "text", **kwargs)
    assert notes.count_notes(lib) == 0


def test_huge_and_broken_text_is_refused_with_a_message(lib):
    with pytest.raises(UserError, match="too long"):
        notes.add_note(lib, "x" * (10 * 1024 * 1024))
    with pytest.raises(UserError, match="not valid Unicode"):
        notes.add_note(lib, "bad \ud800 surrogate")
    assert notes.count_notes(lib) == 0


def test_control_characters_are_dropped_but_text_kept(lib):
    n = notes.add_note(lib, "line one\r\nline\x00 two\x07\tend")
    assert notes.get_note(lib, n).body == "line one\nline two\tend"


def test_filters_by_work_tag_and_kind(lib):
    a = notes.add_note(lib, "a", work="conquered-city", tags=["terror"])
    notes.add_note(lib, "b", work="conquered-city", kind="quotation")
    notes.add_note(lib, "c", tags=["terror"])
    assert [n.id for n in notes.list_notes(lib, work="conquered-city", tag="terror")] == [a]
    assert len(notes.list_notes(lib, kind="quotation")) == 1
    assert notes.all_tags(lib) == [("terror", 2)]

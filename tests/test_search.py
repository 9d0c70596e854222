"""Search as a reader types it: ranking, accents, aliases, typos, and hostile input."""

import pytest

from serge_reader import notes
from serge_reader.search import fts_query, search, search_notes


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "AND",
        "OR NOT",
        "*",
        "(",
        "a:b",
        'left" opp',
        "^*:()",
        "NEAR(a b)",
        "-x",
        "0)0\r0",
        "é" * 3000,
    ],
)
def test_operators_and_quotes_are_taken_literally_and_never_fail(lib, query):
    notes.add_note(lib, "AND (this) is: a note")
    search(lib, query)  # must not raise
    search_notes(lib, query)


def test_a_stray_parenthesis_between_words_is_passed_over(lib):
    n = notes.add_note(lib, "terror in the city")
    notes.add_note(lib, "the city alone")
    assert [r.id for r in search_notes(lib, "terror) city")] == [f"note:{n}"]
    assert [r.id for r in search_notes(lib, "terror) (city OR town)")] == [f"note:{n}"]


def test_empty_query_finds_nothing(lib):
    assert search(lib, "") == []
    assert search(lib, "   ") == []
    assert fts_query(" ;; ") is None


def test_notes_found_accent_and_case_insensitively_with_prefixes_and_marked(lib):
    n = notes.add_note(lib, "Laurette Séjourné met him in Paris; the POUM trial followed.")
    for query in ("sejourne", "SÉJOURNÉ", "sejo", "poum tri"):
        found = search_notes(lib, query)
        assert [r.id for r in found] == [f"note:{n}"], query
    assert "\ue000" in search_notes(lib, "sejourne")[0].snippet


def test_quoted_phrases_match_only_the_phrase(lib):
    a = notes.add_note(lib, "the iron cage of the bureaucracy")
    notes.add_note(lib, "the cage was iron")
    assert [r.id for r in search_notes(lib, '"iron cage"')] == [f"note:{a}"]


def test_note_search_filters(lib):
    notes.add_note(lib, "terror in the city", work="conquered-city", tags=["terror"])
    b = notes.add_note(lib, "terror elsewhere", kind="quotation")
    assert len(search_notes(lib, "terror")) == 2
    assert len(search_notes(lib, "terror", work="conquered-city")) == 1
    assert len(search_notes(lib, "terror", tag="terror")) == 1
    assert [r.id for r in search_notes(lib, "terror", kind="quotation")] == [f"note:{b}"]


def test_unified_search_returns_notes_with_entries(lib):
    n = notes.add_note(lib, "Thinking about the Okhrana files again")
    results = search(lib, "okhrana")
    assert results[0].id == "okhrana"
    assert f"note:{n}" in [r.id for r in results]
    assert [r.id for r in search(lib, "okhrana", kinds=["note"])] == [f"note:{n}"]


def test_a_look_up_shows_the_newest_notes_and_a_notes_search_as_many_as_asked(lib):
    made = [notes.add_note(lib, f"Okhrana reading number {i}") for i in range(12)]
    mixed = [r.id for r in search(lib, "okhrana", limit=30) if r.kind == "note"]
    assert mixed == [f"note:{n}" for n in reversed(made)][: len(mixed)]
    assert 0 < len(mixed) < 12  # a few, newest first: the notes panel has them all
    only_notes = search(lib, "okhrana", kinds=["note"], limit=20)
    assert len(only_notes) == 12


def test_note_search_can_keep_to_the_notes_about_an_entry(lib):
    a = notes.add_note(lib, "terror and the [[Cheka]]")
    notes.add_note(lib, "terror elsewhere")
    assert [r.id for r in search_notes(lib, "terror", about="cheka")] == [f"note:{a}"]

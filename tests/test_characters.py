"""Characters of the novels: found by every name they go by, listed as the reader meets
them, linked from notes, and checked in the shipped content."""

from __future__ import annotations

import json
import sqlite3

import pytest

from serge_reader import entries, notes, pages, paths, progress, search
from serge_reader.library import Library
from serge_reader.search import translit_key
from serge_reader.textnorm import fold
from tests.novel_helpers import build_fixture, run_cli

TULAYEV, MIDNIGHT = "the-case-of-comrade-tulayev", "midnight-in-the-century"

# Real characters, as a reader may type them: a typo, or a spelling of another translation
# or language than the content gives (none of these is one of their aliases).
LOOKUPS = [
    ("Rizhik", "ryzhik"),
    ("Erchoff", "erchov"),
    ("Ercov", "erchov"),
    ("Romashkine", "romachkin"),
    ("Kotsia", "kostia"),
    ("Roublyov", "kiril-rublev"),
    ("Makeiev", "makeyev"),
    ("Toulayev", "comrade-tulayev"),
    ("Kondratyeff", "kondratiev"),
    ("Ardatoff", "simon-ardatov"),
    ("Terentieff", "terentiev"),
    ("Parfyonoff", "parfenov"),
    ("Lytaiev", "vadim-lytaev"),
    ("Gorbounov", "gorbunov"),
    ("Yelkine", "elkin"),
    ("Arkadiy", "arkadi"),
    ("Varvarra", "varvara"),
    ("Avelie", "avelii"),
    ("Aaron Mironowitch", "aaron-mironovich"),
    ("Andrei Vasilyevich", "andrei-vassilievich"),
    ("Gholdin", "goldin"),
    ("Rodyon", "rodion"),
    ("Dariya", "daria"),
    ("Olga Shwaber", "olga-schwaber"),
]
FIXTURE_LOOKUPS = [
    ("Ryjik", "ryzhik"),
    ("Rizhik", "ryzhik"),
    ("Ryschik", "ryzhik"),
    ("Ershof", "erchov"),
    ("Ierchov", "erchov"),
    ("Romashkine", "romachkin"),
    ("Kostija", "kostia"),
    ("Toulayev", "comrade-tulayev"),
    ("Tchernoe", "chernoe"),
    ("Chernoye", "chernoe"),
]


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("ref") / "serge.db")


@pytest.fixture
def flib(data_dir, fixture_db, monkeypatch):
    monkeypatch.setattr(paths, "reference_db_path", lambda: fixture_db)
    library = Library(data_dir, reference=fixture_db)
    yield library
    library.close()


def names_of(lib: Library, kind: str) -> list[tuple[str, str]]:
    return lib.conn.execute(
        "SELECT n.slug, n.name FROM ref.names n JOIN ref.entries e USING (slug)"
        " WHERE e.kind = ? ORDER BY n.slug, n.name",
        (kind,),
    ).fetchall()


def check_every_variant_resolves(lib: Library) -> list[str]:
    """Each title, alias and slug of a character finds it: as a note's [[link]] where the
    name is its alone, and first among the exact matches of a look-up in any case."""
    problems = []
    owners: dict[str, set[str]] = {}
    for slug, folded in lib.conn.execute("SELECT slug, folded FROM ref.names"):
        owners.setdefault(folded, set()).add(slug)
    for slug, name in names_of(lib, "character"):
        if owners[fold(name)] == {slug} and entries.resolve_name(lib, name) != slug:
            problems.append(f"[[{name}]] does not resolve to {slug}")
        exact = [r.id for r in search.search(lib, name, limit=50) if r.tier == 0]
        if slug not in exact:
            problems.append(f"look-up of {name!r} does not find {slug} among {exact}")
    return problems


# --- the fixture ----------------------------------------------------------------------------


def test_every_fixture_character_resolves_by_each_variant(flib):
    assert len(names_of(flib, "character")) >= 15
    assert check_every_variant_resolves(flib) == []


@pytest.mark.parametrize(("query", "slug"), FIXTURE_LOOKUPS)
def test_other_spellings_and_typos_find_the_character(flib, query, slug):
    assert slug in [r.id for r in search.search(flib, query, limit=10)]


def test_transliterations_share_one_key():
    assert len({translit_key(w) for w in ("ryzhik", "rijik", "ryjik", "rhyzik")}) == 1
    assert len({translit_key(w) for w in ("erchov", "ershov", "yershov", "erchoff")}) == 1
    assert len({translit_key(w) for w in ("kostia", "kostya")}) == 1
    assert translit_key("lenin") != translit_key("stalin")


def test_search_by_kind_character_and_the_look_up_groups_them(flib, data_dir):
    found = json.loads(run_cli(data_dir, "search", "ry", "--kind", "character", "--json"))
    assert found and {r["kind"] for r in found} == {"character"}
    from serge_reader.ui.lookup import GROUP_LABELS, grouped

    results = search.search(flib, "Tulayev")
    kinds = [kind for kind, _ in grouped(results)]
    assert "character" in kinds and "work" in kinds
    assert GROUP_LABELS["character"] == "Characters"


def test_whos_who_so_far_lists_the_characters_met_main_cast_first(flib, data_dir):
    assert json.loads(run_cli(data_dir, "show", TULAYEV, "--json"))["characters"] == []
    run_cli(data_dir, "progress", TULAYEV, "--chapter", "3")
    cast = json.loads(run_cli(data_dir, "show", TULAYEV, "--json"))["characters"]
    assert [c["id"] for c in cast] == ["kostia", "erchov", "romachkin", "comrade-tulayev"]
    assert cast[2] == {
        "id": "romachkin",
        "title": "Romachkin",
        "role": "a clerk in the wages office of a Moscow trust",
        "importance": "supporting",
        "chapter": 1,
    }
    page = pages.entry_page(flib, TULAYEV)
    assert "Who&#x27;s who so far" in page and "href='serge:erchov'" in page
    assert "href='serge:ryzhik'" not in page  # he comes in chapter 4
    home = pages.home_page(flib)
    assert "Who&#x27;s who so far" in home and "href='serge:kostia'" in home
    assert "Who's who so far:" in run_cli(data_dir, "show", TULAYEV)
    run_cli(data_dir, "progress", TULAYEV, "--status", "finished")
    cast = json.loads(run_cli(data_dir, "show", TULAYEV, "--json"))["characters"]
    assert "ryzhik" in [c["id"] for c in cast]
    assert "Who&#x27;s who</h2>" in pages.entry_page(flib, TULAYEV)


def test_the_panel_of_the_compact_window_shows_whos_who_so_far(flib, qtbot):
    """The compact window shows its context panel on the home view or the work's page."""
    from serge_reader.ui.context_panel import HOME, ContextPanel

    progress.set_progress(flib, MIDNIGHT, chapter=1)
    panel = ContextPanel(flib)
    qtbot.addWidget(panel)
    for shown in (HOME, MIDNIGHT):
        panel.open(shown)
        text = panel.toPlainText()
        assert "Who's who so far" in text and "Ryzhik" in text, shown
        assert "Kostia" not in text  # of another novel, not begun


def test_a_note_links_to_a_character_and_the_character_lists_it(flib, data_dir):
    progress.set_progress(flib, MIDNIGHT, chapter=1)
    n = notes.add_note(flib, "Met [[Ryzhik]] today, and [[Rijik|him again]].")
    assert entries.resolve_name(flib, "Ryzhik") == "ryzhik"
    # a name a character shares with another entry stays that entry's: no note's link moves
    assert entries.resolve_name(flib, "Tulayev") == TULAYEV
    assert entries.resolve_name(flib, "Toulaev") == "comrade-tulayev"
    assert [x.id for x in notes.list_notes(flib, about="ryzhik")] == [n]
    page = pages.entry_page(flib, "ryzhik")
    assert f"serge:note:{n}" in page and "Your notes (1)" in page
    assert 'href="serge:ryzhik"' in pages.note_page(flib, n)
    assert json.loads(run_cli(data_dir, "show", "ryzhik", "--json"))["notes"] == [n]
    # every kind lists its notes; a work, those attached to it as well
    m = notes.add_note(flib, "On [[Chernoe]]", work=MIDNIGHT)
    assert json.loads(run_cli(data_dir, "show", "chernoe", "--json"))["notes"] == [m]
    assert json.loads(run_cli(data_dir, "show", MIDNIGHT, "--json"))["notes"] == [m]
    assert json.loads(run_cli(data_dir, "show", "whole-life", "--json"))["notes"] == []


def test_a_character_page_shows_role_relations_and_model(flib):
    progress.set_progress(flib, TULAYEV, status="finished")
    page = pages.entry_page(flib, "comrade-tulayev")
    assert "a member of the Central Committee" in page
    assert "Real-world model" in page and "Sergei Kirov, according to the fixture" in page
    assert "href='serge:sergei-kirov'" in page
    kostia = pages.entry_page(flib, "kostia")
    assert "his neighbour" in kostia and "href='serge:romachkin'" in kostia
    assert "Character · main cast · The Case of Comrade Tulayev, from chapter 1" in kostia
    kirov = pages.entry_page(flib, "sergei-kirov")
    assert "Characters drawn from this life" in kirov and "serge:comrade-tulayev" in kirov


def test_a_fictional_place_says_so(flib):
    entry = entries.get_entry(flib, "chernoe")
    assert entry.term is not None and entry.term.fictional
    assert entry.term.appears == (entries.Appearance(MIDNIGHT, "Midnight in the Century", 1),)
    assert "in the novels · Midnight in the Century, from chapter 1" in pages.subtitle(entry)


# --- the shipped content --------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_lib(tmp_path_factory):
    reference = paths.reference_db_path()
    con = sqlite3.connect(f"file:{reference}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    finally:
        con.close()
    if "characters" not in tables:
        pytest.fail("data/serge.db predates characters: run 'serge-reader content build'")
    with Library(tmp_path_factory.mktemp("data")) as lib:
        yield lib


def test_every_shipped_character_resolves_by_each_variant(shipped_lib):
    assert names_of(shipped_lib, "character"), "no characters in data/serge.db"
    assert check_every_variant_resolves(shipped_lib) == []


def test_twenty_real_names_with_typos_and_other_spellings_are_found(shipped_lib):
    slugs = {r[0] for r in shipped_lib.conn.execute("SELECT slug FROM ref.characters")}
    present = [(q, s) for q, s in LOOKUPS if s in slugs]
    assert len(present) >= 20, f"only {len(present)} of the look-up test's characters exist"
    missed = [
        (q, s)
        for q, s in present
        if s not in [r.id for r in search.search(shipped_lib, q, limit=10)]
    ]
    assert missed == []


def test_every_shipped_character_links_to_its_novels(shipped_lib):
    works = {r[0] for r in shipped_lib.conn.execute("SELECT slug FROM ref.works")}
    rows = shipped_lib.conn.execute(
        "SELECT c.slug, a.work FROM ref.characters c LEFT JOIN ref.appearances a USING (slug)"
    ).fetchall()
    assert rows and all(work in works for _, work in rows)

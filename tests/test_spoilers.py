"""Spoilers: nothing past the reader's place in a novel reaches the reader, anywhere.

Most tests run on a small content tree of our own (tests/fixtures/novel_content), where each
passage carries a made-up word that cannot appear by chance; the last ones check the
shipped content, over every entry.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from serge_reader import content, entries, migrations, pages, paths, progress, search, spoilers
from serge_reader.content import NOVELS, ContentError, load_content
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.spoilers import SHOW_ALL, Place, chapter_at, parse
from tests.novel_helpers import (
    FIXTURE,
    build_fixture,
    every_output,
    forbidden_passages,
    leaks,
    normalized,
    run_cli,
)

TULAYEV, MIDNIGHT = "the-case-of-comrade-tulayev", "midnight-in-the-century"
# The made-up words of the fixture's passages, by (work, chapter) they belong to
MARKERS = {
    "tulayevworkchapterthree": (TULAYEV, 3),
    "policechaptertwo": (TULAYEV, 2),
    "policemidnightthree": (MIDNIGHT, 3),
    "kostiafatechapterfour": (TULAYEV, 4),
    "chernoechaptertwo": (MIDNIGHT, 2),
    "midnightendingsecret": (MIDNIGHT, 3),
    "ryzhikfatemidnight": (MIDNIGHT, 3),
    # the text of characters, shown once they are met
    "erchovopen": (TULAYEV, 3),
    "erchovrole": (TULAYEV, 3),
    "ryzhikopen": (MIDNIGHT, 1),
    "ryzhikrole": (MIDNIGHT, 1),
    "kostiaopen": (TULAYEV, 1),
}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("ref") / "serge.db")


@pytest.fixture
def flib(data_dir, fixture_db, monkeypatch):
    """A library over the fixture's reference database (the CLI in this process too)."""
    monkeypatch.setattr(paths, "reference_db_path", lambda: fixture_db)
    library = Library(data_dir, reference=fixture_db)
    yield library
    library.close()


def visible_markers(text: str) -> set[str]:
    found = normalized(text)
    return {m for m in MARKERS if f" {m} " in found}


def expected(place: Place) -> set[str]:
    """The markers a reader at `place` sees: a character's text needs the character met,
    anywhere (Ryzhik is met in Midnight's first chapter or Tulayev's fourth)."""
    shown = {m for m, (w, c) in MARKERS.items() if place.shows(w, c)}
    if place.shows(TULAYEV, 4):
        shown |= {"ryzhikopen", "ryzhikrole"}
    return shown


def everything_shown(lib: Library) -> str:
    slugs = [r[0] for r in lib.conn.execute("SELECT slug FROM ref.entries ORDER BY slug")]
    outputs = [pages.home_page(lib)]
    for slug in slugs:
        outputs.extend(every_output(lib, slug).values())
    return "\n".join(outputs)


# --- the markup ------------------------------------------------------------------------


def test_blocks_are_cut_out_of_the_text_in_order():
    parts, problems = parse(
        "Open.\n\n:::spoiler last-times 2\nLater.\n:::\n\nMore open.\n"
        ":::spoiler last-times 5\nLast.\n:::\n"
    )
    assert problems == []
    assert [(p.text.strip(), p.work, p.chapter) for p in parts] == [
        ("Open.", None, None),
        ("Later.", "last-times", 2),
        ("More open.", None, None),
        ("Last.", "last-times", 5),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (":::spoiler last-times\nx\n:::\n", "starts ':::spoiler <work-slug> <chapter|end>'"),
        (":::spoiler last-times two\nx\n:::\n", "starts ':::spoiler"),
        (":::spoiler last-times 0\nx\n:::\n", "starts ':::spoiler"),
        (":::spoiler last-times 2\nx\n", "not closed"),
        ("open\n:::\n", "closes no spoiler block"),
        (":::spoiler last-times 2\n:::spoiler last-times 3\n:::\n", "inside another"),
    ],
)
def test_bad_markup_is_a_problem_and_still_hides(text, problem):
    parts, problems = parse(text)
    assert any(problem in p for p in problems), problems
    assert all(p.held for p in parts if "x" in p.text)


def test_unread_finished_and_in_between():
    block = spoilers.Segment("x", "last-times", 3)
    assert not Place().shows(block.work, block.chapter)  # an unread novel holds everything
    assert not Place({"last-times": 2}).shows(block.work, block.chapter)
    assert Place({"last-times": 3}).shows(block.work, block.chapter)  # from its chapter on
    assert SHOW_ALL.shows(block.work, block.chapter)


def test_a_page_maps_to_a_chapter_by_page_or_by_share():
    by_page = [(1, 1, None), (2, 40, None), (3, 90, None)]
    assert chapter_at(by_page, 0, list_pages=300, own_pages=None) == 0
    assert chapter_at(by_page, 39, list_pages=300, own_pages=None) == 1
    assert chapter_at(by_page, 40, list_pages=300, own_pages=None) == 2
    assert chapter_at(by_page, 299, list_pages=300, own_pages=None) == 3
    # another edition, twice as long: the same place in the book
    assert chapter_at(by_page, 79, list_pages=300, own_pages=600) == 2
    assert chapter_at(by_page, 77, list_pages=300, own_pages=600) == 1
    by_share = [(1, None, 0.0), (2, None, 0.4), (3, None, 0.7)]
    assert chapter_at(by_share, 79, list_pages=200, own_pages=None) == 1
    assert chapter_at(by_share, 80, list_pages=200, own_pages=None) == 2
    assert chapter_at(by_share, 150, list_pages=200, own_pages=400) == 1


# --- the checker -------------------------------------------------------------------------


def broken(tmp_path, path: str, old: str, new: str):
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    target = root / path
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))
    return root


@pytest.mark.parametrize(
    ("path", "old", "new", "problem"),
    [
        ("terms/secret-police.md", "tulayev 2", "tulayev 9", "has 4 chapters, not 9"),
        ("terms/secret-police.md", "comrade-tulayev 2", "comrade-nobody 2", "is not a work"),
        ("terms/secret-police.md", "\n:::\n\nOpen", "\n\nOpen", "inside another"),
        ("characters/kostia.md", "chapter = 1", "chapter = 5", "has 4 chapters, not 5"),
        ("characters/kostia.md", 'to = "romachkin"', 'to = "sergei-kirov"', "not a character"),
        ("characters/kostia.md", 'importance = "main"', 'importance = "hero"', "importance"),
        ("characters/kostia.md", "role = ", "roles = ", "unknown field"),
        ("characters/romachkin.md", '"the-case-of-comrade-tulayev"', '"whole-life"', "novels"),
        (
            "characters/erchov.md",
            'model = ["sergei-kirov"]',
            'model = ["kostia"]',
            "not a glossary",
        ),
        ("terms/chernoe.md", "fictional = true", "fictional = false", "for fictional terms"),
        ("chapters/the-case-of-comrade-tulayev.toml", "number = 3", "number = 4", "must be 3"),
        ("chapters/the-case-of-comrade-tulayev.toml", "page = 90", "page = 30", "does not come"),
        ("chapters/the-case-of-comrade-tulayev.toml", "page = 150", "page = 350", "beyond"),
        ("chapters/midnight-in-the-century.toml", "share = 0.7", "share = 1.7", "from 0 to 1"),
        ("chapters/midnight-in-the-century.toml", "share = 0.7", "", "first page or its share"),
        ("chapters/midnight-in-the-century.toml", 'edition = "', 'editor = "', "no edition"),
    ],
)
def test_the_checker_finds_each_problem(tmp_path, path, old, new, problem):
    with pytest.raises(ContentError, match=problem):
        load_content(broken(tmp_path, path, old, new))


def test_a_chapter_list_for_a_work_that_is_not_a_novel_is_refused(tmp_path):
    root = broken(tmp_path, "periods/whole-life.md", "+++", "+++")
    shutil.copy(root / "chapters" / f"{MIDNIGHT}.toml", root / "chapters" / "whole-life.toml")
    with pytest.raises(ContentError, match="not one of the novels"):
        load_content(root)


def test_the_fixture_is_clean_and_its_build_deterministic(tmp_path, fixture_db):
    assert len(load_content(FIXTURE)) == 11
    assert set(content.load_chapter_lists(FIXTURE)) == {TULAYEV, MIDNIGHT}
    again = build_fixture(tmp_path / "again.db")
    assert again.read_bytes() == fixture_db.read_bytes()


# --- the reader's place --------------------------------------------------------------------


def test_nothing_read_holds_every_passage_back(flib):
    shown = everything_shown(flib)
    assert visible_markers(shown) == set()
    assert "Spoiler for <i>The Case of Comrade Tulayev</i> from chapter 2" in pages.entry_page(
        flib, "secret-police"
    )


@pytest.mark.parametrize(
    ("work", "chapter"), [(TULAYEV, 1), (TULAYEV, 2), (TULAYEV, 3), (TULAYEV, 4), (MIDNIGHT, 1)]
)
def test_a_reader_at_a_chapter_sees_what_is_up_to_it_and_nothing_after(flib, work, chapter):
    progress.set_progress(flib, work, chapter=chapter)
    place = entries.reader_place(flib)
    assert place.chapter(work) == chapter
    assert visible_markers(everything_shown(flib)) == expected(place)


def test_finished_shows_everything(flib):
    for work in (TULAYEV, MIDNIGHT):
        progress.set_progress(flib, work, status="finished")
    assert visible_markers(everything_shown(flib)) == set(MARKERS)
    for (slug,) in flib.conn.execute("SELECT slug FROM ref.entries"):
        assert entries.get_entry(flib, slug).hidden == ()
        assert "serge:reveal:" not in pages.entry_page(flib, slug)


def test_the_chapter_follows_the_page_and_can_be_set_and_undone(flib):
    assert progress.set_progress(flib, TULAYEV, page=45).chapter == 2  # p. 40 starts ch. 2
    row = progress.set_progress(flib, TULAYEV, chapter=4)
    assert (row.chapter, row.page) == (4, 45)
    assert progress.undo_last(flib, TULAYEV).chapter == 2
    progress.set_progress(flib, TULAYEV, chapter=4)
    assert progress.set_progress(flib, TULAYEV, page=100).chapter == 3  # a page wins
    assert progress.set_progress(flib, TULAYEV, chapter=0).chapter == 3  # 0: the page's
    with pytest.raises(UserError, match="has 4 chapters, not 5"):
        progress.set_progress(flib, TULAYEV, chapter=5)
    # Midnight has shares; the reader's edition has 100 pages
    assert progress.set_progress(flib, MIDNIGHT, page=45, pages=100).chapter == 2


def test_setting_a_chapter_starts_a_work(flib):
    row = progress.set_progress(flib, MIDNIGHT, chapter=2)
    assert (row.status, row.chapter, row.page) == ("reading", 2, 0)


def test_the_cli_sets_the_chapter_and_shows_spoilers_on_request(flib, data_dir):
    out = json.loads(run_cli(data_dir, "progress", TULAYEV, "--chapter", "1", "--json"))
    assert (out["status"], out["chapter"]) == ("reading", 1)
    assert "chapter 1" in run_cli(data_dir, "progress", TULAYEV)
    shown = json.loads(run_cli(data_dir, "show", "secret-police", "--json"))
    assert "policechaptertwo" not in shown["body"].lower()
    assert "Openpolice" in shown["body"] and "Open text after the block." in shown["body"]
    assert shown["hidden"] == [
        {"work": TULAYEV, "chapter": 2},
        {"work": MIDNIGHT, "chapter": 3},
    ]
    text = run_cli(data_dir, "show", "secret-police")
    assert "Policechaptertwo" not in text
    assert (
        "[Spoiler for *The Case of Comrade Tulayev* from chapter 2 — show: "
        "serge-reader show secret-police --spoilers]"
    ) in text
    html = run_cli(data_dir, "show", "secret-police", "--html")
    assert "Policechaptertwo" not in html and "serge:reveal:secret-police:1" in html
    everything = json.loads(run_cli(data_dir, "show", "secret-police", "--json", "--spoilers"))
    assert "Policechaptertwo" in everything["body"] and everything["hidden"] == []
    assert "Policemidnightthree" in run_cli(data_dir, "show", "secret-police", "--spoilers")
    assert "Policechaptertwo" in run_cli(data_dir, "show", "secret-police", "--html", "--spoilers")


def test_a_character_not_met_is_found_but_shows_only_name_novel_and_chapter(flib, data_dir):
    run_cli(data_dir, "progress", TULAYEV, "--chapter", "1")
    found = search.search(flib, "Erchov")
    assert found[0].id == "erchov" and found[0].kind == "character"
    shown = json.loads(run_cli(data_dir, "show", "erchov", "--json"))
    assert shown["met"] is False
    assert (shown["title"], shown["body"], shown["role"], shown["aliases"]) == (
        "Erchov",
        "",
        "",
        [],
    )
    assert shown["appears"] == [
        {"work": TULAYEV, "title": "The Case of Comrade Tulayev", "chapter": 3}
    ]
    assert shown["hidden"] == [{"work": TULAYEV, "chapter": 3}]
    page = pages.entry_page(flib, "erchov")
    assert "first seen in chapter 3 of The Case of Comrade Tulayev" in page
    assert "erchovrole" not in page.lower() and "Yagoda" not in page
    assert "serge:reveal:erchov:all" in page
    text = run_cli(data_dir, "show", "erchov")
    assert "not met this character yet" in text and "erchovrole" not in text.lower()
    # and Kostia's relation to him is not listed yet; Romachkin, met, is
    assert relations(flib, "kostia") == ["romachkin"]
    run_cli(data_dir, "progress", TULAYEV, "--chapter", "3")
    erchov = entries.get_entry(flib, "erchov").character
    assert erchov is not None and erchov.role.startswith("erchovrole")
    assert relations(flib, "kostia") == ["romachkin", "erchov"]


def relations(lib, slug):
    """The characters a character's relations name, as the reader sees them now."""
    character = entries.get_entry(lib, slug).character
    assert character is not None
    return [r.id for r in character.relations]


def test_search_never_quotes_a_passage_not_reached(flib):
    for word in ("Policechaptertwo", "Kostiafatechapterfour", "Erchovopen", "Ryzhikopen"):
        assert search.search(flib, word) == [], word
    progress.set_progress(flib, TULAYEV, chapter=2)
    found = search.search(flib, "Policechaptertwo")
    assert [r.id for r in found] == ["secret-police"]
    assert "Policechaptertwo" in found[0].snippet
    assert search.search(flib, "Policemidnightthree") == []  # another novel's passage
    assert search.search(flib, "Kostiafatechapterfour") == []
    progress.set_progress(flib, TULAYEV, status="finished")
    assert [r.id for r in search.search(flib, "Kostiafatechapterfour")] == ["kostia"]


def test_the_panel_shows_a_passage_when_the_reader_asks(flib, qtbot):
    from PySide6.QtCore import QUrl

    from serge_reader.ui.context_panel import ContextPanel

    panel = ContextPanel(flib)
    qtbot.addWidget(panel)
    panel.open("secret-police")
    assert "Policechaptertwo" not in panel.toPlainText()
    assert "Spoiler for The Case of Comrade Tulayev from chapter 2 — show" in panel.toPlainText()
    panel.anchorClicked.emit(QUrl("serge:reveal:secret-police:1"))
    assert "Policechaptertwo" in panel.toPlainText()
    assert "Policemidnightthree" not in panel.toPlainText()  # the other block stays folded
    assert panel.current == "secret-police"
    panel.open("erchov")
    assert "Erchovopen" not in panel.toPlainText()
    panel.anchorClicked.emit(QUrl("serge:reveal:erchov:all"))
    assert "Erchovopen" in panel.toPlainText()


# --- the shipped content, every entry --------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    reference = paths.reference_db_path()
    con = sqlite3.connect(f"file:{reference}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    finally:
        con.close()
    if "passages" not in tables:
        pytest.fail(
            "data/serge.db predates characters and spoilers: run 'serge-reader content build'"
        )
    return tmp_path_factory


@pytest.mark.parametrize("novel", NOVELS)
def test_shipped_content_at_chapter_one_shows_nothing_from_later(shipped, novel):
    data = shipped.mktemp(novel)
    with Library(data) as lib:
        progress.set_progress(lib, novel, chapter=1)
        place = entries.reader_place(lib)
        assert place.chapter(novel) == 1
        forbidden = forbidden_passages(lib, place)
        problems = [f"home page: {leaks(pages.home_page(lib), forbidden)}"]
        for (slug,) in lib.conn.execute("SELECT slug FROM ref.entries ORDER BY slug"):
            for what, output in every_output(lib, slug).items():
                problems.extend(f"{slug} {what}: {name}" for name in leaks(output, forbidden))
        for runs in forbidden.values():
            for result in search.search(lib, runs[0]):
                problems.extend(
                    f"search {runs[0]!r}: {leak}" for leak in leaks(result.snippet, forbidden)
                )
        assert problems == ["home page: []"], "\n".join(problems)


@pytest.mark.parametrize("novel", NOVELS)
def test_shipped_content_finished_holds_nothing_back(shipped, novel):
    with Library(shipped.mktemp(novel)) as lib:
        progress.set_progress(lib, novel, status="finished")
        place = entries.reader_place(lib)
        rows = lib.conn.execute(
            "SELECT slug, body_html FROM ref.passages WHERE work = ?", (novel,)
        ).fetchall()
        for slug, html in rows:
            assert html in pages.entry_page(lib, slug), slug
            assert not [h for h in entries.get_entry(lib, slug).hidden if h.work == novel]
        cast = {
            r[0]
            for r in lib.conn.execute(
                "SELECT slug FROM ref.appearances a JOIN ref.characters USING (slug) WHERE work = ?",
                (novel,),
            )
        }
        assert {c.id for c in entries.characters_met(lib, novel, place)} == cast
        for slug in cast:
            character = entries.get_entry(lib, slug).character
            assert character is not None and character.met, slug


# --- the library migration ------------------------------------------------------------------


@pytest.mark.parametrize("version", range(migrations.SCHEMA_VERSION))
def test_every_earlier_library_gains_the_chapter_and_keeps_its_progress(data_dir, version):
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_dir / "library.db", isolation_level=None)
    migrations.migrate(con, target=version)
    if version >= 1:
        con.execute(
            "INSERT INTO progress (work, status, page, pages, started, updated) VALUES"
            " ('the-case-of-comrade-tulayev', 'reading', 12, 400, '2024-01-01', '2024-01-02')"
        )
    con.close()
    with Library(data_dir) as lib:
        assert migrations.user_version(lib.conn) == migrations.SCHEMA_VERSION
        row = progress.get_progress(lib, TULAYEV)
        assert row.page == (12 if version >= 1 else 0)
        assert progress.set_progress(lib, TULAYEV, chapter=2).chapter == 2
        assert progress.undo_last(lib, TULAYEV).status == ("reading" if version >= 1 else None)
        progress.set_progress(lib, TULAYEV, chapter=3)
        with pytest.raises(sqlite3.IntegrityError):
            lib.conn.execute("UPDATE progress SET chapter = 0")


def test_a_passage_about_the_ending_waits_until_the_book_is_finished(lib):
    from serge_reader.spoilers import ENDING

    (block,) = [
        s for s in spoilers.segments(":::spoiler last-times end\nhow it ends\n:::\n") if s.held
    ]
    assert block.chapter == ENDING
    assert not Place({"last-times": 999}).shows(block.work, block.chapter)  # deep in, not done
    assert spoilers.SHOW_ALL.shows(block.work, block.chapter)
    assert "about its ending" in pages.spoiler_notice(lib, "x", 0, "last-times", ENDING)

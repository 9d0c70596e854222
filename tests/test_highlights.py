"""E-reader highlights: Kindle clippings in six device languages, KOReader sidecars in both
layouts, a Kobo database; matching to works; merging without duplicates; hostile files."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from serge_reader import notes, operations
from serge_reader.changes import Change
from serge_reader.errors import UserError
from serge_reader.highlights import kindle, lua, read_source
from serge_reader.highlights.matching import AMBIGUOUS, MATCHED, OTHER, Matcher
from serge_reader.highlights.merge import list_batches, plan_import, remove_batch

FIXTURES = Path(__file__).parent / "fixtures" / "highlights"
CLIPPINGS = FIXTURES / "My Clippings.txt"
TULAYEV = "The Case of Comrade Tulayev (NYRB Classics) (Serge, Victor)"


def kobo_db(folder: Path) -> Path:
    path = folder / "KoboReader.sqlite"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "kobo.sql").read_text(encoding="utf-8"))
    con.commit()
    con.close()
    return path


def entry(title: str, meta: str, text: str) -> str:
    return f"{title}\r\n{meta}\r\n\r\n{text}\r\n==========\r\n"


def state(lib) -> tuple[int, list[tuple[object, ...]]]:
    rows = lib.conn.execute("SELECT id, body, page FROM notes ORDER BY id").fetchall()
    batches = lib.conn.execute("SELECT count(*) FROM highlight_batches").fetchone()[0]
    return batches, rows


# --- the Lua reader ---------------------------------------------------------------------------


def test_lua_reads_table_literals_with_every_kind_of_value():
    value = lua.loads(
        '-- a comment\nreturn {\n  ["a"] = "x\\\ny", b = -1.5e2, [3] = true, [4] = nil,\n'
        "  [\"q\"] = 'it\\'s \\u{263A} \\65', [[long\nstring]], {1, 2; 3}, --[[ block ]] n = 0x1F,\n}"
    )
    assert value["a"] == "x\ny" and value["b"] == -150.0 and value[3] is True
    assert value["q"] == "it's ☺ A" and value[1] == "long\nstring"
    assert lua.sequence(value[2]) == [1, 2, 3] and value["n"] == 31


@pytest.mark.parametrize(
    "code",
    [
        'return { ["a"] = os.execute("rm -rf ~") }',
        "return { a = b }",
        'return { a = "x" .. "y" }',
        "return function() end",
        "os.exit()",
        "return { a = 1 } ; print(1)",
        'return { a = ("x") }',
        "return { a = 1 + 2 }",
        "return {" * 200 + "}" * 200,
        'return { a = "unfinished }',
        "return { [[unfinished",
    ],
)
def test_lua_refuses_anything_but_a_table_literal(code):
    with pytest.raises(lua.LuaError):
        lua.loads(code)


# --- Kindle -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "kind", "page", "loc", "stamp_day"),
    [
        (
            "- Your Highlight on page 12 | location 180-182 | Added on Monday, 3 June 2024 10:15:00",
            "highlight",
            12,
            (180, 182),
            "2024-06-03",
        ),
        (
            "- Your Highlight on Location 2410-2412 | Added on Tuesday, June 4, 2024 9:02:41 PM",
            "highlight",
            None,
            (2410, 2412),
            "2024-06-04",
        ),
        (
            "- Votre surlignement sur la page 12 | emplacement 180-182 | Ajouté le lundi 3 juin 2024 10:15:00",
            "highlight",
            12,
            (180, 182),
            "2024-06-03",
        ),
        (
            "- Votre note à l'emplacement 1505 | Ajouté le samedi 8 juin 2024 à 22:41:30",
            "note",
            None,
            (1505, 1505),
            "2024-06-08",
        ),
        (
            "- Ihre Markierung auf Seite 88 | Position 1340-1342 | Hinzugefügt am Montag, 10. Juni 2024 20:05:10",
            "highlight",
            88,
            (1340, 1342),
            "2024-06-10",
        ),
        (
            "- Ihr Lesezeichen auf Seite 307 | Position 3793 | Hinzugefügt am Montag, 10. Juni 2024 20:05:10",
            "bookmark",
            307,
            (3793, 3793),
            "2024-06-10",
        ),
        (
            "- Tu subrayado en la página 6 | posición 36-40 | Añadido el miércoles, 12 de junio de 2024 18:00:39",
            "highlight",
            6,
            (36, 40),
            "2024-06-12",
        ),
        (
            "- La tua evidenziazione alla posizione 512-514 | Aggiunto in data giovedì 13 giugno 2024 18:40:02",
            "highlight",
            None,
            (512, 514),
            "2024-06-13",
        ),
        (
            "- Seu destaque ou posição 680-82 | Adicionado: sexta-feira, 14 de junho de 2024 13:16:48",
            "highlight",
            None,
            (680, 682),
            "2024-06-14",
        ),
    ],
)
def test_kindle_meta_lines_in_six_languages(tmp_path, meta, kind, page, loc, stamp_day):
    text = entry(TULAYEV, meta, "" if kind == "bookmark" else "Some passage.")
    source = kindle.parse(text, tmp_path / "x.txt")
    (mark,) = source.books[0].marks
    assert (mark.kind, mark.page, (mark.start, mark.end)) == (kind, page, loc)
    assert mark.created is not None and abs(int(mark.created[8:10]) - int(stamp_day[8:])) <= 1


def test_the_sample_file_bom_crlf_notes_edits_bookmarks_and_other_books():
    source = read_source(CLIPPINGS)
    assert source.device == "kindle" and source.refused == 0
    books = {b.title: b for b in source.books}
    tulayev = books["The Case of Comrade Tulayev (NYRB Classics)"]
    assert tulayev.authors == ["Victor Serge"]
    first, edited, bookmark = tulayev.marks
    assert first.note == "The whole novel turns on this purchase."  # the note that follows it
    assert edited.text.endswith("the secret of the trials.")  # the later, longer version only
    assert bookmark.kind == "bookmark"
    assert books["Memoirs of a Revolutionary"].authors == ["Victor Serge", "Richard Greeman"]
    assert books["Resistance"].marks[0].start == 12  # location only


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100, "binary"),
        (CLIPPINGS.read_bytes()[:-40], "cut short"),
        (b"\xff\xfe\x00garbage", "binary"),
        (b"", "empty"),
        (b"just some notes\n", "not a Kindle clippings"),
    ],
)
def test_hostile_kindle_files_are_refused_and_change_nothing(lib, tmp_path, content, says):
    path = tmp_path / "My Clippings.txt"
    path.write_bytes(content)
    before = state(lib)
    with pytest.raises(UserError, match=says):
        operations.import_highlights(lib, path, device="kindle")
    assert state(lib) == before


def test_a_200_mb_file_is_refused_without_reading_it(lib, tmp_path):
    path = tmp_path / "My Clippings.txt"
    with open(path, "wb") as f:
        f.truncate(200 * 2**20)  # sparse: costs no disk
    before = state(lib)
    with pytest.raises(UserError, match="too large"):
        operations.import_highlights(lib, path)
    assert state(lib) == before


# --- KOReader ---------------------------------------------------------------------------------


def test_koreader_annotations_layout():
    (book,) = read_source(FIXTURES / "metadata.epub.lua").books
    assert book.title == "Midnight in the Century" and book.authors[0] == "Victor Serge"
    first, second, bookmark = book.marks
    assert first.text.startswith('The snow fell on Chernoe, "the black town",\nand')
    assert second.note == "Rodion's notebook: compare with the Carnets." and second.chapter == "III"
    assert second.share == pytest.approx(0.4) and bookmark.kind == "bookmark"


def test_koreader_older_layout():
    source = read_source(FIXTURES / "older.sdr")
    assert source.device == "koreader"
    (book,) = source.books
    kinds = [(m.kind, m.text, m.note) for m in book.marks]
    assert kinds[0] == (
        "highlight",
        "Nous étions des vaincus.",
        "Les vaincus de 1928, avant les procès.",
    )
    assert ("bookmark", "Page 80 Chapitre 3", None) in kinds
    assert ("highlight", "La ville conquise respirait à peine.", None) in kinds


def test_a_sidecar_with_code_is_refused_and_changes_nothing(lib, tmp_path):
    path = tmp_path / "metadata.epub.lua"
    path.write_text('return { ["doc_props"] = io.popen("id"):read("*a") }')
    before = state(lib)
    with pytest.raises(UserError, match="not a KOReader sidecar"):
        operations.import_highlights(lib, path)
    assert state(lib) == before


# --- KOReader's own exports (JSON, Markdown) ------------------------------------------------

KO_JSON = FIXTURES / "2024-06-10-08-30-00-all-books.json"
KO_MD = FIXTURES / "2024-06-10-08-31-12-Midnight in the Century.md"
KO_MD_FR = FIXTURES / "2024-06-12-07-45-00-all-books.md"


def local_json(folder: Path) -> Path:
    """The JSON export with its times as this computer's clock would have written them (the
    fixture's are a device's in Paris), so that it names the highlights as the Markdown does."""
    data = json.loads(KO_JSON.read_text(encoding="utf-8"))
    paris = {
        1717441693: "2024-06-03 21:08:13",
        1717517298: "2024-06-04 18:08:18",
        1717619462: "2024-06-05 22:31:02",
    }
    for entry in data["documents"][0]["entries"]:
        moment = datetime.strptime(paris[entry["time"]], "%Y-%m-%d %H:%M:%S")
        entry["time"] = int(moment.timestamp())
    path = folder / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_koreader_json_export_gives_what_its_sidecar_gives():
    source = read_source(KO_JSON)
    assert source.device == "koreader" and source.refused == 0
    midnight, toulaev, other = source.books
    assert midnight.authors == ["Victor Serge", "Richard Greeman"] and midnight.device_pages == 300
    (sidecar,) = read_source(FIXTURES / "metadata.epub.lua").books
    assert [(m.text, m.note, m.chapter, m.page, m.share) for m in midnight.marks[:2]] == [
        (m.text, m.note, m.chapter, m.page, m.share) for m in sidecar.marks[:2]
    ]
    assert midnight.marks[1].created == "2024-06-04T16:08:18Z"  # 18:08:18 in Paris
    assert toulaev.title == "L'Affaire Toulaév" and len(toulaev.marks) == 2  # the image is left
    assert toulaev.marks[0].page == 12 and toulaev.marks[1].note.startswith("Toute la mécanique")
    assert other.title == "Make It Stick" and len(other.authors) == 3


def test_koreader_markdown_exports_in_english_and_french():
    (book,) = read_source(KO_MD).books
    assert (book.title, book.authors) == (
        "Midnight in the Century",
        ["Victor Serge", "Richard Greeman"],
    )
    first, second, third = book.marks
    assert (
        first.text
        == 'The snow fell on Chernoe, "the black town",\nand the deportees counted the days.'
    )
    assert (second.text, second.note, second.chapter, second.page) == (
        "To think is to resist.",
        "Rodion's notebook: compare with the Carnets.",
        "III",
        120,
    )
    assert second.spot == "2024-06-04 18:08:18"  # 06:08:18 PM, as the sidecar names it
    assert third.text.startswith("Not everything") and not third.text.endswith("+")
    memoirs, stendhal = read_source(KO_MD_FR).books
    assert memoirs.title == "Mémoires d'un révolutionnaire" and stendhal.authors == ["Stendhal"]
    assert [(m.page, m.spot, m.chapter) for m in memoirs.marks] == [
        (14, "2024-06-02 08:15:42", "Chapitre premier"),
        (15, "2024-06-02 08:21:07", "Chapitre premier"),
        (97, "2024-06-11 11:02:58", "Chapitre 3"),
    ]
    assert memoirs.marks[1].note == "Cf. le début des Carnets."
    assert all("Voir dans le livre" not in m.text for b in (memoirs, stendhal) for m in b.marks)


def test_koreader_exports_import_as_quotations_with_page_and_date_once(lib, tmp_path):
    done = operations.import_highlights(lib, KO_JSON).value
    assert done.summary.startswith("KOReader, ")
    assert ": 5 highlights, 2 notes in 2 works" in done.summary and "1 other book" in done.summary
    quote = next(
        n for n in notes.list_notes(lib, kind="quotation") if n.body.startswith("To think")
    )
    assert (quote.work, quote.page, quote.tags) == ("midnight-in-the-century", 80, ("koreader",))
    assert quote.created == "2024-06-04T16:08:18Z" and quote.chapter == "III"
    before = state(lib)
    again = operations.import_highlights(lib, KO_JSON).value
    assert again.batch is None and again.plan.count("present") == 7 and state(lib) == before

    # The same highlights exported again, as JSON and as Markdown, are already there.
    exported = tmp_path / "again"
    exported.mkdir()
    before = state(lib)
    first = operations.import_highlights(lib, local_json(exported)).value
    # Written by another clock, its spots differ; the same texts in the same work are found.
    assert first.batch is None and first.plan.added_highlights == 0 and state(lib) == before
    markdown = operations.import_highlights(lib, KO_MD).value
    assert markdown.batch is None and markdown.plan.added_highlights == 0 and state(lib) == before

    french = operations.import_highlights(lib, KO_MD_FR).value
    assert ": 3 highlights, 1 note in 1 work" in french.summary
    memoir = next(
        n for n in notes.list_notes(lib, work="memoirs-of-a-revolutionary") if n.kind == "quotation"
    )
    assert memoir.page in (14, 15, 97) and memoir.created.startswith("2024-06-")
    assert operations.import_highlights(lib, KO_MD_FR).value.batch is None


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("export.json", KO_JSON.read_bytes()[:-300], "cut short"),
        (
            "export.json",
            b'{"name": "a package", "version": "1.0.0"}',
            "neither documents nor entries",
        ),
        ("export.json", b"[1, 2, 3]", "does not hold an object"),
        (
            "export.json",
            b'{"entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "nested too deeply",
        ),
        ("export.json", b'{"entries": [1, "x", {"text": 3}]}', "none of its highlights"),
        ("export.json", b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
        ("export.md", KO_MD.read_bytes()[:-60], "cut short"),
        ("export.md", b"# Notes\n\nSome thoughts on Serge.\n", "not a KOReader highlights export"),
        ("README.md", b"# Title\n##### Someone\n\nno entries at all\n", "not a KOReader"),
    ],
)
def test_hostile_koreader_exports_are_refused_in_one_line_and_change_nothing(
    lib, tmp_path, name, content, says
):
    operations.import_highlights(lib, KO_MD)
    before = state(lib)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=says) as refused:
        operations.import_highlights(lib, path)
    assert "\n" not in str(refused.value)
    assert state(lib) == before


# --- Kobo -------------------------------------------------------------------------------------


def test_kobo_database_is_read_from_a_copy(tmp_path):
    db = kobo_db(tmp_path)
    before = db.read_bytes()
    source = read_source(db)
    assert source.device == "kobo" and db.read_bytes() == before
    books = {b.title: b for b in source.books}
    years = books["Unforgiving Years"]
    assert [m.kind for m in years.marks] == ["highlight", "highlight", "bookmark"]  # hidden: out
    assert years.marks[1].note.startswith("Daria's chapter")
    assert years.marks[1].chapter == "Part Two: Leningrad"
    assert years.marks[0].share == pytest.approx(0.125)
    assert not (tmp_path / "KoboReader.sqlite-journal").exists()


def test_damaged_and_locked_kobo_databases_change_nothing(lib, tmp_path):
    db = kobo_db(tmp_path)
    data = bytearray(db.read_bytes())
    data[100:4096] = os.urandom(3996)
    damaged = tmp_path / "damaged" / "KoboReader.sqlite"
    damaged.parent.mkdir()
    damaged.write_bytes(bytes(data))
    before = state(lib)
    with pytest.raises(UserError, match=r"cannot be read|not a Kobo"):
        operations.import_highlights(lib, damaged, device="kobo")
    assert state(lib) == before
    device_bytes = db.read_bytes()
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # the device (or another program) is writing it
    try:
        read = read_source(db)  # from a copy: never waits on, nor writes to, the device's file
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert {b.title for b in read.books} == {"Dune", "Unforgiving Years"}
    assert db.read_bytes() == device_bytes


# --- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "authors", "status", "work"),
    [
        (
            "The Case of Comrade Tulayev (NYRB Classics)",
            ["Victor Serge"],
            MATCHED,
            "the-case-of-comrade-tulayev",
        ),
        ("L'Affaire Toulaév", ["Victor Serge"], MATCHED, "the-case-of-comrade-tulayev"),
        ("L’affaire Toulaev: roman", ["Serge Victor"], MATCHED, "the-case-of-comrade-tulayev"),
        (
            "Memoirs of a Revolutionary",
            ["Victor Serge", "Richard Greeman"],
            MATCHED,
            "memoirs-of-a-revolutionary",
        ),
        ("Midnight in the Century", ["Richard Greeman"], MATCHED, "midnight-in-the-century"),
        (
            "Memoirs of a Revolutionary 1901-1941 (New York Review Books Classics)",
            [],
            MATCHED,
            "memoirs-of-a-revolutionary",
        ),
        ("Literature and Revolution", ["Leon Trotsky"], OTHER, None),
        ("Dune", ["Frank Herbert"], OTHER, None),
        ("Resistance", [], AMBIGUOUS, None),
        ("Die Tragödie des Genossen Tulajew", ["Victor Serge"], AMBIGUOUS, None),
        ("Some Novel", ["Serge Gainsbourg"], OTHER, None),
    ],
)
def test_books_are_matched_by_title_and_author(lib, title, authors, status, work):
    found = Matcher(lib).match(title, authors)
    assert (found.status, found.work) == (status, work)


# --- merging ----------------------------------------------------------------------------------


def test_import_makes_quotations_and_attached_notes_with_the_device_date(lib):
    done = operations.import_highlights(lib, CLIPPINGS)
    assert done.change == Change.all() and done.value.batch == 1
    assert done.value.summary.startswith("Kindle, ")
    assert ": 8 highlights, 2 notes in 5 works" in done.value.summary
    quote = next(n for n in notes.list_notes(lib, kind="quotation") if n.body.startswith("Kostya"))
    assert (quote.work, quote.page, quote.tags) == (
        "the-case-of-comrade-tulayev",
        12,
        ("kindle",),
    )
    assert quote.created.startswith("2024-06-0")
    (attached,) = lib.conn.execute(
        "SELECT n.body FROM highlight_origins o JOIN notes n ON n.id = o.note WHERE o.highlight = ?",
        (quote.id,),
    ).fetchall()
    assert attached[0] == "The whole novel turns on this purchase."
    approximate = lib.conn.execute(
        "SELECT count(*) FROM highlight_origins WHERE approximate"
    ).fetchone()
    assert approximate[0] > 0


def test_reimport_adds_nothing_and_a_grown_file_only_the_new(lib, tmp_path):
    operations.import_highlights(lib, CLIPPINGS)
    before = state(lib)
    again = operations.import_highlights(lib, CLIPPINGS).value
    assert again.batch is None and again.plan.added_highlights == 0 and state(lib) == before
    grown = tmp_path / "My Clippings.txt"
    grown.write_bytes(
        CLIPPINGS.read_bytes()
        + entry(
            TULAYEV,
            "- Your Highlight on page 200 | location 3050-3052 | Added on Friday, 7 June 2024 10:00:00",
            "A new passage.",
        ).encode()
    )
    added = operations.import_highlights(lib, grown).value
    assert (added.plan.added_highlights, added.plan.added_notes) == (1, 0)
    assert len(state(lib)[1]) == len(before[1]) + 1


def test_an_edited_highlight_replaces_its_earlier_version(lib, tmp_path):
    path = tmp_path / "My Clippings.txt"
    path.write_text(
        entry(
            TULAYEV,
            "- Your Highlight on Location 500-501 | Added on Friday, 7 June 2024 10:00:00",
            "The first",
        )
    )
    operations.import_highlights(lib, path)
    path.write_text(
        path.read_text()
        + entry(
            TULAYEV,
            "- Your Highlight on Location 500-503 | Added on Friday, 7 June 2024 10:01:00",
            "The first words, extended.",
        )
    )
    result = operations.import_highlights(lib, path).value
    assert result.plan.count("updated") == 1 and result.plan.added_highlights == 0
    assert [r[1] for r in state(lib)[1]] == ["The first words, extended."]


def test_a_note_the_reader_edited_is_never_overwritten(lib, tmp_path):
    path = tmp_path / "My Clippings.txt"
    path.write_text(
        entry(
            TULAYEV,
            "- Your Highlight on Location 500-501 | Added on Friday, 7 June 2024 10:00:00",
            "The first",
        )
    )
    operations.import_highlights(lib, path)
    (note_id,) = [r[0] for r in state(lib)[1]]
    notes.update_note(lib, note_id, body="The first — my own words now")
    path.write_text(
        entry(
            TULAYEV,
            "- Your Highlight on Location 500-503 | Added on Friday, 7 June 2024 10:01:00",
            "The first words, extended.",
        )
    )
    result = operations.import_highlights(lib, path).value
    assert result.plan.count("kept") == 1
    assert notes.get_note(lib, note_id).body == "The first — my own words now"


def test_choices_for_ambiguous_books_and_bookmarks_when_asked(lib):
    source = read_source(CLIPPINGS)
    spanish = next(b for b in source.books if b.title == "Medianoche en el siglo")
    plan = plan_import(
        lib, source, choices={spanish.key: "midnight-in-the-century"}, bookmarks=True
    )
    chosen = next(b for b in plan.books if b.key == spanish.key)
    assert (chosen.status, chosen.work, chosen.new) == ("chosen", "midnight-in-the-century", 1)
    assert any(e.body == "Bookmark" for e in plan.entries)
    with pytest.raises(UserError, match="no work"):
        plan_import(lib, source, choices={spanish.key: "no-such-work"})


def test_a_batch_is_listed_and_removed_whole_keeping_edited_notes(lib, tmp_path):
    operations.import_highlights(lib, FIXTURES / "metadata.epub.lua")
    (batch,) = list_batches(lib)
    assert batch["device"] == "koreader" and batch["highlights"] == 2 and batch["remaining"] == 3
    first = lib.conn.execute("SELECT note FROM highlight_origins ORDER BY note LIMIT 1").fetchone()[
        0
    ]
    notes.update_note(lib, first, body="mine now")
    removed = remove_batch(lib, batch["id"])
    assert (removed.removed, removed.kept) == (2, 1)
    assert [r[1] for r in state(lib)[1]] == ["mine now"]
    with pytest.raises(UserError, match="no import batch"):
        remove_batch(lib, 99)


def test_kobo_and_koreader_imports_keep_their_place(lib, tmp_path):
    operations.import_highlights(lib, kobo_db(tmp_path))
    operations.import_highlights(lib, FIXTURES / "metadata.epub.lua")
    rows = {n.body[:12]: n for n in notes.list_notes(lib)}
    assert rows["The spent fo"].work == "unforgiving-years" and rows["The spent fo"].percent == 12.5
    assert rows["To think is "].page == 80  # 40 % of the reference edition's 199 pages
    assert rows["To think is "].chapter == "III"


# --- the command line -------------------------------------------------------------------------


def test_cli_import_dry_run_json_list_and_remove(cli, tmp_path):
    dry = cli("import-highlights", str(CLIPPINGS), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert data["dry_run"] and data["highlights"] == 8 and data["batch"] is None
    assert json.loads(cli("highlights", "list", "--json").stdout) == []
    out = cli(
        "import-highlights",
        str(CLIPPINGS),
        "--from",
        "kindle",
        "--choose",
        "Medianoche en el siglo=midnight-in-the-century",
    )
    assert out.returncode == 0 and ": 9 highlights, 2 notes in 5 works" in out.stdout
    assert "batch 1" in out.stdout
    assert "9 highlights" in cli("highlights", "list").stdout
    assert cli("highlights", "rm", "1").returncode == 0
    assert json.loads(cli("note", "list", "--json").stdout) == []


def test_cli_says_one_line_for_a_file_it_cannot_read(cli, tmp_path):
    bad = tmp_path / "KoboReader.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    for args in (
        ["import-highlights", str(bad)],
        ["import-highlights", str(tmp_path / "none.txt")],
    ):
        out = cli(*args)
        assert out.returncode == 1 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_a_koreader_sidecar_then_its_export_adds_each_highlight_once(lib):
    """The sidecar names the book by its file's checksum, the export by title and authors:
    the same highlight, in the same work and at the same spot, is found either way."""
    operations.import_highlights(lib, FIXTURES / "metadata.epub.lua")
    midnight = set(n.body for n in notes.list_notes(lib, work="midnight-in-the-century"))
    operations.import_highlights(lib, KO_JSON)
    after = [n.body for n in notes.list_notes(lib, work="midnight-in-the-century")]
    assert len(after) == len(set(after))  # none twice
    assert midnight <= set(after)

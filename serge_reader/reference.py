"""The shipped reference database: its schema, and building it from the content files.

The build is deterministic (same files, same bytes on the same SQLite), and records a hash
of its sources so that a stale `data/serge.db` is caught by the tests.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

# Building only: cli.py imports this module for `content build`, never when the window starts
# (0.24 s to import; tests/test_content.py checks that the window's start leaves it out).
import sqlite_utils

from serge_reader import entries as entry_reading
from serge_reader import render, sources, spoilers, textnorm, wikilinks
from serge_reader.content import (
    IMPORTANCE,
    ChapterList,
    Entry,
    load_chapter_lists,
    load_content,
    month_span,
    name_index,
    resolve_body_links,
)
from serge_reader.textnorm import fold
from serge_reader.wikilinks import WIKILINK

# 2: entries.body_html; 3: the sources registry; 4: characters, chapters, spoilers;
# 5: novel_settings
SCHEMA_VERSION = 5

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    slug TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('work', 'period', 'term', 'character')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,             -- markdown with [[links]]
    body_html TEXT NOT NULL DEFAULT '', -- the same through render.markdown_to_html
    sources TEXT NOT NULL,          -- JSON list of source keys (see the sources table)
    source_note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE works (
    slug TEXT PRIMARY KEY REFERENCES entries(slug),
    original_title TEXT NOT NULL,
    genre TEXT NOT NULL,
    year_written INTEGER,
    year_published INTEGER,
    year INTEGER NOT NULL,          -- placed on the timeline: published, else written
    availability TEXT NOT NULL,
    posthumous INTEGER NOT NULL DEFAULT 0,
    pages INTEGER,
    readable INTEGER NOT NULL       -- 0 for lost and confiscated manuscripts
);
CREATE TABLE translations (
    work TEXT NOT NULL REFERENCES works(slug),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    translator TEXT, editor TEXT, publisher TEXT, place TEXT,
    year INTEGER, isbn TEXT, pages INTEGER,
    PRIMARY KEY (work, position)
);
CREATE TABLE novel_settings (      -- when and where a novel's story is set, part by part
    work TEXT NOT NULL REFERENCES works(slug),
    position INTEGER NOT NULL,
    start TEXT NOT NULL,            -- "YYYY" or "YYYY-MM"
    end TEXT,                       -- NULL where the sources give no end
    start_month INTEGER NOT NULL,   -- year * 12 + month - 1, as for periods
    end_month INTEGER,
    places TEXT NOT NULL,           -- JSON list of place names
    chapter INTEGER,                -- NULL: told from the start; else the chapter it begins in
    PRIMARY KEY (work, position)
);
CREATE TABLE periods (
    slug TEXT PRIMARY KEY REFERENCES entries(slug),
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    start_month INTEGER NOT NULL,   -- year * 12 + month - 1, for ordering and the timeline
    end_month INTEGER NOT NULL,
    places TEXT NOT NULL            -- JSON list of place names
);
CREATE TABLE terms (
    slug TEXT PRIMARY KEY REFERENCES entries(slug),
    category TEXT NOT NULL,
    dates TEXT NOT NULL DEFAULT '',
    fictional INTEGER NOT NULL DEFAULT 0  -- a place or body of the novels' own
);
CREATE TABLE names (                -- every title, alias and slug, folded, for look-up
    slug TEXT NOT NULL REFERENCES entries(slug),
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    is_title INTEGER NOT NULL,
    PRIMARY KEY (slug, name)
);
CREATE INDEX names_folded ON names(folded);
CREATE TABLE links (
    source TEXT NOT NULL REFERENCES entries(slug),
    target TEXT NOT NULL REFERENCES entries(slug),
    type TEXT NOT NULL,
    PRIMARY KEY (source, target, type)
);
CREATE INDEX links_target ON links(target);
CREATE TABLE characters (          -- the people of the novels
    slug TEXT PRIMARY KEY REFERENCES entries(slug),
    role TEXT NOT NULL,             -- one spoiler-free line
    importance TEXT NOT NULL,       -- main, supporting, minor
    rank INTEGER NOT NULL,          -- 0 main, 1 supporting, 2 minor: main cast first
    model TEXT NOT NULL DEFAULT ''  -- a real-world model or counterpart, where sourced
);
CREATE TABLE appearances (         -- a character's (or fictional term's) first chapter in a novel
    slug TEXT NOT NULL REFERENCES entries(slug),
    work TEXT NOT NULL REFERENCES works(slug),
    chapter INTEGER NOT NULL,
    PRIMARY KEY (slug, work)
);
CREATE INDEX appearances_work ON appearances(work, chapter);
CREATE TABLE relations (           -- `target` is `label` to `source` ("his wife")
    source TEXT NOT NULL REFERENCES characters(slug),
    position INTEGER NOT NULL,
    target TEXT NOT NULL REFERENCES characters(slug),
    label TEXT NOT NULL,
    PRIMARY KEY (source, position)
);
CREATE TABLE chapter_lists (       -- a novel's chapters in one English edition
    work TEXT PRIMARY KEY REFERENCES works(slug),
    edition TEXT NOT NULL,
    pages INTEGER,
    sources TEXT NOT NULL,          -- JSON list of source keys
    source_note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE chapters (
    work TEXT NOT NULL REFERENCES chapter_lists(work),
    number INTEGER NOT NULL,        -- 1..n
    title TEXT,
    part TEXT,
    page INTEGER,                   -- first page in the list's edition, where known
    share REAL,                     -- else its place in the book, 0..1
    PRIMARY KEY (work, number)
);
CREATE TABLE passages (            -- the text of an entry holding spoiler blocks, cut at them
    slug TEXT NOT NULL REFERENCES entries(slug),
    position INTEGER NOT NULL,
    work TEXT,                      -- NULL for open text; else the block's work and chapter
    chapter INTEGER,
    body TEXT NOT NULL,             -- markdown, without the block's marker lines
    body_html TEXT NOT NULL,
    PRIMARY KEY (slug, position)
);
CREATE VIRTUAL TABLE entries_fts USING fts5(
    slug UNINDEXED, title, aliases, body, work UNINDEXED, chapter UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


# The code that turns an entry's markdown into the HTML stored with it (this module
# included); a new Python-Markdown that renders differently is caught by the test that
# compares every stored page with a fresh rendering.
RENDERER = [
    *(Path(m.__file__ or "") for m in (render, wikilinks, textnorm, entry_reading, sources)),
    Path(spoilers.__file__ or ""),
    Path(__file__),
]


def content_hash(content_root: Path) -> str:
    """A hash of every content file, the schema and the renderer: changes whenever a
    rebuild would."""
    h = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    files = [*content_root.rglob("*.md"), *content_root.rglob("*.toml")]
    for path in sorted(files):
        h.update(path.relative_to(content_root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    for path in RENDERER:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def plain_text(body: str) -> str:
    """Body text with `[[target|label]]` reduced to its label, for the full-text index."""
    return WIKILINK.sub(lambda m: m.group(2) or m.group(1), body)


def build(content_root: Path, target: Path) -> int:
    """Build the reference DB at `target` from `content_root`; returns the number of entries.

    Written to a temporary file first and moved into place, so a failed build never leaves
    a broken database behind.
    """
    entries = load_content(content_root)
    chapter_lists = load_chapter_lists(content_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        tmp_path = Path(tmp) / "serge.db"
        # No plugins: only what this module says may change the database's bytes.
        db = sqlite_utils.Database(tmp_path, execute_plugins=False)
        try:
            # The tables come from our SQL above, not from `create_table`: sqlite-utils
            # cannot write the CHECK on `entries.kind`, and its `enable_fts` indexes one
            # table's columns as an external-content index, where `entries_fts` holds its
            # own rows, several per entry (the open text, then each spoiler block), with
            # slug, work and chapter stored unindexed for search.py to filter on.
            db.executescript(SCHEMA + sources.SCHEMA)
            with db.atomic():
                sources.insert(db.conn, sources.load_registry(content_root))
                for table, rows in _rows(entries, chapter_lists).items():
                    db.table(table).insert_all(rows)
                _render(db, entries)
                db.table("meta").insert_all(
                    [
                        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                        {"key": "content_hash", "value": content_hash(content_root)},
                    ]
                )
            db.execute("INSERT INTO entries_fts(entries_fts) VALUES ('optimize')")
            db.vacuum()
        finally:
            db.close()
        tmp_path.replace(target)
    return len(entries)


def _render(db: sqlite_utils.Database, entries: list[Entry]) -> None:
    """Each entry's HTML, once here rather than each time a reader opens it (and without
    loading Python-Markdown when the app starts). An entry with spoiler blocks is also kept
    cut at its blocks, each piece rendered, so that a page can hold some of them back."""
    resolve = entry_reading.building_resolver(db.conn)
    pages: list[tuple[str, str]] = []
    passages: list[dict[str, object]] = []
    for e in entries:
        parts = render.entry_html_parts(e.body, resolve)
        pages.append(("".join(html for *_, html in parts), e.slug))
        if any(work is not None for _, work, _, _ in parts):
            passages.extend(
                {
                    "slug": e.slug,
                    "position": i,
                    "work": work,
                    "chapter": chapter,
                    "body": text,
                    "body_html": html,
                }
                for i, (text, work, chapter, html) in enumerate(parts)
            )
    db.conn.executemany("UPDATE entries SET body_html = ? WHERE slug = ?", pages)
    db.table("passages").insert_all(passages)


Rows = dict[str, list[dict[str, object]]]


def _rows(entries: list[Entry], chapter_lists: dict[str, ChapterList]) -> Rows:
    """Every table's rows, by table, in the order they are inserted: entries in slug order,
    then chapter lists by work. (`insert_all` writes lists as JSON.)"""
    tables = (
        "entries", "names", "links", "entries_fts", "appearances", "works", "translations",
        "novel_settings", "periods", "characters", "relations", "terms", "chapter_lists",
        "chapters",
    )  # fmt: skip
    rows: Rows = {t: [] for t in tables}
    names = name_index(entries)
    for e in entries:
        rows["entries"].append(
            {
                "slug": e.slug,
                "kind": e.kind,
                "title": e.title,
                "body": e.body,
                "sources": list(e.sources),
                "source_note": e.source_note,
            }
        )
        rows["names"].extend(
            {"slug": e.slug, "name": name, "folded": fold(name), "is_title": name == e.title}
            for name in dict.fromkeys((e.title, *e.aliases, e.slug))
        )
        links = {(t, lt) for lt, targets in e.links.items() for t in targets}
        links |= {(t, "mentions") for t in resolve_body_links(e, names)}
        rows["links"].extend(
            {"source": s, "target": t, "type": lt}
            for s, t, lt in sorted((e.slug, t, lt) for t, lt in links if t != e.slug)
        )
        # One full-text row for the open text, and one per spoiler block: a search can then
        # leave out the blocks a reader has not reached, and never quote them.
        parts = spoilers.segments(e.body)
        open_text = "\n\n".join(p.text for p in parts if not p.held)
        rows["entries_fts"].append(
            {
                "slug": e.slug,
                "title": e.title,
                "aliases": " ".join(e.aliases),
                "body": plain_text(open_text),
                "work": None,
                "chapter": None,
            }
        )
        rows["entries_fts"].extend(
            {
                "slug": e.slug,
                "title": "",
                "aliases": "",
                "body": plain_text(p.text),
                "work": p.work,
                "chapter": p.chapter,
            }
            for p in parts
            if p.held
        )
        f = e.fields
        rows["appearances"].extend(
            {"slug": e.slug, "work": a["work"], "chapter": a["chapter"]}
            for a in f.get("appears", [])
        )
        if e.kind == "work":
            _work_rows(e, rows)
        elif e.kind == "period":
            start, end = str(f["start"]), str(f["end"])
            rows["periods"].append(
                {
                    "slug": e.slug,
                    "start": start,
                    "end": end,
                    "start_month": month_span(start, end=False),
                    "end_month": month_span(end, end=True),
                    "places": list(f["places"]),
                }
            )
        elif e.kind == "character":
            rows["characters"].append(
                {
                    "slug": e.slug,
                    "role": f["role"].strip(),
                    "importance": f["importance"],
                    "rank": IMPORTANCE.index(f["importance"]),
                    "model": str(f.get("model", "")).strip(),
                }
            )
            rows["relations"].extend(
                {"source": e.slug, "position": i, "target": r["to"], "label": r["as"].strip()}
                for i, r in enumerate(f.get("relations", []))
            )
        else:
            rows["terms"].append(
                {
                    "slug": e.slug,
                    "category": f["category"],
                    "dates": str(f.get("dates", "")),
                    "fictional": bool(f.get("fictional")),
                }
            )
    for work, c in sorted(chapter_lists.items()):
        rows["chapter_lists"].append(
            {
                "work": work,
                "edition": c.edition,
                "pages": c.pages,
                "sources": list(c.sources),
                "source_note": c.source_note,
            }
        )
        rows["chapters"].extend(
            {
                "work": work,
                "number": ch["number"],
                "title": ch.get("title"),
                "part": ch.get("part"),
                "page": ch.get("page"),
                "share": ch.get("share"),
            }
            for ch in c.chapters
        )
    return rows


def _work_rows(e: Entry, rows: Rows) -> None:
    """A work's row, its translations, and where a novel is set."""
    f = e.fields
    rows["works"].append(
        {
            "slug": e.slug,
            "original_title": f["original_title"],
            "genre": f["genre"],
            "year_written": f.get("year_written"),
            "year_published": f.get("year_published"),
            "year": f.get("year_published", f.get("year_written")),
            "availability": f["availability"],
            "posthumous": bool(f.get("posthumous")),
            "pages": f.get("pages"),
            "readable": f["availability"] not in ("lost", "confiscated"),
        }
    )
    rows["translations"].extend(
        {
            "work": e.slug,
            "position": i,
            "title": t["title"],
            "translator": t.get("translator"),
            "editor": t.get("editor"),
            "publisher": t.get("publisher"),
            "place": t.get("place"),
            "year": t.get("year"),
            "isbn": None if t.get("isbn") is None else str(t["isbn"]),
            "pages": t.get("pages"),
        }
        for i, t in enumerate(f.get("translations", []))
    )
    for i, s in enumerate(f.get("setting", [])):
        start, end = str(s["start"]), s.get("end")
        rows["novel_settings"].append(
            {
                "work": e.slug,
                "position": i,
                "start": start,
                "end": None if end is None else str(end),
                "start_month": month_span(start, end=False),
                "end_month": None if end is None else month_span(str(end), end=True),
                "places": list(s["places"]),
                "chapter": s.get("chapter"),
            }
        )

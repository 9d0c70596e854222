"""The shipped reference database: its schema, and building it from the content files.

The build is deterministic (same files, same bytes on the same SQLite), and records a hash
of its sources so that a stale `data/serge.db` is caught by the tests.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
from pathlib import Path

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

# 2: entries.body_html; 3: the sources registry; 4: characters, chapters, spoilers
SCHEMA_VERSION = 4

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
        con = sqlite3.connect(tmp_path, isolation_level=None)
        try:
            con.executescript(SCHEMA)
            con.executescript(sources.SCHEMA)
            con.execute("BEGIN")
            sources.insert(con, sources.load_registry(content_root))
            _insert(con, entries)
            _insert_chapters(con, chapter_lists)
            _render(con, entries)
            con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?), ('content_hash', ?)",
                (str(SCHEMA_VERSION), content_hash(content_root)),
            )
            con.execute("COMMIT")
            con.execute("INSERT INTO entries_fts(entries_fts) VALUES ('optimize')")
            con.execute("VACUUM")
        finally:
            con.close()
        tmp_path.replace(target)
    return len(entries)


def _render(con: sqlite3.Connection, entries: list[Entry]) -> None:
    """Each entry's HTML, once here rather than each time a reader opens it (and without
    loading Python-Markdown when the app starts). An entry with spoiler blocks is also kept
    cut at its blocks, each piece rendered, so that a page can hold some of them back."""
    resolve = entry_reading.building_resolver(con)
    for e in entries:
        parts = render.entry_html_parts(e.body, resolve)
        con.execute(
            "UPDATE entries SET body_html = ? WHERE slug = ?",
            ("".join(html for *_, html in parts), e.slug),
        )
        if any(work is not None for _, work, _, _ in parts):
            con.executemany(
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (e.slug, i, work, chapter, text, html)
                    for i, (text, work, chapter, html) in enumerate(parts)
                ],
            )


def _insert_chapters(con: sqlite3.Connection, lists: dict[str, ChapterList]) -> None:
    for work, c in sorted(lists.items()):
        con.execute(
            "INSERT INTO chapter_lists VALUES (?, ?, ?, ?, ?)",
            (work, c.edition, c.pages, json.dumps(list(c.sources)), c.source_note),
        )
        con.executemany(
            "INSERT INTO chapters VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    work,
                    ch["number"],
                    ch.get("title"),
                    ch.get("part"),
                    ch.get("page"),
                    ch.get("share"),
                )
                for ch in c.chapters
            ],
        )


def _insert(con: sqlite3.Connection, entries: list[Entry]) -> None:
    names = name_index(entries)
    for e in entries:
        con.execute(
            "INSERT INTO entries (slug, kind, title, body, sources, source_note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (e.slug, e.kind, e.title, e.body, json.dumps(list(e.sources)), e.source_note),
        )
        for name in dict.fromkeys((e.title, *e.aliases, e.slug)):
            con.execute(
                "INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?)",
                (e.slug, name, fold(name), int(name == e.title)),
            )
        links = {(t, lt) for lt, targets in e.links.items() for t in targets}
        links |= {(t, "mentions") for t in resolve_body_links(e, names)}
        con.executemany(
            "INSERT OR IGNORE INTO links VALUES (?, ?, ?)",
            sorted((e.slug, t, lt) for t, lt in links if t != e.slug),
        )
        # One full-text row for the open text, and one per spoiler block: a search can then
        # leave out the blocks a reader has not reached, and never quote them.
        parts = spoilers.segments(e.body)
        open_text = "\n\n".join(p.text for p in parts if not p.held)
        con.execute(
            "INSERT INTO entries_fts VALUES (?, ?, ?, ?, NULL, NULL)",
            (e.slug, e.title, " ".join(e.aliases), plain_text(open_text)),
        )
        con.executemany(
            "INSERT INTO entries_fts VALUES (?, '', '', ?, ?, ?)",
            [(e.slug, plain_text(p.text), p.work, p.chapter) for p in parts if p.held],
        )
        f = e.fields
        con.executemany(
            "INSERT INTO appearances VALUES (?, ?, ?)",
            [(e.slug, a["work"], a["chapter"]) for a in f.get("appears", [])],
        )
        if e.kind == "work":
            year = f.get("year_published", f.get("year_written"))
            con.execute(
                "INSERT INTO works VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    e.slug,
                    f["original_title"],
                    f["genre"],
                    f.get("year_written"),
                    f.get("year_published"),
                    year,
                    f["availability"],
                    int(bool(f.get("posthumous"))),
                    f.get("pages"),
                    int(f["availability"] not in ("lost", "confiscated")),
                ),
            )
            for i, t in enumerate(f.get("translations", [])):
                con.execute(
                    "INSERT INTO translations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        e.slug,
                        i,
                        t["title"],
                        t.get("translator"),
                        t.get("editor"),
                        t.get("publisher"),
                        t.get("place"),
                        t.get("year"),
                        None if t.get("isbn") is None else str(t["isbn"]),
                        t.get("pages"),
                    ),
                )
        elif e.kind == "period":
            start, end = str(f["start"]), str(f["end"])
            con.execute(
                "INSERT INTO periods VALUES (?, ?, ?, ?, ?, ?)",
                (
                    e.slug,
                    start,
                    end,
                    month_span(start, end=False),
                    month_span(end, end=True),
                    json.dumps(list(f["places"]), ensure_ascii=False),
                ),
            )
        elif e.kind == "character":
            con.execute(
                "INSERT INTO characters VALUES (?, ?, ?, ?, ?)",
                (
                    e.slug,
                    f["role"].strip(),
                    f["importance"],
                    IMPORTANCE.index(f["importance"]),
                    str(f.get("model", "")).strip(),
                ),
            )
            con.executemany(
                "INSERT INTO relations VALUES (?, ?, ?, ?)",
                [
                    (e.slug, i, r["to"], r["as"].strip())
                    for i, r in enumerate(f.get("relations", []))
                ],
            )
        else:
            con.execute(
                "INSERT INTO terms VALUES (?, ?, ?, ?)",
                (e.slug, f["category"], str(f.get("dates", "")), int(bool(f.get("fictional")))),
            )

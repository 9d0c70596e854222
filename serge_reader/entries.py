"""Reading the reference content: one entry whole, the list of works, and name resolution."""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections.abc import Callable
from typing import Any

from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.textnorm import fold

# The headings links are grouped under in the context panel, in the order shown.
LINK_HEADINGS = {
    ("written_in", "out"): "Written during",
    ("draws_on", "out"): "Draws on",
    ("written_in", "in"): "Written in this period",
    ("draws_on", "in"): "Works drawing on this period",
}
KIND_HEADINGS = {"period": "Life periods", "work": "Works"}
CATEGORY_HEADINGS = {
    "person": "People",
    "place": "Places",
    "organization": "Organizations",
    "event": "Events",
    "concept": "Concepts",
    "publication": "Publications",
}
HEADING_ORDER = [*LINK_HEADINGS.values(), *KIND_HEADINGS.values(), *CATEGORY_HEADINGS.values()]


class _Reference:
    """Every entry's kind, and what each name resolves to (None when two entries share it),
    read once per open library (the reference database is read-only): resolving the links
    of 100,000 notes being imported is then a dictionary look-up each, not a query.
    `schema` is where the reference tables are: `ref` in a library, `main` while the
    reference database itself is being built."""

    def __init__(self, con: sqlite3.Connection, schema: str = "ref") -> None:
        self.kinds: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        for slug, kind, title in con.execute(f"SELECT slug, kind, title FROM {schema}.entries"):
            self.kinds[slug] = kind
            self.titles[slug] = title
        self.folded: dict[str, str | None] = {}
        for folded, slug in con.execute(f"SELECT DISTINCT folded, slug FROM {schema}.names"):
            self.folded[folded] = slug if folded not in self.folded else None
        self.resolved: dict[str, str | None] = {}  # names as written, as they are met

    def resolve(self, name: str) -> str | None:
        if name not in self.resolved:
            self.resolved[name] = self.folded.get(fold(name))
        return self.resolved[name]

    def link(self, target: str) -> tuple[str, str, str] | None:
        """A wiki-link target as the renderer wants it: (slug, kind, title), or None."""
        slug = self.resolve(target)
        return (slug, self.kinds[slug], self.titles[slug]) if slug else None


_REFERENCES: weakref.WeakKeyDictionary[Library, _Reference] = weakref.WeakKeyDictionary()


def load_reference(lib: Library) -> None:
    """Read the reference tables now, on this thread: afterwards entry kinds and names are
    resolved without touching the connection (an import checks notes in another thread)."""
    _reference(lib)


def _reference(lib: Library) -> _Reference:
    found = _REFERENCES.get(lib)
    if found is None:
        found = _REFERENCES[lib] = _Reference(lib.conn)
    return found


def entry_kind(lib: Library, slug: str) -> str | None:
    return _reference(lib).kinds.get(slug)


def get_entry(lib: Library, slug: str) -> dict[str, Any]:
    """An entry with its aliases, its links both ways and its kind's own fields."""
    row = next(lib.db.query("SELECT * FROM ref.entries WHERE slug = ?", [slug]), None)
    if row is None:
        raise UserError(f"no entry '{slug}' (try 'serge-reader search {slug}')")
    entry: dict[str, Any] = {
        "id": slug,
        "kind": row["kind"],
        "title": row["title"],
        "aliases": _aliases(lib, slug),
        "body": row["body"],
        "sources": json.loads(row["sources"]),
        "source_note": row["source_note"],
        "links": links_of(lib, slug),
    }
    if row["kind"] == "work":
        work = next(lib.db.query("SELECT * FROM ref.works WHERE slug = ?", [slug]))
        entry.update(
            original_title=work["original_title"],
            genre=work["genre"],
            year=work["year"],
            year_written=work["year_written"],
            year_published=work["year_published"],
            availability=work["availability"],
            posthumous=bool(work["posthumous"]),
            readable=bool(work["readable"]),
            pages=work["pages"],
            translations=[
                {k: v for k, v in t.items() if k not in ("work", "position") and v is not None}
                for t in lib.db.query(
                    "SELECT * FROM ref.translations WHERE work = ? ORDER BY position", [slug]
                )
            ],
        )
    elif row["kind"] == "period":
        period = next(lib.db.query("SELECT * FROM ref.periods WHERE slug = ?", [slug]))
        entry.update(start=period["start"], end=period["end"], places=json.loads(period["places"]))
    else:
        term = next(lib.db.query("SELECT * FROM ref.terms WHERE slug = ?", [slug]))
        entry.update(category=term["category"], dates=term["dates"])
    return entry


def _aliases(lib: Library, slug: str) -> list[str]:
    """Other names, as written, each once (a typographic variant of one already given is not
    repeated: it still finds the entry in look-up)."""
    seen: dict[str, str] = {}
    for name, folded, is_title in lib.conn.execute(
        "SELECT name, folded, is_title FROM ref.names WHERE slug = ? AND name != slug"
        " ORDER BY is_title DESC, rowid",
        (slug,),
    ):
        seen.setdefault(folded, "" if is_title else name)
    return [name for name in seen.values() if name]


def links_of(lib: Library, slug: str) -> list[dict[str, Any]]:
    """Links from and to an entry, each once, in a stable order.

    `type` is the link's type; `direction` is "out" when this entry names the other, "in"
    when the other names this one. A link both ways is listed once, as "out".
    """
    rows = lib.db.query(
        """
        SELECT l.target AS id, l.type, 'out' AS direction, e.kind, e.title, t.category
        FROM ref.links l JOIN ref.entries e ON e.slug = l.target
        LEFT JOIN ref.terms t ON t.slug = l.target WHERE l.source = :slug
        UNION ALL
        SELECT l.source, l.type, 'in', e.kind, e.title, t.category
        FROM ref.links l JOIN ref.entries e ON e.slug = l.source
        LEFT JOIN ref.terms t ON t.slug = l.source WHERE l.target = :slug
        """,
        {"slug": slug},
    )
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for r in sorted(
        rows, key=lambda r: (r["direction"] != "out", r["type"] != "written_in", r["title"])
    ):
        if r["id"] not in seen:
            seen.add(r["id"])
            out.append(r)
    return out


def link_heading(link: dict[str, Any]) -> str:
    """The heading a link is grouped under in the context panel."""
    special = LINK_HEADINGS.get((link["type"], link["direction"]))
    if special:
        return special
    if link["kind"] == "term":
        return CATEGORY_HEADINGS[link["category"]]
    return KIND_HEADINGS[link["kind"]]


def grouped_links(links: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Links grouped under their headings, headings in reading order, titles sorted."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        groups.setdefault(link_heading(link), []).append(link)
    return [
        (heading, sorted(groups[heading], key=lambda link: link["title"].casefold()))
        for heading in HEADING_ORDER
        if heading in groups
    ]


def list_works(lib: Library) -> list[dict[str, Any]]:
    """Every work in timeline order, with the reader's progress (None where not tracked)."""
    return list(
        lib.db.query(
            """
            SELECT w.slug AS id, e.title, w.original_title, w.genre, w.year, w.availability,
                   w.readable, COALESCE(p.pages, w.pages) AS pages, p.status, p.page
            FROM ref.works w JOIN ref.entries e USING (slug)
            LEFT JOIN progress p ON p.work = w.slug
            ORDER BY w.year, e.title
            """
        )
    )


def resolve_name(lib: Library, name: str) -> str | None:
    """The slug that a wiki-link target (slug, title or alias, any case or accents) names."""
    return _reference(lib).resolve(name)


def all_names(lib: Library) -> list[tuple[str, str]]:
    """(name, slug) for every title and alias, for completion."""
    return [
        (r[0], r[1])
        for r in lib.conn.execute(
            "SELECT name, slug FROM ref.names WHERE name != slug ORDER BY is_title DESC, name"
        )
    ]


def resolver(lib: Library) -> Callable[[str], tuple[str, str, str] | None]:
    """A wiki-link resolver for rendering: target -> (slug, kind, title), or None."""
    return _reference(lib).link


def building_resolver(con: sqlite3.Connection) -> Callable[[str], tuple[str, str, str] | None]:
    """The same, over the reference database being built (its tables in `main`), so that
    entries are rendered then exactly as a note's links are rendered later."""
    return _Reference(con, "main").link


def body_html(lib: Library, slug: str) -> str:
    """An entry's text as safe HTML, rendered when the reference database was built."""
    row = lib.conn.execute("SELECT body_html FROM ref.entries WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        raise UserError(f"no entry '{slug}' (try 'serge-reader search {slug}')")
    return str(row[0])

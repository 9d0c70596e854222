"""Reading the reference content: one entry whole, the list of works, and name resolution."""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace

from serge_reader.errors import UserError
from serge_reader.i18n import N_
from serge_reader.library import Library
from serge_reader.spoilers import (
    SHOW_ALL,
    Place,
    Segment,
    place_from_rows,
    visible_text,
)
from serge_reader.textnorm import fold

# The headings links are grouped under in the context panel, in the order shown.
# (Marked for translation: the pages translate a heading as they show it.)
LINK_HEADINGS = {
    ("written_in", "out"): N_("Written during"),
    ("draws_on", "out"): N_("Draws on"),
    ("written_in", "in"): N_("Written in this period"),
    ("draws_on", "in"): N_("Works drawing on this period"),
    ("model", "out"): N_("Real-world model"),
    ("model", "in"): N_("Characters drawn from this life"),
}
KIND_HEADINGS = {"period": N_("Life periods"), "work": N_("Works"), "character": N_("Characters")}
CATEGORY_HEADINGS = {
    "person": N_("People"),
    "place": N_("Places"),
    "organization": N_("Organizations"),
    "event": N_("Events"),
    "concept": N_("Concepts"),
    "publication": N_("Publications"),
    "study": N_("Books about Serge"),
}
HEADING_ORDER = [*LINK_HEADINGS.values(), *KIND_HEADINGS.values(), *CATEGORY_HEADINGS.values()]


@dataclass(frozen=True)
class _Record:
    """A record `show --json` gives field by field: records within as their own JSON,
    tuples as lists."""

    def as_json(self) -> dict[str, object]:
        return {f.name: _json(getattr(self, f.name)) for f in fields(self)}


def _json(value: object) -> object:
    if isinstance(value, _Record):
        return value.as_json()
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value


@dataclass(frozen=True)
class Link(_Record):
    """A link between two entries as one of them sees it: the other entry, and how."""

    id: str  # the other entry
    type: str  # written_in, draws_on, model, mentions, see_also
    direction: str  # "out": this entry names the other; "in": the other names this one
    kind: str  # the other entry's
    title: str
    category: str | None  # the other entry's, when it is a term

    @property
    def heading(self) -> str:
        """The heading the link is grouped under in the context panel."""
        special = LINK_HEADINGS.get((self.type, self.direction))
        if special:
            return special
        if self.kind == "term" and self.category:
            return CATEGORY_HEADINGS[self.category]
        return KIND_HEADINGS[self.kind]


@dataclass(frozen=True)
class Held(_Record):
    """A passage held back from a reader who has not reached its chapter."""

    work: str
    chapter: int


@dataclass(frozen=True)
class Appearance(_Record):
    """Where a character (or fictional term) first appears: a novel and its chapter."""

    work: str
    title: str  # the novel's
    chapter: int


@dataclass(frozen=True)
class Relation(_Record):
    """Another character, as what it is to this one: `label` "his wife" (JSON `as`)."""

    id: str
    title: str
    label: str

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "as": self.label}


@dataclass(frozen=True)
class CastMember(_Record):
    """A character in a novel's who's who, with the chapter it first appears in there."""

    id: str
    title: str
    role: str
    importance: str  # main, supporting, minor
    chapter: int


@dataclass(frozen=True)
class Translation(_Record):
    """An English edition of a work; JSON leaves out what is not known."""

    title: str
    translator: str | None
    editor: str | None
    publisher: str | None
    place: str | None
    year: int | None
    isbn: str | None
    pages: int | None

    def as_json(self) -> dict[str, object]:
        return {k: v for k, v in super().as_json().items() if v is not None}


@dataclass(frozen=True)
class WorkDetails(_Record):
    original_title: str
    genre: str
    year: int  # placed on the timeline: published, else written
    year_written: int | None
    year_published: int | None
    availability: str  # in-print, out-of-print, lost, confiscated
    posthumous: bool
    readable: bool  # False for lost and confiscated manuscripts
    pages: int | None
    translations: tuple[Translation, ...]
    characters: tuple[CastMember, ...]  # who's who so far


@dataclass(frozen=True)
class PeriodDetails(_Record):
    start: str  # YYYY or YYYY-MM
    end: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class TermDetails(_Record):
    category: str  # person, place, organization, ...
    dates: str
    fictional: bool  # a place or body of the novels' own
    appears: tuple[Appearance, ...]  # where a fictional one first appears

    def as_json(self) -> dict[str, object]:
        plain: dict[str, object] = {"category": self.category, "dates": self.dates}
        if self.fictional:
            plain.update(fictional=True, appears=_json(self.appears))
        return plain


@dataclass(frozen=True)
class CharacterDetails(_Record):
    """A character's fields; one not met yet keeps its novels and first chapters only."""

    appears: tuple[Appearance, ...]
    met: bool
    role: str  # one spoiler-free line
    importance: str  # main, supporting, minor
    model: str  # a real-world model or counterpart, where sourced
    relations: tuple[Relation, ...]  # to characters met


_KINDS = ("work", "period", "term", "character")


@dataclass(frozen=True)
class Entry(_Record):
    """An entry as a reader at some place may see it: its kind's own fields in the one of
    `work`, `period`, `term`, `character` that its `kind` names."""

    id: str
    kind: str
    title: str
    aliases: tuple[str, ...]
    body: str  # the visible text
    sources: tuple[dict[str, str], ...]  # each source's citation (`sources.citations`)
    source_note: str
    links: tuple[Link, ...]
    hidden: tuple[Held, ...]
    work: WorkDetails | None = None
    period: PeriodDetails | None = None
    term: TermDetails | None = None
    character: CharacterDetails | None = None

    def as_json(self) -> dict[str, object]:
        """The entry as `serge-reader show ID --json` gives it (less the reader's notes)."""
        common = {
            f.name: _json(getattr(self, f.name)) for f in fields(self) if f.name not in _KINDS
        }
        details = self.work or self.period or self.term or self.character
        return common | (details.as_json() if details else {})


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
        self.resolved: dict[str, str | None] = {}  # names as written, as they are met
        self.con, self.schema = con, schema
        self._folded: dict[str, str | None] | None = None
        self._chapter_lists: ChapterLists | None = None
        self._appearances: dict[str, list[tuple[str, int]]] | None = None

    def read_names(self) -> dict[str, str | None]:
        """Each name, folded -> the entry it names; read at the first name resolved (the
        window's first screen shows titles and kinds only)."""
        if self._folded is None:
            named: dict[str, list[str]] = {}
            for folded, slug in self.con.execute(
                f"SELECT DISTINCT folded, slug FROM {self.schema}.names"
            ):
                named.setdefault(folded, []).append(slug)
            # A name two entries share names neither, except where one is a character of the
            # novels and the other not: the other keeps it, so that the characters' coming
            # changed no link a note had already (`[[Tulayev]]` is the novel).
            self._folded = {}
            for folded, slugs in named.items():
                if len(slugs) > 1:
                    slugs = [s for s in slugs if self.kinds.get(s) != "character"]
                self._folded[folded] = slugs[0] if len(slugs) == 1 else None
        return self._folded

    @property
    def chapter_lists(self) -> ChapterLists:
        """work -> (its edition's pages, [(chapter number, first page, share)])"""
        if self._chapter_lists is None:
            lists: ChapterLists = {}
            for work, pages in self.con.execute(
                f"SELECT work, pages FROM {self.schema}.chapter_lists"
            ):
                lists[work] = (pages, [])
            for work, number, page, share in self.con.execute(
                f"SELECT work, number, page, share FROM {self.schema}.chapters"
                " ORDER BY work, number"
            ):
                lists[work][1].append((number, page, share))
            self._chapter_lists = lists
        return self._chapter_lists

    @property
    def appearances(self) -> dict[str, list[tuple[str, int]]]:
        """character (or fictional term) -> [(novel, chapter of first appearance)]"""
        if self._appearances is None:
            found: dict[str, list[tuple[str, int]]] = {}
            for slug, work, chapter in self.con.execute(
                f"SELECT slug, work, chapter FROM {self.schema}.appearances ORDER BY slug, work"
            ):
                found.setdefault(slug, []).append((work, chapter))
            self._appearances = found
        return self._appearances

    def resolve(self, name: str) -> str | None:
        """A slug names its entry even where it is also another entry's alias (`xenia`)."""
        if name not in self.resolved:
            slug = name.strip().lower()
            self.resolved[name] = slug if slug in self.kinds else self.read_names().get(fold(name))
        return self.resolved[name]

    def link(self, target: str) -> tuple[str, str, str] | None:
        """A wiki-link target as the renderer wants it: (slug, kind, title), or None."""
        slug = self.resolve(target)
        return (slug, self.kinds[slug], self.titles[slug]) if slug else None


ChapterLists = dict[str, tuple[int | None, list[tuple[int, int | None, float | None]]]]


_REFERENCES: weakref.WeakKeyDictionary[Library, _Reference] = weakref.WeakKeyDictionary()


def load_reference(lib: Library) -> None:
    """Read the reference tables now, on this thread: afterwards entry kinds and names are
    resolved without touching the connection (an import checks notes in another thread)."""
    _reference(lib).read_names()


def _reference(lib: Library) -> _Reference:
    found = _REFERENCES.get(lib)
    if found is None:
        found = _REFERENCES[lib] = _Reference(lib.conn)
    return found


def entry_title(lib: Library, slug: str) -> str:
    return _reference(lib).titles.get(slug, slug)


def entry_kind(lib: Library, slug: str) -> str | None:
    return _reference(lib).kinds.get(slug)


def chapter_lists(lib: Library) -> ChapterLists:
    """Each novel's chapter list: work -> (pages, [(number, first page, share)])."""
    return _reference(lib).chapter_lists


def appearances(lib: Library, slug: str) -> list[tuple[str, int]]:
    """Where a character (or fictional term) first appears: [(work, chapter)]."""
    return _reference(lib).appearances.get(slug, [])


def reader_place(lib: Library) -> Place:
    """How far the reader is in each work, which decides the spoilers held back."""
    rows = lib.db.query("SELECT work, status, page, pages, chapter FROM progress")
    return place_from_rows(rows, chapter_lists(lib))


def met(lib: Library, slug: str, place: Place) -> bool:
    """Whether a reader at `place` has met an entry: true of everything but a character
    whose first chapter, in every novel it appears in, is still ahead."""
    if _reference(lib).kinds.get(slug) != "character":
        return True
    return place.meets(appearances(lib, slug))


def visible_links(lib: Library, links: Iterable[Link], place: Place) -> list[Link]:
    """Links less those to characters the reader has not met: a list of names must not
    announce who comes later."""
    return [link for link in links if met(lib, link.id, place)]


def passages(lib: Library, slug: str) -> list[tuple[int, Segment, str]]:
    """An entry's text as (position, segment, HTML), cut at its spoiler blocks; one open
    piece for an entry without them."""
    rows = lib.conn.execute(
        "SELECT position, work, chapter, body, body_html FROM ref.passages WHERE slug = ?"
        " ORDER BY position",
        (slug,),
    ).fetchall()
    if rows:
        return [
            (pos, Segment(body, work, chapter), html) for pos, work, chapter, body, html in rows
        ]
    row = lib.conn.execute(
        "SELECT body, body_html FROM ref.entries WHERE slug = ?", (slug,)
    ).fetchone()
    if row is None:
        raise UserError(f"no entry '{slug}' (try 'serge-reader search {slug}')")
    return [(0, Segment(row[0]), row[1])]


def characters_met(lib: Library, work: str, place: Place) -> list[CastMember]:
    """Who's who so far: the characters of a novel met up to the reader's chapter in it,
    main cast first, then in order of appearance."""
    rows = lib.conn.execute(
        """
        SELECT a.slug, e.title, c.role, c.importance, a.chapter
        FROM ref.appearances a JOIN ref.characters c USING (slug)
        JOIN ref.entries e USING (slug)
        WHERE a.work = ? AND a.chapter <= ? ORDER BY c.rank, a.chapter, e.title
        """,
        (work, place.chapter(work)),
    )
    return [CastMember(*row) for row in rows]


def get_entry(
    lib: Library, slug: str, *, place: Place | None = None, reveal: bool = False
) -> Entry:
    """An entry with its aliases, its links both ways and its kind's own fields, as a reader
    at `place` (by default, the reader's own) may see it: `body` is the visible text,
    `hidden` the passages held back. `reveal` shows everything."""
    row = next(lib.db.query("SELECT * FROM ref.entries WHERE slug = ?", [slug]), None)
    if row is None:
        raise UserError(f"no entry '{slug}' (try 'serge-reader search {slug}')")
    from serge_reader import sources  # the registry's loader: not needed to start

    place = SHOW_ALL if reveal else reader_place(lib) if place is None else place
    body, held = visible_text([p for _, p, _ in passages(lib, slug)], place)
    entry = Entry(
        id=slug,
        kind=row["kind"],
        title=row["title"],
        aliases=tuple(_aliases(lib, slug)),
        body=body,
        # what a reader sees of each source: its citation, never a key or a file name
        sources=tuple(sources.citations(lib.conn, json.loads(row["sources"]))),
        source_note=row["source_note"],
        links=tuple(visible_links(lib, links_of(lib, slug), place)),
        hidden=tuple(Held(work, chapter) for work, chapter in held),
    )
    if entry.kind == "work":
        return replace(entry, work=_work(lib, slug, place))
    if entry.kind == "period":
        period = next(lib.db.query("SELECT * FROM ref.periods WHERE slug = ?", [slug]))
        places = tuple(json.loads(period["places"]))
        return replace(entry, period=PeriodDetails(period["start"], period["end"], places))
    if entry.kind == "character":
        return _with_character(lib, entry, place)
    term = next(lib.db.query("SELECT * FROM ref.terms WHERE slug = ?", [slug]))
    fictional = bool(term["fictional"])
    appears = _appears(lib, slug) if fictional else ()
    return replace(entry, term=TermDetails(term["category"], term["dates"], fictional, appears))


def _work(lib: Library, slug: str, place: Place) -> WorkDetails:
    work = next(lib.db.query("SELECT * FROM ref.works WHERE slug = ?", [slug]))
    translations = lib.conn.execute(
        "SELECT title, translator, editor, publisher, place, year, isbn, pages"
        " FROM ref.translations WHERE work = ? ORDER BY position",
        (slug,),
    )
    return WorkDetails(
        original_title=work["original_title"],
        genre=work["genre"],
        year=work["year"],
        year_written=work["year_written"],
        year_published=work["year_published"],
        availability=work["availability"],
        posthumous=bool(work["posthumous"]),
        readable=bool(work["readable"]),
        pages=work["pages"],
        translations=tuple(Translation(*t) for t in translations),
        characters=tuple(characters_met(lib, slug, place)),
    )


def _appears(lib: Library, slug: str) -> tuple[Appearance, ...]:
    titles = _reference(lib).titles
    return tuple(
        Appearance(work, titles.get(work, work), chapter)
        for work, chapter in appearances(lib, slug)
    )


def _with_character(lib: Library, entry: Entry, place: Place) -> Entry:
    """A character's fields; one not met yet shows its name, novels and first chapters only."""
    appears = _appears(lib, entry.id)
    if not met(lib, entry.id, place):
        return replace(
            entry,
            aliases=(),
            body="",
            hidden=tuple(Held(a.work, a.chapter) for a in appears),
            source_note="",
            links=(),
            character=CharacterDetails(
                appears, met=False, role="", importance="", model="", relations=()
            ),
        )
    c = next(lib.db.query("SELECT * FROM ref.characters WHERE slug = ?", [entry.id]))
    relations = lib.conn.execute(
        "SELECT r.target, e.title, r.label FROM ref.relations r"
        " JOIN ref.entries e ON e.slug = r.target WHERE r.source = ? ORDER BY r.position",
        (entry.id,),
    )
    return replace(
        entry,
        character=CharacterDetails(
            appears,
            met=True,
            role=c["role"],
            importance=c["importance"],
            model=c["model"],
            relations=tuple(Relation(*r) for r in relations if met(lib, r[0], place)),
        ),
    )


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


def links_of(lib: Library, slug: str) -> list[Link]:
    """Links from and to an entry, each once, in a stable order. A link both ways is listed
    once, as "out"."""
    rows = lib.conn.execute(
        """
        SELECT l.target, l.type, 'out' AS direction, e.kind, e.title, t.category
        FROM ref.links l JOIN ref.entries e ON e.slug = l.target
        LEFT JOIN ref.terms t ON t.slug = l.target WHERE l.source = :slug
        UNION ALL
        SELECT l.source, l.type, 'in', e.kind, e.title, t.category
        FROM ref.links l JOIN ref.entries e ON e.slug = l.source
        LEFT JOIN ref.terms t ON t.slug = l.source WHERE l.target = :slug
        """,
        {"slug": slug},
    )
    links = sorted(
        (Link(*r) for r in rows),
        key=lambda link: (link.direction != "out", link.type != "written_in", link.title),
    )
    seen: set[str] = set()
    out: list[Link] = []
    for link in links:
        if link.id not in seen:
            seen.add(link.id)
            out.append(link)
    return out


def grouped_links(links: Sequence[Link]) -> list[tuple[str, list[Link]]]:
    """Links grouped under their headings, headings in reading order, titles sorted."""
    groups: dict[str, list[Link]] = {}
    for link in links:
        groups.setdefault(link.heading, []).append(link)
    return [
        (heading, sorted(groups[heading], key=lambda link: link.title.casefold()))
        for heading in HEADING_ORDER
        if heading in groups
    ]


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

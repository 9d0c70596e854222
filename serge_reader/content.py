"""The reference content as written: markdown files with TOML front matter, read and checked.

The format is described in docs/CONTENT.md. `load_content` returns every entry or raises
`ContentError` listing every problem found, so a contributor fixes them all in one pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from serge_reader.wikilinks import iter_links

KINDS = {"works": "work", "periods": "period", "terms": "term", "characters": "character"}
# The seven novels: the works a character appears in, and that have chapter lists.
NOVELS = (
    "men-in-prison",
    "birth-of-our-power",
    "conquered-city",
    "midnight-in-the-century",
    "the-case-of-comrade-tulayev",
    "last-times",
    "unforgiving-years",
)
IMPORTANCE = ("main", "supporting", "minor")
CHAPTER_LIST_FIELDS = {"edition", "pages", "sources", "source_note", "chapter"}
CHAPTER_FIELDS = {"number", "title", "page", "share", "part"}
# "study": a book *about* Serge (a biography, a critical study): a glossary entry, so that it
# is found by look-up but stays off his timeline and off the reading list of his works.
CATEGORIES = ("person", "place", "organization", "event", "concept", "publication", "study")
GENRES = (
    "novel",
    "poetry",
    "history",
    "politics",
    "biography",
    "memoir",
    "notebooks",
    "essays",
    "letters",
    "pamphlet",
    "short-stories",
)
AVAILABILITY = ("in-print", "out-of-print", "lost", "confiscated")
LINK_TYPES = ("written_in", "draws_on", "mentions", "see_also", "model")
TRANSLATION_FIELDS = (
    "title",
    "translator",
    "editor",
    "publisher",
    "place",
    "year",
    "isbn",
    "pages",
)
SETTING_FIELDS = {"start", "end", "places", "chapter"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")

COMMON_FIELDS = {"title", "aliases", "sources", "source_note", "links"}
KIND_FIELDS = {
    "work": {
        "original_title",
        "genre",
        "year_written",
        "year_published",
        "availability",
        "posthumous",
        "pages",
        "translations",
        "setting",
    },
    "period": {"start", "end", "places"},
    "term": {"category", "dates", "fictional", "appears"},
    "character": {"role", "importance", "model", "appears", "relations"},
}


class ContentError(Exception):
    """The content files have problems; the message lists each on its own line."""


@dataclass(frozen=True)
class Entry:
    slug: str
    kind: str
    title: str
    body: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    source_note: str = ""
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def split_front_matter(text: str) -> tuple[str, str]:
    """Split `+++`-fenced TOML front matter from the markdown body."""
    if not text.startswith("+++\n"):
        raise ValueError("does not start with a '+++' front-matter line")
    end = text.find("\n+++\n", 3)
    if end < 0:
        raise ValueError("front matter is not closed by a '+++' line")
    return text[4:end], text[end + 5 :].strip() + "\n"


def read_entry(path: Path, kind: str) -> Entry:
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    data = tomllib.loads(front)
    links = data.get("links", {})
    return Entry(
        slug=path.stem,
        kind=kind,
        title=str(data.get("title", "")).strip(),
        body=body,
        aliases=tuple(data.get("aliases", ())),
        sources=tuple(data.get("sources", ())),
        source_note=str(data.get("source_note", "")).strip(),
        links={t: tuple(v) for t, v in links.items()} if isinstance(links, dict) else {},
        fields={k: v for k, v in data.items() if k not in COMMON_FIELDS},
        path=path,
    )


def load_content(root: Path) -> list[Entry]:
    """Every entry under `root` (works, periods, terms), in slug order, checked."""
    entries: list[Entry] = []
    problems: list[str] = []
    for folder, kind in KINDS.items():
        for path in sorted((root / folder).glob("*.md")):
            try:
                entries.append(read_entry(path, kind))
            except (ValueError, UnicodeDecodeError) as exc:  # TOMLDecodeError is a ValueError
                problems.append(f"{path.relative_to(root)}: {exc}")
    chapter_lists, chapter_problems = _read_chapter_lists(root)
    problems.extend(chapter_problems)
    problems.extend(check(entries, chapter_lists))
    problems.extend(_check_chapter_sources(root, chapter_lists))
    problems.extend(check_sources(root, entries))
    if problems:
        raise ContentError("\n".join(problems))
    return sorted(entries, key=lambda e: e.slug)


def check_sources(root: Path, entries: list[Entry]) -> list[str]:
    """Every entry's source keys are in the registry (resources/content/sources/*.toml)."""
    from serge_reader import sources

    try:
        registry = sources.load_registry(root)
    except sources.RegistryError as exc:
        return str(exc).splitlines()
    problems = [
        p for e in entries for p in sources.check_entry_sources(e.slug, e.sources, registry)
    ]
    slugs = {e.slug for e in entries}
    problems.extend(f"source key '{k}' is also an entry's slug" for k in registry if k in slugs)
    return problems


def _check_chapter_sources(root: Path, lists: dict[str, ChapterList]) -> list[str]:
    """A chapter list's source keys are in the registry too."""
    from serge_reader import sources

    try:
        registry = sources.load_registry(root)
    except sources.RegistryError:
        return []  # reported by check_sources
    return [
        p
        for work, c in sorted(lists.items())
        for p in sources.check_entry_sources(f"chapters/{work}.toml", c.sources, registry)
    ]


@dataclass(frozen=True)
class ChapterList:
    """A novel's chapters in one English edition (resources/content/chapters/<work>.toml)."""

    work: str
    edition: str
    pages: int | None
    sources: tuple[str, ...]
    chapters: tuple[dict[str, Any], ...]  # number, and title, part, page, share where given
    source_note: str = ""


def load_chapter_lists(root: Path) -> dict[str, ChapterList]:
    """Every chapter list under `root`, by work slug (checked by `load_content`)."""
    lists, problems = _read_chapter_lists(root)
    if problems:
        raise ContentError("\n".join(problems))
    return lists


def _read_chapter_lists(root: Path) -> tuple[dict[str, ChapterList], list[str]]:
    lists: dict[str, ChapterList] = {}
    problems: list[str] = []
    for path in sorted((root / "chapters").glob("*.toml")):
        where = path.relative_to(root).as_posix()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(f"{where}: {exc}")
            continue
        chapters = data.get("chapter", [])
        found = _check_chapter_list(path.stem, data, chapters)
        problems.extend(f"{where}: {p}" for p in found)
        if not found:
            lists[path.stem] = ChapterList(
                work=path.stem,
                edition=str(data["edition"]),
                pages=data.get("pages"),
                sources=tuple(data.get("sources", ())),
                chapters=tuple(dict(c) for c in chapters),
                source_note=str(data.get("source_note", "")).strip(),
            )
    return lists, problems


def _tables(
    what: str, items: list[Any], allowed: set[str], problems: list[str]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The tables of a `[[what]]` list, numbered from 1; what is not a table, or holds an
    unknown field, is told in `problems`."""
    for i, t in enumerate(items, 1):
        if not isinstance(t, dict):
            problems.append(f"{what} {i} is not a table")
            continue
        if set(t) - allowed:
            problems.append(f"{what} {i}: unknown field(s): {', '.join(sorted(set(t) - allowed))}")
        yield i, t


def _check_chapter_list(work: str, data: dict[str, Any], chapters: Any) -> list[str]:
    p: list[str] = []
    if work not in NOVELS:
        p.append(f"'{work}' is not one of the novels ({', '.join(NOVELS)})")
    unknown = set(data) - CHAPTER_LIST_FIELDS
    if unknown:
        p.append(f"unknown field(s): {', '.join(sorted(unknown))}")
    if not isinstance(data.get("edition"), str) or not data["edition"].strip():
        p.append("no edition")
    pages = data.get("pages")
    if pages is not None and (isinstance(pages, bool) or not isinstance(pages, int) or pages < 1):
        p.append("pages must be a whole number above 0")
        pages = None
    sources = data.get("sources")
    if (
        not sources
        or not isinstance(sources, list)
        or not all(isinstance(s, str) and s for s in sources)
    ):
        p.append("no sources")
    if not isinstance(chapters, list) or not chapters:
        return [*p, "no [[chapter]] tables"]
    last_page, last_share = 0, -1.0
    for i, c in _tables("chapter", chapters, CHAPTER_FIELDS, p):
        if c.get("number") != i or isinstance(c.get("number"), bool):
            p.append(f"chapter {i}: number must be {i} (chapters are numbered 1..n in order)")
        page, share = c.get("page"), c.get("share")
        if page is None and share is None:
            p.append(f"chapter {i}: give its first page or its share of the book")
        if page is not None:
            if isinstance(page, bool) or not isinstance(page, int) or page < 1:
                p.append(f"chapter {i}: page must be a whole number above 0")
            elif page <= last_page:
                p.append(f"chapter {i}: page {page} does not come after the previous chapter's")
            elif pages is not None and page > pages:
                p.append(f"chapter {i}: page {page} is beyond the edition's {pages} pages")
            else:
                last_page = page
        if share is not None:
            if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
                p.append(f"chapter {i}: share must be a number from 0 to 1")
            elif share < last_share:
                p.append(f"chapter {i}: share {share} is before the previous chapter's")
            else:
                last_share = float(share)
        for key in ("title", "part"):
            if key in c and (not isinstance(c[key], str) or not c[key].strip()):
                p.append(f"chapter {i}: {key} must be some text")
    return p


def check(entries: list[Entry], chapter_lists: dict[str, ChapterList] | None = None) -> list[str]:
    """Problems that make the content unfit to ship, one line each."""
    chapter_counts = {w: len(c.chapters) for w, c in (chapter_lists or {}).items()}
    problems: list[str] = []
    by_slug: dict[str, Entry] = {}
    for e in entries:
        if e.slug in by_slug:
            problems.append(f"{e.slug}: slug used twice ({e.kind} and {by_slug[e.slug].kind})")
        by_slug[e.slug] = e
    names = name_index(entries)
    for e in entries:
        problems.extend(f"{e.slug}: {p}" for p in _check_entry(e, by_slug, names))
        problems.extend(f"{e.slug}: {p}" for p in _check_novel_fields(e, by_slug, chapter_counts))
        if "setting" in e.fields:
            problems.extend(f"{e.slug}: {p}" for p in _check_setting(e, by_slug, chapter_counts))
    problems.extend(_check_period_coverage([e for e in entries if e.kind == "period"]))
    return problems


def name_index(entries: list[Entry]) -> dict[str, set[str]]:
    """Case-folded title, alias or slug -> the slugs it names."""
    index: dict[str, set[str]] = {}
    for e in entries:
        for name in (e.slug, e.title, *e.aliases):
            index.setdefault(name.casefold(), set()).add(e.slug)
    return index


def _named(target: str, names: dict[str, set[str]]) -> set[str]:
    """The slugs a link target names: a slug names its own entry only, even where it is also
    another entry's alias (every entry's slug is among its own names)."""
    slug = target.strip().lower()
    if slug in names.get(slug, set()):
        return {slug}
    return names.get(target.casefold(), set())


def resolve_body_links(entry: Entry, names: dict[str, set[str]]) -> list[str]:
    """The slugs the body's `[[...]]` links point to (unresolved or ambiguous ones left out),
    outside spoiler blocks: a link listed under an entry must not give away what it hides."""
    from serge_reader import spoilers

    open_text = "\n".join(s.text for s in spoilers.segments(entry.body) if not s.held)
    found = []
    for link in iter_links(open_text):
        slugs = _named(link.target, names)
        if len(slugs) == 1:
            found.append(next(iter(slugs)))
    return found


def _check_entry(e: Entry, by_slug: dict[str, Entry], names: dict[str, set[str]]) -> list[str]:
    p: list[str] = []
    if not SLUG.match(e.slug):
        p.append("file name is not a slug (lowercase words joined by hyphens)")
    if not e.title:
        p.append("no title")
    if not e.sources or not all(isinstance(s, str) and s for s in e.sources):
        p.append("no sources")
    if not e.body.strip():
        p.append("no text")
    unknown = set(e.fields) - KIND_FIELDS[e.kind]
    if unknown:
        p.append(f"unknown field(s): {', '.join(sorted(unknown))}")
    for link_type, targets in e.links.items():
        if link_type not in LINK_TYPES:
            p.append(f"unknown link type '{link_type}'")
        for target in targets:
            if target not in by_slug:
                p.append(f"{link_type} link to missing entry '{target}'")
            elif link_type in ("written_in", "draws_on") and by_slug[target].kind != "period":
                p.append(f"{link_type} link to '{target}', which is not a period")
    for link in iter_links(e.body):
        slugs = _named(link.target, names)
        if not slugs:
            p.append(f"text links to unknown entry '[[{link.target}]]'")
        elif len(slugs) > 1:
            p.append(f"text link '[[{link.target}]]' is ambiguous: {', '.join(sorted(slugs))}")
    f = e.fields
    if e.kind == "work":
        if not f.get("original_title"):
            p.append("no original_title")
        if f.get("genre") not in GENRES:
            p.append(f"genre must be one of {', '.join(GENRES)}")
        if f.get("availability") not in AVAILABILITY:
            p.append(f"availability must be one of {', '.join(AVAILABILITY)}")
        if not isinstance(f.get("year_written", f.get("year_published")), int):
            p.append("needs year_written or year_published (an integer)")
        if not e.links.get("written_in"):
            p.append("no written_in period")
        for t in f.get("translations", []):
            if not isinstance(t, dict) or not t.get("title"):
                p.append("a translation without a title")
            elif set(t) - set(TRANSLATION_FIELDS):
                p.append(
                    f"translation field(s) unknown: {', '.join(sorted(set(t) - set(TRANSLATION_FIELDS)))}"
                )
    elif e.kind == "period":
        for key in ("start", "end"):
            if not MONTH_DATE.match(str(f.get(key, ""))):
                p.append(f'{key} must be "YYYY" or "YYYY-MM"')
        if not f.get("places"):
            p.append("no places")
    elif e.kind == "term" and f.get("category") not in CATEGORIES:
        p.append(f"category must be one of {', '.join(CATEGORIES)}")
    return p


def _check_chapter(
    what: str, work: Any, chapter: Any, by_slug: dict[str, Entry], counts: dict[str, int]
) -> list[str]:
    """A (work, chapter) place: a work entry, and a chapter it has."""
    from serge_reader import spoilers

    if not isinstance(work, str) or work not in by_slug or by_slug[work].kind != "work":
        return [f"{what}: '{work}' is not a work"]
    if isinstance(chapter, bool) or not isinstance(chapter, int) or chapter < 1:
        return [f"{what}: chapter must be a whole number from 1"]
    if work in counts and chapter > counts[work] and chapter != spoilers.ENDING:
        return [f"{what}: {work} has {counts[work]} chapters, not {chapter}"]
    return []


def _check_novel_fields(e: Entry, by_slug: dict[str, Entry], counts: dict[str, int]) -> list[str]:
    """Spoiler blocks (any kind), characters' fields, fictional terms' appearances."""
    from serge_reader import spoilers

    segments, p = spoilers.parse(e.body)
    for s in segments:
        if s.work is not None and s.work:
            p.extend(_check_chapter("spoiler block", s.work, s.chapter, by_slug, counts))
    f = e.fields
    appears = f.get("appears")
    if e.kind == "character" or appears is not None:
        if not isinstance(appears, list) or not appears:
            p.append("no [[appears]] (work and chapter of first appearance)")
            appears = []
        works = []
        for a in appears:
            if not isinstance(a, dict) or set(a) != {"work", "chapter"}:
                p.append("each [[appears]] has exactly a work and a chapter")
                continue
            if a["work"] not in NOVELS:
                p.append(f"appears in '{a['work']}', which is not one of the novels")
            else:
                p.extend(_check_chapter("appears", a["work"], a["chapter"], by_slug, counts))
            works.append(a["work"])
        if len(set(works)) != len(works):
            p.append("appears twice in one novel")
    if e.kind == "term":
        if "fictional" in f and not isinstance(f["fictional"], bool):
            p.append("fictional must be true or false")
        if appears is not None and f.get("fictional") is not True:
            p.append("[[appears]] is for fictional terms (fictional = true)")
    if e.kind != "character":
        return p
    role = f.get("role")
    if not isinstance(role, str) or not role.strip() or "\n" in role.strip():
        p.append("role must be one line of text")
    if f.get("importance") not in IMPORTANCE:
        p.append(f"importance must be one of {', '.join(IMPORTANCE)}")
    if "model" in f and (not isinstance(f["model"], str) or not f["model"].strip()):
        p.append("model must be some text")
    for r in f.get("relations", []):
        if not isinstance(r, dict) or set(r) != {"to", "as"}:
            p.append("each [[relations]] has exactly `to` and `as`")
        elif r["to"] not in by_slug or by_slug[r["to"]].kind != "character":
            p.append(f"relation to '{r['to']}', which is not a character")
        elif not isinstance(r["as"], str) or not r["as"].strip():
            p.append(f"relation to '{r['to']}' says nothing `as`")
        elif r["to"] == e.slug:
            p.append("a relation to itself")
    for target in e.links.get("model", ()):
        if target in by_slug and by_slug[target].kind != "term":
            p.append(f"model link to '{target}', which is not a glossary entry")
    return p


def _check_setting(e: Entry, by_slug: dict[str, Entry], counts: dict[str, int]) -> list[str]:
    """A novel's `[[setting]]` parts: when (a start, an end unless the sources leave it
    open) and where, and from which chapter a part is told when not from the first."""
    if e.slug not in NOVELS:
        return ["[[setting]] is for the seven novels"]
    parts = e.fields["setting"]
    if not isinstance(parts, list) or not parts:
        return ["setting must be [[setting]] tables"]
    p: list[str] = []
    for i, s in _tables("setting", parts, SETTING_FIELDS, p):
        dates = {k: str(s[k]) for k in ("start", "end") if k in s}
        for key in ("start", *dates):
            if not MONTH_DATE.match(dates.get(key, "")):
                p.append(f'setting {i}: {key} must be "YYYY" or "YYYY-MM"')
        if (
            set(dates) == {"start", "end"}
            and all(MONTH_DATE.match(d) for d in dates.values())
            and month_span(dates["end"], end=True) < month_span(dates["start"], end=False)
        ):
            p.append(f"setting {i}: ends before it starts")
        places = s.get("places")
        if (
            not isinstance(places, list)
            or not places
            or not all(isinstance(x, str) and x.strip() for x in places)
        ):
            p.append(f"setting {i}: places must be a list of place names")
        if "chapter" in s:
            p.extend(_check_chapter(f"setting {i}", e.slug, s["chapter"], by_slug, counts))
    return p


def month_span(value: str, *, end: bool) -> int:
    """A "YYYY" or "YYYY-MM" date as a month number; a bare year means its first or last month."""
    m = MONTH_DATE.match(value)
    if not m:
        raise ValueError(value)
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    return int(m.group(1)) * 12 + month - 1


def _check_period_coverage(periods: list[Entry]) -> list[str]:
    try:
        spans = sorted(
            (
                month_span(str(e.fields["start"]), end=False),
                month_span(str(e.fields["end"]), end=True),
                e.slug,
            )
            for e in periods
        )
    except (KeyError, ValueError):
        return []  # reported per entry
    if not spans:
        return []
    problems = []
    if spans[0][0] > month_span("1890-12", end=False):
        problems.append(f"periods: {spans[0][2]} starts after Serge's birth (December 1890)")
    if max(s[1] for s in spans) < month_span("1947-11", end=True):
        problems.append("periods: none reaches Serge's death (November 1947)")
    covered_to = spans[0][1]
    for start, stop, slug in spans[1:]:
        if start > covered_to + 1:
            problems.append(f"periods: a gap before {slug}")
        covered_to = max(covered_to, stop)
    return problems

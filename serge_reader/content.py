"""The reference content as written: markdown files with TOML front matter, read and checked.

The format is described in docs/CONTENT.md. `load_content` returns every entry or raises
`ContentError` listing every problem found, so a contributor fixes them all in one pass.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from serge_reader.wikilinks import iter_links

KINDS = {"works": "work", "periods": "period", "terms": "term"}
CATEGORIES = ("person", "place", "organization", "event", "concept", "publication")
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
LINK_TYPES = ("written_in", "draws_on", "mentions", "see_also")
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
    },
    "period": {"start", "end", "places"},
    "term": {"category", "dates"},
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
    problems.extend(check(entries))
    if problems:
        raise ContentError("\n".join(problems))
    return sorted(entries, key=lambda e: e.slug)


def check(entries: list[Entry]) -> list[str]:
    """Problems that make the content unfit to ship, one line each."""
    problems: list[str] = []
    by_slug: dict[str, Entry] = {}
    for e in entries:
        if e.slug in by_slug:
            problems.append(f"{e.slug}: slug used twice ({e.kind} and {by_slug[e.slug].kind})")
        by_slug[e.slug] = e
    names = name_index(entries)
    for e in entries:
        problems.extend(f"{e.slug}: {p}" for p in _check_entry(e, by_slug, names))
    problems.extend(_check_period_coverage([e for e in entries if e.kind == "period"]))
    return problems


def name_index(entries: list[Entry]) -> dict[str, set[str]]:
    """Case-folded title, alias or slug -> the slugs it names."""
    index: dict[str, set[str]] = {}
    for e in entries:
        for name in (e.slug, e.title, *e.aliases):
            index.setdefault(name.casefold(), set()).add(e.slug)
    return index


def resolve_body_links(entry: Entry, names: dict[str, set[str]]) -> list[str]:
    """The slugs the body's `[[...]]` links point to (unresolved or ambiguous ones left out)."""
    found = []
    for link in iter_links(entry.body):
        slugs = names.get(link.target.casefold(), set())
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
        slugs = names.get(link.target.casefold(), set())
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

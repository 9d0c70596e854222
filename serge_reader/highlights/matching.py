"""Which of Serge's works a book on an e-reader is: by its title in any language and
edition, through the titles, aliases and original titles the look-up knows, and by its
author (Serge, or one of his translators). Books by others are told apart and skipped; a
book that could be more than one work, or a Serge book whose title is not known, is left
for the reader to choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from serge_reader.library import Library
from serge_reader.textnorm import fold

MATCHED, AMBIGUOUS, OTHER = "matched", "ambiguous", "other"

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SUBTITLE = re.compile(r"\s*(?::|\s[-–—]\s|\.\s).*$")
_YEARS = re.compile(r"\b1[89]\d\d\s*[-–]\s*1[89]\d\d\b|\b1[89]\d\d\b")
_ARTICLE = re.compile(r"^(?:the|a|an|le|la|les|l|el|los|las|il|lo|gli|der|die|das|o|os)\s+")
_NOISE = re.compile(
    r"\b(?:a novel|roman|novela|romanzo|romance|nyrb classics|penguin modern classics"
    r"|kindle edition|edition|ebook|french edition|english edition)\b"
)
_PUNCT = re.compile(r"[^\w\s]+")


def _plain(text: str) -> str:
    text = fold(text).replace("'", " ")
    return " ".join(_PUNCT.sub(" ", text).split())


def title_variants(title: str) -> list[str]:
    """The forms of a title to look up, from the whole of it to its bare main title."""
    out: list[str] = []

    def add(text: str) -> None:
        plain = _plain(text)
        for form in (plain, _ARTICLE.sub("", plain)):
            if form and form not in out:
                out.append(form)

    add(title)
    bare = _BRACKETS.sub(" ", title)
    add(bare)
    add(_YEARS.sub(" ", bare))
    main = _SUBTITLE.sub("", bare)
    add(main)
    add(_NOISE.sub(" ", _plain(main)))
    add(_YEARS.sub(" ", _NOISE.sub(" ", _plain(main))))
    return out


def is_serge(author: str) -> bool:
    words = _plain(author).split()
    if any(w.startswith(("kibalchi", "kibaltchi", "кибальчич")) for w in words):
        return True
    if "серж" in words:
        return True
    return "serge" in words and ("victor" in words or "viktor" in words or words[-1] == "serge")


@dataclass(frozen=True)
class Match:
    status: str  # matched, ambiguous (the reader chooses) or other (not Serge's)
    work: str | None = None
    candidates: tuple[str, ...] = field(default_factory=tuple)


class Matcher:
    """The works' names, read once per import."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.titles: dict[str, str] = {
            slug: title
            for slug, title in lib.conn.execute(
                "SELECT w.slug, e.title FROM ref.works w JOIN ref.entries e USING (slug)"
            )
        }
        self.names: dict[str, set[str]] = {}
        rows = list(
            lib.conn.execute(
                "SELECT slug, name FROM ref.names WHERE slug IN (SELECT slug FROM ref.works)"
            )
        )
        rows += list(
            lib.conn.execute(
                "SELECT slug, original_title FROM ref.works WHERE original_title IS NOT NULL"
            )
        )
        rows += list(
            lib.conn.execute("SELECT work, title FROM ref.translations WHERE title IS NOT NULL")
        )
        for slug, name in rows:
            for form in title_variants(name):
                self.names.setdefault(form, set()).add(slug)
        self.translators: set[str] = set()
        for (people,) in lib.conn.execute(
            "SELECT translator FROM ref.translations WHERE translator IS NOT NULL"
            " UNION SELECT editor FROM ref.translations WHERE editor IS NOT NULL"
        ):
            for person in re.split(r",| and | with ", str(people)):
                if _plain(person):
                    self.translators.add(_plain(person))

    def _by_title(self, title: str) -> tuple[set[str], str]:
        for form in title_variants(title):
            found = self.names.get(form)
            if found:
                return found, form
        return set(), ""

    def _suggestions(self, title: str) -> tuple[str, ...]:
        from serge_reader.search import search

        return tuple(r.id for r in search(self.lib, title, kinds=["work"], limit=5))

    def match(self, title: str, authors: list[str]) -> Match:
        plain_authors = [_plain(a) for a in authors]
        by_serge = any(is_serge(a) for a in authors)
        by_translator = any(
            a in self.translators or " ".join(reversed(a.split())) in self.translators
            for a in plain_authors
        )
        found, form = self._by_title(title)
        if authors and not (by_serge or by_translator):
            return Match(OTHER)
        if len(found) == 1:
            (work,) = found
            if by_serge or by_translator or len(form.split()) >= 2:
                return Match(MATCHED, work)
            return Match(AMBIGUOUS, None, (work,))
        if found:
            return Match(AMBIGUOUS, None, tuple(sorted(found)))
        if by_serge:
            return Match(AMBIGUOUS, None, self._suggestions(title))
        return Match(OTHER)

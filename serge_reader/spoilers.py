"""Spoiler blocks in the entries' text, and the reader's place in each novel, which decides
which of them a reader sees.

A block is written in any entry's markdown as

    :::spoiler the-case-of-comrade-tulayev 6
    what is no longer a spoiler from chapter 6 on
    :::

and is shown to a reader who has reached that chapter of that work (or finished it), and
held back, as a one-line notice, from everyone else. `end` in place of the chapter
(`:::spoiler midnight-in-the-century end`) holds a passage until the work is finished: for
the ending, or where the chapter cannot be told. The reader's place is the chapter set
with `progress WORK --chapter N`, else the chapter the page falls in (from the novel's
chapter list); a finished work shows everything, an unread one holds back every block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

OPEN = re.compile(r"^:::spoiler[ \t]+([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]+([0-9]{1,6}|end)[ \t]*$")
CLOSE = ":::"
EVERYTHING = 1_000_000  # the chapter "reached" in a finished work: past any chapter
ENDING = EVERYTHING  # the chapter of a block written `end`: seen once the work is finished


@dataclass(frozen=True)
class Segment:
    """A run of an entry's text: open (`work` None) or a spoiler block."""

    text: str
    work: str | None = None
    chapter: int | None = None

    @property
    def held(self) -> bool:
        return self.work is not None


def parse(body: str) -> tuple[list[Segment], list[str]]:
    """The segments of a text, in order, and the problems of its spoiler markup (a block
    left open is still a block: nothing after a mistake leaks)."""
    segments: list[Segment] = []
    problems: list[str] = []
    lines: list[str] = []
    block: tuple[str, int] | None = None

    def flush() -> None:
        text = "\n".join(lines).strip("\n")
        if text.strip() or block is not None:
            segments.append(
                Segment(text + "\n", *block) if block else Segment(text + "\n", None, None)
            )
        lines.clear()

    for number, line in enumerate(body.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(":::spoiler") or stripped == ":::spoiler":
            m = OPEN.match(stripped)
            if block is not None:
                problems.append(f"line {number}: a spoiler block inside another")
                continue
            chapter = (ENDING if m.group(2) == "end" else int(m.group(2))) if m else ENDING
            if not m or chapter < 1:
                problems.append(
                    f"line {number}: a spoiler block starts ':::spoiler <work-slug> <chapter|end>'"
                )
            flush()
            block = (m.group(1) if m else "", chapter)
        elif stripped == CLOSE:
            if block is None:
                problems.append(f"line {number}: ':::' closes no spoiler block")
                continue
            flush()
            block = None
        else:
            lines.append(line)
    if block is not None:
        problems.append("a spoiler block is not closed by a ':::' line")
    flush()
    return segments, problems


def segments(body: str) -> list[Segment]:
    return parse(body)[0]


def has_spoilers(body: str) -> bool:
    return any(line.strip().startswith(":::spoiler") for line in body.splitlines())


@dataclass(frozen=True)
class Place:
    """How far the reader is in each work: the last chapter reached (0: not begun)."""

    reached: Mapping[str, int] = field(default_factory=dict)
    everything: bool = False

    def chapter(self, work: str) -> int:
        return EVERYTHING if self.everything else self.reached.get(work, 0)

    def shows(self, work: str | None, chapter: int | None) -> bool:
        return work is None or chapter is None or chapter <= self.chapter(work)

    def meets(self, appearances: Iterable[tuple[str, int]]) -> bool:
        """Whether the reader has met a character appearing so (work, first chapter)."""
        return any(self.shows(work, chapter) for work, chapter in appearances)


SHOW_ALL = Place(everything=True)
NOTHING_READ = Place()


def visible_text(parts: Sequence[Segment], place: Place) -> tuple[str, list[tuple[str, int]]]:
    """The text a reader at `place` sees (blocks shown lose their markers), and what is held
    back: one (work, chapter) per block."""
    shown: list[str] = []
    hidden: list[tuple[str, int]] = []
    for s in parts:
        if s.work is None or s.chapter is None or place.shows(s.work, s.chapter):
            if s.text.strip():
                shown.append(s.text.strip("\n"))
        else:
            hidden.append((s.work, s.chapter))
    return ("\n\n".join(shown) + "\n" if shown else ""), hidden


def chapter_at(
    chapters: Sequence[tuple[int, int | None, float | None]],
    page: int,
    *,
    list_pages: int | None,
    own_pages: int | None,
) -> int:
    """The chapter a page falls in. `chapters` are (number, first page, share of the book)
    in order, as the chapter list gives them for its edition (`list_pages` long); the
    reader's edition is `own_pages` long (None: the same edition). Past page 0 the reader
    has at least begun chapter 1."""
    if page <= 0:
        return 0
    same_edition = own_pages is None or own_pages == list_pages
    total = own_pages or list_pages
    reached = 1
    for number, start, share in chapters:
        if start is not None and same_edition:
            begun = page >= start
        else:
            position = share
            if position is None and start is not None and list_pages:
                position = (start - 1) / list_pages
            if position is None or not total:
                continue
            begun = page / total + 1e-9 >= position
        if not begun:
            break
        reached = max(reached, number)
    return reached


def place_from_rows(
    rows: Iterable[Mapping[str, object]],
    chapter_lists: Mapping[str, tuple[int | None, list[tuple[int, int | None, float | None]]]],
) -> Place:
    """The reader's place from progress rows (`work`, `status`, `page`, `pages`,
    `chapter`) and the works' chapter lists (work -> (pages, chapters))."""
    reached: dict[str, int] = {}
    for row in rows:
        work = str(row["work"])
        reached[work] = reader_chapter(row, chapter_lists.get(work))
    return Place(reached)


def reader_chapter(
    row: Mapping[str, object],
    chapter_list: tuple[int | None, list[tuple[int, int | None, float | None]]] | None,
) -> int:
    """The last chapter reached in one work, from its progress row."""
    status = row.get("status")
    if status == "finished":
        return EVERYTHING
    if status not in ("reading", "abandoned"):
        return 0
    chapter = row.get("chapter")
    if isinstance(chapter, int) and chapter > 0:
        return chapter
    page = row.get("page")
    if not isinstance(page, int) or chapter_list is None:
        return 0
    own = row.get("pages")
    return chapter_at(
        chapter_list[1],
        page,
        list_pages=chapter_list[0],
        own_pages=own if isinstance(own, int) else None,
    )

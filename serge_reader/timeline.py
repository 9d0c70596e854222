"""What the timeline draws: Serge's life periods along 1890–1947, each work at its year, and
when and where each novel is set."""

from __future__ import annotations

import json
from dataclasses import dataclass

from serge_reader import i18n
from serge_reader.i18n import N_, _
from serge_reader.library import Library
from serge_reader.spoilers import Place

FIRST_YEAR, LAST_YEAR = 1890, 1947


@dataclass(frozen=True)
class Span:
    slug: str
    title: str
    start: float  # fractional years: 1912.0 is January 1912
    end: float


@dataclass(frozen=True)
class Mark:
    slug: str
    title: str
    year: int
    status: str | None  # the reader's status; None when untracked
    readable: bool


@dataclass(frozen=True)
class Setting:
    """One part of a novel's story: its years (to the month where known) and places."""

    slug: str  # the novel's
    title: str  # as the reader knows the novel (English, or original titles in French)
    start: float  # fractional years, as for Span
    end: float  # an open end: the end of the start's year, drawn fading out
    open_end: bool
    when: str  # "1912 – 1917", "1939", "from June 1940"
    places: tuple[str, ...]


MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


def date_label(value: str) -> str:
    """A period's "YYYY" or "YYYY-MM" as a reader reads it: "1921" or "December 1921"."""
    year, _, month = value.partition("-")
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{i18n._(MONTHS[int(month) - 1])} {year}"
    return value


def when(start: str, end: str | None) -> str:
    """A setting's dates as a reader reads them: "1912 – 1917", "1939", "from June 1940"."""
    if end is None:
        return _("from {start}").format(start=date_label(start))
    if end == start:
        return date_label(start)
    return f"{date_label(start)} – {date_label(end)}"


def settings(lib: Library, place: Place) -> list[Setting]:
    """Each part of each novel's setting that a reader at `place` may see, in order of time.

    A part told from a later chapter (its places are held back in the novel's entry) is left
    out until the reader reaches that chapter.
    """
    rows = lib.conn.execute(
        "SELECT s.work, e.title, w.original_title, s.start, s.end, s.start_month,"
        " s.end_month, s.places, s.chapter FROM ref.novel_settings s"
        " JOIN ref.entries e ON e.slug = s.work JOIN ref.works w ON w.slug = s.work"
        " ORDER BY s.start_month, s.work, s.position"
    )
    return [
        Setting(
            slug,
            i18n.work_title(title, original),
            first / 12,
            (last + 1) / 12 if last is not None else float(first // 12 + 1),
            last is None,
            when(start, end),
            tuple(json.loads(places)),
        )
        for slug, title, original, start, end, first, last, places, chapter in rows
        if place.shows(slug, chapter)
    ]


def periods(lib: Library) -> list[Span]:
    """Each period from its first month to the end of its last, in order.

    Dates are kept to the month where the content gives one. Where one period ends and the
    next begins in the same year and neither says the month ("1925" and "1925"), the
    boundary is put at mid-year, so that the two bands meet instead of both covering the
    whole year.
    """
    rows = list(
        lib.conn.execute(
            "SELECT p.slug, e.title, p.start, p.end, p.start_month, p.end_month FROM ref.periods p"
            " JOIN ref.entries e USING (slug) ORDER BY p.start_month, p.end_month"
        )
    )
    spans = [[slug, title, first / 12, (last + 1) / 12] for slug, title, _, _, first, last in rows]
    for i in range(1, len(rows)):
        ended, started = rows[i - 1][3], rows[i][2]
        if ended == started and "-" not in started:
            spans[i - 1][3] = spans[i][2] = int(started) + 0.5
    return [Span(slug, title, start, end) for slug, title, start, end in spans]


def works(lib: Library) -> list[Mark]:
    """Every work at the year it belongs to his life: published, or for what appeared after
    his death, written (collections assembled later sit at the end of the line)."""
    rows = lib.conn.execute(
        "SELECT w.slug, e.title, w.year, w.year_written, p.status, w.readable FROM ref.works w"
        " JOIN ref.entries e USING (slug) LEFT JOIN progress p ON p.work = w.slug"
        " ORDER BY w.year, e.title"
    )
    return [
        Mark(slug, title, _lifetime_year(year, written), status, bool(readable))
        for slug, title, year, written, status, readable in rows
    ]


def _lifetime_year(year: int, written: int | None) -> int:
    if year <= LAST_YEAR:
        return year
    return min(written or LAST_YEAR, LAST_YEAR)

"""What the timeline draws: Serge's life periods along 1890–1947, and each work at its year."""

from __future__ import annotations

from dataclasses import dataclass

from serge_reader.library import Library

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


def periods(lib: Library) -> list[Span]:
    rows = lib.conn.execute(
        "SELECT p.slug, e.title, p.start_month, p.end_month FROM ref.periods p"
        " JOIN ref.entries e USING (slug) ORDER BY p.start_month"
    )
    return [Span(slug, title, start / 12, (end + 1) / 12) for slug, title, start, end in rows]


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

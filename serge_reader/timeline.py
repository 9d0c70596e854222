"""What the timeline draws: Serge's life periods along 1890–1947, and each work at its year."""

from __future__ import annotations

from dataclasses import dataclass

from serge_reader import i18n
from serge_reader.i18n import N_
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

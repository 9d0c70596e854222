"""Figures about the reader's way through Serge, computed from the reading sessions.

Days are the reader's own calendar days (see `clock`): sessions are stored in UTC and each is
counted on the local day it happened. Pages read are new pages: a move back (a correction, or
going back to reread a passage) and the move forward again to where the reader had been are
not read twice. `today` is a parameter so that the figures can be tested for any date.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from serge_reader.clock import local_day
from serge_reader.library import Library
from serge_reader.progress import WorkProgress

PACE_DAYS = 14  # the recent window a finish date is estimated from


def _daily_pages(
    lib: Library, since: date | None = None, work: str | None = None
) -> dict[date, int]:
    """New pages read per local day (from `since` on, of one work or of all).

    Each work's furthest page so far is followed through its sessions in order: a session
    counts the pages it goes beyond it; a new read of a finished work starts from zero.
    """
    sql = "SELECT work, at, to_page, before FROM reading_sessions"
    params: list[str] = []
    if work:
        sql += " WHERE work = ?"
        params.append(work)
    furthest: dict[str, int] = {}
    days: dict[date, int] = {}
    for slug, at, to_page, before in lib.conn.execute(sql + " ORDER BY at, id", params):
        if _starts_a_new_read(before):
            furthest[slug] = 0
        new = max(int(to_page or 0) - furthest.get(slug, 0), 0)
        furthest[slug] = max(furthest.get(slug, 0), int(to_page or 0))
        day = local_day(at)
        if new and (since is None or day >= since):
            days[day] = days.get(day, 0) + new
    return days


def _starts_a_new_read(before: str | None) -> bool:
    try:
        return bool(json.loads(before or "{}").get("rereading"))
    except (ValueError, AttributeError):
        return False


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def pages_per_week(lib: Library, today: date, weeks: int = 12) -> list[tuple[date, int]]:
    """(Monday, pages read that week) for the last `weeks` weeks, oldest first, zeros kept."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    totals = {first + timedelta(weeks=i): 0 for i in range(weeks)}
    for day, pages in _daily_pages(lib, first).items():
        if week_start(day) in totals:
            totals[week_start(day)] += pages
    return sorted(totals.items())


def finished_per_year(lib: Library) -> list[tuple[int, int]]:
    """(year, works finished), for every year with a finished read, re-reads included."""
    rows = lib.conn.execute(
        """
        SELECT substr(finished, 1, 4) AS year, count(*) FROM (
            SELECT finished FROM progress WHERE status = 'finished' AND finished IS NOT NULL
            UNION ALL
            SELECT finished FROM reads WHERE status = 'finished' AND finished IS NOT NULL
        ) GROUP BY year ORDER BY year
        """
    )
    return [(int(year), count) for year, count in rows]


def current_streak(lib: Library, today: date) -> int:
    """Days in a row with pages read, ending today (or yesterday, if today is not over)."""
    days = set(_daily_pages(lib, today - timedelta(days=400)))
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def pace(lib: Library, today: date, work: str | None = None) -> float:
    """New pages a day over the last PACE_DAYS days (of one work, or of all)."""
    since = today - timedelta(days=PACE_DAYS - 1)
    return sum(_daily_pages(lib, since, work).values()) / PACE_DAYS


def estimated_finish(lib: Library, row: WorkProgress, today: date) -> date | None:
    """When a work being read will be finished at the recent pace; None without a pace."""
    if row.status != "reading" or not row.pages:
        return None
    per_day = pace(lib, today, row.id)
    if per_day <= 0:
        return None
    remaining = max(row.pages - row.page, 0)
    return today + timedelta(days=-(-remaining // per_day))

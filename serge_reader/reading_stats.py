"""Figures about the reader's way through Serge, computed from the reading sessions.

Days are the reader's UTC days, as the sessions are stored; `today` is a parameter so that
the figures can be tested for any date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from serge_reader.library import Library

PACE_DAYS = 14  # the recent window a finish date is estimated from


def _daily_pages(lib: Library, since: date | None = None) -> dict[date, int]:
    """Pages read (forward moves only) per day."""
    sql = "SELECT substr(at, 1, 10) AS day, sum(max(to_page - from_page, 0)) FROM reading_sessions"
    params: list[str] = []
    if since:
        sql += " WHERE at >= ?"
        params.append(since.isoformat())
    rows = lib.conn.execute(sql + " GROUP BY day", params)
    return {date.fromisoformat(day): int(pages) for day, pages in rows if pages}


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
    """Pages a day over the last PACE_DAYS days (of one work, or of all)."""
    since = (today - timedelta(days=PACE_DAYS - 1)).isoformat()
    sql = "SELECT sum(max(to_page - from_page, 0)) FROM reading_sessions WHERE at >= ?"
    params = [since]
    if work:
        sql += " AND work = ?"
        params.append(work)
    total = lib.conn.execute(sql, params).fetchone()[0] or 0
    return float(total) / PACE_DAYS


def estimated_finish(lib: Library, row: dict[str, Any], today: date) -> date | None:
    """When a work being read will be finished at the recent pace; None without a pace."""
    if row.get("status") != "reading" or not row.get("pages"):
        return None
    per_day = pace(lib, today, row["id"])
    if per_day <= 0:
        return None
    remaining = max(int(row["pages"]) - int(row["page"] or 0), 0)
    return today + timedelta(days=-(-remaining // per_day))

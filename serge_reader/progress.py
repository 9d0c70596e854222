"""Reading progress: status, position and dates in each work, with its history.

Every change of position is recorded as a reading session holding the progress row as it
was before, so pace and streaks are real and the last change of a work can be undone.
Finishing a work and starting it again keeps the finished read in `reads`.
"""

from __future__ import annotations

import json
from typing import Any

from serge_reader.errors import UserError
from serge_reader.library import Library, now_iso

STATUSES = ("want-to-read", "reading", "finished", "abandoned")
MAX_PAGES = 1_000_000  # beyond any book, and far below SQLite's largest integer (2**63 - 1)
_ROW_FIELDS = ("status", "page", "pages", "started", "finished")


def work_row(lib: Library, work: str) -> dict[str, Any]:
    """A work's reference facts with the reader's progress (status None when untracked)."""
    row = next(
        lib.db.query(
            """
            SELECT w.slug AS id, e.title, w.year, w.genre, w.readable, w.availability,
                   w.pages AS listed_pages, p.status, COALESCE(p.page, 0) AS page,
                   COALESCE(p.pages, w.pages) AS pages, p.pages AS own_pages, p.started, p.finished
            FROM ref.works w JOIN ref.entries e USING (slug)
            LEFT JOIN progress p ON p.work = w.slug WHERE w.slug = ?
            """,
            [work],
        ),
        None,
    )
    if row is None:
        raise UserError(f"no work '{work}' (see 'serge-reader works')")
    return row


def with_percent(row: dict[str, Any]) -> dict[str, Any]:
    pages, page = row.get("pages"), row.get("page") or 0
    row["percent"] = round(100 * page / pages, 1) if pages else None
    return row


def get_progress(lib: Library, work: str) -> dict[str, Any]:
    return with_percent(work_row(lib, work))


def page_for_percent(percent: float, pages: int | None) -> int:
    """An e-book's percentage as a page of the reader's edition."""
    if not pages:
        raise UserError("set the page count of your edition first (--pages N) to use a percentage")
    return round(percent * pages / 100)


def set_progress(
    lib: Library,
    work: str,
    *,
    page: int | None = None,
    pages: int | None = None,
    percent: float | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """Record a change and return the new progress; a bad value changes nothing.

    Moving past page 0 starts a work that was only wanted; reaching the last page finishes
    it; setting "reading" on a finished work starts a new read and keeps the old one.
    """
    row = work_row(lib, work)
    if not row["readable"]:
        raise UserError(
            f"'{row['title']}' is a {row['availability']} manuscript and cannot be tracked"
        )
    if status is not None and status not in STATUSES:
        raise UserError(f"status must be one of {', '.join(STATUSES)}, not '{status}'")
    if pages is not None and (
        isinstance(pages, bool) or not isinstance(pages, int) or not 0 < pages <= MAX_PAGES
    ):
        raise UserError(
            f"the page count must be a whole number above 0 (at most {MAX_PAGES:,}), not {pages!r}"
        )
    total = pages if pages is not None else row["pages"]
    if percent is not None:
        if page is not None:
            raise UserError("give a page or a percentage, not both")
        if not isinstance(percent, int | float) or not 0 <= percent <= 100:
            raise UserError(f"a percentage is between 0 and 100, not {percent!r}")
        page = page_for_percent(float(percent), total)
    if page is not None and (
        isinstance(page, bool) or not isinstance(page, int) or not 0 <= page <= MAX_PAGES
    ):
        raise UserError(f"page must be a whole number from 0 to {MAX_PAGES:,}, not {page!r}")
    before = {k: row[k] for k in _ROW_FIELDS} | {"pages": row["own_pages"]}
    rereading = status == "reading" and row["status"] == "finished"
    new_page = (0 if rereading else row["page"]) if page is None else page
    if total is not None and new_page > total:
        raise UserError(f"page {new_page} is beyond the last page ({total}) of '{row['title']}'")
    new_status = status or row["status"] or "want-to-read"
    if status is None and page is not None:
        if total and new_page == total:
            new_status = "finished"
        elif new_page > 0 and new_status in ("want-to-read", "finished"):
            rereading = new_status == "finished"
            new_status = "reading"
    today = now_iso()[:10]
    started = None if rereading else row["started"]
    if new_status in ("reading", "finished") and started is None:
        started = today
    # (a re-read is always "reading": finishing it again is a later change)
    finished = (row["finished"] or today) if new_status == "finished" else None
    stamp = now_iso()
    with lib.atomic():
        if rereading:
            lib.conn.execute(
                "INSERT INTO reads (work, started, finished, status, pages) VALUES (?, ?, ?, ?, ?)",
                (work, row["started"], row["finished"], row["status"], row["pages"]),
            )
        lib.conn.execute(
            """
            INSERT INTO progress (work, status, page, pages, started, finished, updated)
            VALUES (:work, :status, :page, :pages, :started, :finished, :updated)
            ON CONFLICT (work) DO UPDATE SET status = :status, page = :page,
                pages = COALESCE(:pages, pages), started = :started, finished = :finished,
                updated = :updated
            """,
            {
                "work": work,
                "status": new_status,
                "page": new_page,
                "pages": pages,
                "started": started,
                "finished": finished,
                "updated": stamp,
            },
        )
        lib.conn.execute(
            "INSERT INTO reading_sessions (work, at, from_page, to_page, before) VALUES (?, ?, ?, ?, ?)",
            (work, stamp, row["page"], new_page, json.dumps(before | {"rereading": rereading})),
        )
    return get_progress(lib, work)


def undo_last(lib: Library, work: str) -> dict[str, Any]:
    """Put a work back as it was before its last change; returns the progress now."""
    row = work_row(lib, work)
    last = lib.conn.execute(
        "SELECT id, before FROM reading_sessions WHERE work = ? ORDER BY id DESC LIMIT 1", (work,)
    ).fetchone()
    if last is None:
        raise UserError(f"nothing to undo for '{row['title']}'")
    before = json.loads(last[1])
    with lib.atomic():
        lib.conn.execute("DELETE FROM reading_sessions WHERE id = ?", (last[0],))
        if before.get("rereading"):
            lib.conn.execute(
                "DELETE FROM reads WHERE id = (SELECT max(id) FROM reads WHERE work = ?)", (work,)
            )
        if before["status"] is None:
            lib.conn.execute("DELETE FROM progress WHERE work = ?", (work,))
        else:
            lib.conn.execute(
                "UPDATE progress SET status = ?, page = ?, pages = ?, started = ?, finished = ?,"
                " updated = ? WHERE work = ?",
                (
                    before["status"],
                    before["page"],
                    before["pages"],
                    before["started"],
                    before["finished"],
                    now_iso(),
                    work,
                ),
            )
    return get_progress(lib, work)


def last_read_work(lib: Library) -> str | None:
    """The work in progress the reader moved in most recently."""
    row = lib.conn.execute(
        "SELECT work FROM progress WHERE status = 'reading' ORDER BY updated DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def sessions(lib: Library, work: str | None = None) -> list[dict[str, Any]]:
    """Reading sessions, oldest first: `at`, `work`, `from_page`, `to_page`."""
    sql = "SELECT work, at, from_page, to_page FROM reading_sessions"
    params: list[str] = []
    if work:
        sql += " WHERE work = ?"
        params.append(work)
    return list(lib.db.query(sql + " ORDER BY id", params))


def earlier_reads(lib: Library, work: str) -> list[dict[str, Any]]:
    return list(
        lib.db.query(
            "SELECT started, finished, status, pages FROM reads WHERE work = ? ORDER BY id", [work]
        )
    )

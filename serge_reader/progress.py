"""Reading progress: where the reader is in each work, and its status."""

from __future__ import annotations

from typing import Any

from serge_reader.errors import UserError
from serge_reader.library import Library, now_iso

STATUSES = ("want-to-read", "reading", "finished", "abandoned")


def work_row(lib: Library, work: str) -> dict[str, Any]:
    row = next(
        lib.db.query(
            """
            SELECT w.slug AS id, e.title, w.year, w.readable, w.availability,
                   p.status, COALESCE(p.page, 0) AS page, COALESCE(p.pages, w.pages) AS pages,
                   p.started, p.finished
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


def set_progress(
    lib: Library,
    work: str,
    *,
    page: int | None = None,
    pages: int | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """Record a change and return the new progress; a bad value changes nothing.

    Moving past page 0 starts a work that was only wanted; reaching the last page finishes it.
    """
    row = work_row(lib, work)
    if not row["readable"]:
        raise UserError(
            f"'{row['title']}' is a {row['availability']} manuscript and cannot be read"
        )
    if status is not None and status not in STATUSES:
        raise UserError(f"status must be one of {', '.join(STATUSES)}, not '{status}'")
    if pages is not None and (not isinstance(pages, int) or pages <= 0):
        raise UserError(f"the page count must be a whole number above 0, not {pages!r}")
    total = pages if pages is not None else row["pages"]
    new_page = row["page"] if page is None else page
    if not isinstance(new_page, int) or new_page < 0:
        raise UserError(f"page must be a whole number of 0 or more, not {page!r}")
    if total is not None and new_page > total:
        raise UserError(f"page {new_page} is beyond the last page ({total}) of '{row['title']}'")
    new_status = status or row["status"] or "want-to-read"
    if status is None and page is not None:
        if total and new_page == total:
            new_status = "finished"
        elif new_page > 0 and new_status == "want-to-read":
            new_status = "reading"
    today = now_iso()[:10]
    started = row["started"] or (today if new_status in ("reading", "finished") else None)
    finished = (row["finished"] or today) if new_status == "finished" else None
    with lib.atomic():
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
                "updated": now_iso(),
            },
        )
    return get_progress(lib, work)

"""Reading progress: status, position and dates in each work, with its history.

Every change of position is recorded as a reading session holding the progress row as it
was before, so pace and streaks are real and the last change of a work can be undone.
Finishing a work and starting it again keeps the finished read in `reads`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from serge_reader import clock
from serge_reader.clock import now_iso
from serge_reader.errors import UserError
from serge_reader.library import Library

STATUSES = ("want-to-read", "reading", "finished", "abandoned")
MAX_PAGES = 1_000_000  # beyond any book, and far below SQLite's largest integer (2**63 - 1)
_ROW_FIELDS = ("status", "page", "pages", "started", "finished", "chapter")


@dataclass(frozen=True)
class WorkProgress:
    """A work with the reader's progress in it, as the reading list, a work's page and
    `serge-reader progress` show it."""

    id: str
    title: str
    original_title: str
    year: int
    genre: str
    availability: str
    readable: bool  # False for lost and confiscated manuscripts
    listed_pages: int | None  # the reference edition's page count
    status: str | None  # None: not in the reader's reading
    page: int
    pages: int | None  # the reader's edition's page count, else the listed one
    own_pages: int | None  # the reader's edition's page count, when they gave it
    started: str | None  # the reader's days (YYYY-MM-DD)
    finished: str | None
    chapter: int | None  # the reader's chapter: the one set, else the one the page falls in

    @property
    def percent(self) -> float | None:
        if self.status == "finished":
            return 100.0
        return round(100 * self.page / self.pages, 1) if self.pages else None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "percent": self.percent}


_WORKS = """
    SELECT w.slug AS id, e.title, w.original_title, w.year, w.genre, w.availability,
           w.readable, w.pages AS listed_pages, p.status, COALESCE(p.page, 0) AS page,
           COALESCE(p.pages, w.pages) AS pages, p.pages AS own_pages, p.started, p.finished,
           p.chapter
    FROM ref.works w JOIN ref.entries e USING (slug)
    LEFT JOIN progress p ON p.work = w.slug
"""


def _stored(lib: Library, work: str) -> dict[str, Any]:
    """A work's row as stored (`chapter` the one the reader set), for the changes below."""
    row = next(lib.db.query(_WORKS + " WHERE w.slug = ?", [work]), None)
    if row is None:
        raise UserError(f"no work '{work}' (see 'serge-reader works')")
    return row


def _progress(lib: Library, row: dict[str, Any]) -> WorkProgress:
    return WorkProgress(**{**row, "readable": bool(row["readable"]), "chapter": _chapter(lib, row)})


def get_progress(lib: Library, work: str) -> WorkProgress:
    return _progress(lib, _stored(lib, work))


def reading_list(lib: Library) -> list[WorkProgress]:
    """Every work in timeline order, with the reader's progress in it."""
    rows = lib.db.query(_WORKS + " ORDER BY w.year, e.title")
    return [_progress(lib, row) for row in rows]


def being_read(lib: Library) -> list[WorkProgress]:
    """The works the reader is reading now, in timeline order (the home page's): the
    others are not read, nor their chapters looked for."""
    rows = lib.db.query(_WORKS + " WHERE p.status = 'reading' ORDER BY w.year, e.title")
    return [_progress(lib, row) for row in rows]


def _chapter(lib: Library, row: dict[str, Any]) -> int | None:
    """The reader's chapter: the one set, else the one the page falls in (None where neither
    is known, or the work is not being read)."""
    from serge_reader import entries, spoilers

    if row["status"] not in ("reading", "abandoned"):
        return None
    place = {**row, "work": row["id"], "pages": row["own_pages"]}
    return spoilers.reader_chapter(place, entries.chapter_lists(lib).get(row["id"])) or None


def editions(lib: Library, work: str) -> list[dict[str, Any]]:
    """The work's editions in English, numbered from 1 as `progress --edition N` takes them:
    title, translator, publisher, year, ISBN and page count (None where not known)."""
    rows = lib.db.query(
        "SELECT title, translator, publisher, year, isbn, pages FROM ref.translations"
        " WHERE work = ? ORDER BY position",
        [work],
    )
    return [{"number": n, **row} for n, row in enumerate(rows, 1)]


def _isbn(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).upper()


def edition_pages(lib: Library, work: str, edition: str) -> int:
    """The page count of a work's edition named by its number or ISBN; UserError when there
    is no such edition, or its page count is not known."""
    row = _stored(lib, work)
    found = editions(lib, work)
    chosen = next(
        (
            e
            for e in found
            if str(e["number"]) == edition.strip()
            or (e["isbn"] and _isbn(e["isbn"]) == _isbn(edition))
        ),
        None,
    )
    if chosen is None:
        listed = f"1 to {len(found)}, or an ISBN" if found else "none listed"
        raise UserError(f"no edition '{edition}' of '{row['title']}' ({listed}); or give --pages N")
    if not chosen["pages"]:
        raise UserError(
            f"the page count is not known for that edition of '{row['title']}' (give it: --pages N)"
        )
    return int(chosen["pages"])


def check_page(lib: Library, work: str, page: int | None) -> None:
    """A page of a work must be within the reader's edition (their page count, else the
    listed one): the rule of `progress --page`, for a note's page too."""
    if page is None:
        return
    row = _stored(lib, work)
    _check_within(row, page, row["pages"])


def _check_within(row: dict[str, Any], page: int, total: int | None) -> None:
    if total is not None and page > total:
        raise UserError(
            f"page {page} is beyond the last page ({total}) of '{row['title']}': if your"
            " edition has more pages, set its page count first"
        )


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
    chapter: int | None = None,
    edition: str | None = None,
) -> WorkProgress:
    """Record a change and return the new progress; a bad value changes nothing. `edition`
    (a number or an ISBN, see `editions`) sets the page count to that edition's.

    Moving past page 0 starts a work that was only wanted; reaching the last page finishes
    it; setting "reading" on a finished work starts a new read and keeps the old one. The
    progress as it was is read under the write lock, so that a change another program makes
    at the same moment is built on, never written over.
    """
    with lib.atomic():
        if edition is not None:
            chosen = edition_pages(lib, work, edition)
            if pages is not None and pages != chosen:
                raise UserError(f"that edition has {chosen} pages, not {pages}: give one of them")
            pages = chosen
        return _set_progress(
            lib, work, page=page, pages=pages, percent=percent, status=status, chapter=chapter
        )


def _set_progress(
    lib: Library,
    work: str,
    *,
    page: int | None,
    pages: int | None,
    percent: float | None,
    status: str | None,
    chapter: int | None = None,
) -> WorkProgress:
    row = _stored(lib, work)
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
    new_chapter = _checked_chapter(lib, row, chapter, page)
    before = {k: row[k] for k in _ROW_FIELDS} | {"pages": row["own_pages"]}
    rereading = status == "reading" and row["status"] == "finished"
    new_page = (0 if rereading else row["page"]) if page is None else page
    if page is None and pages is not None and total is not None and new_page > total:
        raise UserError(
            f"your page ({new_page}) is beyond the last page of an edition of {total} pages:"
            " set your page first"
        )
    _check_within(row, new_page, total)
    new_status = status or row["status"] or "want-to-read"
    if status is None and page is not None:
        if total and new_page == total:
            new_status = "finished"
        elif new_page > 0 and new_status in ("want-to-read", "finished"):
            rereading = new_status == "finished"
            new_status = "reading"
    elif status is None and new_chapter and new_status in ("want-to-read", "finished"):
        rereading = new_status == "finished"
        new_status = "reading"
    today = clock.today().isoformat()  # the reader's day, as a reader dates a book
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
            INSERT INTO progress (work, status, page, pages, started, finished, updated, chapter)
            VALUES (:work, :status, :page, :pages, :started, :finished, :updated, :chapter)
            ON CONFLICT (work) DO UPDATE SET status = :status, page = :page,
                pages = COALESCE(:pages, pages), started = :started, finished = :finished,
                updated = :updated, chapter = :chapter
            """,
            {
                "work": work,
                "status": new_status,
                "page": new_page,
                "pages": pages,
                "started": started,
                "finished": finished,
                "updated": stamp,
                "chapter": new_chapter,
            },
        )
        lib.conn.execute(
            "INSERT INTO reading_sessions (work, at, from_page, to_page, before) VALUES (?, ?, ?, ?, ?)",
            (work, stamp, row["page"], new_page, json.dumps(before | {"rereading": rereading})),
        )
    return get_progress(lib, work)


def _checked_chapter(
    lib: Library, row: dict[str, Any], chapter: int | None, page: int | None
) -> int | None:
    """The chapter to store: the one given (0 clears it), else the one stored unless a new
    page is given (the chapter then follows the page, from the chapter list)."""
    if chapter is None:
        return None if page is not None else row["chapter"]
    if isinstance(chapter, bool) or not isinstance(chapter, int) or chapter < 0:
        raise UserError(f"a chapter is a whole number from 1, not {chapter!r}")
    from serge_reader import entries

    listed = entries.chapter_lists(lib).get(row["id"])
    if listed is not None and chapter > len(listed[1]):
        raise UserError(f"'{row['title']}' has {len(listed[1])} chapters, not {chapter}")
    return chapter or None


def undo_last(lib: Library, work: str) -> WorkProgress:
    """Put a work back as it was before its last change; returns the progress now. The last
    change is read under the write lock: the one undone is the one last written."""
    with lib.atomic():
        return _undo_last(lib, work)


def _undo_last(lib: Library, work: str) -> WorkProgress:
    row = _stored(lib, work)
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
                " updated = ?, chapter = ? WHERE work = ?",
                (
                    before["status"],
                    before["page"],
                    before["pages"],
                    before["started"],
                    before["finished"],
                    now_iso(),
                    before.get("chapter"),
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

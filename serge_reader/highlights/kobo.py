"""Kobo's `.kobo/KoboReader.sqlite`: the `Bookmark` table, each row joined to its book in
`content`.

The device's database is never opened where it is: it is copied to a temporary file first
(with its write-ahead log, if one is there), and the copy is opened read-only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from serge_reader.errors import UserError
from serge_reader.highlights.model import (
    MAX_DATABASE_BYTES,
    Book,
    Mark,
    Report,
    Source,
    report_every,
)
from serge_reader.safe_files import open_regular

WHAT = "a Kobo database (KoboReader.sqlite)"
SQLITE_HEADER = b"SQLite format 3\x00"


def looks_like(head: bytes) -> bool:
    return head.startswith(SQLITE_HEADER)


def locate(path: Path) -> Path:
    """The database itself, given it or a device (or its `.kobo` folder)."""
    if path.is_dir():
        for candidate in (path / ".kobo" / "KoboReader.sqlite", path / "KoboReader.sqlite"):
            if candidate.is_file():
                return candidate
        raise UserError(f"no Kobo database (.kobo/KoboReader.sqlite) in {path}")
    return path


def _stamp(value: object) -> str | None:
    """Kobo writes `2024-06-03T10:15:00.000` or `2024-06-03T10:15:00Z` (UTC)."""
    if not isinstance(value, str) or len(value) < 19:
        return None
    try:
        moment = datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment.year > 1900 else None


def read(path: Path, report: Report | None = None) -> Source:
    db = locate(path)
    fd, _ = open_regular(db, WHAT, MAX_DATABASE_BYTES)
    with tempfile.TemporaryDirectory(prefix="serge-kobo-") as tmp:
        copy = Path(tmp) / "KoboReader.sqlite"
        try:
            with os.fdopen(fd, "rb") as src, open(copy, "wb") as dst:
                head = src.read(len(SQLITE_HEADER))
                if not looks_like(head):
                    raise UserError(f"{db} is not {WHAT}")
                dst.write(head)
                shutil.copyfileobj(src, dst)
            wal = db.with_name(db.name + "-wal")
            if wal.is_file() and not wal.is_symlink():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as exc:
            raise UserError(f"cannot read {db}: {exc.strerror}") from None
        try:
            books = _read_copy(copy, report)
        except sqlite3.Error as exc:
            raise UserError(f"{db} cannot be read as {WHAT} ({exc}); nothing was read") from None
    return Source("kobo", path, books)


def _read_copy(copy: Path, report: Report | None) -> list[Book]:
    con = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        con.execute("PRAGMA query_only = 1")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"Bookmark", "content"} <= tables:
            raise UserError(f"{copy.name} has no Bookmark and content tables: it is not {WHAT}")
        columns = {r[1] for r in con.execute("PRAGMA table_info(Bookmark)")}
        kind = "b.Type" if "Type" in columns else "NULL"
        hidden = "b.Hidden" if "Hidden" in columns else "NULL"
        rows = con.execute(
            f"""
            SELECT b.BookmarkID, b.VolumeID, b.Text, b.Annotation, b.DateCreated,
                   b.DateModified, b.ChapterProgress, {kind}, {hidden},
                   v.Title, v.Attribution, c.Title, c.VolumeIndex,
                   (SELECT max(VolumeIndex) + 1 FROM content WHERE BookID = b.VolumeID)
            FROM Bookmark b JOIN content v ON v.ContentID = b.VolumeID
            LEFT JOIN content c ON c.ContentID = b.ContentID
            ORDER BY b.VolumeID, c.VolumeIndex, b.ChapterProgress, b.DateCreated
            """
        ).fetchall()
    finally:
        con.close()
    books: dict[str, Book] = {}
    for n, row in enumerate(rows, start=1):
        (
            mark_id,
            volume,
            text,
            annotation,
            created,
            modified,
            progress,
            kind,
            hidden,
            title,
            attribution,
            chapter,
            index,
            chapters,
        ) = row
        if str(hidden).lower() in ("true", "1"):
            continue
        book = books.get(volume)
        if book is None:
            authors = [
                a.strip() for a in str(attribution or "").replace(";", ",").split(",") if a.strip()
            ]
            book = books[volume] = Book(
                key=str(volume), title=str(title or volume), authors=authors
            )
        text = str(text or "").strip()
        note = str(annotation or "").strip() or None
        kind = str(kind or ("highlight" if text else "bookmark")).lower()
        share = None
        with contextlib.suppress(TypeError, ValueError):
            if chapters and index is not None:
                share = min(max((int(index) + float(progress or 0)) / int(chapters), 0.0), 1.0)
        if kind in ("dogear", "bookmark") or not text:
            mark = Mark(
                kind="bookmark",
                text=note or "",
                spot=f"bookmark {mark_id}",
                share=share,
                chapter=_clean(chapter),
                created=_stamp(created),
            )
        else:
            mark = Mark(
                kind="highlight",
                text=text,
                spot=str(mark_id),
                note=note,
                share=share,
                chapter=_clean(chapter),
                created=_stamp(created) or _stamp(modified),
            )
        book.marks.append(mark)
        report_every(report, n, len(rows))
    return list(books.values())


def _clean(value: object) -> str | None:
    return str(value).strip() or None if value else None

"""KOReader's `metadata.*.lua` sidecars (in a book's `.sdr` folder, or in `docsettings/`).

Two layouts are read: the current one, one `annotations` list (highlights, notes on them,
and bookmarks, each with text, note, chapter, pageno and datetime), and the older one, a
`highlight` table by page beside a `bookmarks` list that carries the notes. The files are
read with `lua.loads`, which refuses anything but a table literal: nothing is run.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from serge_reader.errors import UserError
from serge_reader.highlights import lua
from serge_reader.highlights.model import (
    MAX_FOLDER_FILES,
    Book,
    Mark,
    Report,
    Source,
    local_stamp,
    read_text,
    report_every,
)
from serge_reader.safe_files import open_regular

WHAT = "a KOReader sidecar (metadata.*.lua)"
_SIDECAR = re.compile(r"^metadata\.[A-Za-z0-9]+\.lua$")
_PAGE_LABEL = re.compile(r"(?i)^\s*(page|seite|pagina|página|page n°|страница)\s+\d+")


def is_sidecar(path: Path) -> bool:
    return bool(_SIDECAR.match(path.name))


def sidecars(folder: Path) -> list[Path]:
    """The sidecars under a folder (a device, `docsettings/`, a book's `.sdr`), links not
    followed, at most MAX_FOLDER_FILES files looked at."""
    found: list[Path] = []
    seen = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") or d.endswith(".sdr"))
        for name in sorted(files):
            seen += 1
            if seen > MAX_FOLDER_FILES:
                raise UserError(
                    f"{folder} holds too many files to look through; choose a smaller folder"
                )
            if _SIDECAR.match(name):
                found.append(Path(root) / name)
    return found


def read(path: Path, report: Report | None = None) -> Source:
    if not path.is_dir() and not is_sidecar(path):
        from serge_reader.highlights import koreader_export

        if koreader_export.is_export(path, _head(path)):
            return koreader_export.read(path)
    files = sidecars(path) if path.is_dir() else [path]
    if not files:
        raise UserError(f"no KOReader sidecar (metadata.*.lua) under {path}")
    books = []
    for i, file in enumerate(files, start=1):
        books.append(read_sidecar(file))
        report_every(report, i, len(files), every=1)
    return Source("koreader", path, books)


def _head(path: Path) -> str:
    """The beginning of a file, to tell a sidecar from KOReader's exports."""
    fd, _ = open_regular(path, "a KOReader sidecar or highlights export", 2**62)
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read(4096).decode("utf-8", "ignore")
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from None


def read_sidecar(path: Path) -> Book:
    text = read_text(path, WHAT)
    try:
        data = lua.loads(text)
    except lua.LuaError as exc:
        raise UserError(f"{path} is not {WHAT}: {exc}") from None
    except RecursionError:
        raise UserError(f"{path} is nested too deeply to be {WHAT}") from None
    if not isinstance(data, dict):
        raise UserError(f"{path} is not {WHAT}: it does not hold a table")
    return book_from(data, path)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value <= 10_000_000:
        return value
    if isinstance(value, str) and value.isdigit() and len(value) < 9:
        return int(value)
    return None


def _stamp(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return local_stamp(datetime.strptime(value.strip()[:19], "%Y-%m-%d %H:%M:%S"))
    except ValueError:
        return None


def book_from(data: dict[Any, Any], path: Path) -> Book:
    props = data.get("doc_props") if isinstance(data.get("doc_props"), dict) else {}
    stats = data.get("stats") if isinstance(data.get("stats"), dict) else {}
    assert isinstance(props, dict) and isinstance(stats, dict)
    title = _text(props.get("title")) or _text(stats.get("title"))
    doc_path = _text(data.get("doc_path"))
    if not title:
        name = Path(doc_path).stem if doc_path else path.parent.name.removesuffix(".sdr")
        title = name
    authors_text = _text(props.get("authors")) or _text(stats.get("authors")) or ""
    authors = [a.strip() for a in re.split(r"\n|;", authors_text) if a.strip()]
    # The book's own checksum names it wherever the file moves; else its path.
    key = _text(data.get("partial_md5_checksum")) or doc_path or str(path)
    pages = _int(data.get("doc_pages")) or _int(stats.get("pages"))
    book = Book(key=key, title=title, authors=authors, device_pages=pages)
    if isinstance(data.get("annotations"), dict | list):
        book.marks = [
            m for item in lua.sequence(data["annotations"]) if (m := _annotation(item, pages))
        ]
    else:
        book.marks = _older_layout(data, pages)
    return book


def _share(pageno: int | None, pages: int | None) -> float | None:
    if pageno is None or not pages:
        return None
    return min(max(pageno / pages, 0.0), 1.0)


def _annotation(item: object, pages: int | None) -> Mark | None:
    """One entry of the `annotations` list: a highlight has `drawer` and its `text`; a
    bookmark has neither pos0 nor drawer."""
    if not isinstance(item, dict):
        return None
    created = _stamp(item.get("datetime"))
    pageno = _int(item.get("pageno")) or _int(item.get("page"))
    spot = _text(item.get("datetime")) or _text(item.get("pos0")) or str(item.get("page"))
    chapter = _text(item.get("chapter"))
    text = _text(item.get("text"))
    note = _text(item.get("note"))
    if item.get("drawer") or item.get("pos0"):
        if not text:
            return None
        kind = "highlight"
    else:
        kind = "bookmark"
        text = note or text or ""
        note = None
    return Mark(
        kind=kind,
        text=text,
        spot=f"{kind} {spot}" if kind != "highlight" else spot,
        note=note,
        page=pageno,
        share=_share(pageno, pages),
        chapter=chapter,
        created=created,
    )


def _older_layout(data: dict[Any, Any], pages: int | None) -> list[Mark]:
    """`bookmarks` (a highlighted one carries the passage in `notes` and the reader's note,
    if any, in `text`) and `highlight` ({[page] = {[i] = {text, datetime, …}}})."""
    marks: list[Mark] = []
    seen: set[str] = set()
    for item in lua.sequence(data.get("bookmarks")):
        if not isinstance(item, dict):
            continue
        pageno = (
            _int(item.get("page"))
            if not isinstance(item.get("page"), str) or item["page"].isdigit()
            else None
        )
        stamp = _text(item.get("datetime")) or _text(item.get("pos0")) or str(item.get("page"))
        passage = _text(item.get("notes"))
        label = _text(item.get("text"))
        if item.get("highlighted") and passage:
            note = label if label and label != passage and not _PAGE_LABEL.match(label) else None
            seen.add(stamp)
            marks.append(
                Mark(
                    kind="highlight",
                    text=passage,
                    spot=stamp,
                    note=note,
                    page=pageno,
                    share=_share(pageno, pages),
                    chapter=_text(item.get("chapter")),
                    created=_stamp(item.get("datetime")),
                )
            )
        else:
            marks.append(
                Mark(
                    kind="bookmark",
                    text=label or "",
                    spot=f"bookmark {stamp}",
                    page=pageno,
                    share=_share(pageno, pages),
                    chapter=_text(item.get("chapter")),
                    created=_stamp(item.get("datetime")),
                )
            )
    table = data.get("highlight")
    if isinstance(table, dict):
        for page_key in sorted(k for k in table if isinstance(k, int) and not isinstance(k, bool)):
            for item in lua.sequence(table[page_key]):
                if not isinstance(item, dict) or not _text(item.get("text")):
                    continue
                stamp = _text(item.get("datetime")) or _text(item.get("pos0")) or f"p{page_key}"
                if stamp in seen:
                    continue
                seen.add(stamp)
                marks.append(
                    Mark(
                        kind="highlight",
                        text=_text(item.get("text")) or "",
                        spot=stamp,
                        page=page_key,
                        share=_share(page_key, pages),
                        chapter=_text(item.get("chapter")),
                        created=_stamp(item.get("datetime")),
                    )
                )
    return marks

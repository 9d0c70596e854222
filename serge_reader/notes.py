"""The reader's notes: writing, reading, tagging and linking them.

A note's `[[links]]` are resolved when it is saved and kept in `note_links`, so an entry's
backlinks are one indexed query. Notes refer to works and entries by slug only.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from serge_reader.entries import entry_kind, resolve_name
from serge_reader.errors import UserError
from serge_reader.library import Library, now_iso
from serge_reader.progress import MAX_PAGES
from serge_reader.wikilinks import WIKILINK, iter_links

NOTE_KINDS = ("note", "quotation")
MAX_NOTE_CHARS = 1_000_000
MAX_TAG_CHARS = 60
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a tag is one line: not even tabs or newlines
_TAG = re.compile(r"^[^\s,#\[\]][^,\[\]]*$")


@dataclass(frozen=True)
class Position:
    """Where in a work a note belongs: a page, a chapter, a percentage, or any of them."""

    page: int | None = None
    chapter: str | None = None
    percent: float | None = None


def _check_unicode(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{what} is not valid Unicode (it holds a lone surrogate)") from None


def clean_body(text: str) -> str:
    """The text to store, or a UserError saying why it cannot be stored."""
    _check_unicode(text, "the note text")
    if len(text) > MAX_NOTE_CHARS:
        raise UserError(
            f"the note is too long ({len(text):,} characters; the limit is {MAX_NOTE_CHARS:,})"
        )
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_tags(tags: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in tags:
        tag = str(raw).strip().lstrip("#").strip()
        if not tag:
            continue
        _check_unicode(tag, "a tag")
        if len(tag) > MAX_TAG_CHARS or not _TAG.match(tag) or _TAG_CONTROL.search(tag):
            shown = _TAG_CONTROL.sub(" ", tag[:40])
            raise UserError(
                f"'{shown}' is not a tag (one line, no commas or brackets, at most {MAX_TAG_CHARS} characters)"
            )
        if tag not in out:
            out.append(tag)
    return out


def check_work(lib: Library, work: str | None) -> str | None:
    if work is None or work == "":
        return None
    if entry_kind(lib, work) != "work":
        raise UserError(f"no work '{work}' (see 'serge-reader works')")
    return work


def check_position(position: Position) -> Position:
    page = position.page
    if page is not None and (
        isinstance(page, bool) or not isinstance(page, int) or not 0 <= page <= MAX_PAGES
    ):
        raise UserError(f"page must be a whole number from 0 to {MAX_PAGES:,}, not {page!r}")
    if position.chapter is not None:
        _check_unicode(position.chapter, "the chapter")
    if position.percent is not None and not 0 <= position.percent <= 100:
        raise UserError(f"percent must be between 0 and 100, not {position.percent}")
    chapter = (position.chapter or "").strip() or None
    return Position(position.page, chapter, position.percent)


def add_note(
    lib: Library,
    body: str,
    *,
    work: str | None = None,
    position: Position = Position(),
    tags: Sequence[str] = (),
    kind: str = "note",
    uid: str | None = None,
    created: str | None = None,
    updated: str | None = None,
) -> int:
    """Store a new note and return its number."""
    record = checked_record(
        lib,
        body,
        work=work,
        position=position,
        tags=tags,
        kind=kind,
        uid=uid,
        created=created,
        updated=updated,
    )
    with lib.atomic():
        return insert_record(lib, record)


def checked_record(
    lib: Library,
    body: str,
    *,
    work: str | None,
    position: Position,
    tags: Sequence[str],
    kind: str,
    uid: str | None,
    created: str | None,
    updated: str | None,
) -> dict[str, Any]:
    """A note's fields, checked and cleaned, ready for `insert_record`; UserError if bad."""
    if kind not in NOTE_KINDS:
        raise UserError(f"a note's kind is 'note' or 'quotation', not '{kind}'")
    position = check_position(position)
    stamp = now_iso()
    return {
        "uid": uid or str(uuid.uuid4()),
        "body": clean_body(body),
        "work": check_work(lib, work),
        "page": position.page,
        "chapter": position.chapter,
        "percent": position.percent,
        "kind": kind,
        "created": created or stamp,
        "updated": updated or created or stamp,
        "tags": clean_tags(tags),
    }


def insert_record(lib: Library, record: dict[str, Any]) -> int:
    """Insert a checked note; the caller holds the transaction."""
    cur = lib.conn.execute(
        "INSERT INTO notes (uid, body, work, page, chapter, percent, kind, created, updated)"
        " VALUES (:uid, :body, :work, :page, :chapter, :percent, :kind, :created, :updated)",
        record,
    )
    note_id = int(cur.lastrowid or 0)
    _write_tags(lib, note_id, record["tags"])
    _write_links(lib, note_id, record["body"])
    return note_id


def update_note(
    lib: Library,
    note_id: int,
    *,
    body: str | None = None,
    work: str | object | None = ...,
    position: Position | None = None,
    tags: Sequence[str] | None = None,
    kind: str | None = None,
) -> None:
    """Change what is given of a note; `...` (the default) leaves the work as it is."""
    get_note(lib, note_id)  # raises for an unknown note
    changes: dict[str, Any] = {}
    if body is not None:
        changes["body"] = clean_body(body)
    if work is not ...:
        changes["work"] = check_work(lib, work if isinstance(work, str) else None)
    if position is not None:
        p = check_position(position)
        changes.update(page=p.page, chapter=p.chapter, percent=p.percent)
    if kind is not None:
        if kind not in NOTE_KINDS:
            raise UserError(f"a note's kind is 'note' or 'quotation', not '{kind}'")
        changes["kind"] = kind
    clean = clean_tags(tags) if tags is not None else None
    with lib.atomic():
        if changes:
            changes["updated"] = now_iso()
            assignments = ", ".join(f"{k} = :{k}" for k in changes)
            lib.conn.execute(
                f"UPDATE notes SET {assignments} WHERE id = :id", {**changes, "id": note_id}
            )
        if clean is not None:
            lib.conn.execute("DELETE FROM note_tags WHERE note = ?", (note_id,))
            _write_tags(lib, note_id, clean)
            if not changes:
                lib.conn.execute("UPDATE notes SET updated = ? WHERE id = ?", (now_iso(), note_id))
        if "body" in changes:
            lib.conn.execute("DELETE FROM note_links WHERE note = ?", (note_id,))
            _write_links(lib, note_id, changes["body"])


def delete_note(lib: Library, note_id: int) -> None:
    with lib.atomic():
        if lib.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount == 0:
            raise UserError(f"no note {note_id}")


def _write_tags(lib: Library, note_id: int, tags: Sequence[str]) -> None:
    lib.conn.executemany("INSERT INTO note_tags VALUES (?, ?)", [(note_id, t) for t in tags])


def _write_links(lib: Library, note_id: int, body: str) -> None:
    targets = {slug for link in iter_links(body) if (slug := resolve_name(lib, link.target))}
    lib.conn.executemany(
        "INSERT INTO note_links VALUES (?, ?)", [(note_id, t) for t in sorted(targets)]
    )


_NOTE_COLUMNS = """
    n.id, n.uid, n.body, n.work, n.page, n.chapter, n.percent, n.kind, n.created, n.updated,
    (SELECT group_concat(tag, char(31)) FROM
        (SELECT tag FROM note_tags WHERE note = n.id ORDER BY tag)) AS tags
"""


def _row_to_note(row: dict[str, Any]) -> dict[str, Any]:
    row["tags"] = row["tags"].split("\x1f") if row["tags"] else []
    return row


def get_note(lib: Library, note_id: int) -> dict[str, Any]:
    row = next(lib.db.query(f"SELECT {_NOTE_COLUMNS} FROM notes n WHERE n.id = ?", [note_id]), None)
    if row is None:
        raise UserError(f"no note {note_id}")
    return _row_to_note(row)


def note_filters(
    *, work: str | None = None, tag: str | None = None, kind: str | None = None
) -> tuple[list[str], dict[str, str]]:
    """SQL conditions on notes `n` for the filters given, and their parameters."""
    where: list[str] = []
    params: dict[str, str] = {}
    if work:
        where.append("n.work = :work")
        params["work"] = work
    if tag:
        where.append("EXISTS (SELECT 1 FROM note_tags t WHERE t.note = n.id AND t.tag = :tag)")
        params["tag"] = tag
    if kind:
        where.append("n.kind = :kind")
        params["kind"] = kind
    return where, params


def list_notes(
    lib: Library,
    *,
    work: str | None = None,
    tag: str | None = None,
    kind: str | None = None,
    about: str | None = None,
    order: str = "updated",
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Notes, filtered; `about` gives an entry's backlinks (attached to it, or linking to it).

    `order` is "updated" (newest first) or "page" (through the book).
    """
    where, params = note_filters(work=work, tag=tag, kind=kind)
    if about:
        where.append(
            "(n.work = :about OR EXISTS"
            " (SELECT 1 FROM note_links l WHERE l.note = n.id AND l.target = :about))"
        )
        params["about"] = about
    order_by = {
        "updated": "n.updated DESC, n.id DESC",
        "page": "n.work, n.page IS NULL, n.page, n.percent, n.id",
    }[order]
    sql = f"SELECT {_NOTE_COLUMNS} FROM notes n WHERE {' AND '.join(where) or '1'} ORDER BY {order_by}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [_row_to_note(r) for r in lib.db.query(sql, params)]


def count_notes(lib: Library) -> int:
    return int(lib.conn.execute("SELECT count(*) FROM notes").fetchone()[0])


def all_tags(lib: Library) -> list[tuple[str, int]]:
    return [
        (r[0], r[1])
        for r in lib.conn.execute("SELECT tag, count(*) FROM note_tags GROUP BY tag ORDER BY tag")
    ]


def note_title(note: dict[str, Any], width: int = 60) -> str:
    """A one-line title for lists: the first non-empty line, without markdown marks."""
    body: str = WIKILINK.sub(lambda m: m.group(2) or m.group(1), note["body"])
    for line in body.splitlines():
        line = line.strip().lstrip("#>*- ").strip()
        if line:
            return line if len(line) <= width else line[: width - 1] + "…"
    return "(empty note)"

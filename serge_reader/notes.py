"""The reader's notes: writing, reading, tagging and linking them.

A note's `[[links]]` are resolved when it is saved and kept in `note_links`, so an entry's
backlinks are one indexed query. Notes refer to works and entries by slug only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from serge_reader.clock import now_iso
from serge_reader.entries import entry_kind
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.names import link_candidates
from serge_reader.progress import MAX_PAGES
from serge_reader.tags import inline_tags
from serge_reader.tags import key as tag_key
from serge_reader.wikilinks import WIKILINK, iter_links

NOTE_KINDS = ("note", "quotation")
MAX_NOTE_CHARS = 1_000_000
MAX_TAG_CHARS = 60
LARGEST_ID = 2**63 - 1  # SQLite's largest integer: a larger number names no note
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a tag is one line: not even tabs or newlines
_TAG = re.compile(r"^[^\s,#\[\]][^,\[\]]*$")


@dataclass(frozen=True)
class NoteRef:
    """A note named where entries are named (a look-up result, the context panel's history,
    `serge-reader show`): the id `note:N`."""

    number: int

    PREFIX = "note:"

    def __str__(self) -> str:
        return f"{self.PREFIX}{self.number}"

    @classmethod
    def parse(cls, entry_id: str) -> NoteRef | None:
        """The note an id names; None for an entry's slug or `home`; UserError for
        `note:` followed by anything but a number."""
        if not entry_id.startswith(cls.PREFIX):
            return None
        digits = entry_id[len(cls.PREFIX) :]
        if not (digits.isascii() and digits.isdigit()):
            raise UserError(f"'{entry_id}' is not a note id (note:N)")
        return cls(int(digits))


@dataclass(frozen=True)
class Position:
    """Where in a work a note belongs: a page, a chapter, a percentage, or any of them."""

    page: int | None = None
    chapter: str | None = None
    percent: float | None = None


def check_unicode(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{what} is not valid Unicode (it holds a lone surrogate)") from None


def clean_body(text: str) -> str:
    """The text to store, or a UserError saying why it cannot be stored."""
    check_unicode(text, "the note text")
    if len(text) > MAX_NOTE_CHARS:
        raise UserError(
            f"the note is too long ({len(text):,} characters; the limit is {MAX_NOTE_CHARS:,})"
        )
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags to store, each once whatever its case (the first spelling kept); UserError for
    one that cannot be a tag."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = str(raw).strip().lstrip("#").strip()
        if not tag:
            continue
        check_unicode(tag, "a tag")
        if len(tag) > MAX_TAG_CHARS or not _TAG.match(tag) or _TAG_CONTROL.search(tag):
            shown = _TAG_CONTROL.sub(" ", tag[:40])
            raise UserError(
                f"'{shown}' is not a tag (one line, no commas or brackets, at most {MAX_TAG_CHARS} characters)"
            )
        if tag_key(tag) not in seen:
            seen.add(tag_key(tag))
            out.append(tag)
    return out


def note_tags(body: str, tags: Iterable[str]) -> list[str]:
    """A note's tags: the tag field's and the `#tags` of its text (a text without `#` has
    none: most notes, and an import checks 100,000 of them)."""
    return clean_tags([*tags, *inline_tags(body)] if "#" in body else tags)


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
        check_unicode(position.chapter, "the chapter")
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
    """A note's fields, checked and cleaned, with the entries its links resolve to, ready
    for `insert_record`; UserError if bad. Reads the library only through the reference
    tables cached by `entries.load_reference`, so an import can check in another thread."""
    if kind not in NOTE_KINDS:
        raise UserError(f"a note's kind is 'note' or 'quotation', not '{kind}'")
    position = check_position(position)
    stamp = "" if created else now_iso()
    if not uid:
        import uuid  # with the platform module it pulls in, 5 ms the app's start can skip

        uid = str(uuid.uuid4())
    return {
        "uid": uid,
        "body": clean_body(body),
        "work": check_work(lib, work),
        "page": position.page,
        "chapter": position.chapter,
        "percent": position.percent,
        "kind": kind,
        "created": created or stamp,
        "updated": updated or created or stamp,
        "tags": note_tags(body, tags),
        "links": _link_targets(lib, body),
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
    _write_links(lib, note_id, record["links"])
    return note_id


_FIELDS = "uid, body, work, page, chapter, percent, kind, created, updated"
# When a change happened, as the sync triggers stamp it (migrations._pending).
_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"


class StagedNote(NamedTuple):
    """A checked note as `insert_staged` takes it: its fields, with its tags and links as
    JSON lists."""

    uid: str
    body: str
    work: str | None
    page: int | None
    chapter: str | None
    percent: float | None
    kind: str
    created: str
    updated: str
    tags: str
    links: str


def staged(record: dict[str, Any]) -> StagedNote:
    """A record of `checked_record`, ready for `insert_staged` (made where it costs least:
    an import makes them in its checking thread)."""
    return StagedNote(
        record["uid"],
        record["body"],
        record["work"],
        record["page"],
        record["chapter"],
        record["percent"],
        record["kind"],
        record["created"],
        record["updated"],
        json.dumps(record["tags"]),
        json.dumps(record["links"]),
    )


def insert_records(lib: Library, records: Sequence[dict[str, Any]]) -> None:
    """Insert many checked notes (a sync, e-reader highlights; see `insert_staged`); the
    caller holds the transaction."""
    insert_staged(lib, [staged(r) for r in records])


def insert_staged(
    lib: Library,
    rows: Sequence[StagedNote],
    meanwhile: Callable[[], object] | None = None,
) -> None:
    """Insert many checked notes (an import); the caller holds the transaction.

    The notes, their tags and links are staged row by row, then written by one statement
    each: the full-text index then adds the notes in one pass, where a statement per note
    makes it write its pending entries out after every note (100,000 notes: about 9 s for
    the index instead of 26 s). `meanwhile` is called once the rows are staged: the
    statements after it are SQLite's alone, and let go of Python's interpreter lock, the
    moment for another thread to run Python (an import checks the next records then).

    The sync triggers are quiet meanwhile and the new notes are marked for the next sync
    in one statement (a trigger per note alone cost 1.2 s of 100,000 notes' 11 s of SQL);
    while a sync applies others' notes they are not marked, as its triggers would not.
    """
    con = lib.conn
    if not rows:
        if meanwhile:
            meanwhile()
        return
    quieted = (
        con.execute(
            "INSERT OR IGNORE INTO sync_state (key, value) VALUES ('applying', '1')"
        ).rowcount
        == 1
    )
    con.execute(f"CREATE TEMP TABLE incoming ({_FIELDS}, tags, links)")
    try:
        con.executemany(
            f"INSERT INTO temp.incoming ({_FIELDS}, tags, links) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if meanwhile:
            meanwhile()
        con.execute(
            f"INSERT INTO notes ({_FIELDS}) SELECT {_FIELDS} FROM temp.incoming ORDER BY rowid"
        )
        for table, column in (("note_tags", "tags"), ("note_links", "links")):
            con.execute(
                f"INSERT INTO {table} SELECT n.id, j.value FROM temp.incoming i"
                f" JOIN notes n ON n.uid = i.uid, json_each(i.{column}) j"
            )
        if quieted:
            con.execute(
                "INSERT OR REPLACE INTO sync_pending (kind, key, at)"
                f" SELECT 'note', uid, {_NOW_MS} FROM temp.incoming"
            )
    finally:
        con.execute("DROP TABLE temp.incoming")
        if quieted:
            con.execute("DELETE FROM sync_state WHERE key = 'applying'")


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
    """Change what is given of a note; `...` (the default) leaves the work as it is. `tags`
    are the tag field's: the note's tags are they and the `#tags` of its text (with a new
    text and no `tags`, the field's stay and those of the text follow it)."""
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
    if tags is not None:
        clean_tags(tags)  # a bad tag is refused before anything is written
    with lib.atomic():
        stored = get_note(lib, note_id)  # raises for an unknown note, read under the write lock
        clean: list[str] | None = None
        if tags is not None or body is not None:
            field = stored.tag_field if tags is None else tags
            clean = note_tags(changes.get("body", stored.body), field)
            if sorted(clean) == sorted(stored.tags) and tags is None:
                clean = None  # a new text with the same tags: nothing more to write
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
            _write_links(lib, note_id, _link_targets(lib, changes["body"]))


def note_exists(lib: Library, note_id: int) -> bool:
    if not 0 <= note_id <= LARGEST_ID:
        return False
    return lib.conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone() is not None


def delete_note(lib: Library, note_id: int) -> None:
    if not 0 <= note_id <= LARGEST_ID:
        raise UserError(f"no note {note_id}")
    with lib.atomic():
        if lib.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount == 0:
            raise UserError(f"no note {note_id}")


def _write_tags(lib: Library, note_id: int, tags: Sequence[str]) -> None:
    lib.conn.executemany("INSERT INTO note_tags VALUES (?, ?)", [(note_id, t) for t in tags])


def _link_targets(lib: Library, body: str) -> list[str]:
    """The entries a note's `[[links]]` stand for (`names.link_candidates`): a name several
    entries share links the note to each, so that it is found on whichever page."""
    if "[[" not in body:
        return []
    written = {link.target for link in iter_links(body)}
    return sorted({slug for target in written for slug in link_candidates(lib, target)})


def _write_links(lib: Library, note_id: int, targets: Iterable[str]) -> None:
    lib.conn.executemany("INSERT INTO note_links VALUES (?, ?)", [(note_id, t) for t in targets])


_NOTE_COLUMNS = """
    n.id, n.uid, n.body, n.work, n.page, n.chapter, n.percent, n.kind, n.created, n.updated,
    (SELECT group_concat(tag, char(31)) FROM
        (SELECT tag FROM note_tags WHERE note = n.id ORDER BY tag)) AS tags
"""


@dataclass(frozen=True)
class Note:
    """A note as stored: the reader's text, where it belongs, and when it was written."""

    id: int
    uid: str  # stable across export, import and sync
    body: str
    work: str | None  # a work's slug
    page: int | None
    chapter: str | None
    percent: float | None
    kind: str  # "note" or "quotation"
    created: str  # UTC stamps (see `clock`)
    updated: str
    tags: tuple[str, ...]

    @property
    def position(self) -> Position:
        return Position(self.page, self.chapter, self.percent)

    @property
    def title(self) -> str:
        return note_title(self.body)

    @property
    def tag_field(self) -> tuple[str, ...]:
        """The tags an editor's tag field shows: those not written in the text as `#tags`."""
        written = {tag_key(t) for t in inline_tags(self.body)}
        return tuple(t for t in self.tags if tag_key(t) not in written)

    def as_json(self) -> dict[str, Any]:
        """The note as the CLI's `--json` and the JSON export give it. (Field by field:
        `dataclasses.asdict` copies deeply, which doubled the time of an export.)"""
        return {f.name: getattr(self, f.name) for f in fields(self)} | {"tags": list(self.tags)}


def _row_to_note(row: dict[str, Any]) -> Note:
    joined = row.pop("tags")
    return Note(**row, tags=tuple(joined.split("\x1f")) if joined else ())


def get_note(lib: Library, note_id: int) -> Note:
    if not 0 <= note_id <= LARGEST_ID:
        raise UserError(f"no note {note_id}")
    row = next(lib.db.query(f"SELECT {_NOTE_COLUMNS} FROM notes n WHERE n.id = ?", [note_id]), None)
    if row is None:
        raise UserError(f"no note {note_id}")
    return _row_to_note(row)


def excerpt(lib: Library, note_id: int, chars: int = 400) -> str:
    """The start of a note's text (empty for an unknown note), for a tooltip."""
    row = lib.conn.execute("SELECT substr(body, 1, ?) FROM notes WHERE id = ?", (chars, note_id))
    found = row.fetchone()
    return str(found[0]) if found else ""


@dataclass(frozen=True)
class NoteFilter:
    """Which notes a list, a count or a search is about: of a work, with a tag (in any case),
    of a kind, about an entry (attached to it, or linking to it). Empty: every note."""

    work: str | None = None
    tag: str | None = None
    kind: str | None = None
    about: str | None = None

    def where(self, lib: Library) -> tuple[list[str], dict[str, Any]]:
        """SQL conditions on notes `n`, and their parameters."""
        where: list[str] = []
        params: dict[str, Any] = {}
        if self.work:
            where.append("n.work = :work")
            params["work"] = self.work
        if self.tag:
            spellings = tag_spellings(lib, self.tag)
            marks = ", ".join(f":tag{i}" for i in range(len(spellings)))
            where.append(
                f"EXISTS (SELECT 1 FROM note_tags t WHERE t.note = n.id AND t.tag IN ({marks}))"
            )
            params.update({f"tag{i}": t for i, t in enumerate(spellings)})
        if self.kind:
            where.append("n.kind = :kind")
            params["kind"] = self.kind
        if self.about:
            # Two index look-ups, where "work = :about OR EXISTS (...)" reads every note.
            where.append(
                "n.id IN (SELECT id FROM notes WHERE work = :about"
                " UNION ALL SELECT note FROM note_links WHERE target = :about)"
            )
            params["about"] = self.about
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
    after: tuple[str, int] | None = None,
    from_page: int | None = None,
    before_page: int | None = None,
) -> list[Note]:
    """Notes, filtered; `about` gives an entry's backlinks (attached to it, or linking to it).

    `order` is "updated" (newest first), "page" (through the book) or "page_desc" (back
    through it). To page through many notes newest first, pass the (updated, id) of the last
    note shown as `after`: the next page then costs the same however far down it is (an
    OFFSET walks every row before it). `from_page` and `before_page` keep the notes on that
    page or later, or before it.
    """
    where, params = NoteFilter(work, tag, kind, about).where(lib)
    if after is not None:
        where.append("(n.updated, n.id) < (:after_updated, :after_id)")
        params.update(after_updated=after[0], after_id=after[1])
    if from_page is not None:
        where.append("n.page >= :from_page")
        params["from_page"] = from_page
    if before_page is not None:
        where.append("n.page < :before_page")
        params["before_page"] = before_page
    if from_page is not None or before_page is not None:
        # Only notes with a page: the index on (work, page) gives them in order, unsorted.
        order_by = {"page": "n.page, n.id", "page_desc": "n.page DESC, n.id DESC"}[order]
    else:
        order_by = {
            "updated": "n.updated DESC, n.id DESC",
            "page": "n.work, n.page IS NULL, n.page, n.percent, n.id",
            "page_desc": "n.work, n.page IS NULL, n.page DESC, n.percent DESC, n.id DESC",
        }[order]
    condition = " AND ".join(where) or "1"
    if limit is not None:
        # The rows are chosen first and their text and tags read after, for those rows only.
        condition = (
            f"n.id IN (SELECT n.id FROM notes n WHERE {condition} ORDER BY {order_by}"
            f" LIMIT {int(limit)} OFFSET {int(offset)})"
        )
    sql = f"SELECT {_NOTE_COLUMNS} FROM notes n WHERE {condition} ORDER BY {order_by}"
    return [_row_to_note(r) for r in lib.db.query(sql, params)]


def count_notes(
    lib: Library,
    *,
    work: str | None = None,
    tag: str | None = None,
    kind: str | None = None,
    about: str | None = None,
) -> int:
    where, params = NoteFilter(work, tag, kind, about).where(lib)
    sql = f"SELECT count(*) FROM notes n WHERE {' AND '.join(where) or '1'}"
    return int(lib.conn.execute(sql, params).fetchone()[0])


def all_tags(lib: Library) -> list[tuple[str, int]]:
    """Every tag with its number of notes, in alphabetical order: spellings that differ in
    case only are one tag, named as it is written most (else first)."""
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for tag, count, first in lib.conn.execute(
        "SELECT tag, count(*), min(note) FROM note_tags GROUP BY tag"
    ):
        groups.setdefault(tag_key(tag), []).append((-count, first, tag))
    named = [(min(spellings)[2], -sum(s[0] for s in spellings)) for spellings in groups.values()]
    return sorted(named, key=lambda t: (tag_key(t[0]), t[0]))


def tag_spellings(lib: Library, tag: str) -> list[str]:
    """The spellings of a tag in the library (`Police`, `police`), for a filter; the tag
    itself when no note has it."""
    wanted = tag_key(tag.strip().lstrip("#").strip())
    if wanted.isascii():  # the case-insensitive index finds them (see migrations)
        rows = lib.conn.execute(
            "SELECT DISTINCT tag FROM note_tags WHERE tag = ? COLLATE NOCASE", (wanted,)
        )
    else:
        rows = lib.conn.execute("SELECT DISTINCT tag FROM note_tags")
    found = [r[0] for r in rows if tag_key(r[0]) == wanted]
    return found or [tag]


def linked_entries(lib: Library, note_id: int) -> list[str]:
    """The entries a note's `[[links]]` resolve to, in slug order."""
    rows = lib.conn.execute(
        "SELECT target FROM note_links WHERE note = ? ORDER BY target", (note_id,)
    )
    return [r[0] for r in rows]


def entries_of(lib: Library, note_id: int) -> list[str]:
    """The entries a note belongs to: its work and what its `[[links]]` name."""
    rows = lib.conn.execute(
        "SELECT work FROM notes WHERE id = ? AND work IS NOT NULL"
        " UNION SELECT target FROM note_links WHERE note = ?",
        (note_id, note_id),
    )
    return [r[0] for r in rows]


def note_title(text: str, width: int = 60) -> str:
    """A one-line title for lists: the first non-empty line, without markdown marks."""
    body: str = WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    for line in body.splitlines():
        line = line.strip().lstrip("#>*- ").strip()
        if line:
            return line if len(line) <= width else line[: width - 1] + "…"
    return "(empty note)"

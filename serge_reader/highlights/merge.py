"""Taking an e-reader's marks into the library: the plan (shown before anything is
written), the import itself, and the batches it leaves.

Highlights become quotation notes; a note made on the device becomes a note of the reader's
on the same page, attached to its highlight; bookmarks are skipped unless asked for. Every
note made remembers where it came from (`highlight_origins`: device, book, spot, text hash)
so that importing again adds only what is new, an edited highlight replaces its earlier
version, and a note the reader has edited since is never overwritten. One import is one
transaction and one batch (`highlight_batches`), listed and removable as a whole.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from serge_reader import notes
from serge_reader.clock import local_day, now_iso
from serge_reader.errors import UserError
from serge_reader.highlights.matching import AMBIGUOUS, MATCHED, OTHER, Matcher
from serge_reader.highlights.model import DEVICE_NAMES, Book, Mark, Report, Source, report_every
from serge_reader.library import Library

# Kindle counts a location per 128 bytes or so of text: about 15 to a printed page.
LOCATIONS_PER_PAGE = 15
CHOSEN, SKIPPED = "chosen", "skipped"


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass
class BookPlan:
    """One book of the source: the work it was matched to and what importing would do."""

    key: str
    title: str
    authors: list[str]
    status: str  # matched, chosen (by the reader), ambiguous, other (not Serge's), skipped
    work: str | None = None
    candidates: tuple[str, ...] = ()
    new: int = 0
    present: int = 0
    updated: int = 0
    kept: int = 0  # edited by the reader since: left as it is
    skipped: int = 0  # bookmarks, or every mark of a book not imported

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": self.authors,
            "status": self.status,
            "work": self.work,
            "candidates": list(self.candidates),
            "new": self.new,
            "present": self.present,
            "updated": self.updated,
            "kept": self.kept,
            "skipped": self.skipped,
        }


@dataclass
class _Entry:
    """One note to add or update."""

    kind: str  # quotation or note
    body: str
    work: str
    book: str
    spot: str
    start: int | None
    end: int | None
    page: int | None
    chapter: str | None
    percent: float | None
    created: str | None
    approximate: bool
    highlight_spot: str | None = None  # a device note: its highlight's spot
    note_id: int | None = None  # set: an update of this note


@dataclass
class Plan:
    device: str
    source: str
    books: list[BookPlan]
    entries: list[_Entry] = field(default_factory=list)
    refused: int = 0

    def count(self, attr: str) -> int:
        return sum(getattr(b, attr) for b in self.books)

    @property
    def added_highlights(self) -> int:
        return sum(1 for e in self.entries if e.note_id is None and e.kind == "quotation")

    @property
    def added_notes(self) -> int:
        return sum(1 for e in self.entries if e.note_id is None and e.kind == "note")

    @property
    def approximate(self) -> int:
        return sum(1 for e in self.entries if e.approximate)

    @property
    def works(self) -> set[str]:
        return {e.work for e in self.entries}

    def ambiguous(self) -> list[BookPlan]:
        return [b for b in self.books if b.status == AMBIGUOUS]

    def summary(self, when: str | None = None) -> str:
        """`Kindle, 3 June 2024: 41 highlights, 6 notes in 3 works`, and what else was done."""
        day = local_day(when or now_iso())
        works = len(self.works)
        text = (
            f"{DEVICE_NAMES[self.device]}, {day.day} {day.strftime('%B')} {day.year}: "
            f"{_n(self.added_highlights, 'highlight')}, {_n(self.added_notes, 'note')} "
            f"in {_n(works, 'work')}"
        )
        extra = []
        if self.count("updated"):
            extra.append(f"{self.count('updated')} updated")
        if self.count("present"):
            extra.append(f"{self.count('present')} already there")
        if self.count("kept"):
            extra.append(f"{self.count('kept')} you edited since left as they are")
        if self.approximate:
            extra.append(f"{self.approximate} at an approximate page")
        others = sum(1 for b in self.books if b.status in (OTHER, SKIPPED))
        if others:
            extra.append(f"{_n(others, 'other book')} skipped")
        if self.ambiguous():
            extra.append(f"{_n(len(self.ambiguous()), 'book')} to choose a work for")
        if self.refused:
            extra.append(f"{_n(self.refused, 'entry', 'entries')} not readable")
        return text + (" (" + "; ".join(extra) + ")" if extra else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "source": self.source,
            "highlights": self.added_highlights,
            "notes": self.added_notes,
            "works": sorted(self.works),
            "updated": self.count("updated"),
            "present": self.count("present"),
            "kept": self.count("kept"),
            "approximate_pages": self.approximate,
            "refused": self.refused,
            "books": [b.to_json() for b in self.books],
        }


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


@dataclass
class _Origin:
    note: int
    spot: str
    start: int | None
    end: int | None
    text_hash: str
    body_hash: str


def _existing(
    lib: Library, device: str
) -> tuple[dict[str, list[_Origin]], dict[str, list[_Origin]]]:
    """The device's earlier imports, by book as the device named it, and by the work their
    notes are in. (A device may name one book two ways: KOReader's sidecar by the file's
    checksum, its exports by title and authors; the same highlight is then found by work.)"""
    by_book: dict[str, list[_Origin]] = {}
    by_work: dict[str, list[_Origin]] = {}
    for note, book, spot, start, end, th, bh, work in lib.conn.execute(
        "SELECT o.note, o.book, o.spot, o.loc_start, o.loc_end, o.text_hash, o.body_hash,"
        " n.work FROM highlight_origins o JOIN notes n ON n.id = o.note WHERE o.device = ?",
        (device,),
    ):
        origin = _Origin(note, spot, start, end, th, bh)
        by_book.setdefault(book, []).append(origin)
        if work:
            by_work.setdefault(work, []).append(origin)
    return by_book, by_work


def _bodies(lib: Library, ids: list[int]) -> dict[int, str]:
    """The notes' text as it is now (the one place this module reads notes)."""
    if not ids:
        return {}
    return dict(
        lib.conn.execute(
            "SELECT id, body FROM notes WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
    )


def _edition_pages(lib: Library) -> dict[str, int]:
    """Each work's page count in the reader's edition: theirs, else the reference one."""
    pages = {slug: p for slug, p in lib.conn.execute("SELECT slug, pages FROM ref.works") if p}
    for work, p in lib.conn.execute("SELECT work, pages FROM progress WHERE pages IS NOT NULL"):
        pages[work] = p
    return pages


def _place(device: str, mark: Mark, pages: int | None) -> tuple[int | None, float | None, bool]:
    """(page, percent, approximate): the device's page when it gives a printed one (Kindle);
    otherwise a position turned into a page of the reader's edition."""
    percent = round(mark.share * 100, 1) if mark.share is not None else None
    if device == "kindle" and mark.page is not None:
        return mark.page, percent, False
    if mark.share is not None and pages:
        return max(1, min(pages, math.ceil(mark.share * pages))), percent, True
    if device == "kindle" and mark.start is not None:
        page = max(1, math.ceil(mark.start / LOCATIONS_PER_PAGE))
        return (min(page, pages) if pages else page), percent, True
    if mark.page is not None:
        return mark.page, percent, True
    return None, percent, False


def _overlaps(origin: _Origin, mark: Mark, body: str | None) -> bool:
    if None in (origin.start, origin.end, mark.start, mark.end):
        return False
    assert origin.start is not None and origin.end is not None
    assert mark.start is not None and mark.end is not None
    if origin.start > mark.end or mark.start > origin.end:
        return False
    if origin.start == mark.start or origin.end == mark.end:
        return True
    return body is not None and (body.strip() in mark.text or mark.text in body)


def plan_import(
    lib: Library,
    source: Source,
    *,
    choices: Mapping[str, str | None] | None = None,
    bookmarks: bool = False,
    report: Report | None = None,
) -> Plan:
    """What importing `source` would do, writing nothing. `choices` gives, by book key, the
    work the reader chose for a book (None or "": skip it)."""
    choices = choices or {}
    matcher = Matcher(lib)
    existing, existing_in_work = _existing(lib, source.device)
    bodies = _bodies(lib, [o.note for found in existing.values() for o in found])
    edition = _edition_pages(lib)
    plan = Plan(source.device, str(source.path), [], refused=source.refused)
    used: set[int] = set()
    total = sum(len(b.marks) for b in source.books)
    done = 0
    for book in source.books:
        bp = _book_plan(lib, matcher, book, choices)
        plan.books.append(bp)
        if bp.work is None:
            bp.skipped = len(book.marks)
            done += len(book.marks)
            continue
        origins = existing.get(book.key) or existing_in_work.get(bp.work, [])
        by_spot = {o.spot: o for o in origins}
        for mark in book.marks:
            done += 1
            report_every(report, done, total)
            if mark.kind == "bookmark" and not bookmarks:
                bp.skipped += 1
                continue
            page, percent, approximate = _place(source.device, mark, edition.get(bp.work))
            kind = "quotation" if mark.kind == "highlight" else "note"
            body = mark.text or (f"Bookmark ({mark.chapter})" if mark.chapter else "Bookmark")
            entry = _Entry(
                kind,
                body,
                bp.work,
                book.key,
                mark.spot,
                mark.start,
                mark.end,
                page,
                mark.chapter,
                percent,
                mark.created,
                approximate,
            )
            _resolve(plan, bp, entry, mark, by_spot, origins, bodies, used)
            if mark.kind == "highlight" and mark.note:
                note = _Entry(
                    "note",
                    mark.note,
                    bp.work,
                    book.key,
                    mark.note_spot or f"{mark.spot} note",
                    None,
                    None,
                    page,
                    mark.chapter,
                    percent,
                    mark.note_created or mark.created,
                    approximate,
                    highlight_spot=mark.spot,
                )
                _resolve(plan, bp, note, None, by_spot, origins, bodies, used)
    return plan


def _book_plan(
    lib: Library, matcher: Matcher, book: Book, choices: Mapping[str, str | None]
) -> BookPlan:
    bp = BookPlan(book.key, book.title, book.authors, OTHER)
    if book.key in choices:
        chosen = choices[book.key]
        if chosen:
            if chosen not in matcher.titles:
                raise UserError(f"no work '{chosen}' (see 'serge-reader works')")
            bp.status, bp.work = CHOSEN, chosen
        else:
            bp.status = SKIPPED
        return bp
    found = matcher.match(book.title, book.authors)
    bp.status, bp.work, bp.candidates = found.status, found.work, found.candidates
    if found.status != MATCHED:
        bp.work = None
    return bp


def _resolve(
    plan: Plan,
    bp: BookPlan,
    entry: _Entry,
    mark: Mark | None,
    by_spot: dict[str, _Origin],
    origins: list[_Origin],
    bodies: dict[int, str],
    used: set[int],
) -> None:
    digest = text_hash(entry.body)
    origin = by_spot.get(entry.spot)
    if origin is None and mark is not None and mark.start is not None:
        origin = next(
            (o for o in origins if o.note not in used and _overlaps(o, mark, bodies.get(o.note))),
            None,
        )
    if origin is None:  # the same text at a spot written another way (a sidecar, an export)
        origin = next((o for o in origins if o.note not in used and o.text_hash == digest), None)
    if origin is None or origin.note in used or origin.note not in bodies:
        if origin is not None and origin.note in bodies and origin.text_hash == digest:
            bp.present += 1
            return
        bp.new += 1
        plan.entries.append(entry)
        return
    used.add(origin.note)
    if origin.text_hash == digest and origin.spot == entry.spot:
        bp.present += 1
    elif text_hash(bodies[origin.note]) != origin.body_hash:
        bp.kept += 1  # the reader has edited it since: theirs
    elif origin.text_hash == digest:
        bp.present += 1
    else:
        bp.updated += 1
        entry.note_id = origin.note
        plan.entries.append(entry)


def apply_import(lib: Library, plan: Plan, report: Report | None = None) -> int | None:
    """Write the plan (the caller holds the transaction); the new batch's number, or None
    when there was nothing to write."""
    if not plan.entries:
        return None
    con = lib.conn
    stamp = now_iso()
    updated = sum(1 for e in plan.entries if e.note_id is not None)
    batch = int(
        con.execute(
            "INSERT INTO highlight_batches (device, source, imported, highlights, notes, updated, works)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                plan.device,
                plan.source,
                stamp,
                plan.added_highlights,
                plan.added_notes,
                updated,
                len(plan.works),
            ),
        ).lastrowid
        or 0
    )
    tag = plan.device
    records: list[dict[str, Any]] = []
    fresh: list[tuple[_Entry, dict[str, Any]]] = []
    total = len(plan.entries)
    for i, entry in enumerate(plan.entries, start=1):
        if entry.note_id is not None:
            _update(lib, entry)
        else:
            record = notes.checked_record(
                lib,
                entry.body,
                work=entry.work,
                position=notes.Position(entry.page, entry.chapter, entry.percent),
                tags=[tag],
                kind=entry.kind,
                uid=str(uuid.uuid4()),
                created=entry.created or stamp,
                updated=entry.created or stamp,
            )
            records.append(record)
            fresh.append((entry, record))
        report_every(report, i, total)
    notes.insert_records(lib, records)
    ids: dict[str, int] = dict(
        con.execute(
            "SELECT uid, id FROM notes WHERE uid IN (SELECT value FROM json_each(?))",
            (json.dumps([r["uid"] for r in records]),),
        )
    )
    rows = [
        (
            ids[r["uid"]],
            batch,
            plan.device,
            e.book,
            e.spot,
            e.start,
            e.end,
            text_hash(e.body),
            text_hash(r["body"]),
            int(e.approximate),
        )
        for e, r in fresh
    ]
    con.executemany(
        "INSERT INTO highlight_origins (note, batch, device, book, spot, loc_start, loc_end,"
        " text_hash, body_hash, approximate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    # A device note is attached to its highlight, new or already there.
    con.executemany(
        "UPDATE highlight_origins SET highlight = (SELECT note FROM highlight_origins h"
        " WHERE h.device = ? AND h.book = ? AND h.spot = ?) WHERE note = ?",
        [
            (plan.device, e.book, e.highlight_spot, ids[r["uid"]])
            for e, r in fresh
            if e.highlight_spot is not None
        ],
    )
    return batch


def _update(lib: Library, entry: _Entry) -> None:
    """An edited highlight (or note) replaces its earlier version."""
    assert entry.note_id is not None
    body = notes.clean_body(entry.body)
    lib.conn.execute(
        "UPDATE notes SET body = ?, page = ?, chapter = ?, percent = ?, updated = ? WHERE id = ?",
        (body, entry.page, entry.chapter, entry.percent, entry.created or now_iso(), entry.note_id),
    )
    lib.conn.execute(
        "UPDATE highlight_origins SET spot = ?, loc_start = ?, loc_end = ?, text_hash = ?,"
        " body_hash = ?, approximate = ? WHERE note = ?",
        (
            entry.spot,
            entry.start,
            entry.end,
            text_hash(entry.body),
            text_hash(body),
            int(entry.approximate),
            entry.note_id,
        ),
    )


# --- batches ---------------------------------------------------------------------------------


def list_batches(lib: Library) -> list[dict[str, Any]]:
    """Every import, newest first, with the notes of it still in the library."""
    return list(
        lib.db.query(
            "SELECT b.id, b.device, b.source, b.imported, b.highlights, b.notes, b.updated,"
            " b.works, (SELECT count(*) FROM highlight_origins o WHERE o.batch = b.id) AS remaining"
            " FROM highlight_batches b ORDER BY b.id DESC"
        )
    )


def batch_summary(row: Mapping[str, Any]) -> str:
    day = local_day(row["imported"])
    return (
        f"{DEVICE_NAMES.get(row['device'], row['device'])}, {day.day} {day.strftime('%B')} "
        f"{day.year}: {_n(row['highlights'], 'highlight')}, {_n(row['notes'], 'note')} in "
        f"{_n(row['works'], 'work')}"
    )


@dataclass(frozen=True)
class Removed:
    removed: int
    kept: int  # notes of the batch the reader edited since: kept


def remove_batch(lib: Library, batch: int) -> Removed:
    """Delete the notes a batch added, except those the reader has edited since (kept, with
    the batch that still lists them)."""
    with lib.atomic():
        if (
            lib.conn.execute("SELECT 1 FROM highlight_batches WHERE id = ?", (batch,)).fetchone()
            is None
        ):
            raise UserError(f"no import batch {batch} (see 'serge-reader highlights list')")
        rows = lib.conn.execute(
            "SELECT note, body_hash FROM highlight_origins WHERE batch = ?", (batch,)
        ).fetchall()
        bodies = _bodies(lib, [r[0] for r in rows])
        gone = [note for note, bh in rows if note not in bodies or text_hash(bodies[note]) == bh]
        kept = len(rows) - len(gone)
        lib.conn.execute(
            "DELETE FROM notes WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(gone),)
        )
        lib.conn.execute(
            "DELETE FROM highlight_origins WHERE note IN (SELECT value FROM json_each(?))",
            (json.dumps(gone),),
        )
        if not kept:
            lib.conn.execute("DELETE FROM highlight_batches WHERE id = ?", (batch,))
    return Removed(len([g for g in gone if g in bodies]), kept)


@dataclass(frozen=True)
class Imported:
    plan: Plan
    batch: int | None  # None: nothing was new

    @property
    def summary(self) -> str:
        return self.plan.summary()

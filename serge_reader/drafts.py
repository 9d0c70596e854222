"""The note open in an editor, and the rules for saving it, apart from any widget.

A draft remembers the note as the library held it when the editor loaded it (or last saved
it). Saving reads the stored note again under the write lock and decides there:

- a note deleted elsewhere (the CLI) while open is saved as a new note: the typing is kept;
- a new note with no text is not saved;
- a note changed elsewhere since it was loaded, while the reader typed too, keeps both: the
  reader's text becomes the note, and the other text is kept as a second note tagged
  `conflict` next to it, for the reader to compare and pick from. Neither is ever dropped.

Such another version (made here, or by a sync: `sync/merge.py`) is tied to its note by uid
in `note_versions`; `versions` finds the pair the notes panel shows, and
`operations.keep_version` settles it when the reader keeps one of the two texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from serge_reader import notes, progress
from serge_reader.changes import Change
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.notes import Note, Position

CONFLICT_TAG = "conflict"


@dataclass(frozen=True)
class Saved:
    """What a save did: the note's number (None when nothing was stored), the number of the
    note that keeps another program's text when both changed, and the change to announce."""

    note_id: int | None
    conflict: int | None
    change: Change


class NoteDraft:
    def __init__(
        self,
        note_id: int | None = None,
        *,
        work: str | None = None,
        position: Position | None = None,
        body: str = "",
        updated: str | None = None,
    ) -> None:
        self.note_id = note_id
        self.work = work  # the work a new note goes to
        self.position = (
            position or Position()
        )  # as stored: a chapter or percentage set elsewhere is kept
        self.body = body  # the text as stored when loaded or last saved
        self.updated = updated  # its `updated` stamp then

    @classmethod
    def load(cls, lib: Library, note_id: int) -> NoteDraft:
        return cls.load_from(notes.get_note(lib, note_id))

    @classmethod
    def load_from(cls, note: Note) -> NoteDraft:
        """The draft of a note as just read from the library."""
        return cls(
            note.id, work=note.work, position=note.position, body=note.body, updated=note.updated
        )

    def changed_elsewhere(self, lib: Library) -> Note | None:
        """The stored note, when another program changed it since this draft was loaded or
        saved (None when unchanged, new, or deleted: a deleted note is saved as new)."""
        if self.note_id is None or not notes.note_exists(lib, self.note_id):
            return None
        stored = notes.get_note(lib, self.note_id)
        return stored if stored.updated != self.updated else None

    def reload(self, lib: Library) -> None:
        """Take the stored note as the new starting point (the editor shows it again)."""
        if self.note_id is not None:
            fresh = NoteDraft.load(lib, self.note_id)
            self.work, self.position = fresh.work, fresh.position
            self.body, self.updated = fresh.body, fresh.updated

    def save(
        self, lib: Library, body: str, *, page: int | None, tags: Sequence[str], kind: str
    ) -> Saved:
        """Write what the editor holds, by the rules above; UserError when it cannot be
        written, and then nothing is changed."""
        position = replace(self.position, page=page)
        with lib.atomic():
            stored: Note | None = None
            if self.note_id is not None and notes.note_exists(lib, self.note_id):
                stored = notes.get_note(lib, self.note_id)
            before: list[str] = []
            work = stored.work if stored is not None else self.work
            if work and page != (stored.page if stored is not None else None):
                progress.check_page(lib, work, page)  # a page of the reader's edition
            if stored is None:
                if not body.strip():
                    return Saved(None, None, Change())
                note_id = notes.add_note(
                    lib, body, work=self.work, position=position, tags=tags, kind=kind
                )
                conflict = None
            else:
                note_id = stored.id
                before = notes.entries_of(lib, note_id)  # a link removed: that page drops it
                conflict = self._keep_other_version(lib, stored, body)
                notes.update_note(lib, note_id, body=body, position=position, tags=tags, kind=kind)
            saved = notes.get_note(lib, note_id)
            entries = set(notes.entries_of(lib, note_id)) | set(before)
        self.note_id = note_id
        self.work, self.body, self.updated = saved.work, saved.body, saved.updated
        self.position = saved.position
        ids = {note_id} | ({conflict} if conflict is not None else set())
        return Saved(
            note_id,
            conflict,
            # Counting every tag for the filter reads them all: only when the tags changed.
            Change(
                notes=frozenset(ids),
                entries=frozenset(entries),
                tags=conflict is not None or stored is None or stored.tags != saved.tags,
            ),
        )

    def _keep_other_version(self, lib: Library, stored: Note, body: str) -> int | None:
        """When the stored text changed since this draft was loaded and differs from what the
        reader typed, keep it as a note of its own (inside the caller's transaction)."""
        if stored.updated == self.updated or stored.body in (self.body, body):
            return None
        text = (
            f"Another version of note {stored.id}, changed elsewhere while it was open here "
            f"(saved there at {stored.updated[:16].replace('T', ' ')} UTC). Keep what you "
            f"want and delete the other.\n\n{stored.body}"
        )[: notes.MAX_NOTE_CHARS]
        try:
            kept = notes.add_note(
                lib,
                text,
                work=stored.work,
                position=stored.position,
                tags=[*stored.tags, CONFLICT_TAG],
                kind=stored.kind,
                created=stored.created,  # when that text was written, as a sync's version has
                updated=stored.updated,
            )
        except UserError:  # a tag list that no longer checks: keep the text, untagged
            kept = notes.add_note(
                lib, text, work=stored.work, created=stored.created, updated=stored.updated
            )
        tie_versions(lib, [(notes.get_note(lib, kept).uid, stored.uid)])
        return kept


# -- another version of a note, and the note it is a version of ---------------------------

# How the paragraph starts that a save (above) or a sync (`sync/merge.py`) puts before the
# other version's text, and how it ends: taken off when that text is kept as the note.
_VERSION_HEADS = ("Another version of note ", "Another version of a note, ")
_VERSION_HEAD_END = "delete the other."


@dataclass(frozen=True)
class Versions:
    """A note and another version of it kept beside it, as the notes panel offers them."""

    note: Note
    version: Note
    others: int  # further versions of the same note, offered once this one is settled


def tie_versions(lib: Library, pairs: Iterable[tuple[str, str]]) -> None:
    """Remember (version's uid, its note's uid) pairs; a pair already known is left as is."""
    lib.conn.executemany("INSERT OR IGNORE INTO note_versions (uid, of) VALUES (?, ?)", pairs)


def version_ties(lib: Library, uids: Sequence[str]) -> dict[str, str]:
    """The note each of `uids` is another version of (those that are), by uid."""
    if not uids:
        return {}
    marks = ", ".join("?" * len(uids))
    rows = lib.conn.execute(f"SELECT uid, of FROM note_versions WHERE uid IN ({marks})", uids)
    return {str(uid): str(of) for uid, of in rows}


def versions(lib: Library, note_id: int) -> Versions | None:
    """The pair the note `note_id` belongs to: itself and its note, when it is another
    version of one; itself and the oldest of its versions, when it has some. None when
    neither (a version whose note is gone is a note like any other)."""
    row = lib.conn.execute("SELECT uid FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        return None
    uid = str(row[0])
    of = lib.conn.execute(
        "SELECT n.id, n.uid FROM note_versions v JOIN notes n ON n.uid = v.of WHERE v.uid = ?",
        (uid,),
    ).fetchone()
    note_uid = str(of[1]) if of else uid
    found = [
        int(r[0])
        for r in lib.conn.execute(
            "SELECT n.id FROM note_versions v JOIN notes n ON n.uid = v.uid WHERE v.of = ?"
            " ORDER BY n.updated, n.id",
            (note_uid,),
        )
    ]
    if not found:
        return None
    version = note_id if of else found[0]
    return Versions(
        notes.get_note(lib, int(of[0]) if of else note_id),
        notes.get_note(lib, version),
        len(found) - 1,
    )


def version_text(body: str) -> str:
    """The text of another version as it was written: without the paragraph before it that
    says what it is (left as it is when the reader changed that paragraph)."""
    if body.startswith(_VERSION_HEADS):
        head, blank, rest = body.partition("\n\n")
        if blank and head.endswith(_VERSION_HEAD_END):
            return rest
    return body

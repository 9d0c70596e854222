"""The note open in an editor, and the rules for saving it, apart from any widget.

A draft remembers the note as the library held it when the editor loaded it (or last saved
it). Saving reads the stored note again under the write lock and decides there:

- a note deleted elsewhere (the CLI) while open is saved as a new note: the typing is kept;
- a new note with no text is not saved;
- a note changed elsewhere since it was loaded, while the reader typed too, keeps both: the
  reader's text becomes the note, and the other text is kept as a second note tagged
  `conflict` next to it, for the reader to compare and pick from. Neither is ever dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
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
            return notes.add_note(
                lib,
                text,
                work=stored.work,
                position=stored.position,
                tags=[*stored.tags, CONFLICT_TAG],
                kind=stored.kind,
            )
        except UserError:  # a tag list that no longer checks: keep the text, untagged
            return notes.add_note(lib, text, work=stored.work)

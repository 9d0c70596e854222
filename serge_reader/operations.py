"""Every change the window makes to the library: one function per thing the reader does.

Each runs its reads and writes in one transaction (reads under the write lock, so that a
change another program makes at the same moment is built on, never written over), raises
`UserError` with one line in words when it cannot be done (and then nothing was changed),
and returns what it did with the `Change` to announce. The window calls these through
`ui.events.LibraryEvents.run`, which tells the reader of a refusal once and announces the
change to every view; no widget writes to the library any other way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from serge_reader import drafts, notes, progress, tags
from serge_reader.changes import Change
from serge_reader.drafts import CONFLICT_TAG, NoteDraft, Saved
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.notes import Position

if TYPE_CHECKING:
    from serge_reader.highlights import Source
    from serge_reader.highlights.merge import Imported, Removed
    from serge_reader.transfer import ProgressCallback

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    value: T
    change: Change


def save_note(
    lib: Library,
    draft: NoteDraft,
    body: str,
    *,
    page: int | None,
    tags: Sequence[str],
    kind: str,
) -> Done[Saved]:
    """The notes panel's save: see `drafts` for the rules (deleted elsewhere, empty, both
    changed)."""
    saved = draft.save(lib, body, page=page, tags=tags, kind=kind)
    return Done(saved, saved.change)


def add_quick_note(lib: Library, body: str, *, work: str | None, page: int | None) -> Done[int]:
    """A one-line note from the compact window, at the page in hand (within the reader's
    edition, as `set_progress` has it)."""
    with lib.atomic():
        if work:
            progress.check_page(lib, work, page)
        note_id = notes.add_note(lib, body, work=work, position=Position(page=page))
    return Done(note_id, _note_change(lib, note_id, work))


def delete_note(lib: Library, note_id: int) -> Done[None]:
    """Delete a note; the entries it belonged to are read first, so that their pages drop it."""
    with lib.atomic():
        entries = frozenset(notes.entries_of(lib, note_id))
        notes.delete_note(lib, note_id)
    return Done(None, Change(notes=frozenset({note_id}), entries=entries, tags=True))


def keep_version(
    lib: Library,
    version_id: int,
    *,
    keep: Literal["note", "version"],
    seen: drafts.Versions | None = None,
) -> Done[int]:
    """Settle another version of a note (`drafts.versions`) the reader has chosen between:
    `keep="version"` makes its text, place, kind and tags (but 'conflict') the note's,
    `"note"` leaves the note as it is; then the version is deleted. The note keeps its uid,
    so that to sync this is an edit like any other. `seen`, the pair as the reader saw it,
    refuses a choice made on texts that have changed since. Returns the note's number."""
    with lib.atomic():
        pair = drafts.versions(lib, version_id)
        if pair is None or pair.version.id != version_id:
            raise UserError(f"note {version_id} is no longer another version of a note")
        note, version = pair.note, pair.version
        if seen is not None and (seen.note, seen.version) != (note, version):
            raise UserError("the two versions changed while you chose: compare them again")
        entries = {*notes.entries_of(lib, note.id), *notes.entries_of(lib, version.id)}
        if keep == "version":
            notes.update_note(
                lib,
                note.id,
                body=drafts.version_text(version.body),
                work=version.work,
                position=version.position,
                tags=[t for t in version.tag_field if tags.key(t) != CONFLICT_TAG],
                kind=version.kind,
            )
            entries.update(notes.entries_of(lib, note.id))
        notes.delete_note(lib, version.id)  # its tie stays, as on the other devices
    return Done(
        note.id,
        Change(notes=frozenset({note.id, version.id}), entries=frozenset(entries), tags=True),
    )


def set_progress(lib: Library, work: str, **values: Any) -> Done[progress.WorkProgress]:
    """Move in a work, set its page count or status (see `progress.set_progress`)."""
    row = progress.set_progress(lib, work, **values)
    return Done(row, Change(progress=frozenset({work})))


def undo_progress(lib: Library, work: str) -> Done[progress.WorkProgress]:
    row = progress.undo_last(lib, work)
    return Done(row, Change(progress=frozenset({work})))


@dataclass(frozen=True)
class Restored:
    aside: Path | None  # where the library as it was is kept (None: there was none)


def restore_backup(lib: Library, source: Path) -> Done[Restored]:
    """Replace the library with a backup, keeping the one replaced aside."""
    from serge_reader import backup

    aside = backup.restore_into(lib, source)
    return Done(Restored(aside), Change.all())


def import_notes(
    lib: Library, path: Path, report: ProgressCallback | None = None
) -> Done[tuple[int, int]]:
    """Import a JSON export: (notes added, notes already present)."""
    from serge_reader import transfer

    counts = transfer.import_notes(lib, path, progress=report)
    return Done(counts, Change.all())


def import_highlights(
    lib: Library,
    source: Path | Source,
    *,
    device: str | None = None,
    choices: dict[str, str | None] | None = None,
    bookmarks: bool = False,
    report: ProgressCallback | None = None,
) -> Done[Imported]:
    """Take in an e-reader's highlights and notes (a path is read first; `device` None: told
    by the file), as one batch in one transaction: what is already there is not added again,
    an edited highlight replaces its earlier version, a note edited since is left alone.
    `choices` names, by book, the work the reader chose (None: skip the book)."""
    from serge_reader.highlights import merge, read_source

    if isinstance(source, Path):
        source = read_source(source, device, report)
    with lib.atomic():
        plan = merge.plan_import(lib, source, choices=choices, bookmarks=bookmarks, report=report)
        batch = merge.apply_import(lib, plan, report)
    return Done(merge.Imported(plan, batch), Change.all())


def remove_highlight_batch(lib: Library, batch: int) -> Done[Removed]:
    """Remove an e-reader import as a whole (the notes edited since are kept)."""
    from serge_reader.highlights import merge

    return Done(merge.remove_batch(lib, batch), Change.all())


def _note_change(lib: Library, note_id: int, work: str | None) -> Change:
    entries = set(notes.entries_of(lib, note_id)) | ({work} if work else set())
    return Change(notes=frozenset({note_id}), entries=frozenset(entries), tags=True)

"""Opening the reader's library, whatever state it was left in.

`Library` opens a sound library (finishing or undoing a restore that was killed halfway) and
raises `Damaged` for one that is not. Here, above it and above `backup`, a damaged library is
never deleted and never blocks the reader: it is moved aside, a fresh library is started,
and `Opened.recovery` says so, naming the newest good backup to restore. The command line
and the window each tell the reader in their own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from serge_reader import locks, paths, storage
from serge_reader.errors import StorageError, UserError
from serge_reader.library import BEING_RESTORED, BUSY_TIMEOUT_MS, Damaged, Library


@dataclass(frozen=True)
class Recovery:
    """The library was damaged: it was moved aside and a fresh one started."""

    problem: str  # what SQLite reported
    moved_to: Path  # the damaged file, kept
    backup: Path | None  # the newest backup that passes its check, to restore
    message: str  # one line for the reader, naming the command that restores `backup`


@dataclass(frozen=True)
class Opened:
    library: Library
    recovery: Recovery | None  # a damaged library was set aside
    notice: str | None  # a restore killed halfway was finished or undone


def open_library(data_dir: Path, reference: Path | None = None) -> Opened:
    """Open the library in `data_dir`, starting afresh when it is damaged."""
    try:
        library = Library(data_dir, reference)
        return Opened(library, None, library.notice)
    except Damaged as damage:
        problem, notice = str(damage), damage.notice
    # Shared with other openings, exclusive of a restore: the damaged file set aside is the
    # one just found, not a restored one put in its place meanwhile.
    with locks.swap_lock(data_dir, shared=True, wait_s=BUSY_TIMEOUT_MS / 1000) as ok:
        if not ok:
            raise StorageError(f"the library {data_dir / storage.LIBRARY_FILE} is {BEING_RESTORED}")
        recovery = _set_damaged_aside(data_dir, problem)
    try:
        library = Library(data_dir, reference)
    except Damaged as again:  # even a new file: the disk itself is failing
        raise UserError(f"cannot start a fresh library in {data_dir}: {again}") from None
    return Opened(library, recovery, notice)


def _set_damaged_aside(data_dir: Path, problem: str) -> Recovery:
    import shlex  # here, not at every opening

    from serge_reader.backup import newest_good_backup

    path = data_dir / storage.LIBRARY_FILE
    if storage.in_use_elsewhere(path):  # moved from under it, the app would write on aside
        storage.report_damage(path)  # so that whoever closes it last, it is checked again
        raise UserError(
            f"the library {path} looks damaged ({problem}), but another program has it open "
            "(Serge Reader?); close it, then run 'serge-reader check'. Nothing was changed"
        )
    moved = storage.set_aside(path, "damaged")
    backup = newest_good_backup(data_dir)
    message = (
        f"the library was damaged ({problem}); it was kept as {moved} and a fresh, "
        "empty library was started. "
    )
    if backup is None:
        message += "No good backup was found to restore."
    else:
        command = ["serge-reader"]
        if data_dir.resolve() != paths.data_dir().resolve():
            command += ["--data-dir", str(data_dir)]
        command += ["restore", str(backup)]
        message += f"To bring back your newest good backup, run: {shlex.join(command)}"
    return Recovery(problem, moved, backup, message)

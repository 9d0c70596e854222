"""The files of a library, apart from the connection: the database and its companions
(`-wal`, `-shm`, the marks beside it), copies set aside, and what the file system says
about them. Plain file work; `library` opens the database, `opening` decides what to do
when it is damaged, `backup` copies and restores it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import struct
import sys
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from serge_reader import locks

LIBRARY_FILE = "library.db"
CLEAN_CLOSE_SUFFIX = "-closed"  # library.db-closed: the file as this program left it
DAMAGE_SUFFIX = "-damaged"  # library.db-damaged: a check found it damaged while open
STAMP_FORMAT = "%Y%m%d-%H%M%S"
BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED: another connection holds a lock
_SQLITE_MAGIC = b"SQLite format 3\x00"


def stamp() -> str:
    """The current UTC time as it appears in backup and set-aside file names."""
    return datetime.now(UTC).strftime(STAMP_FORMAT)


def file_uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.resolve()))}" + (f"?{query}" if query else "")


def _identity(path: Path) -> list[int] | None:
    """What changes whenever anything writes or replaces the file."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _closed_record(path: Path) -> Path:
    return Path(f"{path}{CLEAN_CLOSE_SUFFIX}")


def damage_mark(path: Path) -> Path:
    return Path(f"{path}{DAMAGE_SUFFIX}")


def report_damage(path: Path) -> None:
    """A check found the library at `path` damaged while it is open: the next opening must
    check it (and set it aside), not trust how it was closed. A mark beside the file, so
    that it holds whichever process closes the library last."""
    with contextlib.suppress(OSError), owner_only():
        damage_mark(path).touch()
    with contextlib.suppress(OSError):
        _closed_record(path).unlink(missing_ok=True)


def closed_cleanly(path: Path) -> bool:
    """Whether this program closed the library last, as its last connection (no -wal left),
    and nothing has touched the file since: a crash, the CLI still holding it, a restore or
    any other program writing to it all change what `_identity` records. Never after a
    check found it damaged (`report_damage`)."""
    if Path(f"{path}-wal").exists() or damage_mark(path).exists():
        return False
    try:
        recorded = json.loads(_closed_record(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(recorded == _identity(path))


def record_clean_close(path: Path) -> None:
    """After the last connection closed (SQLite has folded the -wal in and removed it),
    note the file as it is, so that the next opening can skip the check."""
    identity = _identity(path)
    if identity is None or Path(f"{path}-wal").exists() or damage_mark(path).exists():
        return
    record = _closed_record(path)
    tmp = record.with_name(record.name + ".part")
    with contextlib.suppress(OSError), owner_only():  # only ever a saving of time
        tmp.write_text(json.dumps(identity), encoding="utf-8")
        os.replace(tmp, record)


@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """Files created inside (the database, its -wal and -shm) are readable by the owner only."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


_FS_IOC_GETFLAGS = 0x80086601 if struct.calcsize("l") == 8 else 0x80046601  # Linux
_FS_IMMUTABLE_FL, _FS_APPEND_FL = 0x10, 0x20


def write_protection(path: Path) -> str | None:
    """ "append-only" or "immutable" when the file system marks `path` so (`chattr +a` or
    `+i` on Linux, `chflags` elsewhere): then it cannot be rewritten, renamed or removed,
    whatever its permissions and whoever asks. None otherwise, or when it cannot be told."""
    try:
        flags = getattr(os.stat(path), "st_flags", None)
    except OSError:
        return None
    if flags is not None:  # BSD, macOS
        if flags & (stat.UF_IMMUTABLE | stat.SF_IMMUTABLE):
            return "immutable"
        return "append-only" if flags & (stat.UF_APPEND | stat.SF_APPEND) else None
    if not sys.platform.startswith("linux"):
        return None
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        flags = int.from_bytes(fcntl.ioctl(fd, _FS_IOC_GETFLAGS, bytes(8))[:4], sys.byteorder)
    except OSError:
        return None  # a file system without such marks
    finally:
        os.close(fd)
    if flags & _FS_IMMUTABLE_FL:
        return "immutable"
    return "append-only" if flags & _FS_APPEND_FL else None


def protected_file(library: Path, *, folder: bool = False) -> tuple[Path, str] | None:
    """The first of the library, its -wal and -shm (and with `folder`, the folder, in which
    nothing can then be renamed) that the file system marks append-only or immutable (see
    `write_protection`), with how."""
    places = [library, Path(f"{library}-wal"), Path(f"{library}-shm")]
    for path in [*places, library.parent] if folder else places:
        how = write_protection(path)
        if how is not None:
            return path, how
    return None


def protection_reason(library: Path, *, folder: bool = False) -> str | None:
    """Why the library cannot be written (or with `folder`, replaced), in words, when a mark
    of the file system (`chattr +a`, `+i`) is the cause; None when none is."""
    found = protected_file(library, folder=folder)
    if found is None:
        return None
    path, how = found
    flag = "a" if how == "append-only" else "i"
    return (
        f"{path} is marked {how} (chattr +{flag}), which keeps it from being changed; "
        f"remove the mark (chattr -{flag}) to use it"
    )


def may(path: Path, mode: int) -> bool:
    """Whether this process may use `path` so, as the ids it acts with (effective ids)."""
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def sync_dir(folder: Path) -> None:
    """Make renames inside `folder` durable (POSIX; elsewhere a rename is already durable)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def aside_path(library: Path, label: str) -> Path:
    """A free name `library-<label>-<stamp>.db` beside `library`, for `set_aside`."""
    base = f"library-{label}-{stamp()}"
    aside, n = library.with_name(f"{base}.db"), 2
    while any(Path(f"{aside}{s}").exists() for s in ("", "-wal", "-shm")):
        aside, n = library.with_name(f"{base}-{n}.db"), n + 1
    return aside


def set_aside(library: Path, label: str, aside: Path | None = None) -> Path:
    """Move `library` and its -wal/-shm to `library-<label>-<stamp>.db` beside it (or to
    `aside`, named beforehand by `aside_path`); never deletes.

    The log moves first: a log left behind without its database would be thrown away (or
    replayed into the wrong file) by the next opening.
    """
    aside = aside or aside_path(library, label)
    for suffix in ("-wal", "-shm", ""):
        source = Path(f"{library}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{aside}{suffix}"))
    sync_dir(library.parent)
    return aside


def in_use_elsewhere(path: Path) -> bool:
    """Whether another connection has the library open: in WAL mode even an idle one keeps
    an exclusive transaction from starting. Any other error (a damaged file) says nothing
    of the kind; a file that is not a database at all is not opened (see `header_problem`)."""
    if header_problem(path) or not path.exists():
        return False
    try:
        con = sqlite3.connect(file_uri(path), uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("ROLLBACK")
    except sqlite3.Error as exc:
        return error_code(exc) in BUSY_CODES
    finally:
        with contextlib.suppress(sqlite3.Error):
            con.close()
    return False


def header_problem(path: Path) -> str | None:
    """ "file is not a database" for a file that does not start like one, found before SQLite
    opens it: closing such a file, SQLite would throw away the -wal beside it."""
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError:
        return None  # missing (a new library), or SQLite will say what is wrong
    return "file is not a database" if head and head != _SQLITE_MAGIC else None


def error_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (0 when Python did not record one)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


# A restore replaces the library in two renames (the library aside, the copy in its place).
# Between them, a journal beside the library says what is under way, so that the next
# opening after a kill or a power cut finishes or undoes it (`resume_restore`).
RESTORE_JOURNAL_SUFFIX = "-restoring"  # library.db-restoring
STAGED_NAME = ".restoring.db"  # the checked copy, waiting to be put in place


def journal_path(library: Path) -> Path:
    return Path(f"{library}{RESTORE_JOURNAL_SUFFIX}")


def lock_journal(fd: int, wait_s: float = 0.0) -> bool:
    """Hold the journal while a restore (or its resumption) is under way, waiting up to
    `wait_s` for another process to let go; False when it did not. The lock goes with the
    process, however it ends."""
    if sys.platform == "win32":
        return True
    return locks.wait_flock(fd, shared=False, wait_s=wait_s)


def resume_restore(library: Path, wait_s: float) -> str | None:
    """A restore killed between its renames, found by the next opening: finished when the
    library had already been moved aside, undone (the library as it was) when not. Returns
    what was done, one line for the reader, or None when there was nothing to do.

    Called under the folder's swap lock, shared by openings and exclusive of restores: a
    journal locked by another process is another opening resuming it, soon done."""
    journal = journal_path(library)
    try:
        fd = os.open(journal, os.O_RDWR)
    except OSError:
        return None  # none (or one we cannot touch: the opening will say what is wrong)
    try:
        if not lock_journal(fd, wait_s=wait_s):
            return None  # held that long: a restore from a program without the swap lock
        try:
            if os.fstat(fd).st_ino != journal.stat().st_ino:
                return None  # finished and removed while we waited
            text = os.read(fd, 1 << 16).decode("utf-8")
            record = json.loads(text)
            if not isinstance(record, dict):
                raise ValueError(text)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            record = None  # written only in part: killed before anything was renamed
        return resume_locked(library, record)
    finally:
        os.close(fd)


def resume_locked(library: Path, record: Mapping[str, object] | None) -> str:
    data_dir = library.parent
    staged = data_dir / STAGED_NAME
    journal = journal_path(library)
    source = record.get("source") if record else None
    of = f" of {source}" if isinstance(source, str) else ""  # a journal killed before written
    aside_name = record.get("aside") if record else None
    aside = Path(aside_name) if isinstance(aside_name, str) else None
    kept = f"; the replaced library is kept as {aside}" if aside else ""
    if record is None or (library.exists() and staged.exists()):
        # Killed before the library was moved aside (or while its -wal and -shm were):
        # put back what was moved, and drop the copy.
        if aside is not None:
            for suffix in ("-wal", "-shm"):
                moved, home = Path(f"{aside}{suffix}"), Path(f"{library}{suffix}")
                if moved.exists() and not home.exists():
                    os.replace(moved, home)
        with contextlib.suppress(OSError):  # a copy left is removed by the next restore
            staged.unlink(missing_ok=True)
        said = (
            f"a restore{of} was interrupted before it replaced the library; "
            "it was undone, and the library is as it was before"
        )
    elif staged.exists():
        try:
            os.replace(staged, library)
        except OSError as exc:
            return (
                f"a restore{of} was interrupted and cannot be finished now ({exc.strerror}){kept}"
            )
        said = f"a restore{of} was interrupted; it was finished now{kept}"
    else:
        said = f"a restore{of} was interrupted at its very end; it is complete{kept}"
    sync_dir(data_dir)
    try:
        journal.unlink(missing_ok=True)
    except OSError as exc:  # a folder that lets nothing be removed (chattr +a)
        return f"{said}; but its journal {journal} could not be removed ({exc.strerror})"
    sync_dir(data_dir)
    return said

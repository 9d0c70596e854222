"""The reader's library database, with the shipped reference database attached read-only.

Durability settings (see docs/DATA.md): WAL journal with `synchronous=FULL`, so a commit
that returned survives a crash or power cut, at the price of one fsync per commit (a note
save is one commit); foreign keys on; a busy timeout so the CLI and the app can write in
turn. Every write goes through `Library.atomic()`.

Opening checks the library (`PRAGMA quick_check`), unless this program closed it last and the
file is exactly as it was left (`closed_cleanly`): the check reads the whole file, a third of
a second at 100,000 notes, and nothing but SQLite, through this program, has written to it
since it was last opened. A check that finds the open library damaged (before a backup, or
`serge-reader check`) calls `report_damage`, so that the next opening checks it, whichever
process closes it last. A damaged library is never deleted and never blocks the
reader: it is moved aside, a fresh library is started, and `Library.recovery` says so,
naming the newest good backup to restore.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shlex
import sqlite3
import stat
import struct
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from serge_reader import locks, migrations, paths
from serge_reader.errors import StorageError, UserError

LIBRARY_FILE = "library.db"
CLEAN_CLOSE_SUFFIX = "-closed"  # library.db-closed: the file as this program left it
DAMAGE_SUFFIX = "-damaged"  # library.db-damaged: a check found it damaged while open
BUSY_TIMEOUT_MS = 5000
STAMP_FORMAT = "%Y%m%d-%H%M%S"
# Primary result codes (https://sqlite.org/rescode.html) that mean the file itself is damaged.
_DAMAGE_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_NEW_STATE = "UPDATE library_state SET version = lower(hex(randomblob(8)))"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_READONLY = 8
_IOERR, _FULL, _CANTOPEN = 10, 13, 14
BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED: another connection holds a lock
_READONLY_DBMOVED = 1032  # the file was renamed or replaced while open (a restore)
BEING_RESTORED = "being restored; try again in a moment"
# Errors of the place the library is kept, not of the program: told to the reader in words.
_STORAGE_CODES = (*BUSY_CODES, _READONLY, _IOERR, _FULL, _CANTOPEN, *_DAMAGE_CODES)


def stamp() -> str:
    """The current UTC time as it appears in backup and set-aside file names."""
    return datetime.now(UTC).strftime(STAMP_FORMAT)


def file_uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.resolve()))}" + (f"?{query}" if query else "")


def error_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (0 when Python did not record one)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def quick_check(con: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds wrong with the main database, a line per problem
    (empty when sound)."""
    rows = [str(r[0]) for r in con.execute("PRAGMA main.quick_check")]
    if rows == ["ok"]:
        return []
    lines = (line.strip() for row in rows for line in row.splitlines())
    return [line for line in lines if line and not line.startswith("*** in database")]


def _identity(path: Path) -> list[int] | None:
    """What changes whenever anything writes or replaces the file."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _closed_record(path: Path) -> Path:
    return Path(f"{path}{CLEAN_CLOSE_SUFFIX}")


def _damage_mark(path: Path) -> Path:
    return Path(f"{path}{DAMAGE_SUFFIX}")


def report_damage(path: Path) -> None:
    """A check found the library at `path` damaged while it is open: the next opening must
    check it (and set it aside), not trust how it was closed. A mark beside the file, so
    that it holds whichever process closes the library last."""
    with contextlib.suppress(OSError), _owner_only():
        _damage_mark(path).touch()
    with contextlib.suppress(OSError):
        _closed_record(path).unlink(missing_ok=True)


def closed_cleanly(path: Path) -> bool:
    """Whether this program closed the library last, as its last connection (no -wal left),
    and nothing has touched the file since: a crash, the CLI still holding it, a restore or
    any other program writing to it all change what `_identity` records. Never after a
    check found it damaged (`report_damage`)."""
    if Path(f"{path}-wal").exists() or _damage_mark(path).exists():
        return False
    try:
        recorded = json.loads(_closed_record(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(recorded == _identity(path))


def _record_clean_close(path: Path) -> None:
    """After the last connection closed (SQLite has folded the -wal in and removed it),
    note the file as it is, so that the next opening can skip the check."""
    identity = _identity(path)
    if identity is None or Path(f"{path}-wal").exists() or _damage_mark(path).exists():
        return
    record = _closed_record(path)
    tmp = record.with_name(record.name + ".part")
    with contextlib.suppress(OSError), _owner_only():  # only ever a saving of time
        tmp.write_text(json.dumps(identity), encoding="utf-8")
        os.replace(tmp, record)


@contextlib.contextmanager
def _owner_only() -> Iterator[None]:
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


def _may(path: Path, mode: int) -> bool:
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


@dataclass(frozen=True)
class Recovery:
    """What opening found: the library was damaged, moved aside, and a fresh one started."""

    problem: str  # what SQLite reported
    moved_to: Path  # the damaged file, kept
    backup: Path | None  # the newest backup that passes its check, to restore
    message: str  # one line for the reader, naming the command that restores `backup`


class Database:
    """A connection with its rows as dicts: all the core needs beyond `execute`.

    (sqlite-utils did this before; importing it, and the numpy it imports when present, cost
    a quarter of a second at every start.)
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))


class _Damaged(Exception):
    """The library file fails its check or is not a database at all."""


_SAVEPOINTS = itertools.count()


class Library:
    """One open library. Not thread-safe: open one per thread that needs it."""

    def __init__(self, data_dir: Path, reference: Path | None = None) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LIBRARY_FILE
        self.reference_path = reference or paths.reference_db_path()
        if not self.reference_path.exists():
            raise UserError(
                f"the reference database is missing ({self.reference_path}); "
                "reinstall Serge Reader or run 'serge-reader content build'"
            )
        self.recovery: Recovery | None = None
        self.notice: str | None = None  # what opening finished or undid (a killed restore)
        self.db = Database(self._connect())

    def reopen(self) -> None:
        """Open the library file again in this same object (after a restore replaced it)."""
        self.db = Database(self._connect())

    def alongside(self) -> Library:
        """A second connection to this library, for another thread (a connection is not
        shared between threads). Opening it neither checks, migrates nor recovers: this
        one did all that, and the file stays in use under it."""
        other = Library.__new__(Library)
        other.data_dir, other.path = self.data_dir, self.path
        other.reference_path, other.recovery = self.reference_path, None
        try:
            other.db = Database(self._open(checked=False))
        except _Damaged as damage:
            raise UserError(f"the library {self.path} is damaged ({damage})") from None
        return other

    def _connect(self) -> sqlite3.Connection:
        self._check_places()
        # Shared with every other opening, exclusive of a restore: never opened halfway
        # through one (missing, or about to be moved from under this connection).
        with locks.swap_lock(self.data_dir, shared=True, wait_s=BUSY_TIMEOUT_MS / 1000) as ok:
            if not ok:
                raise StorageError(f"the library {self.path} is {BEING_RESTORED}")
            return self._connect_unswapped()

    def _connect_unswapped(self) -> sqlite3.Connection:
        self.recovery = None
        from serge_reader.backup import resume_restore  # backups build on this module

        self.notice = resume_restore(self.path)
        try:
            problem = header_problem(self.path)
            if problem:
                raise _Damaged(problem)
            con = self._open(checked=True)
        except _Damaged as damage:
            self.recovery = self._recover(str(damage))
            try:
                con = self._open(checked=True)
            except _Damaged as again:  # even a new file: the disk itself is failing
                raise UserError(
                    f"cannot start a fresh library in {self.data_dir}: {again}"
                ) from None
        for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            with contextlib.suppress(OSError):
                p.chmod(0o600)
        return con

    def _check_places(self) -> None:
        """Clear messages, before SQLite gives vague ones, for folders and files we cannot use."""
        folder = self.data_dir
        if folder.exists() and not folder.is_dir():
            raise UserError(f"the data folder {folder} is a file; give a folder for your library")
        try:
            with _owner_only():
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the data folder {folder}: {exc.strerror}") from None
        if not _may(folder, os.W_OK | os.X_OK):
            raise UserError(
                f"the data folder {folder} is not writable; give yourself write permission "
                "on it, or use another data folder"
            )
        if self.path.is_dir():
            raise UserError(f"{self.path} is a folder, not a library; move it away")
        if self.path.exists() and not _may(self.path, os.R_OK | os.W_OK):
            raise UserError(
                f"the library {self.path} is read-only; give yourself read and write "
                "permission on it to use it (nothing was changed)"
            )

    def _open(self, *, checked: bool) -> sqlite3.Connection:
        trusted = checked and closed_cleanly(self.path)  # before SQLite makes a -wal
        try:
            con = sqlite3.connect(
                file_uri(self.path), uri=True, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise UserError(f"cannot open the library {self.path}: {exc}") from None
        try:
            with _owner_only():
                if checked and migrations.user_version(con) > migrations.SCHEMA_VERSION:
                    migrations.migrate(con)  # refuses it before anything (WAL) is written
                self._configure(con)
                if checked:
                    problems = [] if trusted else quick_check(con)
                    if problems:
                        raise _Damaged(problems[0])
                    if not trusted:  # found sound: an earlier finding no longer holds
                        _damage_mark(self.path).unlink(missing_ok=True)
                    migrations.migrate(con)
        except sqlite3.DatabaseError as exc:
            con.close()
            if error_code(exc) in _DAMAGE_CODES:
                raise _Damaged(str(exc)) from None
            raise UserError(
                f"cannot use the library {self.path}: {_reason(exc, self.path)}"
            ) from None
        except BaseException:
            con.close()
            raise
        try:
            con.execute(
                "ATTACH DATABASE ? AS ref",
                (file_uri(self.reference_path, mode="ro", immutable="1"),),
            )
        except sqlite3.Error as exc:
            con.close()
            raise UserError(
                f"cannot open the reference database {self.reference_path} ({exc}); "
                "reinstall Serge Reader"
            ) from None
        return con

    def _recover(self, problem: str) -> Recovery:
        from serge_reader.backup import newest_good_backup  # backups build on this module

        if in_use_elsewhere(self.path):  # moved from under it, the app would write on aside
            report_damage(self.path)  # so that whoever closes it last, it is checked again
            raise UserError(
                f"the library {self.path} looks damaged ({problem}), but another program "
                "has it open (Serge Reader?); close it, then run 'serge-reader check'. "
                "Nothing was changed"
            )
        moved = set_aside(self.path, "damaged")
        backup = newest_good_backup(self.data_dir)
        message = (
            f"the library was damaged ({problem}); it was kept as {moved} and a fresh, "
            "empty library was started. "
        )
        if backup is None:
            message += "No good backup was found to restore."
        else:
            command = ["serge-reader"]
            if self.data_dir.resolve() != paths.data_dir().resolve():
                command += ["--data-dir", str(self.data_dir)]
            command += ["restore", str(backup)]
            message += f"To bring back your newest good backup, run: {shlex.join(command)}"
        return Recovery(problem, moved, backup, message)

    @staticmethod
    def _configure(con: sqlite3.Connection) -> None:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL journal (got {mode})")
        con.execute("PRAGMA synchronous = FULL")

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def writing(self) -> bool:
        """A transaction is open on this connection (an import under way, say)."""
        return self.conn.in_transaction

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A write transaction: everything inside is written together or not at all.

        It takes the write lock at once (`BEGIN IMMEDIATE`), so that when another program
        writes at the same moment this one waits its turn (the busy timeout). A deferred
        `BEGIN` would first read (the full-text index reads its settings) and then fail at
        once with "database is locked": SQLite cannot wait to turn a read into a write.
        Nested, it is a savepoint. A transaction that wrote anything gives the library a new
        state token (see `backup.backup_if_changed`).
        """
        if self.conn.in_transaction:
            savepoint = f"atomic_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:  # some errors have rolled it all back already
                    self.conn.execute(f"ROLLBACK TO {savepoint}")
                    self.conn.execute(f"RELEASE {savepoint}")
                raise
            self.conn.execute(f"RELEASE {savepoint}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                changes = self.conn.total_changes
                yield self.db
                if self.conn.total_changes != changes:
                    self.conn.execute(_NEW_STATE)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:  # some errors have rolled it back already
                    with contextlib.suppress(sqlite3.Error):  # the first error is the one to tell
                        self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            code = error_code(exc)
            if code not in _STORAGE_CODES:
                raise  # a constraint or a bug: for the caller, not the reader
            if code in _DAMAGE_CODES:
                report_damage(self.path)
            raise StorageError(
                f"the library {self.path} could not be written: {_reason(exc, self.path)} "
                "(nothing was changed)"
            ) from exc

    def data_version(self) -> int:
        """Changes whenever another connection (the CLI, another window) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()
        _record_clean_close(self.path)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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


def _reason(exc: sqlite3.Error, library: Path | None = None) -> str:
    """What an SQLite error means for the reader, in words (https://sqlite.org/rescode.html);
    a write refused because the file system marks the `library` file append-only or immutable
    says so."""
    code = error_code(exc)
    if library is not None and code in (_READONLY, _IOERR, _CANTOPEN):
        protected = protection_reason(library)
        if protected is not None:
            return protected
    if getattr(exc, "sqlite_errorcode", 0) == _READONLY_DBMOVED:
        return "it was replaced while in use (a restore); try again in a moment"
    if code == _READONLY:
        return "it cannot be written (a read-only file, folder or disk)"
    if code in BUSY_CODES:
        return "another program holds it locked; try again in a moment"
    if code == _FULL:
        return "the disk is full; free some space and try again"
    if code in _DAMAGE_CODES:
        return "the file is damaged; run 'serge-reader check'"
    if code in (_IOERR, _CANTOPEN):
        return "the disk could not be read or written (is it still there?)"
    return str(exc)

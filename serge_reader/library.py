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
process closes it last. A library found damaged raises `Damaged`: what then happens (it is
set aside, never deleted, and a fresh one started) is `opening`'s, above this module and
`backup`. The files beside the library (marks, copies set aside) are `storage`'s.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from serge_reader import locks, migrations, paths, storage
from serge_reader.errors import StorageError, UserError
from serge_reader.storage import (
    BUSY_CODES,
    LIBRARY_FILE,
    closed_cleanly,
    error_code,
    file_uri,
    header_problem,
    protection_reason,
)

BUSY_TIMEOUT_MS = 5000
# Primary result codes (https://sqlite.org/rescode.html) that mean the file itself is damaged.
_DAMAGE_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_NEW_STATE = "UPDATE library_state SET version = lower(hex(randomblob(8)))"
_READONLY = 8
_IOERR, _FULL, _CANTOPEN = 10, 13, 14
_READONLY_DBMOVED = 1032  # the file was renamed or replaced while open (a restore)
BEING_RESTORED = "being restored; try again in a moment"
# Errors of the place the library is kept, not of the program: told to the reader in words.
_STORAGE_CODES = (*BUSY_CODES, _READONLY, _IOERR, _FULL, _CANTOPEN, *_DAMAGE_CODES)


def quick_check(con: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds wrong with the main database, a line per problem
    (empty when sound)."""
    rows = [str(r[0]) for r in con.execute("PRAGMA main.quick_check")]
    if rows == ["ok"]:
        return []
    lines = (line.strip() for row in rows for line in row.splitlines())
    return [line for line in lines if line and not line.startswith("*** in database")]


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


class Damaged(Exception):
    """The library file fails its check or is not a database at all; `notice` says what the
    opening had done before finding it (a killed restore finished or undone)."""

    def __init__(self, problem: str, notice: str | None = None) -> None:
        super().__init__(problem)
        self.notice = notice


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
        other.reference_path, other.notice = self.reference_path, None
        try:
            other.db = Database(self._open(checked=False))
        except Damaged as damage:
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
        self.notice = storage.resume_restore(self.path, BUSY_TIMEOUT_MS / 1000)
        try:
            problem = header_problem(self.path)
            if problem:
                raise Damaged(problem)
            con = self._open(checked=True)
        except Damaged as damage:
            raise Damaged(str(damage), self.notice) from None
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
            with storage.owner_only():
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the data folder {folder}: {exc.strerror}") from None
        if not storage.may(folder, os.W_OK | os.X_OK):
            raise UserError(
                f"the data folder {folder} is not writable; give yourself write permission "
                "on it, or use another data folder"
            )
        if self.path.is_dir():
            raise UserError(f"{self.path} is a folder, not a library; move it away")
        if self.path.exists() and not storage.may(self.path, os.R_OK | os.W_OK):
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
            with storage.owner_only():
                if checked and migrations.user_version(con) > migrations.SCHEMA_VERSION:
                    migrations.migrate(con)  # refuses it before anything (WAL) is written
                self._configure(con)
                if checked:
                    problems = [] if trusted else quick_check(con)
                    if problems:
                        raise Damaged(problems[0])
                    if not trusted:  # found sound: an earlier finding no longer holds
                        storage.damage_mark(self.path).unlink(missing_ok=True)
                    migrations.migrate(con)
        except sqlite3.DatabaseError as exc:
            con.close()
            if error_code(exc) in _DAMAGE_CODES:
                raise Damaged(str(exc)) from None
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
                storage.report_damage(self.path)
            raise StorageError(
                f"the library {self.path} could not be written: {_reason(exc, self.path)} "
                "(nothing was changed)"
            ) from exc

    def data_version(self) -> int:
        """Changes whenever another connection (the CLI, another window) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()
        storage.record_clean_close(self.path)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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

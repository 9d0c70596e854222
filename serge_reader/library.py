"""The reader's library database, with the shipped reference database attached read-only.

Durability settings (see docs/DATA.md): WAL journal with `synchronous=FULL`, so a commit
that returned survives a crash or power cut, at the price of one fsync per commit (a note
save is one commit); foreign keys on; a busy timeout so the CLI and the app can write in
turn. Every write goes through `Library.atomic()`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from serge_reader import migrations, paths
from serge_reader.errors import UserError

LIBRARY_FILE = "library.db"
BUSY_TIMEOUT_MS = 5000


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.resolve()))}" + (f"?{query}" if query else "")


@contextlib.contextmanager
def _owner_only() -> Iterator[None]:
    """Files created inside (the database, its -wal and -shm) are readable by the owner only."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


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
        try:
            with _owner_only():
                data_dir.mkdir(parents=True, exist_ok=True)
                con = sqlite3.connect(
                    _uri(self.path), uri=True, isolation_level=None, check_same_thread=False
                )
        except (OSError, sqlite3.Error) as exc:
            raise UserError(f"cannot open the library in {data_dir}: {exc}") from None
        try:
            with _owner_only():
                self._configure(con)
                migrations.migrate(con)
            con.execute(
                "ATTACH DATABASE ? AS ref", (_uri(self.reference_path, mode="ro", immutable="1"),)
            )
        except sqlite3.DatabaseError as exc:
            con.close()
            raise UserError(f"cannot use the library {self.path}: {exc}") from None
        except BaseException:
            con.close()
            raise
        for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            with contextlib.suppress(OSError):
                p.chmod(0o600)
        self.db = sqlite_utils.Database(con)

    @staticmethod
    def _configure(con: sqlite3.Connection) -> None:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"could not switch to WAL journal (got {mode})")
        con.execute("PRAGMA synchronous = FULL")

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def atomic(self) -> contextlib.AbstractContextManager[sqlite_utils.Database]:
        """A transaction: everything inside is written together or not at all."""
        return self.db.atomic()

    def data_version(self) -> int:
        """Changes whenever another connection (the CLI, another window) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

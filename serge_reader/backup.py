"""Backups of the reader's library, and restoring one.

A backup is made with SQLite's online backup API (consistent even while the app writes),
only after `PRAGMA quick_check` passes, into `backups/` inside the data folder. Old ones are
thinned: the 8 most recent, one a day for a week, one a week for two months.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from serge_reader.errors import UserError
from serge_reader.library import LIBRARY_FILE, Library

BACKUP_DIR = "backups"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS = 8, 7, 8


def check(lib: Library) -> list[str]:
    """What `PRAGMA quick_check` finds wrong with the library (empty when it is sound)."""
    try:
        rows = [r[0] for r in lib.conn.execute("PRAGMA main.quick_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _copy(lib: Library, target: Path) -> None:
    problems = check(lib)
    if problems:
        raise UserError(f"the library failed its check ({problems[0]}); no backup was made")
    tmp = target.with_name(target.name + ".part")
    try:
        old = os.umask(0o077)
        try:
            dest = sqlite3.connect(tmp)
        finally:
            os.umask(old)
        try:
            lib.conn.backup(dest, name="main")
        finally:
            dest.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write the backup {target}: {exc}") from None


def backup_to(lib: Library, target: Path) -> Path:
    """A backup at a place of the reader's choosing."""
    if target.is_dir():
        target = target / f"library-{datetime.now(UTC).strftime(STAMP_FORMAT)}.db"
    _copy(lib, target)
    return target


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[Path]:
    """The automatic backups, newest first."""
    return sorted(backup_dir(data_dir).glob("library-*.db"), reverse=True)


def backup_now(lib: Library) -> Path:
    """A backup into the data folder's `backups/`, then thin out the old ones."""
    folder = backup_dir(lib.data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"library-{datetime.now(UTC).strftime(STAMP_FORMAT)}.db"
    _copy(lib, target)
    for old in to_remove(list_backups(lib.data_dir)):
        old.unlink(missing_ok=True)
    return target


def _stamp(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.stem.removeprefix("library-"), STAMP_FORMAT).replace(
            tzinfo=UTC
        )
    except ValueError:
        return None


def to_remove(backups: list[Path], now: datetime | None = None) -> list[Path]:
    """Which backups rotation drops: beyond the most recent, one per day, then one per week."""
    now = now or datetime.now(UTC)
    dated = sorted(((s, p) for p in backups if (s := _stamp(p))), reverse=True)
    keep: set[Path] = {p for _, p in dated[:KEEP_RECENT]}
    days: set[object] = set()
    weeks: set[object] = set()
    for stamp, path in dated:
        age = now - stamp
        if age <= timedelta(days=KEEP_DAYS) and stamp.date() not in days:
            days.add(stamp.date())
            keep.add(path)
        week = stamp.isocalendar()[:2]
        if age <= timedelta(weeks=KEEP_WEEKS) and week not in weeks:
            weeks.add(week)
            keep.add(path)
    return [p for _, p in dated if p not in keep]


def restore(data_dir: Path, source: Path) -> Path:
    """Replace the library with `source`; the replaced one is kept aside. Returns where."""
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            con.execute("SELECT count(*) FROM notes").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise UserError(
            f"{source} is not a Serge Reader library ({exc}); nothing was changed"
        ) from None
    if not ok:
        raise UserError(f"{source} is damaged (its check fails); nothing was changed")
    library = data_dir / LIBRARY_FILE
    aside = data_dir / f"library-replaced-{datetime.now(UTC).strftime(STAMP_FORMAT)}.db"
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / ".restoring.db"
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        old = os.umask(0o077)
        try:
            dst = sqlite3.connect(tmp)
        finally:
            os.umask(old)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        if library.exists():
            # Fold the WAL into the old library before setting it aside, so it stays whole.
            with contextlib.closing(sqlite3.connect(library)) as con:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            os.replace(library, aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{library}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, library)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot restore {source}: {exc}") from None
    return aside

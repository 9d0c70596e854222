"""Backups of the reader's library, and restoring one.

A backup is made with SQLite's online backup API (consistent even while the app writes),
only after `PRAGMA quick_check` passes, into `backups/` inside the data folder, as one
self-contained file. Old ones are thinned: the 8 most recent, one a day for a week, one a
week for two months. Automatic backups (`backup_if_changed`) are made only when the
library changed since its newest backup.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from serge_reader.errors import UserError
from serge_reader.library import (
    BUSY_CODES,
    LIBRARY_FILE,
    STAMP_FORMAT,
    Library,
    error_code,
    file_uri,
    header_problem,
    quick_check,
    report_damage,
    set_aside,
    stamp,
    sync_dir,
)
from serge_reader.migrations import SCHEMA_VERSION, user_version

BACKUP_DIR = "backups"
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS = 8, 7, 8


def check(lib: Library) -> list[str]:
    """What `PRAGMA quick_check` finds wrong with the library (empty when it is sound). A
    damaged library is marked, so that its next opening checks it and sets it aside."""
    try:
        problems = quick_check(lib.conn)
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        report_damage(lib.path)
    return problems


def _copy(lib: Library, target: Path) -> None:
    problems = check(lib)
    if problems:
        raise UserError(f"the library failed its check ({problems[0]}); no backup was made")
    tmp = target.with_name(target.name + ".part")
    try:
        for leftover in (tmp, Path(f"{tmp}-journal")):  # from a copy that was killed
            leftover.unlink(missing_ok=True)
        old = os.umask(0o077)
        try:
            dest = sqlite3.connect(tmp)
        finally:
            os.umask(old)
        try:
            lib.conn.backup(dest, name="main")
            # One self-contained file: readable, and checkable, without a -wal beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(tmp, target)
        sync_dir(target.parent)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write the backup {target}: {exc}") from None


def backup_to(lib: Library, target: Path) -> Path:
    """A backup at a place of the reader's choosing."""
    if target.is_dir():
        target = target / f"library-{stamp()}.db"
    _copy(lib, target)
    return target


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def _stamp(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.stem.removeprefix("library-"), STAMP_FORMAT).replace(
            tzinfo=UTC
        )
    except ValueError:
        return None


def made_at(path: Path) -> datetime:
    """When a backup was made: from its name, else (a file put there by hand) its mtime."""
    return _stamp(path) or datetime.fromtimestamp(path.stat().st_mtime, UTC)


def list_backups(data_dir: Path) -> list[Path]:
    """The backups in the data folder's `backups/`, newest first."""
    return sorted(backup_dir(data_dir).glob("library-*.db"), key=made_at, reverse=True)


def backup_now(lib: Library) -> Path:
    """A backup into the data folder's `backups/`, then thin out the old ones."""
    folder = backup_dir(lib.data_dir)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the backups folder {folder}: {exc.strerror}") from None
    target = folder / f"library-{stamp()}.db"
    _copy(lib, target)
    for old in to_remove(list_backups(lib.data_dir)):
        with contextlib.suppress(OSError):  # an old backup kept is no loss
            old.unlink(missing_ok=True)
    return target


def to_remove(backups: list[Path], now: datetime | None = None) -> list[Path]:
    """Which backups rotation drops: beyond the most recent, one per day, then one per week."""
    now = now or datetime.now(UTC)
    dated = sorted(((s, p) for p in backups if (s := _stamp(p))), reverse=True)
    keep: set[Path] = {p for _, p in dated[:KEEP_RECENT]}
    days: set[object] = set()
    weeks: set[object] = set()
    for made, path in dated:
        age = now - made
        if age <= timedelta(days=KEEP_DAYS) and made.date() not in days:
            days.add(made.date())
            keep.add(path)
        week = made.isocalendar()[:2]
        if age <= timedelta(weeks=KEEP_WEEKS) and week not in weeks:
            weeks.add(week)
            keep.add(path)
    return [p for _, p in dated if p not in keep]


# -- automatic backups ------------------------------------------------------------------


def state(con: sqlite3.Connection) -> tuple[int, str | None]:
    """Which state a library (or a backup of it) is in: its schema version, and the token
    that every write changes (None in a library older than schema 4)."""
    try:
        row = con.execute("SELECT version FROM main.library_state").fetchone()
    except sqlite3.OperationalError:
        row = None
    return user_version(con), row[0] if row else None


def holds_anything(con: sqlite3.Connection) -> bool:
    """Whether any table holds something the reader wrote (a full-text index's own tables,
    and the state token, do not count)."""
    virtual = [
        r[0]
        for r in con.execute("SELECT name FROM main.sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")
    ]
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'library_state'"
            " AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
        if not any(r[0].startswith(v + "_") for v in virtual)
    ]
    return any(con.execute(f'SELECT 1 FROM main."{t}" LIMIT 1').fetchone() for t in tables)


def _file_state(path: Path) -> tuple[int, str | None] | None:
    try:
        con = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
        try:
            return state(con)
        finally:
            con.close()
    except sqlite3.Error:
        return None


def backup_if_changed(lib: Library) -> Path | None:
    """An automatic backup, made only when the library holds something and is not in the
    state of its newest backup (and, as every backup, only after its check passes); None
    when none was made. Comparing state tokens costs the same for any size of library."""
    try:
        current, anything = state(lib.conn), holds_anything(lib.conn)
    except sqlite3.Error as exc:
        raise UserError(f"cannot read the library to back it up: {exc}") from None
    if not anything:
        return None  # nothing to keep: an empty backup would only push good ones out
    newest = next(iter(list_backups(lib.data_dir)), None)
    if newest is not None and _file_state(newest) == current:
        return None
    return backup_now(lib)


# -- looking at backups -----------------------------------------------------------------


def check_file(path: Path) -> str | None:
    """Why the file at `path` is not a sound library to restore; None when it is."""
    if not path.is_file():
        return "there is no such file"
    try:
        con = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
        try:
            problems = quick_check(con)
            version = user_version(con)
            con.execute("SELECT count(*) FROM notes").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"it is not a Serge Reader library ({exc})"
    if problems:
        return f"it is damaged ({problems[0]})"
    if version > SCHEMA_VERSION:
        return "it was written by a newer Serge Reader"
    return None


def newest_good_backup(data_dir: Path) -> Path | None:
    """The newest backup in `backups/` that passes its check."""
    return next((p for p in list_backups(data_dir) if check_file(p) is None), None)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime  # UTC
    size: int  # bytes
    notes: int | None  # None when the file cannot be read


def describe_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups, newest first, with what a reader needs to choose one."""
    infos = []
    for path in list_backups(data_dir):
        try:
            con = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
            try:
                count: int | None = int(con.execute("SELECT count(*) FROM notes").fetchone()[0])
            finally:
                con.close()
        except sqlite3.Error:
            count = None
        try:
            infos.append(BackupInfo(path, made_at(path), path.stat().st_size, count))
        except FileNotFoundError:
            continue  # rotated away meanwhile by an automatic backup
    return infos


# -- restoring --------------------------------------------------------------------------


def _checked_source(source: Path) -> None:
    problem = check_file(source)
    if problem:
        raise UserError(f"{source} cannot be restored: {problem}; nothing was changed")


def _set_current_aside(library: Path) -> Path | None:
    """Move the current library (and any -wal/-shm) aside, its log folded in when it is sound.

    Leaving WAL mode folds the log into the file, and is refused while any other connection
    (the app, a command still running) has the library open: then nothing is moved. A file
    that is not a database at all is not opened (SQLite would throw its -wal away).
    """
    if library.exists() and header_problem(library) is None:
        try:
            con = sqlite3.connect(file_uri(library), uri=True, isolation_level=None, timeout=0)
            try:
                in_use = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "delete"
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            in_use = error_code(exc) in BUSY_CODES  # else a damaged file, set aside as it is
        if in_use:
            raise UserError(
                "the library is open in Serge Reader (the app, or a command still running); "
                "close it, or restore from the app's Restore dialog; nothing was changed"
            )
    if not any(Path(f"{library}{s}").exists() for s in ("", "-wal", "-shm")):
        return None
    return set_aside(library, "replaced")


def restore(data_dir: Path, source: Path) -> Path | None:
    """Replace the library with `source`; the replaced one (with any stale -wal/-shm) is kept
    aside. Returns where, or None when there was no library to replace."""
    _checked_source(source)
    library = data_dir / LIBRARY_FILE
    old = os.umask(0o077)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the data folder {data_dir}: {exc.strerror}") from None
    finally:
        os.umask(old)
    tmp = data_dir / ".restoring.db"
    try:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
        src = sqlite3.connect(file_uri(source, mode="ro"), uri=True)
        old = os.umask(0o077)
        try:
            dst = sqlite3.connect(tmp)
        finally:
            os.umask(old)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            src.close()
            dst.close()
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot restore {source}: {exc}") from None
    try:
        aside = _set_current_aside(library)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        os.replace(tmp, library)
    except OSError as exc:
        raise UserError(
            f"cannot put {source} in place ({exc.strerror}); the replaced library is kept as {aside}"
        ) from None
    sync_dir(data_dir)
    return aside


def restore_into(lib: Library, source: Path) -> Path | None:
    """Restore while `lib` is open (the app): close it, restore, and open the restored
    library in the same object, so everything holding `lib` goes on working."""
    _checked_source(source)
    lib.close()
    try:
        return restore(lib.data_dir, source)
    finally:
        lib.reopen()

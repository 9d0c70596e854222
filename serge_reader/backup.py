"""Backups of the reader's library, and restoring one.

A backup is made with SQLite's online backup API (consistent even while the app writes),
only after `PRAGMA quick_check` passes, into `backups/` inside the data folder, as one
self-contained file. Old ones are thinned: the 8 most recent, one a day for a week, one a
week for two months. Automatic backups (`backup_if_changed`) are made only when the
library changed since its newest backup.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from serge_reader import locks, safe_files, storage
from serge_reader.errors import UserError
from serge_reader.library import BUSY_TIMEOUT_MS, Library, quick_check
from serge_reader.migrations import SCHEMA_VERSION, migrate, user_version
from serge_reader.storage import (
    BUSY_CODES,
    LIBRARY_FILE,
    STAMP_FORMAT,
    aside_path,
    error_code,
    file_uri,
    header_problem,
    protection_reason,
    report_damage,
    set_aside,
    stamp,
    sync_dir,
)

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
    safe_files.clean_leftovers(target.parent)  # from copies that were killed
    tmp = safe_files.temp_path(target)
    try:
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
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
        reason = safe_files.describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise UserError(f"cannot write the backup {target}: {reason}; no backup was made") from None


def backup_to(lib: Library, target: Path, *, force: bool = False) -> Path:
    """A backup at a place of the reader's choosing: never onto the library or a file the
    program keeps; over an existing file or through a symbolic link only with `force`."""
    if target.is_dir() and not target.is_symlink():
        target = target / f"library-{stamp()}.db"
    target = safe_files.checked_target(
        target, data_dir=lib.data_dir, library=lib.path.name, force=force
    )
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
    _clean_parts(folder)
    target = folder / f"library-{stamp()}.db"
    _copy(lib, target)
    for old in to_remove(list_backups(lib.data_dir)):
        with contextlib.suppress(OSError):  # an old backup kept is no loss
            old.unlink(missing_ok=True)
    return target


def _clean_parts(folder: Path) -> None:
    """Copies left half-made by a backup that was killed (named `….db.part` before
    `safe_files`), once no backup can still be writing them."""
    now = datetime.now(UTC).timestamp()
    for pattern in ("library-*.db.part", "library-*.db.part-journal"):
        for part in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if now - part.stat().st_mtime > safe_files.LEFTOVER_AGE_S:
                    part.unlink()


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
    _clean_parts(backup_dir(lib.data_dir))
    if not anything:
        return None  # nothing to keep: an empty backup would only push good ones out
    newest = next(iter(list_backups(lib.data_dir)), None)
    if newest is not None and _file_state(newest) == current:
        return None
    return backup_now(lib)


# -- looking at backups -----------------------------------------------------------------


@functools.cache
def _schema_at(version: int) -> dict[tuple[str, str], set[str]]:
    """What a library at `version` holds: {(type, name): its columns} for every table,
    index and trigger, as the migrations make them."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(con, target=version)
        return _schema_of(con)
    finally:
        con.close()


def _schema_of(con: sqlite3.Connection) -> dict[tuple[str, str], set[str]]:
    found = {}
    for kind, name in con.execute(
        "SELECT type, name FROM main.sqlite_master WHERE type IN ('table', 'index', 'trigger')"
        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ):
        columns = (
            {r[1] for r in con.execute(f'PRAGMA main.table_info("{name}")')}
            if kind == "table"
            else set()
        )
        found[(kind, name)] = columns
    return found


def check_file(path: Path) -> str | None:
    """Why the file at `path` is not a sound Serge Reader library to restore; None when it
    is: an SQLite file that passes `quick_check`, at a schema version this program knows,
    with every table (and column), index and trigger of that version."""
    if not path.is_file():
        return "there is no such file"
    if header_problem(path):
        return "it is not a Serge Reader library (not a database at all)"
    try:
        con = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
        try:
            problems = quick_check(con)
            version = user_version(con)
            schema = _schema_of(con) if not problems else {}
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"it is not a Serge Reader library ({exc})"
    if problems:
        return f"it is damaged ({problems[0]})"
    if version > SCHEMA_VERSION:
        return "it was written by a newer Serge Reader"
    if version < 1:
        return f"it is not a Serge Reader library (schema version {version})"
    for (kind, name), columns in _schema_at(version).items():
        if (kind, name) not in schema:
            return f"it is not a Serge Reader library (no {kind} '{name}')"
        missing = columns - schema[(kind, name)]
        if missing:
            return f"it is not a Serge Reader library ('{name}' has no '{min(missing)}')"
    return None


def newest_good_backup(data_dir: Path) -> Path | None:
    """The newest backup in `backups/` that passes its check; never one dated in the
    future (a clock that was wrong, or a file named by hand), which is not the newest."""
    now = datetime.now(UTC) + timedelta(minutes=5)
    return next(
        (p for p in list_backups(data_dir) if made_at(p) <= now and check_file(p) is None),
        None,
    )


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


def _refuse_if_in_use(library: Path) -> None:
    """Fold the library's log into it (leaving WAL mode), which SQLite refuses while any other
    connection (the app, a command still running) has it open: then refuse, changing nothing.
    A file that is not a database at all is not opened (SQLite would throw its -wal away)."""
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


def _stage_copy(source: Path, staged: Path) -> None:
    try:
        for leftover in (staged, Path(f"{staged}-journal")):
            leftover.unlink(missing_ok=True)
        src = sqlite3.connect(file_uri(source, mode="ro"), uri=True)
        old = os.umask(0o077)
        try:
            dst = sqlite3.connect(staged)
        finally:
            os.umask(old)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            src.close()
            dst.close()
    except (OSError, sqlite3.Error) as exc:
        staged.unlink(missing_ok=True)
        raise UserError(f"cannot restore {source}: {exc}; nothing was changed") from None
    sync_dir(staged.parent)


def restore(data_dir: Path, source: Path) -> Path | None:
    """Replace the library with `source`; the replaced one (with any stale -wal/-shm) is kept
    aside. Returns where, or None when there was no library to replace.

    Killed at any moment, it leaves either the library as it was, or the restored one, or a
    journal from which the next opening gets to one of the two (`resume_restore`). It holds
    the folder's swap lock throughout (`serge_reader.locks`): no program opens the library
    meanwhile (each waits for the restore to end), and one that has it open makes the
    restore refuse."""
    _checked_source(source)
    library = data_dir / LIBRARY_FILE
    old = os.umask(0o077)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the data folder {data_dir}: {exc.strerror}") from None
    finally:
        os.umask(old)
    with locks.swap_lock(data_dir, shared=False, wait_s=BUSY_TIMEOUT_MS / 1000) as ok:
        if not ok:
            raise UserError(
                "the library is being opened by another program; try again in a moment; "
                "nothing was changed"
            )
        return _restore_swapping(data_dir, library, source)


def _restore_swapping(data_dir: Path, library: Path, source: Path) -> Path | None:
    storage.resume_restore(
        library, BUSY_TIMEOUT_MS / 1000
    )  # one killed earlier, not opened since: finished or undone first
    protected = protection_reason(library, folder=True)
    if protected is not None:  # it could not be moved aside, nor the copy put in its place
        raise UserError(f"cannot restore {source}: {protected}; nothing was changed")
    staged = data_dir / storage.STAGED_NAME
    journal = storage.journal_path(library)
    try:
        fd = os.open(journal, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise UserError(f"cannot restore into {data_dir}: {exc.strerror}") from None
    try:
        if not storage.lock_journal(fd):
            raise UserError("another restore of this library is under way; nothing was changed")
        try:
            _refuse_if_in_use(library)
            _stage_copy(source, staged)
            present = any(Path(f"{library}{s}").exists() for s in ("", "-wal", "-shm"))
            aside = aside_path(library, "replaced") if present else None
            record = {"source": str(source), "aside": str(aside) if aside else None}
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(record).encode("utf-8"))
            os.fsync(fd)
            sync_dir(data_dir)
        except BaseException:
            staged.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
            raise
        try:
            if aside is not None:
                set_aside(library, "replaced", aside)
            os.replace(staged, library)
            sync_dir(data_dir)
        except OSError as exc:
            said = storage.resume_locked(library, record)
            raise UserError(f"cannot restore {source} ({exc.strerror}); {said}") from None
        journal.unlink(missing_ok=True)
        sync_dir(data_dir)
    finally:
        os.close(fd)
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

"""Issue 19, the file system's part: a restore racing writers, and a library the file system
will not let be rewritten (`chattr +a`). Each test here failed before its fix."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from serge_reader import backup, library, notes, storage
from serge_reader.errors import StorageError, UserError
from serge_reader.library import Library
from serge_reader.opening import open_library

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "serge_reader"]


def bodies_in(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT body FROM notes")}
    finally:
        con.close()


# -- a restore racing writers ---------------------------------------------------------------


def test_writers_racing_restores_never_fail_nor_lose_a_reported_note(data_dir):
    """Writers open the library, add a note and close it, over and over, while restores
    replace it over and over. Before the swap lock, a writer that opened the library halfway
    through a restore failed with "read-only", "disk I/O error", "damaged" (and marked the
    library damaged), or wrote into a file the restore then put aside."""
    with Library(data_dir) as lib:
        notes.add_note(lib, "in the backup")
        source = backup.backup_now(lib)
    stop = time.monotonic() + 4.0
    reported: list[str] = []
    outcomes: Counter[str] = Counter()

    def writer(w: int) -> None:
        i = 0
        while time.monotonic() < stop:
            i += 1
            body = f"writer {w} note {i}"
            try:
                with Library(data_dir) as lib:
                    notes.add_note(lib, body)
            except StorageError as exc:  # allowed, if it says what is true
                outcomes["being restored" if "being restored" in str(exc) else str(exc)] += 1
            except Exception as exc:  # every other outcome is a failure
                outcomes[f"{type(exc).__name__}: {exc}"] += 1
            else:
                reported.append(body)
                outcomes["written"] += 1
            time.sleep(0.03)  # so that the library is closed now and then: restores happen

    def restorer() -> None:
        while time.monotonic() < stop:
            try:
                backup.restore(data_dir, source)
            except UserError as exc:
                outcomes["restore refused" if "is open" in str(exc) else f"restore: {exc}"] += 1
            else:
                outcomes["restored"] += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
    threads.append(threading.Thread(target=restorer))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    unexpected = {k: v for k, v in outcomes.items() if k not in ("written", "restored")}
    unexpected.pop("restore refused", None)
    unexpected.pop("being restored", None)
    assert unexpected == {}, outcomes
    assert outcomes["written"] and outcomes["restored"], outcomes  # the race was run
    opened = open_library(data_dir)
    assert opened.recovery is None
    with opened.library as lib:
        assert backup.check(lib) == []
        kept = {n.body for n in notes.list_notes(lib)}
    assert not list(data_dir.glob("library-damaged-*"))
    assert not (data_dir / "library.db-damaged").exists()
    for aside in data_dir.glob("library-replaced-*.db"):
        kept |= bodies_in(aside)
    assert set(reported) <= kept  # each reported note is in the library, or in one replaced


def test_an_opening_waits_for_a_restore_and_then_says_so_in_words(data_dir, monkeypatch):
    from serge_reader import locks

    Library(data_dir).close()
    with locks.swap_lock(data_dir, shared=False, wait_s=0) as held:  # a restore under way
        assert held
        monkeypatch.setattr(library, "BUSY_TIMEOUT_MS", 200)
        with pytest.raises(StorageError, match=r"is being restored; try again in a moment"):
            Library(data_dir)


def test_a_library_moved_from_under_a_connection_is_not_called_read_only(data_dir):
    """The "read-only" a writer racing a restore used to get: its connection opened the
    restored copy (still in rollback-journal mode) just before the restore moved it aside,
    and SQLite refused the write with SQLITE_READONLY_DBMOVED."""
    Library(data_dir).close()
    path = data_dir / "library.db"
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("SELECT count(*) FROM notes").fetchone()
        path.rename(data_dir / "library-replaced-x.db")
        with pytest.raises(sqlite3.OperationalError) as refused:
            con.execute("CREATE TABLE written(x)")
    finally:
        con.close()
    assert refused.value.sqlite_errorcode == 1032  # type: ignore[attr-defined]
    said = library._reason(refused.value, path)
    assert "read-only" not in said and "try again in a moment" in said, said


# -- an append-only (chattr +a) library -----------------------------------------------------


def _chattr(flag: str, *paths: Path) -> None:
    subprocess.run(["chattr", flag, *map(str, paths)], check=True, capture_output=True)


@contextlib.contextmanager
def marked(flag: str, *paths: Path):
    _chattr(f"+{flag}", *paths)
    try:
        yield
    finally:
        _chattr(f"-{flag}", *paths)


def _chattr_works(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.touch()
    try:
        _chattr("+a", probe)
    except (OSError, subprocess.CalledProcessError):
        return False  # not permitted (it needs CAP_LINUX_IMMUTABLE), or no such tool
    _chattr("-a", probe)
    return True


@pytest.fixture
def chattr(tmp_path):
    if sys.platform != "linux" or not _chattr_works(tmp_path):
        pytest.skip("chattr +a is not permitted here (see the simulated test below)")


def one_line(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 1, out
    assert "Traceback" not in out.stderr, out.stderr
    (line,) = out.stderr.strip().splitlines()
    return line


def test_writes_on_an_append_only_library_say_so_in_one_line(chattr, cli, data_dir):
    cli("note", "add", "kept")
    made = cli("backup").stdout.strip()
    path = data_dir / "library.db"
    with marked("a", path):
        for command in (
            ["note", "add", "more"],
            ["note", "edit", "1", "changed"],
            ["progress", "conquered-city", "--page", "3"],
            ["restore", made],
        ):
            line = one_line(cli(*command))
            assert "append-only (chattr +a)" in line, line
            assert "nothing was changed" in line or "restore" not in command, line
        assert cli("note", "list").returncode == 0  # reading still works
    assert [n["body"] for n in json.loads(cli("note", "list", "--json").stdout)] == ["kept"]
    assert cli("check").stdout.strip() == "ok"


def test_a_restore_into_an_append_only_folder_changes_nothing(chattr, cli, data_dir):
    cli("note", "add", "kept")
    made = cli("backup").stdout.strip()
    before = sorted(p.name for p in data_dir.iterdir())
    with marked("a", data_dir):
        line = one_line(cli("restore", made))  # it was a traceback
        assert "append-only" in line and "nothing was changed" in line, line
        assert sorted(p.name for p in data_dir.iterdir()) == before
    assert cli("check").stdout.strip() == "ok"


def test_a_file_system_mark_is_named_when_sqlite_refuses_a_write(data_dir, monkeypatch):
    """Where chattr is not permitted: the same refusal simulated at the lowest level this
    program sees, SQLite's SQLITE_READONLY, with the file system reporting the append-only
    flag (FS_APPEND_FL) for the library file."""
    lib = Library(data_dir)
    try:
        notes.add_note(lib, "kept")
        monkeypatch.setattr(
            storage,
            "write_protection",
            lambda path: "append-only" if path == lib.path else None,
        )

        class ReadOnly:  # the connection as SQLite leaves it on an append-only file
            def __init__(self, real: sqlite3.Connection) -> None:
                self.real = real

            in_transaction = False
            total_changes = 0

            def execute(self, sql: str, *args: object) -> object:
                if sql.startswith("BEGIN"):
                    error = sqlite3.OperationalError("attempt to write a readonly database")
                    error.sqlite_errorcode = 8  # type: ignore[attr-defined]
                    raise error
                return self.real.execute(sql, *args)

        real = lib.db.conn
        monkeypatch.setattr(lib.db, "conn", ReadOnly(real))
        with pytest.raises(StorageError, match=r"append-only \(chattr \+a\)") as refused:
            notes.add_note(lib, "more")
        assert "nothing was changed" in str(refused.value)
        monkeypatch.setattr(lib.db, "conn", real)
    finally:
        lib.close()


def test_write_protection_reads_the_real_flag(chattr, tmp_path):
    path = tmp_path / "f"
    path.write_text("x")
    assert storage.write_protection(path) is None
    with marked("a", path):
        assert storage.write_protection(path) == "append-only"
    with marked("i", path):
        assert storage.write_protection(path) == "immutable"

"""The library database: durable settings, owner-only files, migrations, refusals."""

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from serge_reader import library, migrations, notes, progress
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.opening import open_library
from serge_reader.search import search_notes

ROOT = Path(__file__).resolve().parents[1]


def test_durable_settings(lib):
    assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert lib.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert lib.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_files_are_readable_by_the_owner_only(lib, data_dir):
    notes.add_note(lib, "private")
    for path in data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_reference_is_attached_read_only(lib):
    with pytest.raises(sqlite3.OperationalError):
        lib.conn.execute("DELETE FROM ref.entries")


def test_a_library_from_a_newer_program_is_refused_unchanged(data_dir):
    Library(data_dir).close()
    con = sqlite3.connect(data_dir / "library.db")
    con.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    con.close()
    before = (data_dir / "library.db").read_bytes()
    with pytest.raises(UserError, match="newer Serge Reader"):
        Library(data_dir)
    assert (data_dir / "library.db").read_bytes() == before


def test_not_a_database_is_kept_aside_and_a_fresh_library_started(data_dir):
    data_dir.mkdir(parents=True)
    garbage = b"this is not sqlite" * 100
    (data_dir / "library.db").write_bytes(garbage)
    opened = open_library(data_dir)
    lib = opened.library
    try:
        assert opened.recovery is not None
        assert opened.recovery.moved_to.read_bytes() == garbage  # never deleted
        assert "damaged" in opened.recovery.message
        notes.add_note(lib, "the program keeps working")
    finally:
        lib.close()


@pytest.fixture
def checks(monkeypatch):
    """How many times opening ran the whole-file check."""
    ran = []
    real = library.quick_check
    monkeypatch.setattr(library, "quick_check", lambda con: ran.append(1) or real(con))
    return ran


def test_a_library_this_program_closed_opens_without_the_whole_file_check(data_dir, checks):
    with Library(data_dir) as lib:
        notes.add_note(lib, "kept")
    assert len(checks) == 1  # a new library
    with Library(data_dir) as lib:
        assert [n.body for n in notes.list_notes(lib)] == ["kept"]
        notes.add_note(lib, "and another")
    assert len(checks) == 1
    with Library(data_dir) as lib:
        assert len(notes.list_notes(lib)) == 2
    assert len(checks) == 1


def test_the_check_runs_whenever_the_file_may_not_be_as_this_program_left_it(data_dir, checks):
    with Library(data_dir) as lib:
        notes.add_note(lib, "kept")
    con = sqlite3.connect(data_dir / "library.db")  # another program writes to it
    con.execute("UPDATE notes SET body = 'changed elsewhere'")
    con.commit()
    con.close()
    Library(data_dir).close()
    assert len(checks) == 2

    with Library(data_dir) as first:  # open, as the app is when the CLI runs
        notes.add_note(first, "not yet folded into the file")
        Library(data_dir).close()
    assert len(checks) == 3

    crash = (  # the program dies with the library open
        "import os, sys; from pathlib import Path; from serge_reader import notes;"
        "from serge_reader.library import Library;"
        "notes.add_note(Library(Path(sys.argv[1])), 'written just before'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", crash, str(data_dir)], check=True, cwd=ROOT)
    assert (data_dir / "library.db-wal").exists()
    with Library(data_dir) as lib:
        assert "written just before" in [n.body for n in notes.list_notes(lib)]
    assert len(checks) == 4


# Data a reader could have written at each schema version, in that version's own tables.
SAMPLE_DATA = {
    1: [
        "INSERT INTO notes (id, uid, body, work, page, kind, created, updated) VALUES"
        " (7, 'u-7', 'On the [[NEP]]', 'conquered-city', 12, 'note', '2024-01-01T00:00:00Z',"
        " '2024-01-02T00:00:00Z')",
        "INSERT INTO note_tags VALUES (7, 'economy')",
        "INSERT INTO note_links VALUES (7, 'nep')",
        "INSERT INTO progress (work, status, page, pages, started, updated) VALUES"
        " ('conquered-city', 'reading', 12, 240, '2024-01-01', '2024-01-02T00:00:00Z')",
    ],
}


@pytest.mark.parametrize("version", range(migrations.SCHEMA_VERSION))
def test_every_earlier_schema_migrates_without_loss(data_dir, version):
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_dir / "library.db", isolation_level=None)
    migrations.migrate(con, target=version)
    for v in range(1, version + 1):
        for statement in SAMPLE_DATA.get(v, []):
            con.execute(statement)
    con.close()
    lib = Library(data_dir)
    try:
        assert migrations.user_version(lib.conn) == migrations.SCHEMA_VERSION
        if version >= 1:
            note = notes.get_note(lib, 7)
            assert (note.body, note.work, note.page, note.tags) == (
                "On the [[NEP]]",
                "conquered-city",
                12,
                ("economy",),
            )
            assert [n.id for n in notes.list_notes(lib, about="nep")] == [7]
            assert progress.get_progress(lib, "conquered-city").page == 12
            assert search_notes(lib, "nep")[0].id == "note:7"
        n = notes.add_note(lib, "after migration [[POUM]]")
        assert notes.list_notes(lib, about="poum")[0].id == n
        progress.set_progress(lib, "conquered-city", page=20)
        assert progress.undo_last(lib, "conquered-city").page == (12 if version >= 1 else 0)
    finally:
        lib.close()

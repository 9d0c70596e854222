"""The library database: durable settings, owner-only files, migrations, refusals."""

import sqlite3
import stat

import pytest

from serge_reader import migrations, notes
from serge_reader.errors import UserError
from serge_reader.library import Library


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


def test_not_a_database_gives_a_clear_message(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "library.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UserError, match="cannot"):
        Library(data_dir)


@pytest.mark.parametrize("version", range(migrations.SCHEMA_VERSION))
def test_every_earlier_schema_migrates_without_loss(data_dir, version):
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_dir / "library.db", isolation_level=None)
    migrations.migrate(con, target=version)
    con.close()
    lib = Library(data_dir)
    try:
        assert migrations.user_version(lib.conn) == migrations.SCHEMA_VERSION
        n = notes.add_note(lib, "after migration [[NEP]]")
        assert notes.list_notes(lib, about="nep")[0]["id"] == n
    finally:
        lib.close()

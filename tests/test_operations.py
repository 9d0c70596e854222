"""The one way the window changes the library: operations, their rules, their errors in words,
and what each announces. Plain Python: no window needed."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from serge_reader import cli, drafts, library, migrations, notes, operations, progress
from serge_reader.changes import Change
from serge_reader.drafts import CONFLICT_TAG, NoteDraft
from serge_reader.errors import StorageError, UserError
from serge_reader.library import Library
from serge_reader.sync import engine


def other(data_dir):
    """Another program's connection to the same library (the CLI, a second window)."""
    return Library(data_dir)


# -- the notes panel's save rules ---------------------------------------------------------


def test_an_empty_new_note_is_not_saved(lib):
    draft = NoteDraft(work="conquered-city")
    done = operations.save_note(lib, draft, "   \n", page=None, tags=[], kind="note")
    assert done.value.note_id is None and notes.count_notes(lib) == 0
    assert done.change == Change()


def test_a_note_deleted_elsewhere_while_open_is_saved_as_new(lib, data_dir):
    n = notes.add_note(lib, "first words", work="conquered-city")
    draft = NoteDraft.load(lib, n)
    with other(data_dir) as cli_lib:
        notes.delete_note(cli_lib, n)
    saved = operations.save_note(lib, draft, "first words and more", page=3, tags=[], kind="note")
    assert notes.count_notes(lib) == 1
    kept = notes.get_note(lib, saved.value.note_id)
    assert kept.body == "first words and more" and kept.work == "conquered-city"


def test_an_outside_edit_and_unsaved_typing_are_both_kept(lib, data_dir):
    n = notes.add_note(lib, "as loaded", tags=["police"])
    draft = NoteDraft.load(lib, n)
    lib.conn.execute("UPDATE notes SET updated = '2000-01-01T00:00:00Z' WHERE id = ?", (n,))
    draft = NoteDraft.load(lib, n)  # loaded at a known moment, so the next write differs
    with other(data_dir) as cli_lib:
        notes.update_note(cli_lib, n, body="edited in the terminal")
    done = operations.save_note(
        lib, draft, "as loaded, and typed here", page=None, tags=["police"], kind="note"
    )
    assert notes.get_note(lib, n).body == "as loaded, and typed here"
    other_version = notes.get_note(lib, done.value.conflict)
    assert "edited in the terminal" in other_version.body
    assert CONFLICT_TAG in other_version.tags and "police" in other_version.tags
    assert done.change.notes == {n, done.value.conflict}


def test_no_conflict_when_only_this_editor_wrote(lib):
    n = notes.add_note(lib, "one")
    draft = NoteDraft.load(lib, n)
    for text in ("one two", "one two three"):
        done = operations.save_note(lib, draft, text, page=None, tags=[], kind="note")
        assert done.value.conflict is None
    assert notes.count_notes(lib) == 1


def test_a_draft_knows_when_its_note_changed_elsewhere(lib, data_dir):
    n = notes.add_note(lib, "mine")
    lib.conn.execute("UPDATE notes SET updated = '2000-01-01T00:00:00Z' WHERE id = ?", (n,))
    draft = NoteDraft.load(lib, n)
    assert draft.changed_elsewhere(lib) is None
    with other(data_dir) as cli_lib:
        notes.update_note(cli_lib, n, body="theirs")
    assert draft.changed_elsewhere(lib).body == "theirs"
    draft.reload(lib)
    assert draft.body == "theirs" and draft.changed_elsewhere(lib) is None


# -- another version of a note: shown with it, either text kept ---------------------------


def both_changed(lib, data_dir, *, typed="typed here", elsewhere="edited in the terminal"):
    """A note open here and changed by another program, then saved: two versions."""
    n = notes.add_note(lib, "as loaded", work="conquered-city", tags=["police"])
    lib.conn.execute("UPDATE notes SET updated = '2000-01-01T00:00:00Z' WHERE id = ?", (n,))
    draft = NoteDraft.load(lib, n)
    with other(data_dir) as cli_lib:
        notes.update_note(cli_lib, n, body=elsewhere, position=notes.Position(page=9))
    done = operations.save_note(lib, draft, typed, page=3, tags=["police"], kind="note")
    return n, done.value.conflict


def test_a_note_and_its_other_version_find_each_other(lib, data_dir):
    n, v = both_changed(lib, data_dir)
    from_note, from_version = drafts.versions(lib, n), drafts.versions(lib, v)
    assert from_note == from_version
    assert (from_note.note.id, from_note.version.id, from_note.others) == (n, v, 0)
    assert drafts.version_text(from_note.version.body) == "edited in the terminal"
    assert drafts.versions(lib, notes.add_note(lib, "a note alone")) is None


def test_keeping_the_other_version_makes_it_the_note_under_the_same_uid(lib, data_dir):
    n, v = both_changed(lib, data_dir)
    uid = notes.get_note(lib, n).uid
    done = operations.keep_version(lib, v, keep="version")
    kept = notes.get_note(lib, n)
    assert (done.value, kept.uid, kept.body, kept.page) == (n, uid, "edited in the terminal", 9)
    assert kept.tags == ("police",) and kept.work == "conquered-city"  # 'conflict' dropped
    assert not notes.note_exists(lib, v) and drafts.versions(lib, n) is None
    assert done.change.notes == {n, v} and "conquered-city" in done.change.entries


def test_keeping_the_note_deletes_only_the_other_version(lib, data_dir):
    n, v = both_changed(lib, data_dir)
    before = notes.get_note(lib, n)
    operations.keep_version(lib, v, keep="note")
    assert notes.get_note(lib, n) == before and not notes.note_exists(lib, v)


def test_a_version_already_settled_elsewhere_is_refused_and_nothing_changes(lib, data_dir):
    n, v = both_changed(lib, data_dir)
    with other(data_dir) as cli_lib:
        notes.delete_note(cli_lib, v)
    with pytest.raises(UserError, match="no longer another version"):
        operations.keep_version(lib, v, keep="version")
    assert notes.get_note(lib, n).body == "typed here"
    with pytest.raises(UserError, match="no longer another version"):
        operations.keep_version(lib, n, keep="note")  # the note itself is not a version


def test_a_choice_made_on_texts_that_changed_since_is_refused(lib, data_dir):
    """The reader compared two texts; a sync or another window changed one before the
    choice arrived: nothing is kept or deleted on the strength of a text not seen."""
    n, v = both_changed(lib, data_dir)
    seen = drafts.versions(lib, n)
    with other(data_dir) as cli_lib:
        notes.update_note(cli_lib, v, body="changed while the reader compared")
    with pytest.raises(UserError, match="changed while you chose"):
        operations.keep_version(lib, v, keep="version", seen=seen)
    assert notes.get_note(lib, n).body == "typed here" and notes.note_exists(lib, v)
    operations.keep_version(lib, v, keep="version", seen=drafts.versions(lib, n))
    assert notes.get_note(lib, n).body == "changed while the reader compared"


def test_a_version_whose_first_paragraph_the_reader_rewrote_is_kept_whole(lib, data_dir):
    n, v = both_changed(lib, data_dir)
    notes.update_note(lib, v, body="my own words\n\nand more")
    operations.keep_version(lib, v, keep="version")
    assert notes.get_note(lib, n).body == "my own words\n\nand more"


def test_several_versions_are_offered_one_after_the_other(lib, data_dir):
    n, first = both_changed(lib, data_dir, typed="typed once")
    lib.conn.execute("UPDATE notes SET updated = '2000-01-01T00:00:00Z' WHERE id = ?", (n,))
    draft = NoteDraft.load(lib, n)
    with other(data_dir) as cli_lib:
        notes.update_note(cli_lib, n, body="edited again in the terminal")
    second = operations.save_note(lib, draft, "typed twice", page=3, tags=[], kind="note")
    pair = drafts.versions(lib, n)
    assert (pair.version.id, pair.others) == (first, 1)
    operations.keep_version(lib, first, keep="note")
    assert drafts.versions(lib, n).version.id == second.value.conflict


def sync_round(shared, *libs):
    for _ in range(3):
        for library_ in libs:
            engine.run(library_, shared)


def note_by_body(lib, text):
    return lib.conn.execute("SELECT id FROM notes WHERE body = ?", (text,)).fetchone()[0]


def test_a_version_made_by_sync_is_tied_on_every_device_and_the_choice_syncs(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b, late = (Library(tmp_path / name) for name in ("a", "b", "late"))
    try:
        notes.add_note(a, "first text")
        sync_round(shared, a, b)
        notes.update_note(a, note_by_body(a, "first text"), body="text from A")
        time.sleep(0.002)
        notes.update_note(b, note_by_body(b, "first text"), body="text from B")
        sync_round(shared, a, b, late)  # `late` never saw the two texts before the merge
        for library_ in (a, b, late):
            pair = drafts.versions(library_, note_by_body(library_, "text from B"))
            assert pair is not None and drafts.version_text(pair.version.body) == "text from A"
        pair = drafts.versions(late, note_by_body(late, "text from B"))
        operations.keep_version(late, pair.version.id, keep="version")
        sync_round(shared, late, a, b)
        for library_ in (a, b, late):
            rows = library_.conn.execute("SELECT uid, body FROM notes").fetchall()
            assert rows == [(pair.note.uid, "text from A")]
    finally:
        for library_ in (a, b, late):
            library_.close()


def test_an_edited_version_keeps_its_tie_for_a_device_that_joins_later(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b = Library(tmp_path / "a"), Library(tmp_path / "b")
    try:
        n = notes.add_note(a, "as loaded")
        a.conn.execute("UPDATE notes SET updated = '2000-01-01T00:00:00Z' WHERE id = ?", (n,))
        draft = NoteDraft.load(a, n)
        notes.update_note(a, n, body="edited elsewhere")
        v = operations.save_note(a, draft, "typed", page=None, tags=[], kind="note").value
        notes.update_note(a, v.conflict, body=notes.get_note(a, v.conflict).body + " and more")
        sync_round(shared, a, b)
        pair = drafts.versions(b, note_by_body(b, "typed"))
        assert pair is not None and pair.version.body.endswith("edited elsewhere and more")
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("version", range(migrations.SCHEMA_VERSION))
def test_a_library_from_any_earlier_schema_can_tie_versions(data_dir, version):
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_dir / "library.db", isolation_level=None)
    migrations.migrate(con, target=version)
    con.close()
    with Library(data_dir) as lib:
        n, v = both_changed(lib, data_dir)
        operations.keep_version(lib, v, keep="version")
        assert notes.get_note(lib, n).body == "edited in the terminal"


# -- what each operation announces --------------------------------------------------------


def test_deleting_a_note_announces_the_entries_it_belonged_to(lib):
    n = notes.add_note(lib, "about the [[Okhrana]]", work="conquered-city")
    done = operations.delete_note(lib, n)
    assert done.change.notes == {n}
    assert {"okhrana", "conquered-city"} <= done.change.entries
    assert done.change.touches_entry("okhrana") and not done.change.touches_entry("poum")


def test_progress_announces_its_work(lib):
    done = operations.set_progress(lib, "conquered-city", pages=240, page=10)
    assert done.value.page == 10 and done.change.progress == {"conquered-city"}
    assert operations.undo_progress(lib, "conquered-city").value.status is None


def test_changes_add_up():
    both = Change(notes=frozenset({1})) | Change(progress=frozenset({"x"}), tags=True)
    assert both.notes == {1} and both.progress == {"x"} and both.tags and not both.everything
    assert (both | Change.all()).everything


# -- reads under the write lock -----------------------------------------------------------


def test_progress_is_read_under_the_write_lock(lib, data_dir):
    """A change another program commits while this one waits for the lock is built on, not
    written over: this one's 'before' is what the other wrote."""
    progress.set_progress(lib, "conquered-city", pages=240, page=10)
    holder = other(data_dir)
    holder.conn.execute("BEGIN IMMEDIATE")
    holder.conn.execute("UPDATE progress SET page = 50 WHERE work = 'conquered-city'")
    threading.Timer(0.3, lambda: holder.conn.execute("COMMIT")).start()
    progress.set_progress(lib, "conquered-city", status="abandoned")  # waits for the lock
    holder.close()
    assert progress.get_progress(lib, "conquered-city").page == 50
    undone = progress.undo_last(lib, "conquered-city")
    assert undone.page == 50 and undone.status == "reading"


# -- SQLite's errors in words -------------------------------------------------------------


def test_a_held_write_lock_is_said_in_words(lib, data_dir, monkeypatch):
    monkeypatch.setattr(library, "BUSY_TIMEOUT_MS", 100)
    waiting = Library(data_dir)
    lib.conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="another program holds it locked") as refused:
            notes.add_note(waiting, "blocked")
        assert "nothing was changed" in str(refused.value)
    finally:
        lib.conn.execute("ROLLBACK")
        waiting.close()
    assert notes.count_notes(lib) == 0


def test_the_cli_says_a_lock_in_one_line(lib, data_dir, monkeypatch, capsys):
    monkeypatch.setattr(library, "BUSY_TIMEOUT_MS", 100)
    lib.conn.execute("BEGIN IMMEDIATE")
    try:
        status = cli.main(["--data-dir", str(data_dir), "note", "add", "blocked"])
    finally:
        lib.conn.execute("ROLLBACK")
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "locked" in err


def test_a_read_only_library_is_said_in_words(lib):
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorcode = 8  # SQLITE_READONLY
    with pytest.raises(StorageError, match="cannot be written"), lib.atomic():
        raise error


def test_a_full_disk_is_said_in_words(lib):
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13  # SQLITE_FULL
    with pytest.raises(StorageError, match="disk is full"), lib.atomic():
        lib.conn.execute(
            "INSERT INTO notes (uid, body, kind, created, updated) VALUES ('u', 'x', 'note', '', '')"
        )
        raise error
    assert notes.count_notes(lib) == 0  # rolled back


def test_a_constraint_is_not_dressed_as_a_storage_error(lib):
    with pytest.raises(sqlite3.IntegrityError), lib.atomic():
        lib.conn.execute(
            "INSERT INTO notes (id, uid, body, kind, created, updated) VALUES (1, 'a', 'x', 'note', '', '')"
        )
        lib.conn.execute(
            "INSERT INTO notes (id, uid, body, kind, created, updated) VALUES (1, 'b', 'y', 'note', '', '')"
        )
    assert notes.count_notes(lib) == 0


def test_a_nested_transaction_rolls_back_only_its_own_part(lib):
    with lib.atomic():
        notes.add_note(lib, "kept")
        with pytest.raises(UserError), lib.atomic():
            notes.add_note(lib, "dropped")
            raise UserError("changed my mind")
    assert [n.body for n in notes.list_notes(lib)] == ["kept"]


def test_a_nested_transaction_survives_sqlite_having_rolled_back_already(lib):
    """Some errors (a full disk, an interrupt) roll the whole transaction back inside SQLite:
    leaving the savepoint must not fail on top of them."""
    with pytest.raises(sqlite3.OperationalError), lib.atomic():
        notes.add_note(lib, "lost with the rest")
        with lib.atomic():
            lib.conn.execute("ROLLBACK")  # as SQLite does by itself on such errors
            raise sqlite3.OperationalError("interrupted")
    assert not lib.conn.in_transaction and notes.count_notes(lib) == 0


def test_reasons_in_words_for_each_kind_of_failure():
    def error(code):
        exc = sqlite3.OperationalError("raw")
        exc.sqlite_errorcode = code
        return exc

    assert "locked" in library._reason(error(5))
    assert "read-only" in library._reason(error(8))
    assert "disk is full" in library._reason(error(13))
    assert "damaged" in library._reason(error(11))
    assert "could not be read or written" in library._reason(error(10))
    assert library._reason(error(1)) == "raw"


def test_a_migration_whose_rollback_fails_still_reports_the_first_error(data_dir, monkeypatch):
    """A step that fails is rolled back; if it already ended its transaction, so that the
    rollback fails too, the step's own error is the one reported, and the version stays."""
    Library(data_dir).close()
    con = sqlite3.connect(data_dir / "library.db", isolation_level=None)
    version = migrations.user_version(con)
    broken = "ROLLBACK;\nSELECT * FROM no_such_table;"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS[:version], broken])
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        migrations.migrate(con, target=version + 1)
    assert migrations.user_version(con) == version and not con.in_transaction
    con.close()

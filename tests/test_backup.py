"""Backups, restores and damaged libraries: nothing the reader wrote is ever deleted."""

import shutil
import sqlite3
import stat
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMessageBox, QPushButton, QWidget

from serge_reader import backup, notes, progress, transfer
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.opening import open_library
from serge_reader.ui import app, messages, preferences, restore_dialog
from serge_reader.ui.events import LibraryEvents


def bodies(lib):
    return sorted(n.body for n in notes.list_notes(lib))


def bodies_in(path: Path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT body FROM notes"))
    finally:
        con.close()


def damage_structure(lib):
    """Point an index at the notes table's pages: a valid SQLite file that fails its check."""
    _point_index_at_table(lib.conn)


def damage_file(path: Path):
    """The same damage done by another program to a closed library."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        _point_index_at_table(con)
    finally:
        con.close()


def _point_index_at_table(con):
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'notes_work'", root)
    con.execute("PRAGMA writable_schema = RESET")


# -- rotation -------------------------------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def named(moments):
    return [Path(f"library-{m.strftime('%Y%m%d-%H%M%S')}.db") for m in moments]


def test_rotation_keeps_the_most_recent_eight():
    paths = named(NOW - timedelta(minutes=m) for m in range(12))
    assert backup.to_remove(paths, NOW) == paths[8:]


def test_rotation_keeps_one_a_day_for_a_week_and_one_a_week_for_two_months():
    # Ten backups every day for 90 days, newest first.
    paths = named(NOW - timedelta(days=d, hours=h) for d in range(90) for h in range(10))
    removed = set(backup.to_remove(paths, NOW))
    kept = [p for p in paths if p not in removed]
    made = {p: backup.made_at(p) for p in paths}
    assert kept[:8] == paths[:8]
    for day in range(8):  # one a day for a week: the newest of each day
        that_day = [p for p in paths if made[p].date() == (NOW - timedelta(days=day)).date()]
        assert that_day[0] in kept
    for p in kept[8:]:
        age = NOW - made[p]
        assert age <= timedelta(weeks=8)
        if age > timedelta(days=7):  # beyond a week, only the newest of its week
            week = [q for q in paths if made[q].isocalendar()[:2] == made[p].isocalendar()[:2]]
            assert p == week[0]
    weeks_kept = {made[p].isocalendar()[:2] for p in kept}
    weeks_within = {made[p].isocalendar()[:2] for p in paths if NOW - made[p] <= timedelta(weeks=8)}
    assert weeks_within <= weeks_kept
    assert len(kept) < 30


def test_rotation_never_removes_a_file_it_did_not_name():
    paths = [*named(NOW - timedelta(days=d) for d in range(100)), Path("library-mine.db")]
    assert Path("library-mine.db") not in backup.to_remove(paths, NOW)


def test_backup_now_thins_the_backups_folder(lib, data_dir):
    folder = data_dir / "backups"
    folder.mkdir()
    old = named(datetime.now(UTC) - timedelta(days=200 + d) for d in range(10))
    for p in old:
        shutil.copy(lib.path, folder / p)
    notes.add_note(lib, "kept")
    made = backup.backup_now(lib)
    assert backup.list_backups(data_dir) == [made, *(folder / p for p in old[:7])]


# -- making backups -------------------------------------------------------------------------


def test_a_backup_is_one_checked_private_file(lib, data_dir):
    notes.add_note(lib, "in the backup")
    made = backup.backup_now(lib)
    assert bodies_in(made) == ["in the backup"]
    assert stat.S_IMODE(made.stat().st_mode) & 0o077 == 0
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # no -wal beside it
    assert backup.check_file(made) is None


def test_no_backup_of_a_library_that_fails_its_check(lib, data_dir):
    notes.add_note(lib, "a note")
    damage_structure(lib)
    with pytest.raises(UserError, match="failed its check"):
        backup.backup_now(lib)
    with pytest.raises(UserError, match="failed its check"):
        backup.backup_if_changed(lib)
    assert backup.list_backups(data_dir) == []


def test_backup_if_changed_skips_an_unchanged_library(lib, data_dir):
    assert backup.backup_if_changed(lib) is None  # empty: nothing to keep
    n = notes.add_note(lib, "first")
    first = backup.backup_if_changed(lib)
    assert first is not None
    assert backup.backup_if_changed(lib) is None
    lib.close()
    lib.reopen()  # the same rows, read afresh
    assert backup.backup_if_changed(lib) is None
    notes.update_note(lib, n, tags=["memoirs"])
    second = backup.backup_if_changed(lib)
    assert second is not None
    assert backup.backup_if_changed(lib) is None


def test_every_kind_of_write_leads_to_a_new_backup(lib, data_dir, tmp_path):
    with Library(tmp_path / "other") as other:
        notes.add_note(other, "from elsewhere")
        transfer.export_notes(other, tmp_path / "export.json", "json")
    n = notes.add_note(lib, "first")
    writes = [
        lambda: notes.update_note(lib, n, body="tsrif"),  # same length, same counts
        lambda: notes.update_note(lib, n, tags=["exile"]),
        lambda: progress.set_progress(lib, "midnight-in-the-century", page=3),
        lambda: transfer.import_notes(lib, tmp_path / "export.json"),
        lambda: notes.delete_note(lib, n),
    ]
    assert backup.backup_if_changed(lib) is not None
    for write in writes:
        write()
        made = backup.backup_if_changed(lib)
        assert made is not None
        assert backup.list_backups(data_dir)[0] == made
        assert backup.backup_if_changed(lib) is None


def test_a_write_that_changes_nothing_makes_no_backup(lib, tmp_path):
    notes.add_note(lib, "mine")
    transfer.export_notes(lib, tmp_path / "export.json", "json")
    assert backup.backup_if_changed(lib) is not None
    assert transfer.import_notes(lib, tmp_path / "export.json") == (0, 1)
    assert backup.backup_if_changed(lib) is None


def test_writing_after_restoring_an_older_backup_is_backed_up(lib, data_dir):
    notes.add_note(lib, "one")
    older = backup.backup_now(lib)
    notes.add_note(lib, "two")
    newer = backup.backup_to(lib, older.with_name("library-29990101-000000.db"))
    backup.restore_into(lib, older)
    assert backup.list_backups(data_dir)[0] == newer
    notes.add_note(lib, "three")  # as many writes since the older backup as the newer had
    made = backup.backup_if_changed(lib)
    assert made is not None
    assert bodies_in(made) == ["one", "three"]


# -- restoring ------------------------------------------------------------------------------


def test_restore_keeps_the_replaced_library_aside_and_clears_wal_and_shm(tmp_path):
    live = tmp_path / "live"
    lib = Library(live)
    notes.add_note(lib, "before the backup")
    made = backup.backup_now(lib)
    notes.add_note(lib, "after the backup")
    # What a killed program leaves: the database, with its last commits still in the -wal.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("library.db", "library.db-wal", "library.db-shm"):
        shutil.copy(live / name, crashed / name)
    lib.close()
    aside = backup.restore(crashed, made)
    assert aside is not None and aside.parent == crashed
    assert aside.name.startswith("library-replaced-")
    assert bodies_in(aside) == ["after the backup", "before the backup"]
    assert not (crashed / "library.db-wal").exists()
    assert not (crashed / "library.db-shm").exists()
    restored = Library(crashed)
    try:
        assert bodies(restored) == ["before the backup"]
    finally:
        restored.close()


def test_restore_is_refused_while_the_library_is_open_elsewhere(lib, data_dir):
    notes.add_note(lib, "mine")
    made = backup.backup_now(lib)
    notes.add_note(lib, "newer")
    with pytest.raises(UserError, match="open in Serge Reader"):
        backup.restore(data_dir, made)
    assert bodies(lib) == ["mine", "newer"]
    assert not list(data_dir.glob("library-replaced-*"))
    assert not (data_dir / ".restoring.db").exists()


def test_restore_into_an_open_library(lib, data_dir):
    notes.add_note(lib, "mine")
    made = backup.backup_now(lib)
    notes.add_note(lib, "newer")
    aside = backup.restore_into(lib, made)
    assert bodies(lib) == ["mine"]  # the same object, reading the restored file
    notes.add_note(lib, "written after the restore")
    assert aside is not None and bodies_in(aside) == ["mine", "newer"]


def test_two_restores_in_one_second_keep_both_replaced_libraries(lib, data_dir):
    notes.add_note(lib, "one")
    made = backup.backup_now(lib)
    first = backup.restore_into(lib, made)
    second = backup.restore_into(lib, made)
    assert first != second
    assert first.exists() and second.exists()


@pytest.mark.parametrize(
    "content, reason",
    [(b"not a database at all" * 50, "not a Serge Reader library"), (None, "no such file")],
)
def test_restoring_something_else_changes_nothing(lib, data_dir, tmp_path, content, reason):
    notes.add_note(lib, "mine")
    lib.close()
    source = tmp_path / "source.db"
    if content is not None:
        source.write_bytes(content)
    before = (data_dir / "library.db").read_bytes()
    with pytest.raises(UserError, match=reason):
        backup.restore(data_dir, source)
    assert (data_dir / "library.db").read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["library.db", "library.db-closed"]


def test_restoring_over_a_damaged_library_keeps_it_whole(lib, data_dir):
    notes.add_note(lib, "mine")
    made = backup.backup_now(lib)
    lib.close()
    (data_dir / "library.db").write_bytes(b"garbage" * 100)
    (data_dir / "library.db-wal").write_bytes(b"a log")
    aside = backup.restore(data_dir, made)
    assert aside.read_bytes() == b"garbage" * 100
    assert Path(f"{aside}-wal").read_bytes() == b"a log"
    lib.reopen()
    assert lib.notice is None
    assert bodies(lib) == ["mine"]


def test_restoring_a_damaged_backup_changes_nothing(lib, tmp_path):
    notes.add_note(lib, "mine")
    with Library(tmp_path / "other") as other:
        notes.add_note(other, "x")
        damage_structure(other)
    damaged = tmp_path / "other" / "library.db"
    with pytest.raises(UserError, match="damaged"):
        backup.restore_into(lib, damaged)
    assert bodies(lib) == ["mine"]


# -- a damaged library ----------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_fresh_library_started(data_dir):
    data_dir.mkdir(parents=True)
    garbage = b"this is not sqlite" * 100
    (data_dir / "library.db").write_bytes(garbage)
    (data_dir / "library.db-wal").write_bytes(b"a log")
    opened = open_library(data_dir)
    lib = opened.library
    try:
        recovery = opened.recovery
        assert recovery is not None
        assert recovery.moved_to.read_bytes() == garbage
        assert recovery.moved_to.name.startswith("library-damaged-")
        assert Path(f"{recovery.moved_to}-wal").read_bytes() == b"a log"
        assert recovery.backup is None
        assert "No good backup" in recovery.message
        assert "\n" not in recovery.message
        notes.add_note(lib, "the program keeps working")
        assert bodies(lib) == ["the program keeps working"]
    finally:
        lib.close()
    again = open_library(data_dir)
    again.library.close()
    assert again.recovery is None


def test_a_library_failing_its_check_names_the_newest_good_backup(data_dir):
    with Library(data_dir) as lib:
        notes.add_note(lib, "saved in a backup")
        good = backup.backup_now(lib)
    newer_but_damaged = good.with_name("library-29991231-235959.db")
    newer_but_damaged.write_bytes(b"garbage" * 100)
    with Library(data_dir) as lib:
        notes.add_note(lib, "written after")
    damage_file(data_dir / "library.db")
    damaged_bytes = (data_dir / "library.db").read_bytes()
    opened = open_library(data_dir)
    with opened.library as lib:
        recovery = opened.recovery
        assert recovery is not None
        assert recovery.moved_to.read_bytes() == damaged_bytes
        assert recovery.backup == good
        assert "serge-reader --data-dir" in recovery.message
        assert f"restore {good}" in recovery.message
        assert "\n" not in recovery.message
        assert bodies(lib) == []
        backup.restore_into(lib, recovery.backup)
        assert bodies(lib) == ["saved in a backup"]


@pytest.mark.parametrize("found_by", ["automatic backup", "check command"])
def test_damage_found_while_open_is_set_aside_at_the_next_opening(data_dir, found_by):
    """The library was closed cleanly, but a check had found it damaged: the next opening
    must not trust how it was closed (whichever process closed it last)."""
    with Library(data_dir) as lib:
        notes.add_note(lib, "saved in a backup")
        good = backup.backup_now(lib)
    with Library(data_dir) as lib:
        notes.add_note(lib, "written since")
        damage_structure(lib)  # a failing disk, say, under the open library
        if found_by == "automatic backup":  # in its worker, on a second connection
            other = lib.alongside()
            with pytest.raises(UserError, match="failed its check"):
                backup.backup_if_changed(other)
            other.close()
        else:
            assert backup.check(lib)
    assert (data_dir / "library.db-damaged").exists()
    opened = open_library(data_dir)
    with opened.library as lib:
        assert opened.recovery is not None
        assert opened.recovery.backup == good
        assert bodies(lib) == []
    assert not (data_dir / "library.db-damaged").exists()  # the fresh library is sound
    again = open_library(data_dir)
    again.library.close()
    assert again.recovery is None


def test_a_library_from_a_newer_program_is_not_taken_for_damage(data_dir):
    Library(data_dir).close()
    con = sqlite3.connect(data_dir / "library.db")
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(UserError, match="newer"):
        Library(data_dir)
    assert sorted(p.name for p in data_dir.iterdir()) == ["library.db", "library.db-closed"]


# -- in the app -----------------------------------------------------------------------------


class StandInWindow(QWidget):
    """What restore_dialog needs of the main window, and a record of what it was asked."""

    def __init__(self, lib):
        super().__init__()
        self.lib = lib
        self.calls = []
        self.events = LibraryEvents(lib, self)
        self.events.refused.connect(lambda title, text: messages.warn(self, title, text))
        self.events.changed.connect(lambda change: self.calls.append(("shown", bodies(self.lib))))

    def save_pending(self):
        self.calls.append("save")

    def reload_library(self):
        self.calls.append(("reload", bodies(self.lib)))


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    for kind in ("inform", "warn"):
        monkeypatch.setattr(
            messages, kind, lambda parent, title, text, _k=kind: shown.append((_k, text))
        )
    return shown


def test_restore_dialog_lists_backups_newest_first(qtbot, lib, data_dir):
    notes.add_note(lib, "one")
    older = backup.backup_now(lib)
    notes.add_note(lib, "two")
    newer = backup.backup_to(lib, older.with_name("library-29990101-000000.db"))
    dialog = restore_dialog.RestoreDialog(data_dir)
    qtbot.addWidget(dialog)
    items = dialog.findChild(QListWidget, "backupList")
    labels = [items.item(i).text() for i in range(items.count())]
    assert len(labels) == 2
    assert "2 notes" in labels[0] and "1 note" in labels[1]
    assert dialog.chosen() == newer
    assert dialog.findChild(QPushButton, "restoreButton").isEnabled()
    preselected = restore_dialog.RestoreDialog(data_dir, preselect=older)
    qtbot.addWidget(preselected)
    assert preselected.chosen() == older


def test_restore_dialog_without_backups_offers_nothing_to_restore(qtbot, data_dir):
    dialog = restore_dialog.RestoreDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QLabel, "noBackups").isVisible()
    assert not dialog.findChild(QPushButton, "restoreButton").isEnabled()
    assert dialog.chosen() is None


def test_restoring_from_the_dialog_under_an_open_window(qtbot, lib, data_dir, boxes):
    notes.add_note(lib, "kept in the backup")
    made = backup.backup_now(lib)
    notes.add_note(lib, "written later")
    window = StandInWindow(lib)
    qtbot.addWidget(window)

    def choose():
        dialog = QApplication.activeModalWidget()
        assert dialog.objectName() == "restoreDialog"
        assert dialog.chosen() == made
        dialog.findChild(QPushButton, "restoreButton").click()

    QTimer.singleShot(0, choose)  # runs inside the dialog's own event loop
    assert restore_dialog.run(window)
    assert window.calls == ["save", ("shown", ["kept in the backup"])]
    assert boxes[0][0] == "inform" and "library-replaced-" in boxes[0][1]
    aside = next(data_dir.glob("library-replaced-*.db"))
    assert bodies_in(aside) == ["kept in the backup", "written later"]


def test_a_refused_restore_tells_the_reader_and_keeps_the_library(qtbot, lib, data_dir, boxes):
    notes.add_note(lib, "mine")
    made = backup.backup_now(lib)
    window = StandInWindow(lib)
    qtbot.addWidget(window)
    with Library(data_dir):  # a command still running
        assert not restore_dialog.restore_chosen(window, made)
    assert boxes[0][0] == "warn" and "open in Serge Reader" in boxes[0][1]
    assert bodies(lib) == ["mine"]


def test_the_app_backs_up_at_start_when_the_library_changed(qtbot, data_dir, monkeypatch):
    monkeypatch.setattr(app, "START_BACKUP_DELAY_MS", 0)
    with Library(data_dir) as lib:
        notes.add_note(lib, "since the last backup")
    opened = open_library(data_dir)
    lib = opened.library
    window = app.open_window(opened, data_dir)
    qtbot.addWidget(window)
    auto = window.findChild(app.AutoBackup, "autoBackup")
    try:
        with qtbot.waitSignal(auto.made, timeout=5000) as made:
            pass
        assert made.args[0] is not None
        assert bodies_in(made.args[0]) == ["since the last backup"]
    finally:
        window.close()
        lib.close()


def test_automatic_backups_run_off_the_window_thread_and_finish_before_closing(
    qtbot, lib, monkeypatch
):
    ran_on = []
    real = backup.backup_if_changed
    release = threading.Event()

    def slow_backup(library):
        ran_on.append(threading.current_thread() is threading.main_thread())
        release.wait(10)  # a large library: the window must not wait for this
        return real(library)

    monkeypatch.setattr(backup, "backup_if_changed", slow_backup)
    auto = app.AutoBackup(lib, app.settings_for(lib.data_dir))
    notes.add_note(lib, "one")
    auto.tick()  # returns while the backup is still under way in another thread
    assert auto.work is not None and not release.is_set()
    with qtbot.waitSignal(auto.made) as made:
        release.set()
    assert ran_on == [False]
    assert bodies_in(made.args[0]) == ["one"]

    notes.add_note(lib, "two")
    auto.last = None
    auto.tick()
    auto.stop()  # the window closes while the backup is under way: it finishes first
    assert auto.work is None
    assert bodies_in(backup.list_backups(lib.data_dir)[0]) == ["one", "two"]


def test_automatic_backups_follow_the_interval_setting(qtbot, lib, data_dir):
    settings = app.settings_for(data_dir)
    auto = app.AutoBackup(lib, settings)
    notes.add_note(lib, "one")
    with qtbot.waitSignal(auto.made) as made:
        auto.tick()  # the first tick of a session backs up
    assert made.args[0] is not None
    notes.add_note(lib, "two")
    with qtbot.assertNotEmitted(auto.made):
        auto.tick()  # not yet 30 minutes
    auto.last = time.monotonic() - 31 * 60
    with qtbot.waitSignal(auto.made) as made:
        auto.tick()
    assert bodies_in(made.args[0]) == ["one", "two"]
    settings.setValue(preferences.BACKUP_KEY, 0)  # "Never"
    auto.last = time.monotonic() - 1000 * 60
    with qtbot.assertNotEmitted(auto.made):
        auto.tick()
    for stored, minutes in (("5", 5), ("not a number", 30), ("-3", 30), (0, 0)):
        settings.setValue(preferences.BACKUP_KEY, stored)
        assert preferences.backup_interval_minutes(settings) == minutes


def test_the_app_tells_the_reader_the_library_was_damaged(qtbot, data_dir):
    with Library(data_dir) as lib:
        notes.add_note(lib, "backed up")
        good = backup.backup_now(lib)
    (data_dir / "library.db").write_bytes(b"garbage" * 1000)
    opened = open_library(data_dir)
    lib = opened.library
    window = app.open_window(opened, data_dir)
    qtbot.addWidget(window)
    try:
        notice = window.findChild(QMessageBox, "recoveryNotice")
        assert notice.isVisible()
        assert opened.recovery.moved_to.name in notice.text()
        assert notice.findChild(QPushButton, "restoreFromNotice") is not None
        assert opened.recovery.backup == good
        notice.close()
    finally:
        window.close()
        lib.close()


def test_a_damaged_library_open_in_the_app_is_not_moved_from_under_it(lib, data_dir, cli):
    """The CLI finds the library damaged while the app has it open: moving it aside then
    would leave the app writing to the moved file. It says so and changes nothing."""
    notes.add_note(lib, "written in the app")
    damage_structure(lib)
    listed_before = sorted(p.name for p in data_dir.iterdir())
    done = cli("works")
    assert done.returncode == 1
    assert "another program has it open" in done.stderr
    assert "Traceback" not in done.stderr
    # Nothing moved; a mark says the next opening must check it, whoever closes it last.
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(
        [*listed_before, "library.db-damaged"]
    )
    lib.close()
    done = cli("works")  # the app closed: now it is set aside and a fresh library started
    assert done.returncode == 0
    assert "damaged" in done.stderr
    assert any(p.name.startswith("library-damaged-") for p in data_dir.iterdir())

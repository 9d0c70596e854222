"""Sync in the window (docs/SYNC.md): Settings ▸ Sync chooses the folder, syncs run in a
thread at the start, after changes and on demand, the status bar says how it went, what
another computer sent shows in the views, and the conflict versions are one click away."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QWidget,
)
from qt_helpers import find

from serge_reader import notes
from serge_reader.changes import Change
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.sync import engine
from serge_reader.ui import sync_view

WAIT_MS = 20_000  # a loaded machine: the thread's sync takes well under a second alone


@pytest.fixture
def quick(monkeypatch):
    """Syncs a moment after the start and after a change, not seconds."""
    monkeypatch.setattr(sync_view, "START_SYNC_DELAY_MS", 10)
    monkeypatch.setattr(sync_view, "SYNC_AFTER_CHANGE_MS", 50)


@pytest.fixture
def other(tmp_path: Path):
    """The reader's other computer: its own library, syncing through `shared`."""
    shared = tmp_path / "shared"
    shared.mkdir()
    lib = Library(tmp_path / "other")
    yield lib, shared
    lib.close()


def bodies(lib: Library) -> set[str]:
    return {r[0] for r in lib.conn.execute("SELECT body FROM notes")}


def listed(window) -> list[str]:
    model = find(window, QListView, "notesList").model()
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(row, 0).data() or "" for row in range(model.rowCount())]


def choose_in_settings(window, monkeypatch, folder: Path) -> None:
    """Settings ▸ Sync ▸ Choose…, the folder picked in the file dialog, then Close."""
    monkeypatch.setattr(sync_view.SyncSettings, "ask_folder", lambda self: folder)
    seen = {}

    def act():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "settingsDialog"
        box = find(dialog, QLineEdit, "syncFolder")
        seen["before"] = box.text()
        find(dialog, QPushButton, "chooseSyncFolder").click()
        seen["after"] = box.text()
        seen["stop enabled"] = find(dialog, QPushButton, "stopSyncing").isEnabled()
        dialog.reject()

    QTimer.singleShot(0, act)  # inside the dialog's own event loop
    window.settings_action.trigger()
    assert seen == {"before": "", "after": str(folder.resolve()), "stop enabled": True}


def test_a_window_syncs_with_another_computer_and_shows_the_conflicts(
    open_window, qtbot, monkeypatch, quick, other
):
    far, shared = other
    shared_note = notes.add_note(far, "written on the other computer", tags=["far"])
    engine.run(far, shared)

    window = open_window()
    qtbot.waitUntil(lambda: window.sync is not None)  # started once the window is whole
    indicator = find(window, QToolButton, "syncStatus")
    assert not indicator.isVisible()  # no sync folder: nothing in the status bar
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS) as first:
        choose_in_settings(window, monkeypatch, shared)
    assert first.args[0].applied == 1
    assert indicator.isVisible() and indicator.text().startswith("Synced")
    # What the other computer sent is shown: announced on the change channel.
    qtbot.waitUntil(lambda: any("other computer" in text for text in listed(window)))

    # A note typed here is sent a moment later, without asking.
    window.new_note_action.trigger()
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS) as sent:
        qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "typed in the window")
        assert window.notes.save_now()
    assert sent.args[0].sent >= 1
    engine.run(far, shared)
    assert "typed in the window" in bodies(far)

    # The same note changed on both computers before they synced: both texts kept.
    here = window.lib.conn.execute(
        "SELECT id FROM notes WHERE body = 'written on the other computer'"
    ).fetchone()[0]
    notes.update_note(window.lib, here, body="changed in the window")
    notes.update_note(far, shared_note, body="changed on the other computer")
    engine.run(far, shared)
    qtbot.waitUntil(lambda: not window.sync.busy(), timeout=WAIT_MS)
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS) as merged:
        find(window, QAction, "syncNowAction").trigger()
    if merged.args[0].conflicts == 0:  # the poll's sync sent the edit first: one more round
        engine.run(far, shared)
        with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS):
            find(window, QAction, "syncNowAction").trigger()
    qtbot.waitUntil(lambda: "1 conflict" in indicator.text(), timeout=WAIT_MS)
    assert "conflict" in indicator.toolTip()
    show = find(window, QAction, "showConflictsAction")
    assert show.isEnabled()
    show.trigger()
    assert find(window, QComboBox, "notesTagFilter").currentData() == "conflict"
    shown = listed(window)
    assert len(shown) == 1 and "Another version" in shown[0]
    engine.run(far, shared)
    assert bodies(far) == bodies(window.lib)  # both computers hold both texts


def test_a_sync_folder_gone_is_said_in_the_status_bar_and_stopping_hides_it(
    open_window, qtbot, monkeypatch, quick, other
):
    _far, shared = other
    window = open_window()
    qtbot.waitUntil(lambda: window.sync is not None)  # started once the window is whole
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS):
        choose_in_settings(window, monkeypatch, shared)
    indicator = find(window, QToolButton, "syncStatus")
    shutil.rmtree(shared)  # a USB stick pulled out
    with qtbot.waitSignal(window.sync.failed, timeout=WAIT_MS) as failed:
        find(window, QAction, "syncNowAction").trigger()
    assert "does not exist" in failed.args[0]
    assert indicator.text() == "Sync failed" and "does not exist" in indicator.toolTip()

    def stop():
        dialog = QApplication.activeModalWidget()
        find(dialog, QPushButton, "stopSyncing").click()
        assert find(dialog, QLineEdit, "syncFolder").text() == ""
        dialog.reject()

    QTimer.singleShot(0, stop)
    window.settings_action.trigger()
    assert not indicator.isVisible() and engine.folder_setting(window.lib) is None


def test_a_sync_with_nothing_new_leaves_the_window_and_library_alone(
    open_window, qtbot, monkeypatch, quick, other
):
    _far, shared = other
    window = open_window()
    qtbot.waitUntil(lambda: window.sync is not None)  # started once the window is whole
    notes.add_note(window.lib, "one note")
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS):
        choose_in_settings(window, monkeypatch, shared)
    qtbot.waitUntil(lambda: not window.sync.busy(), timeout=WAIT_MS)
    window.events.check_outside_changes()
    announced = []
    window.events.changed.connect(announced.append)
    version = window.lib.data_version()
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS) as idle:
        find(window, QAction, "syncNowAction").trigger()
    assert idle.args[0].sent == 0 and not idle.args[0].changed
    window.events.check_outside_changes()
    assert announced == [] and window.lib.data_version() == version


def note_id(lib: Library, body: str) -> int:
    return lib.conn.execute("SELECT id FROM notes WHERE body = ?", (body,)).fetchone()[0]


def click_note(window, qtbot, note: int) -> None:
    """Click the note's row in the notes list (all notes), its tab shown if it is one."""
    window.reveal(window.notes_slot)
    qtbot.waitUntil(window.notes.isVisible)  # shown by the layout, a moment after it is built
    view = find(window, QListView, "notesList")
    listed(window)  # every row loaded
    row = view.model().row_of(note)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.notes.note_id == note


def in_dialog(act) -> dict:
    """Run `act(dialog)` inside the next modal dialog's own event loop; what it saw."""
    seen: dict = {}

    def run():
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = dialog.objectName()
        act(dialog, seen)

    QTimer.singleShot(0, run)
    return seen


def test_a_conflict_is_shown_on_the_note_and_the_other_text_can_be_kept(
    open_window, qtbot, monkeypatch, other
):
    far, shared = other
    window = open_window()
    here = window.lib
    notes.add_note(far, "first text")
    engine.run(far, shared)
    engine.run(here, shared)
    n = note_id(here, "first text")
    uid = notes.get_note(here, n).uid
    notes.update_note(here, n, body="changed in the window")
    notes.update_note(far, note_id(far, "first text"), body="changed on the other computer")
    engine.run(far, shared)
    assert engine.run(here, shared).conflicts == 1
    window.events.announce(Change.all())  # as the window's syncs do
    bar = find(window, QWidget, "noteVersions")
    click_note(window, qtbot, note_id(here, "changed on the other computer"))  # the later text
    assert bar.isVisible()
    assert (
        find(window, QLabel, "noteVersionsText")
        .text()
        .startswith("Another version of this note was kept")
    )

    def look(dialog, seen):
        seen["text"] = find(dialog, QTextBrowser, "versionsDiff").toPlainText()
        dialog.reject()

    seen = in_dialog(look)
    find(window, QPushButton, "compareVersions").click()
    assert seen["dialog"] == "compareVersions"
    assert "changed in the window" in seen["text"]
    assert "changed on the other computer" in seen["text"]
    assert "Another version" not in seen["text"]  # the texts alone, as written
    assert notes.count_notes(here) == 2  # closing the comparison changed nothing

    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes,
    )
    find(window, QPushButton, "keepOtherVersion").click()
    assert len(asked) == 1 and "delete this one" in asked[0]
    assert find(window, QPlainTextEdit, "noteEditor").toPlainText() == "changed in the window"
    assert not bar.isVisible()
    assert [(r[0], r[1]) for r in here.conn.execute("SELECT uid, body FROM notes")] == [
        (uid, "changed in the window")
    ]
    assert "conflict" not in notes.get_note(here, n).tags
    engine.run(here, shared)
    engine.run(far, shared)  # the choice reaches the other computer as an edit
    assert [(r[0], r[1]) for r in far.conn.execute("SELECT uid, body FROM notes")] == [
        (uid, "changed in the window")
    ]


def test_the_version_itself_says_so_and_its_text_can_be_kept_from_the_comparison(
    open_window, qtbot, data_dir
):
    window = open_window()
    with Library(data_dir) as terminal:  # written with the command line, a while ago
        n = notes.add_note(terminal, "as loaded", tags=["police"])
        terminal.conn.execute(
            "UPDATE notes SET updated = '2000-01-01T00:00:00Z' WHERE id = ?", (n,)
        )
    window.events.check_outside_changes()  # as the window's poll does
    click_note(window, qtbot, n)
    bar = find(window, QWidget, "noteVersions")
    assert not bar.isVisible()  # a note alone
    editor = find(window, QPlainTextEdit, "noteEditor")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, ", typed here")
    with Library(data_dir) as terminal:  # meanwhile, the command line
        notes.update_note(terminal, n, body="edited in the terminal")
    assert window.notes.save_now()
    assert bar.isVisible()  # both kept: the other text is a version of this note
    version = next(x.id for x in notes.list_notes(window.lib) if x.id != n)
    click_note(window, qtbot, version)
    assert (
        find(window, QLabel, "noteVersionsText")
        .text()
        .startswith("This is another version of the note “as loaded, typed here”")
    )

    def keep_this(dialog, seen):
        find(dialog, QPushButton, "compareKeepThis").click()

    seen = in_dialog(keep_this)
    find(window, QPushButton, "compareVersions").click()
    assert seen["dialog"] == "compareVersions"
    assert window.notes.note_id == n  # the note is open, with the version's text
    assert find(window, QPlainTextEdit, "noteEditor").toPlainText() == "edited in the terminal"
    assert find(window, QLineEdit, "noteTags").text() == "police"
    assert not bar.isVisible()
    assert [x.id for x in notes.list_notes(window.lib)] == [n]


def test_closing_the_window_sends_the_note_just_typed(open_window, qtbot, other):
    far, shared = other
    window = open_window()
    qtbot.waitUntil(lambda: window.sync is not None)
    engine.set_folder(window.lib, shared)
    window.new_note_action.trigger()
    qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "typed just before closing")
    assert notes.count_notes(window.lib) == 0  # not saved yet, nor synced
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < sync_view.CLOSE_SYNC_SECONDS
    engine.run(far, shared)
    assert bodies(far) == {"typed just before closing"}
    assert engine.summary(window.lib).pending == 0


def test_a_slow_folder_does_not_hold_the_window_and_the_note_is_saved(
    open_window, qtbot, monkeypatch, other
):
    """The closing window waits for its last sync a moment only; the sync left behind ends
    later on its own connection, and what it reports then, once the window has closed its
    library, is ignored."""
    _far, shared = other
    monkeypatch.setattr(sync_view, "CLOSE_SYNC_SECONDS", 0.5)
    released = threading.Event()
    left_behind = []

    def hung(lib):  # a network folder that does not answer
        left_behind.append((threading.current_thread(), lib))
        released.wait(30)
        raise UserError("the sync folder did not answer")

    monkeypatch.setattr(sync_view, "_sync", hung)
    window = open_window()
    qtbot.waitUntil(lambda: window.sync is not None)
    engine.set_folder(window.lib, shared)
    window.new_note_action.trigger()
    qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "typed before closing")
    try:
        started = time.monotonic()
        window.close()
        took = time.monotonic() - started
    finally:
        released.set()
    assert not window.isVisible() and 0.4 < took < 2
    [(thread, its_lib)] = left_behind
    thread.join(WAIT_MS / 1000)  # the folder answers at last: the sync fails and ends
    assert not thread.is_alive()
    with pytest.raises(sqlite3.ProgrammingError):
        its_lib.conn.execute("SELECT 1")  # it closed its own connection, and only that
    assert [x.body for x in notes.list_notes(window.lib)] == ["typed before closing"]
    assert engine.summary(window.lib).pending == 1  # sent at the next start
    window.lib.close()  # as the app does once its window has closed
    QApplication.processEvents()  # the run's `finished`, queued to this thread, arrives
    assert window.sync.last_error is None  # its failure is not the closed window's news

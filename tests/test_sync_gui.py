"""Sync in the window (docs/SYNC.md): Settings ▸ Sync chooses the folder, syncs run in a
thread at the start, after changes and on demand, the status bar says how it went, what
another computer sent shows in the views, and the conflict versions are one click away."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)
from qt_helpers import find

from serge_reader import notes
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

"""The session ending (SIGTERM at logout or shutdown, Ctrl+C, a closed terminal) ends the
program like closing its window: what the reader typed is saved first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from serge_reader import notes, storage
from serge_reader.library import Library
from serge_reader.sync import engine
from serge_reader.ui.session_end import SessionEnd
from tests.qt_helpers import find

ROOT = Path(__file__).resolve().parent.parent
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@posix_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_note_typed_just_before_the_signal_is_saved(open_window, qtbot, monkeypatch, signum):
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda *_: quits.append(True))
    window = open_window()
    app = QApplication.instance()
    session = SessionEnd(app, window)
    try:
        window.new_note_action.trigger()
        qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "the last words")
        assert notes.count_notes(window.lib) == 0  # typed less than a second ago: not saved yet
        os.kill(os.getpid(), signum)
        qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    finally:
        session.restore()
    assert [n.body for n in notes.list_notes(window.lib)] == ["the last words"]
    assert not window.isVisible()


@posix_only
def test_the_note_typed_before_logout_reaches_the_sync_folder(
    open_window, qtbot, monkeypatch, tmp_path
):
    """With a sync folder chosen, the note saved as the session ends is also sent, so that
    the reader's other computer has it without this one being opened again."""
    monkeypatch.setattr(QApplication, "quit", lambda *_: None)
    shared = tmp_path / "shared"
    shared.mkdir()
    window = open_window()
    qtbot.waitUntil(lambda: window.sync is not None)
    engine.set_folder(window.lib, shared)
    session = SessionEnd(QApplication.instance(), window)
    try:
        window.new_note_action.trigger()
        qtbot.keyClicks(find(window, QPlainTextEdit, "noteEditor"), "written at logout")
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        session.restore()
    with Library(tmp_path / "other computer") as far:
        engine.run(far, shared)
        assert [n.body for n in notes.list_notes(far)] == ["written at logout"]


@posix_only
def test_the_compact_field_and_the_geometry_are_saved_too(open_window, qtbot, monkeypatch):
    monkeypatch.setattr(QApplication, "quit", lambda *_: None)
    window = open_window()
    session = SessionEnd(QApplication.instance(), window)
    try:
        window.enter_compact()
        qtbot.keyClicks(find(window.compact, QLineEdit, "compactNote"), "typed in compact mode")
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.compact.isVisible(), timeout=5000)
    finally:
        session.restore()
    assert [n.body for n in notes.list_notes(window.lib)] == ["typed in compact mode"]
    assert QSettings(str(window.lib.data_dir / "settings.ini"), QSettings.Format.IniFormat).value(
        "geometry"
    )


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has installed its SIGTERM handler (Linux: its SigCgt mask)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("SigCgt:"):
                return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
@pytest.mark.slow
@pytest.mark.parametrize("with_sync", [False, True], ids=["at-once", "during-the-last-sync"])
def test_a_running_app_ends_cleanly_on_sigterm(tmp_path, with_sync):
    """A real process, signalled as soon as it handles SIGTERM (the session manager may send
    it at any moment): it closes the window, saves its layout and closes the library as the
    last connection (no -wal left, the clean-close record matching the file); with a sync
    folder and a note waiting, after the closing window's last sync (whose sending
    `test_the_note_typed_before_logout_reaches_the_sync_folder` checks)."""
    data_dir = tmp_path / "data"
    shared = tmp_path / "shared"
    if with_sync:
        shared.mkdir()
        with Library(data_dir) as lib:
            engine.set_folder(lib, shared)
            notes.add_note(lib, "waiting to be sent")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60  # a loaded machine takes seconds to start it
        while not _catches_sigterm(proc.pid):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "the app never handled SIGTERM"
            time.sleep(0.01)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("geometry") is not None
    assert not (data_dir / "library.db-wal").exists()
    assert storage.closed_cleanly(data_dir / storage.LIBRARY_FILE)
    with Library(data_dir) as lib:
        assert [n.body for n in notes.list_notes(lib)] == (
            ["waiting to be sent"] if with_sync else []
        )

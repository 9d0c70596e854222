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

from serge_reader import notes
from serge_reader.library import Library
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


@posix_only
@pytest.mark.slow
def test_a_running_app_ends_cleanly_on_sigterm(tmp_path):
    """A real process: SIGTERM closes the window, saves its layout and closes the library as
    the last connection (no -wal left, the clean-close record written)."""
    data_dir = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not (data_dir / "library.db-wal").exists():
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "the app did not open its library"
            time.sleep(0.1)
        time.sleep(1.5)  # the window is built and painted within this
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("geometry") is not None
    assert not (data_dir / "library.db-wal").exists()
    assert (data_dir / "library.db-closed").exists()
    with Library(data_dir) as lib:
        assert notes.count_notes(lib) == 0

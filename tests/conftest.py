"""Shared fixtures: a fresh library in a temporary data folder, and the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from serge_reader.library import Library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def lib(data_dir: Path):
    library = Library(data_dir)
    yield library
    library.close()


@pytest.fixture
def cli(data_dir: Path):
    """Run `serge-reader --data-dir <tmp> ARGS...`; returns the CompletedProcess."""

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )

    return run


@pytest.fixture
def open_window(qtbot, data_dir: Path):
    """Open the main window on the test's library, active and ready; closed afterwards."""
    from serge_reader.ui.app import settings_for
    from serge_reader.ui.main_window import MainWindow

    opened = []

    def make():
        library = Library(data_dir)
        window = MainWindow(library, settings_for(data_dir))
        # The offscreen screen is 800×800: a window of a desktop's size shows its three columns
        # (tests/test_layout.py tries the small sizes).
        window.resize(1280, 800)
        qtbot.addWidget(window)
        with qtbot.waitActive(window), qtbot.waitSignal(window.completed):
            window.show()
            window.activateWindow()
        opened.append((window, library))
        return window

    yield make
    for window, library in opened:
        window.close()
        library.close()

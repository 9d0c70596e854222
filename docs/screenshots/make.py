"""Make the README's screenshots: a demo library, the real window, grabbed to PNG.

python docs/screenshots/make.py            (offscreen; or under xvfb-run with -platform xcb)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from serge_reader import notes, progress  # noqa: E402
from serge_reader.library import Library  # noqa: E402
from serge_reader.ui.app import settings_for  # noqa: E402
from serge_reader.ui.main_window import MainWindow  # noqa: E402

DEMO_NOTES = [
    (
        "midnight-in-the-century",
        34,
        "quotation",
        ["exile"],
        "> The comrades argue through the night in Chernoe.\n\nRyzhik is the [[Left Opposition]] "
        "in one man: stubborn, cold, lucid.",
    ),
    (
        "midnight-in-the-century",
        88,
        "note",
        ["exile", "gpu"],
        "The interrogations read like the [[GPU]] files Serge knew from the inside; compare "
        "[[Orenburg]] in the Memoirs.",
    ),
    (
        "the-case-of-comrade-tulayev",
        12,
        "note",
        ["purges"],
        "Tulayev's murder as the pretext: clearly the [[Kirov assassination]]. Who is Kostia?",
    ),
    (
        "conquered-city",
        51,
        "note",
        ["petrograd"],
        "Petrograd in 1919 — the [[Cheka]] at work, hunger, cold. See [[Red Terror]].",
    ),
]


def demo_library(data_dir: Path) -> None:
    lib = Library(data_dir)
    try:
        progress.set_progress(lib, "midnight-in-the-century", pages=199, page=121)
        progress.set_progress(lib, "conquered-city", pages=240, page=240)
        progress.set_progress(lib, "the-case-of-comrade-tulayev", pages=309, page=40)
        progress.set_progress(lib, "memoirs-of-a-revolutionary", status="want-to-read")
        for work, page, kind, tags, body in DEMO_NOTES:
            notes.add_note(
                lib, body, work=work, position=notes.Position(page=page), tags=tags, kind=kind
            )
    finally:
        lib.close()


def grab(window: MainWindow, name: str) -> None:
    QApplication.processEvents()
    window.grab().save(str(HERE / f"{name}.png"))
    print(HERE / f"{name}.png")


def main() -> None:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        demo_library(data_dir)
        lib = Library(data_dir)
        window = MainWindow(lib, settings_for(data_dir))
        window.resize(1400, 860)
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.panel.open("midnight-in-the-century")
        window.notes.edit_note(1)
        grab(window, "main-window")
        window.panel.open("okhrana")
        window.lookup.setFocus()
        QTest.keyClicks(window.lookup, "left opp")
        grab(window, "look-up")
        window.lookup.results.hide()
        window.close()
        lib.close()
    app.quit()


if __name__ == "__main__":
    main()

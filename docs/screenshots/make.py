"""Make the README's screenshots: a demo library, the real window, grabbed to PNG.

python docs/screenshots/make.py            (offscreen; or under xvfb-run with -platform xcb)
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from serge_reader import notes, progress  # noqa: E402
from serge_reader.library import Library  # noqa: E402
from serge_reader.ui import translation  # noqa: E402
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
        # A few weeks of reading, so the statistics have something to show.
        today = date.today()
        for back, (a, b) in enumerate([(20, 45), (0, 20), (80, 101), (60, 80), (30, 60), (10, 30)]):
            day = today - timedelta(days=back * 3)
            lib.conn.execute(
                "INSERT INTO reading_sessions (work, at, from_page, to_page, before)"
                " VALUES ('midnight-in-the-century', ?, ?, ?, '{}')",
                (f"{day.isoformat()}T20:00:00Z", a, b),
            )
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


def french(data_dir: Path, lib: Library) -> None:
    """The main window in French, as a reader in France sees it: the interface, the dates,
    and the works under their French titles."""
    settings = settings_for(data_dir)
    settings.setValue(translation.LANGUAGE_KEY, translation.FRENCH)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translation.install(app, settings)
    window = MainWindow(lib, settings)
    window.resize(1400, 860)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.panel.open("midnight-in-the-century")
    window.notes.edit_note(1)
    grab(window, "main-window-fr")
    window.close()


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
        # The results list is a window of its own: paint it onto the grab where it stands.
        QApplication.processEvents()
        picture = window.grab()
        results = window.lookup.results
        painter = QPainter(picture)
        painter.drawPixmap(
            results.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)), results.grab()
        )
        painter.end()
        picture.save(str(HERE / "look-up.png"))
        print(HERE / "look-up.png")
        window.lookup.results.hide()
        window.lookup.clear()
        window.tabs.setCurrentWidget(window.statistics)
        grab(window, "statistics")
        window.tabs.setCurrentWidget(window.timeline)
        grab(window, "timeline")
        window.open_entry("cheka")
        window.compact_action.trigger()
        compact = window.compact
        compact.resize(440, 600)
        QApplication.processEvents()
        compact.grab().save(str(HERE / "compact.png"))
        print(HERE / "compact.png")
        compact.leave.emit()
        window.close()
        french(data_dir, lib)  # last: the translation stays installed
        lib.close()
    app.quit()


if __name__ == "__main__":
    main()

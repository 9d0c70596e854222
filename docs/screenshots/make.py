"""Make the README's screenshots: a demo library, the real window, grabbed to PNG.

python docs/screenshots/make.py            (offscreen; or under xvfb-run with -platform xcb)
python docs/screenshots/make.py --out DIR  (elsewhere; DIR/shots.json says what each shows)

Each picture is taken after switching to the view it is named for, and says so in
shots.json: tests/test_screenshots.py checks that every picture shows its view and differs
from the others.
"""

from __future__ import annotations

import argparse
import json
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
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

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
        progress.set_progress(lib, "unforgiving-years", status="want-to-read")
        today = date.today()
        # Works finished in earlier years, so that the statistics have years to compare.
        for work, pages, years_ago in (
            ("birth-of-our-power", 270, 2),
            ("men-in-prison", 264, 2),
            ("the-case-of-comrade-tulayev", 309, 1),
            ("year-one-of-the-russian-revolution", 432, 1),
        ):
            when = f"{today.year - years_ago}-0{3 + years_ago}-14T19:00:00Z"
            if work == "the-case-of-comrade-tulayev":  # read once, now read again
                lib.conn.execute(
                    "INSERT INTO reads (work, started, finished, status, pages)"
                    " VALUES (?, ?, ?, 'finished', ?)",
                    (work, when, when, pages),
                )
                continue
            progress.set_progress(lib, work, pages=pages, page=pages)
            lib.conn.execute("UPDATE progress SET finished = ? WHERE work = ?", (when, work))
        lib.conn.execute("DELETE FROM reading_sessions")  # the evenings below instead
        # Twelve weeks of evenings with Midnight in the Century and Tulayev.
        page = {"midnight-in-the-century": 0, "the-case-of-comrade-tulayev": 0}
        for back in range(80, 0, -1):
            if back % 7 in (2, 5) or (back // 7) % 5 == 3:
                continue  # evenings without reading
            work = (
                "midnight-in-the-century"
                if back > 14 or back % 2
                else "the-case-of-comrade-tulayev"
            )
            step = 3 + (back * 7) % 9
            day = today - timedelta(days=back)
            lib.conn.execute(
                "INSERT INTO reading_sessions (work, at, from_page, to_page, before)"
                " VALUES (?, ?, ?, ?, '{}')",
                (work, f"{day.isoformat()}T20:00:00Z", page[work], page[work] + step),
            )
            page[work] += step
        for work, page_, kind, tags, body in DEMO_NOTES:
            notes.add_note(
                lib, body, work=work, position=notes.Position(page=page_), tags=tags, kind=kind
            )
    finally:
        lib.close()


class Shots:
    """Where the pictures go, and what each shows (written to shots.json)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.shown: dict[str, dict[str, object]] = {}

    def grab(self, window: QWidget, name: str, view: QWidget, *, picture: object = None) -> None:
        """Save `window` (or a picture of it made by the caller) as NAME.png; `view` is the
        part it is taken to show, and must be on screen."""
        QApplication.processEvents()
        assert view.isVisible(), f"{name}: {view.objectName()} is not on screen"
        image = picture if picture is not None else window.grab()
        image.save(str(self.out / f"{name}.png"))  # type: ignore[attr-defined]
        self.shown[name] = {
            "view": view.objectName(),
            "width": window.width(),
            "height": window.height(),
        }
        print(self.out / f"{name}.png")

    def write(self) -> None:
        (self.out / "shots.json").write_text(json.dumps(self.shown, indent=1) + "\n")


def show_window(lib: Library, data_dir: Path, width: int, height: int) -> MainWindow:
    window = MainWindow(lib, settings_for(data_dir))
    window.resize(width, height)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QApplication.processEvents()
    return window


def large(shots: Shots, data_dir: Path, lib: Library) -> None:
    window = show_window(lib, data_dir, 1400, 860)
    window.panel.open("midnight-in-the-century")
    window.notes.edit_note(1)
    shots.grab(window, "main-window", window.panel)
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
    shots.grab(window, "look-up", results, picture=picture)
    window.lookup.results.hide()
    window.lookup.clear()
    window.show_statistics_action.trigger()
    shots.grab(window, "statistics", window.statistics)
    window.show_timeline_action.trigger()
    shots.grab(window, "timeline", window.timeline)
    window.open_entry("cheka")
    window.compact_action.trigger()
    compact = window.compact
    assert compact is not None
    compact.resize(440, 600)
    QApplication.processEvents()
    shots.grab(compact, "compact", compact.panel)
    compact.leave.emit()
    window.close()


def small(shots: Shots, data_dir: Path, lib: Library) -> None:
    """An 800×600 window: the notes stay beside the entry, the reading list is a tab."""
    window = show_window(lib, data_dir, 800, 600)
    window.open_entry("midnight-in-the-century")
    window.notes.edit_note(2)
    shots.grab(window, "small-window", window.panel)
    window.reveal(window.reading)
    shots.grab(window, "small-window-books", window.reading)
    window.show_timeline_action.trigger()
    shots.grab(window, "small-window-timeline", window.timeline)
    window.close()


def french(shots: Shots, data_dir: Path, lib: Library) -> None:
    """The main window in French, as a reader in France sees it: the interface, the dates,
    and the works under their French titles."""
    settings = settings_for(data_dir)
    settings.setValue(translation.LANGUAGE_KEY, translation.FRENCH)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translation.install(app, settings)
    window = show_window(lib, data_dir, 1400, 860)
    window.panel.open("midnight-in-the-century")
    window.notes.edit_note(1)
    shots.grab(window, "main-window-fr", window.panel)
    window.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where the PNGs go")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    shots = Shots(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        demo_library(data_dir)
        lib = Library(data_dir)
        large(shots, data_dir, lib)
        small(shots, data_dir, lib)
        french(shots, data_dir, lib)  # last: the translation stays installed
        lib.close()
    if args.out != HERE:  # the README's own folder keeps only its pictures
        shots.write()
    app.quit()


if __name__ == "__main__":
    main()

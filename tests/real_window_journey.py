"""A reader's journey in a real X window, run by tests/test_real_window.py under Xvfb:
start → track → look up → note → search → export. After each step it checks that nothing is
cut off: every visible control at least its minimum size and inside the screen, the entry
column wide enough and its text wrapped, never elided or scrolled sideways. Prints JSON:
{"steps": [...], "problems": [...]}.

python tests/real_window_journey.py DATA_DIR EXPORT_PATH
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QTabBar,
    QWidget,
)

from serge_reader import notes, progress
from serge_reader.library import Library
from serge_reader.ui.app import settings_for
from serge_reader.ui.main_window import MainWindow

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)


def cut_off(window: QWidget, step: str) -> list[str]:
    problems = []
    screen = window.screen().geometry()
    if not screen.contains(window.frameGeometry()):
        problems.append(f"{step}: the window {window.frameGeometry()} leaves the screen {screen}")
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        if isinstance(widget.parentWidget(), (*CONTROLS, QTabBar)):
            continue  # a part of a control (a spin box's field, a clear button): its own affair
        hint = widget.minimumSizeHint()
        if widget.width() < min(hint.width(), 60) or widget.height() < hint.height() - 2:
            problems.append(
                f"{step}: {type(widget).__name__} {widget.objectName()!r} is "
                f"{widget.width()}×{widget.height()}, under its {hint.width()}×{hint.height()}"
            )
    panel = window.panel  # type: ignore[attr-defined]
    if panel.isVisible():
        reading = QFontMetricsF(panel.font()).averageCharWidth()
        if panel.viewport().width() < 38 * reading:
            problems.append(f"{step}: the entry column is {panel.viewport().width()} px wide")
        if panel.horizontalScrollBar().maximum() > 0:
            problems.append(f"{step}: the entry's text runs past its column")
    return problems


def main() -> int:
    data_dir, export_to = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication(sys.argv[:1])
    lib = Library(data_dir)
    window = MainWindow(lib, settings_for(data_dir))  # the first start: the window's own size
    window.show()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(300)
    steps, problems = [], []

    def check(step: str) -> None:
        QTest.qWait(150)
        steps.append({"step": step, "arrangement": window.arrangement, "size": window.width()})
        problems.extend(cut_off(window, step))

    check("start")
    # Track: the reading list (a tab in a small window), a work, P, the page, Enter.
    window.reveal(window.reading)
    table = window.reading.table
    row = window.reading.model.row_of("midnight-in-the-century")
    index = window.reading.proxy.mapFromSource(window.reading.model.index(row, 0))
    table.setFocus()
    table.setCurrentIndex(index)
    window.activateWindow()
    window.page_action.trigger()
    editor = window.reading.findChild(QAbstractSpinBox, "pageEditor")
    assert editor is not None, "P opened no page box"
    editor.setFocus()
    editor.selectAll()  # type: ignore[attr-defined]
    QTest.keyClicks(editor, "42")
    QTest.keyClick(editor, "\r")
    QTest.qWait(100)
    if progress.get_progress(lib, "midnight-in-the-century").page != 42:
        problems.append("track: the page was not set")
    check("track")
    # Look up.
    window.focus_lookup()
    QTest.keyClicks(window.lookup, "okhrana")
    QTest.qWait(100)
    QTest.keyClick(window.lookup, "\r")
    if window.panel.current != "okhrana":
        problems.append(f"look up: {window.panel.current} shown")
    check("look up")
    # A note.
    window.new_note_action.trigger()
    QTest.keyClicks(window.notes.editor, "The [[Okhrana]] files, read in 1917.")
    window.notes.save_now()
    if not any("Okhrana" in n.body for n in notes.list_notes(lib)):
        problems.append("note: not saved")
    check("note")
    # Search the notes.
    window.reveal(window.notes_slot)
    window.notes.search.setFocus()
    QTest.keyClicks(window.notes.search, "files")
    QTest.qWait(300)
    if window.notes.list.model().rowCount() < 1:
        problems.append("search: the note is not found")
    check("search")

    # Export, through the file dialog as a reader meets it.
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(100, answer)
            return
        problems.extend(cut_off_dialog(dialog))
        json_filter = next(f for f in dialog.nameFilters() if "json" in f.lower())
        dialog.selectNameFilter(json_filter)
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # typed, as a reader does
        if name is not None:
            name.setText(str(export_to))
        else:
            dialog.selectFile(str(export_to))
        dialog.accept()

    QTimer.singleShot(100, answer)
    window.export_action.trigger()
    for _ in range(100):  # the export runs in a thread of its own
        if export_to.exists():
            break
        QTest.qWait(100)
    if not export_to.exists():
        problems.append("export: no file written")
    check("export")
    print(json.dumps({"steps": steps, "problems": problems}))
    window.close()
    lib.close()
    app.quit()
    return 0


def cut_off_dialog(dialog: QWidget) -> list[str]:
    screen = dialog.screen().geometry()
    if not screen.contains(dialog.frameGeometry()):
        return [f"export: the file dialog {dialog.frameGeometry()} leaves the screen {screen}"]
    return []


if __name__ == "__main__":
    sys.exit(main())

"""File → Import from an e-reader…: preview, a choice for an ambiguous book, import, and
the change announced to the views."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QPushButton,
    QTableWidget,
)

from serge_reader import notes
from serge_reader.changes import Change

CLIPPINGS = Path(__file__).parent / "fixtures" / "highlights" / "My Clippings.txt"


def test_import_from_an_e_reader_previews_then_imports(open_window, qtbot, monkeypatch):
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(CLIPPINGS), ""))
    seen: dict[str, object] = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.objectName() != "highlightsPreview":
            QTimer.singleShot(50, choose)  # the reading is still under way
            return
        table = dialog.findChild(QTableWidget, "highlightsBooks")
        titles = [table.item(r, 0).text() for r in range(table.rowCount())]
        seen["titles"] = titles
        seen["notes before"] = notes.count_notes(window.lib)  # nothing written by the preview
        row = next(i for i, t in enumerate(titles) if t.startswith("Medianoche"))
        box = dialog.findChild(QComboBox, f"highlightsWork{row}")
        assert box.currentData() == ""  # ambiguous: skipped unless the reader chooses
        box.setCurrentIndex(box.findData("midnight-in-the-century"))
        other = next(i for i, t in enumerate(titles) if t.startswith("Make It Stick"))
        seen["other"] = table.item(other, 5).text()
        dialog.findChild(QPushButton, "highlightsImport").click()

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(window.events.changed, timeout=10_000) as changed:
        window.import_highlights_action.trigger()
    assert changed.args[0] == Change.all()
    assert seen["notes before"] == 0 and seen["other"] == "1"
    assert notes.count_notes(window.lib, work="midnight-in-the-century") == 2
    assert notes.count_notes(window.lib, kind="quotation") == 9
    assert "9 highlights, 2 notes in 5 works" in window.statusBar().currentMessage()

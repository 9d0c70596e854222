"""File → Import from an e-reader…: a file or a device's folder, preview, a choice for an
ambiguous book, import, and the change announced to the views."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
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

FIXTURES = Path(__file__).parent / "fixtures" / "highlights"
CLIPPINGS = FIXTURES / "My Clippings.txt"


def pick(dialog: QDialog, button: str) -> None:
    """In the chooser (file or device folder), click one of its buttons."""
    dialog.findChild(QPushButton, button).click()


def test_import_from_an_e_reader_previews_then_imports(open_window, qtbot, monkeypatch):
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(CLIPPINGS), ""))
    seen: dict[str, object] = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.objectName() == "highlightsSource":
            pick(dialog, "highlightsChooseFile")
            QTimer.singleShot(50, choose)
            return
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


def kindle_documents(root: Path) -> Path:
    """A Kindle's `documents/`, its clippings file among the books."""
    documents = root / "Kindle" / "documents"
    documents.mkdir(parents=True)
    shutil.copy(CLIPPINGS, documents / "My Clippings.txt")
    (documents / "Midnight in the Century.azw3").write_bytes(b"BOOKMOBI")
    return documents


def koreader_folder(root: Path) -> Path:
    """A KOReader device's books, each with its `.sdr` sidecar folder."""
    books = root / "koreader" / "Books"
    sdr = books / "Serge, Victor - Midnight in the Century.sdr"
    sdr.mkdir(parents=True)
    shutil.copy(FIXTURES / "metadata.epub.lua", sdr / "metadata.epub.lua")
    (books / "Serge, Victor - Midnight in the Century.epub").write_bytes(b"PK\x03\x04")
    return books.parent


def kobo_root(root: Path) -> Path:
    """A Kobo's root: its database in `.kobo/`."""
    device = root / "KOBOeReader"
    (device / ".kobo").mkdir(parents=True)
    con = sqlite3.connect(device / ".kobo" / "KoboReader.sqlite")
    con.executescript((FIXTURES / "kobo.sql").read_text(encoding="utf-8"))
    con.commit()
    con.close()
    return device


@pytest.mark.parametrize(
    ("device", "title", "quotations"),
    [
        (kindle_documents, "The Case of Comrade Tulayev", 8),
        (koreader_folder, "Midnight in the Century", 2),
        (kobo_root, "Unforgiving Years", 2),
    ],
    ids=["kindle", "koreader", "kobo"],
)
def test_import_from_a_device_folder(
    open_window, qtbot, monkeypatch, tmp_path, device, title, quotations
):
    window = open_window()
    folder = device(tmp_path)
    asked: list[str] = []

    def no_file(*a, **k):
        asked.append("file")
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_file)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    seen: dict[str, object] = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.objectName() == "highlightsSource":
            pick(dialog, "highlightsChooseFolder")
            QTimer.singleShot(50, choose)
            return
        if not isinstance(dialog, QDialog) or dialog.objectName() != "highlightsPreview":
            QTimer.singleShot(50, choose)
            return
        table = dialog.findChild(QTableWidget, "highlightsBooks")
        seen["titles"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        dialog.findChild(QPushButton, "highlightsImport").click()

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(window.events.changed, timeout=10_000):
        window.import_highlights_action.trigger()
    assert asked == []
    assert any(t.startswith(title) for t in seen["titles"])
    assert notes.count_notes(window.lib, kind="quotation") == quotations
    assert f"{quotations} highlights" in window.statusBar().currentMessage()


def test_the_chooser_cancelled_imports_nothing(open_window, qtbot, monkeypatch):
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.objectName() != "highlightsSource":
            QTimer.singleShot(50, cancel)
            return
        pick(dialog, "highlightsChooseFolder")  # the folder dialog closed without a choice
        assert dialog.isVisible()
        dialog.reject()

    QTimer.singleShot(0, cancel)
    window.import_highlights_action.trigger()
    assert notes.count_notes(window.lib) == 0

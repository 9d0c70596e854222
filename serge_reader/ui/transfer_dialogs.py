"""Exporting and importing notes from the app: file choice, progress, cancel, one message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from serge_reader import transfer
from serge_reader.errors import UserError
from serge_reader.library import Library

T = TypeVar("T")
FORMATS = {
    "Markdown folder (Obsidian)": "md",
    "JSON (everything, re-importable) (*.json)": "json",
    "CSV spreadsheet (*.csv)": "csv",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TransferDialogs", text)


def progress_dialog(parent: QWidget | None, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, _tr("Cancel"), 0, 100, parent)
    dialog.setObjectName("transferProgress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(True)
    return dialog


def _callback(dialog: QProgressDialog) -> transfer.ProgressCallback:
    def report(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    return report


def _with_progress(
    parent: QWidget | None, label: str, failure: str, work: Callable[[transfer.ProgressCallback], T]
) -> T | None:
    """Run `work` behind a progress dialog; None when cancelled or refused (after saying why)."""
    dialog = progress_dialog(parent, label)
    try:
        return work(_callback(dialog))
    except transfer.Cancelled:
        return None
    except UserError as exc:
        QMessageBox.warning(parent, failure, str(exc))
        return None
    finally:
        dialog.reset()


def run_export(parent: QWidget | None, lib: Library, path: Path, fmt: str) -> int | None:
    """Export with a progress dialog; the count, or None when cancelled or refused."""
    return _with_progress(
        parent,
        _tr("Exporting notes…"),
        _tr("Export failed"),
        lambda report: transfer.export_notes(lib, path, fmt, progress=report),
    )


def run_import(parent: QWidget | None, lib: Library, path: Path) -> tuple[int, int] | None:
    """Import with a progress dialog; (added, already there), or None when cancelled or refused."""
    return _with_progress(
        parent,
        _tr("Importing notes…"),
        _tr("Nothing was imported"),
        lambda report: transfer.import_notes(lib, path, progress=report),
    )


def export_interactively(parent: QWidget, lib: Library) -> str | None:
    """Ask where and in which format, export, and return a message for the status bar."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, _tr("Export notes"), str(Path.home() / "serge-notes"), ";;".join(FORMATS)
    )
    if not path:
        return None
    fmt = FORMATS.get(chosen, "json")
    if fmt != "md" and not Path(path).suffix:
        path += f".{fmt}"
    count = run_export(parent, lib, Path(path), fmt)
    return (
        None
        if count is None
        else _tr("Exported %1 notes to %2").replace("%1", str(count)).replace("%2", path)
    )


def import_interactively(parent: QWidget, lib: Library) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Import notes"), str(Path.home()), "JSON (*.json)"
    )
    if not path:
        return None
    result = run_import(parent, lib, Path(path))
    if result is None:
        return None
    return (
        _tr("Imported %1 notes (%2 were already there)")
        .replace("%1", str(result[0]))
        .replace("%2", str(result[1]))
    )

"""Exporting and importing notes from the app: file choice, progress, cancel, one message.

The work runs in a `TransferWorker` thread on its own connection and reports by signal;
the window stays responsive and nothing polls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from PySide6.QtCore import QT_TR_NOOP, QCoreApplication, QEventLoop, QLocale, Qt, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from serge_reader import i18n, operations, transfer
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.ui import messages
from serge_reader.ui.events import LibraryEvents

T = TypeVar("T")
FORMATS = {  # the file dialog's filters (translated when shown) and the formats they choose
    QT_TR_NOOP("Markdown folder (Obsidian)"): "md",
    QT_TR_NOOP("JSON (everything, re-importable) (*.json)"): "json",
    QT_TR_NOOP("CSV spreadsheet (*.csv)"): "csv",
}


def _tr(text: str) -> str:
    """A phrase of this module's functions (lupdate files them under the empty context)."""
    return QCoreApplication.translate(i18n.CONTEXT, text)


def progress_dialog(parent: QWidget | None, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, _tr("Cancel"), 0, 100, parent)
    dialog.setObjectName("transferProgress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(True)
    return dialog


class TransferWorker(QThread):
    """Runs an export or import on its own connection to the library, off the window's
    thread, and reports by signal: `progressed` as it goes, then `succeeded` or `refused`
    (an empty reason when the reader cancelled)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    refused = Signal(str)

    def __init__(self, lib: Library, work: Callable[[Library, transfer.ProgressCallback], T]):
        super().__init__()
        self.lib = lib
        self.work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            own = self.lib.alongside()
        except UserError as exc:
            self.refused.emit(str(exc))
            return
        try:
            result = self.work(own, self._report)
        except transfer.Cancelled:
            self.refused.emit("")
        except UserError as exc:
            self.refused.emit(str(exc))
        else:
            self.succeeded.emit(result)
        finally:
            own.close()


def _with_progress(
    parent: QWidget | None,
    lib: Library,
    label: str,
    failure: str,
    work: Callable[[Library, transfer.ProgressCallback], T],
) -> T | None:
    """Run `work` in a worker behind a progress dialog with Cancel; its result, or None when
    cancelled or refused (after saying why, once). The window keeps painting meanwhile."""
    dialog = progress_dialog(parent, label)
    worker = TransferWorker(lib, work)
    outcome: dict[str, object] = {}
    worker.progressed.connect(lambda done, total: _show_progress(dialog, done, total))
    worker.succeeded.connect(lambda result: outcome.update(result=result))
    worker.refused.connect(lambda reason: outcome.update(reason=reason))
    dialog.canceled.connect(worker.cancel)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec()
    worker.wait()
    dialog.canceled.disconnect(worker.cancel)
    dialog.reset()
    reason = outcome.get("reason")
    if reason:
        messages.warn(parent, failure, str(reason))
    return cast("T", outcome["result"]) if "result" in outcome else None


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if dialog.wasCanceled():
        return
    dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, max(total, 1) - 1))  # at the maximum it would close too soon


def run_export(
    parent: QWidget | None, lib: Library, path: Path, fmt: str, *, force: bool = False
) -> int | None:
    """Export with a progress dialog; the count, or None when cancelled or refused. `force`:
    the reader agreed to replace what is there (never the library itself)."""
    return _with_progress(
        parent,
        lib,
        _tr("Exporting notes…"),
        _tr("Export failed"),
        lambda own, report: transfer.export_notes(own, path, fmt, progress=report, force=force),
    )


def _agrees_to_replace(parent: QWidget, path: Path, fmt: str) -> bool | None:
    """None when nothing would be replaced; else whether the reader agreed to replace it."""
    if fmt == "md":
        if not path.is_dir() or not any(path.glob("*.md")):
            return None
        text = _tr(
            "The folder %1 already holds Markdown files; notes exported there before "
            "will be replaced."
        )
    elif path.is_symlink():
        text = _tr("%1 is a link to another file; that file will be replaced.")
    elif path.exists():
        text = _tr("%1 already exists; it will be replaced.")
    else:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Replace?"),
        text.replace("%1", str(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmReplace")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return bool(box.exec() == QMessageBox.StandardButton.Yes)


def run_import(parent: QWidget | None, events: LibraryEvents, path: Path) -> tuple[int, int] | None:
    """Import with a progress dialog; (added, already there), or None when cancelled or
    refused. The views learn of the new notes on the change channel."""
    done = _with_progress(
        parent,
        events.lib,
        _tr("Importing notes…"),
        _tr("Nothing was imported"),
        lambda own, report: operations.import_notes(own, path, report),
    )
    if done is None:
        return None
    events.announce(done.change)
    return done.value


def export_interactively(parent: QWidget, lib: Library) -> str | None:
    """Ask where and in which format, export, and return a message for the status bar."""
    formats = {_tr(str(label)): fmt for label, fmt in FORMATS.items()}
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        _tr("Export notes"),
        str(Path.home() / "serge-notes"),
        ";;".join(formats),
        options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, once the name is whole
    )
    if not path:
        return None
    fmt = formats.get(chosen, "json")
    if fmt != "md" and not Path(path).suffix:
        path += f".{fmt}"
    agreed = _agrees_to_replace(parent, Path(path), fmt)
    if agreed is False:
        return None
    count = run_export(parent, lib, Path(path), fmt, force=bool(agreed))
    return (
        None
        if count is None
        else _tr("Exported %1 notes to %2")
        .replace("%1", QLocale().toString(count))
        .replace("%2", path)
    )


def import_interactively(parent: QWidget, events: LibraryEvents) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Import notes"), str(Path.home()), "JSON (*.json)"
    )
    if not path:
        return None
    result = run_import(parent, events, Path(path))
    if result is None:
        return None
    return (
        _tr("Imported %1 notes (%2 were already there)")
        .replace("%1", QLocale().toString(result[0]))
        .replace("%2", QLocale().toString(result[1]))
    )

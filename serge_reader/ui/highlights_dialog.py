"""File → Import from an e-reader…: choose a file or a device's folder, see what would be
done, then import.

The reader picks a file (`My Clippings.txt`, a KOReader sidecar or export, a Kobo database)
or a device's folder (a Kindle's `documents/`, a folder of KOReader `.sdr` sidecars, a Kobo's
root with `.kobo/KoboReader.sqlite`), where the source is found as the command line finds it.

Reading the file and working out the plan run in a `TransferWorker` (a progress bar with
Cancel on long files) and write nothing; the preview shows each book found, the work it was
matched to (the reader chooses for the ambiguous ones, or skips any), and the counts new /
already there / updated / skipped. Only Import writes, through
`operations.import_highlights`, and the change is announced on `LibraryEvents`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from serge_reader import i18n, operations, progress
from serge_reader.highlights import Source, read_source
from serge_reader.highlights.merge import Imported, Plan, plan_import
from serge_reader.library import Library
from serge_reader.transfer import ProgressCallback
from serge_reader.ui.events import LibraryEvents
from serge_reader.ui.transfer_dialogs import _with_progress

FILES = QT_TR_NOOP("E-reader annotations (*.txt *.lua *.sqlite *.json *.md);;All files (*)")
COLUMNS = (
    QT_TR_NOOP("Book"),
    QT_TR_NOOP("Work"),
    QT_TR_NOOP("New"),
    QT_TR_NOOP("Already there"),
    QT_TR_NOOP("Updated"),
    QT_TR_NOOP("Skipped"),
)
SKIP = ""


def _tr(text: str) -> str:
    """A phrase of this module (lupdate files `_tr` and QT_TR_NOOP under the empty context)."""
    return QCoreApplication.translate(i18n.CONTEXT, text)


class HighlightsPreview(QDialog):
    """What importing would do, book by book, with a choice of work for each."""

    def __init__(self, plan: Plan, works: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("highlightsPreview")
        self.setWindowTitle(_tr("Import from an e-reader"))
        self.plan = plan
        layout = QVBoxLayout(self)
        self.summary = QLabel(plan.summary())
        self.summary.setObjectName("highlightsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(plan.books), len(COLUMNS))
        self.table.setObjectName("highlightsBooks")
        self.table.setHorizontalHeaderLabels([_tr(str(c)) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.choosers: dict[str, QComboBox] = {}
        for row, book in enumerate(plan.books):
            who = f" ({', '.join(book.authors)})" if book.authors else ""
            self.table.setItem(row, 0, QTableWidgetItem(book.title + who))
            chooser = QComboBox()
            chooser.setObjectName(f"highlightsWork{row}")
            chooser.addItem(_tr("— skip this book —"), SKIP)
            first = [w for w in works if w[0] in book.candidates]
            for slug, title in first + [w for w in works if w not in first]:
                chooser.addItem(title, slug)
            if book.work:
                chooser.setCurrentIndex(chooser.findData(book.work))
            elif book.status == "ambiguous" and book.candidates:
                chooser.setToolTip(_tr("Not sure which work this is: choose one, or skip it"))
            self.table.setCellWidget(row, 1, chooser)
            self.choosers[book.key] = chooser
            for col, count in enumerate(
                (book.new, book.present, book.updated, book.skipped), start=2
            ):
                self.table.setItem(row, col, QTableWidgetItem(str(count)))
        layout.addWidget(self.table)
        self.bookmarks = QCheckBox(_tr("Take bookmarks in too"))
        self.bookmarks.setObjectName("highlightsBookmarks")
        layout.addWidget(self.bookmarks)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_tr("Import"))
        ok.setObjectName("highlightsImport")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def choices(self) -> dict[str, str | None]:
        """The work chosen for every book (None: skipped)."""
        return {key: (box.currentData() or None) for key, box in self.choosers.items()}


class SourceChooser(QDialog):
    """Where the marks are: a file the reader picks, or a device's folder."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("highlightsSource")
        self.setWindowTitle(_tr("Import from an e-reader"))
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        text = QLabel(
            _tr(
                "Choose the file your e-reader keeps your highlights in (a Kindle's My "
                "Clippings.txt, a KOReader sidecar or export, a Kobo's KoboReader.sqlite), or "
                "the device's folder: its annotations are found inside it."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        pick_file = QPushButton(_tr("Choose a file…"))
        pick_file.setObjectName("highlightsChooseFile")
        pick_file.clicked.connect(self.choose_file)
        pick_folder = QPushButton(_tr("Choose a device folder…"))
        pick_folder.setObjectName("highlightsChooseFolder")
        pick_folder.clicked.connect(self.choose_folder)
        buttons.addButton(pick_file, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(pick_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        pick_file.setDefault(True)

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, _tr("Import from an e-reader"), str(Path.home()), _tr(str(FILES))
        )
        self._chosen(chosen)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _tr("Choose the e-reader's folder"), str(Path.home())
        )
        self._chosen(chosen)

    def _chosen(self, chosen: str) -> None:
        if chosen:
            self.path = Path(chosen)
            self.accept()


def preview(lib: Library, path: Path, report: ProgressCallback) -> tuple[Source, Plan]:
    source = read_source(path, None, report)
    return source, plan_import(lib, source, report=report)


def import_interactively(
    parent: QWidget, events: LibraryEvents, path: Path | None = None
) -> str | None:
    """Ask for a file or a device's folder, preview, import; a message for the status bar,
    or None."""
    if path is None:
        chooser = SourceChooser(parent)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.path is None:
            return None
        path = chooser.path
    found = _with_progress(
        parent,
        events.lib,
        _tr("Reading the e-reader's file…"),
        _tr("Nothing was imported"),
        lambda own, report: preview(own, path, report),
    )
    if found is None:
        return None
    source, plan = found
    works = [(w.id, w.title) for w in progress.reading_list(events.lib)]
    dialog = HighlightsPreview(plan, works, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choices, bookmarks = dialog.choices(), dialog.bookmarks.isChecked()
    done = _with_progress(
        parent,
        events.lib,
        _tr("Importing highlights…"),
        _tr("Nothing was imported"),
        lambda own, report: operations.import_highlights(
            own, source, choices=choices, bookmarks=bookmarks, report=report
        ),
    )
    if done is None:
        return None
    events.announce(done.change)
    imported: Imported = done.value
    return imported.summary

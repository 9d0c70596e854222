"""The reading list: every work, its year, the reader's status and progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionProgressBar

from serge_reader.entries import list_works
from serge_reader.library import Library
from serge_reader.progress import with_percent

Index = QModelIndex | QPersistentModelIndex
SLUG_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

STATUS_LABELS = {
    "want-to-read": "Want to read",
    "reading": "Reading",
    "finished": "Finished",
    "abandoned": "Abandoned",
}


class ReadingListModel(QAbstractTableModel):
    TITLE, YEAR, STATUS, PROGRESS = range(4)
    HEADERS = ("Title", "Year", "Status", "Progress")

    def __init__(self, lib: Library) -> None:
        super().__init__()
        self.lib = lib
        self.rows: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = [with_percent(w) for w in list_works(self.lib)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def status_text(self, row: dict[str, Any]) -> str:
        if not row["readable"]:
            return self.tr("Lost") if row["availability"] == "lost" else self.tr("Confiscated")
        return self.tr(STATUS_LABELS.get(row["status"] or "", ""))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == SLUG_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TITLE:
                return row["title"]
            if col == self.YEAR:
                return str(row["year"])
            if col == self.STATUS:
                return self.status_text(row)
            if col == self.PROGRESS:
                return (
                    f"{row['percent']:.0f}%" if row["percent"] is not None and row["status"] else ""
                )
        if role == SORT_ROLE:
            return (
                row["title"].casefold(),
                row["year"],
                self.status_text(row),
                row["percent"] or 0,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row['title']} ({row['original_title']}, {row['year']})"
        if role == Qt.ItemDataRole.ForegroundRole and not row["readable"]:
            return QApplication.palette().placeholderText()
        return None

    def row_of(self, slug: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r["id"] == slug), None)


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as a progress bar."""

    def paint(self, painter: Any, option: Any, index: QModelIndex) -> None:
        model = index.model()
        text = model.data(index)
        if not text:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = int(text.rstrip("%"))
        bar.text = text
        bar.textVisible = True
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)

"""Quick look-up: one field that searches everything, with results grouped by kind.

The results list is a child of the main window laid over its content, under the field;
the field keeps the keyboard focus, and passes the arrows, Enter and Escape to the list.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget

from serge_reader.library import Library
from serge_reader.search import MARK_END, MARK_START, Result, search
from serge_reader.ui.plain_text import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
GROUP_LABELS = {
    "term": QT_TRANSLATE_NOOP("LookupResults", "Glossary"),
    "character": QT_TRANSLATE_NOOP("LookupResults", "Characters"),
    "work": QT_TRANSLATE_NOOP("LookupResults", "Works"),
    "period": QT_TRANSLATE_NOOP("LookupResults", "Life periods"),
    "note": QT_TRANSLATE_NOOP("LookupResults", "Your notes"),
}
RESULT_LIMIT = 30
# A row shows this many characters at most (the tooltip has it all): laying out long lines
# was half the time of drawing the list at each keystroke.
ROW_CHARS = 90
POPUP_WIDTH = (480, 720)  # pixels, least and most: the field's width between them
VISIBLE_ROWS = 14  # the list scrolls beyond: a pop-up over the window, not a page (and each row
# shown costs 0.2 ms to draw at each keystroke)


def grouped(results: list[Result]) -> list[tuple[str, list[Result]]]:
    """Results grouped by kind; groups ordered by their best result, results keep their rank."""
    groups: dict[str, list[Result]] = {}
    for r in results:
        groups.setdefault(r.kind, []).append(r)
    return list(groups.items())


class LookupResults(QListView):
    opened = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lookupResults")
        self.setAccessibleName(self.tr("Look-up results"))
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QListView.Shape.Box)
        # A window of its own over the main one (it never takes the focus): filling and
        # resizing it at each keystroke repaints it alone, not the panels under it.
        self.setWindowFlags(Qt.WindowType.ToolTip)
        self.clicked.connect(lambda index: self._open(index.data(ID_ROLE)))
        self.hide()

    def show_results(self, results: list[Result]) -> None:
        rows: list[QStandardItem] = []
        for kind, items in grouped(results):
            header = QStandardItem(self.tr(str(GROUP_LABELS[kind])))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setData("", ID_ROLE)  # never an empty value: PySide6 6.12.0 leaks None on those
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            rows.append(header)
            for r in items:
                snippet = r.snippet.replace(MARK_START, "").replace(MARK_END, "")
                text = r.title if snippet in ("", r.title) else f"{r.title} — {snippet}"
                shown = text if len(text) <= ROW_CHARS else text[: ROW_CHARS - 1] + "…"
                item = QStandardItem("    " + shown)
                item.setData(r.id, ID_ROLE)
                item.setToolTip(tooltip(text))
                rows.append(item)
        self.model_.clear()
        self.model_.invisibleRootItem().appendRows(rows)  # one insertion for the view to lay out
        first = self.selectable_rows()
        if first:
            self.setCurrentIndex(self.model_.index(first[0], 0))

    def selectable_rows(self) -> list[int]:
        return [i for i in range(self.model_.rowCount()) if self.model_.item(i).data(ID_ROLE)]

    def move(self, step: int) -> None:  # type: ignore[override]
        rows = self.selectable_rows()
        if not rows:
            return
        current = self.currentIndex().row()
        position = rows.index(current) if current in rows else -1
        self.setCurrentIndex(
            self.model_.index(rows[max(0, min(len(rows) - 1, position + step))], 0)
        )

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _open(self, entry_id: str | None) -> None:
        if entry_id:
            self.opened.emit(entry_id)


class LookupBox(QLineEdit):
    """Type to search; arrows move through the results, Enter opens, Escape closes."""

    opened = Signal(str)

    def __init__(self, lib: Library, overlay_parent: QWidget) -> None:
        super().__init__()
        self.lib = lib
        self.setObjectName("lookupBox")
        self.setAccessibleName(self.tr("Look up"))
        self.setPlaceholderText(self.tr("Look up a person, place, term, work or note…  (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(360)
        self.results = LookupResults(overlay_parent)
        self.results.opened.connect(self._open)
        self.textEdited.connect(self.update_results)
        self.returnPressed.connect(lambda: self._open(self.results.current_id()))
        self.installEventFilter(self)

    def update_results(self, text: str) -> None:
        found = search(self.lib, text, limit=RESULT_LIMIT) if text.strip() else []
        if not found:
            self.results.hide()
            self.results.model_.clear()
            return
        self.results.show_results(found)
        self._place_results()
        if not self.results.isVisible():
            self.results.show()
            self.results.raise_()

    def _place_results(self) -> None:
        parent = self.results.parentWidget()
        if parent is None:
            return
        corner = self.mapTo(parent, QPoint(0, self.height()))
        rows = min(self.results.model_.rowCount(), VISIBLE_ROWS)
        row_height = max(self.results.sizeHintForRow(0), self.results.sizeHintForRow(1))
        if row_height <= 0:  # not laid out yet
            row_height = self.fontMetrics().height() + 4
        frame = 2 * self.results.frameWidth()
        height = min(rows * row_height + frame, parent.height() - corner.y() - 10)
        corner = parent.mapToGlobal(corner)
        width = max(POPUP_WIDTH[0], min(self.width(), POPUP_WIDTH[1]))  # about ROW_CHARS wide
        geometry = QRect(corner.x(), corner.y(), width, max(height, row_height))
        if geometry != self.results.geometry():  # a window resized is a window redrawn whole
            self.results.setGeometry(geometry)

    def _open(self, entry_id: str | None) -> None:
        if entry_id:
            self.results.hide()
            self.opened.emit(entry_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
                self.results.move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape and self.results.isVisible():
                self.results.hide()
                return True
        if watched is self and event.type() == QEvent.Type.FocusOut:
            self.results.hide()
        return super().eventFilter(watched, event)

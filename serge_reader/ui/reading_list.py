"""The reading list: every work, its year, the reader's status and progress.

Keyboard: arrows move and open, `P` (or F2) edits the page of the current work — type the
number and press Enter — and Ctrl+Z undoes the last change to it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from serge_reader import i18n, progress
from serge_reader.changes import Change
from serge_reader.library import Library
from serge_reader.pages import esc
from serge_reader.progress import WorkProgress
from serge_reader.ui.events import LibraryEvents
from serge_reader.ui.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex
SLUG_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_LABELS = {
    "want-to-read": QT_TRANSLATE_NOOP("ReadingList", "Want to read"),
    "reading": QT_TRANSLATE_NOOP("ReadingList", "Reading"),
    "finished": QT_TRANSLATE_NOOP("ReadingList", "Finished"),
    "abandoned": QT_TRANSLATE_NOOP("ReadingList", "Abandoned"),
}
DECADES = [(1920, 1929), (1930, 1939), (1940, 1949), (1950, 2100)]


def status_label(status: str) -> str:
    """A reading status as the reading list names it, in the reader's language."""
    return QApplication.translate("ReadingList", str(STATUS_LABELS[status]))


def shown_title(row: WorkProgress) -> str:
    """A work's title as the reader knows it (its French title in French)."""
    return i18n.work_title(row.title, row.original_title)


class ReadingListModel(QAbstractTableModel):
    TITLE, YEAR, STATUS, PROGRESS = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("ReadingListModel", "Title"),
        QT_TRANSLATE_NOOP("ReadingListModel", "Year"),
        QT_TRANSLATE_NOOP("ReadingListModel", "Status"),
        QT_TRANSLATE_NOOP("ReadingListModel", "Progress"),
    )

    def __init__(self, lib: Library, events: LibraryEvents) -> None:
        super().__init__()
        self.lib = lib
        self.events = events
        self.rows: list[WorkProgress] = []
        self.refresh()
        events.changed.connect(self.on_change)

    def on_change(self, change: Change) -> None:
        """Read again the works whose progress changed (all of them after an outside write)."""
        if change.everything:
            self.refresh()
            return
        for slug in change.progress:
            row = self.row_of(slug)
            if row is not None:
                self.rows[row] = progress.get_progress(self.lib, slug)
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = progress.reading_list(self.lib)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(self.HEADERS[section]))
        return None

    def status_text(self, row: WorkProgress) -> str:
        if not row.readable:
            return self.unreadable_text(row.availability)
        return status_label(row.status) if row.status else ""

    def unreadable_text(self, availability: str) -> str:
        return self.tr("Lost") if availability == "lost" else self.tr("Confiscated")

    def column_texts(self, column: int) -> list[str]:
        """Every text the year or status column can show: their widths are measured on
        these, not asked of each row (Qt's ResizeToContents takes a third of the time from
        `show()` to the window's first paint)."""
        if column == self.YEAR:
            return [str(year) for year in {row.year for row in self.rows}] or ["0000"]
        return [
            *(status_label(status) for status in STATUS_LABELS),
            self.unreadable_text("lost"),
            self.unreadable_text("confiscated"),
        ]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.PROGRESS and self.rows[index.row()].readable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == SLUG_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TITLE:
                return shown_title(row)
            if col == self.YEAR:
                return str(row.year)
            if col == self.STATUS:
                return self.status_text(row)
            if col == self.PROGRESS:
                if row.status == "finished":
                    return "100%"  # read to the end, whatever page was last set
                return f"{row.percent:.0f}%" if row.percent is not None and row.status else ""
        if role == Qt.ItemDataRole.EditRole and col == self.PROGRESS:
            return row.page or 0
        if role == SORT_ROLE:  # asked for at each comparison of a sort: the column's alone
            if col == self.TITLE:
                return shown_title(row).casefold()
            if col == self.YEAR:
                return row.year
            return self.status_text(row) if col == self.STATUS else row.percent or 0
        if role == Qt.ItemDataRole.ToolTipRole:
            other = i18n.other_title(row.title, row.original_title)
            text = f"{shown_title(row)} ({other}, {row.year})" if other else shown_title(row)
            if row.status:
                text += " — " + self.tr("page %1 of %2").replace("%1", str(row.page)).replace(
                    "%2", str(row.pages or "?")
                )
            return tooltip(text)
        if role == Qt.ItemDataRole.ForegroundRole and not row.readable:
            return QApplication.palette().placeholderText()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.PROGRESS:
            return False
        return self.change(index.row(), page=int(value))

    def change(self, row: int, **values: Any) -> bool:
        """Set a work's page, pages or status; a refusal is told to the reader by `events`.
        (The operations are imported at the first change: the window's start needs none.)"""
        from serge_reader import operations

        slug = self.rows[row].id
        title = self.tr("Progress not changed")
        return self.events.run(title, operations.set_progress, slug, **values) is not None

    def undo(self, row: int) -> bool:
        from serge_reader import operations

        slug = self.rows[row].id
        title = self.tr("Nothing undone")
        return self.events.run(title, operations.undo_progress, slug) is not None

    def row_of(self, slug: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == slug), None)

    def genres(self) -> list[str]:
        return sorted({r.genre for r in self.rows})


class ReadingListFilter(QSortFilterProxyModel):
    """Filters by status, genre and decade; sorts by the raw values."""

    def __init__(self) -> None:
        super().__init__()
        self.status: str | None = None  # a status, "untracked", or None for all
        self.genre: str | None = None
        self.years: tuple[int, int] | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(
        self, *, status: str | None, genre: str | None, years: tuple[int, int] | None
    ) -> None:
        self.beginFilterChange()
        self.status, self.genre, self.years = status, genre, years
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ReadingListModel)
        row = model.rows[source_row]
        if self.status == "untracked" and row.status:
            return False
        if self.status not in (None, "untracked") and row.status != self.status:
            return False
        if self.genre and row.genre != self.genre:
            return False
        return not (self.years and not self.years[0] <= row.year <= self.years[1])


class ProgressDelegate(QStyledItemDelegate):
    """Draws progress as a bar; edits it as a page number.

    The bar is drawn with the palette, not by the style: the first use of PySide6's `QStyle`
    makes its enum types, 11-15 ms of the window's start (the list is in its first paint)."""

    def paint(self, painter: QPainter, option: Any, index: Index) -> None:
        text = index.data()
        if not text:
            super().paint(painter, option, index)
            return
        palette: QPalette = option.palette
        rect = option.rect.adjusted(2, 3, -3, -4)
        done = QRect(rect.topLeft(), rect.size())
        done.setWidth(round(rect.width() * int(text.rstrip("%")) / 100))
        # On the selected row, whose background is the highlight, the bar is drawn in the
        # highlighted text's colour instead, so that its filled part still shows.
        view = self.parent()
        selected = isinstance(view, QTableView) and view.selectionModel().isSelected(index)
        fill = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        )
        painter.save()
        painter.setPen(fill if selected else palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.highlight() if selected else palette.base())
        painter.drawRect(rect)
        painter.fillRect(done, fill)
        # The text reads on both parts: each in the colour that is not its background.
        rest = rect.adjusted(done.width(), 0, 0, 0)
        on_fill, on_rest = QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Text
        if selected:
            on_fill, on_rest = QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText
        for part, role in ((done, on_fill), (rest, on_rest)):
            painter.save()
            painter.setClipRect(part, Qt.ClipOperation.IntersectClip)
            painter.setPen(palette.color(role))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()
        painter.restore()

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        from PySide6.QtWidgets import QSpinBox  # its types are made when first needed

        row = index.data(ROW_ROLE)
        editor = QSpinBox(parent)
        editor.setObjectName("pageEditor")
        editor.setAccessibleName(QApplication.translate("ReadingList", "Page"))
        # Any page can be typed: one past the reader's edition (the suffix) is refused with a
        # message when entered (`progress.set_progress`), never cut (450 of 396 was saved 45).
        editor.setRange(0, progress.MAX_PAGES)
        editor.setPrefix(QApplication.translate("ReadingList", "p. "))
        if row.pages:
            editor.setSuffix(f" / {row.pages}")
        return editor


class ReadingListTable(QTableView):
    """`P` or F2 edits the page of the current work."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_P, Qt.Key.Key_F2) and self.currentIndex().isValid():
            self.edit(self.currentIndex().siblingAtColumn(ReadingListModel.PROGRESS))
            return
        super().keyPressEvent(event)


class ReadingListPanel(QWidget):
    opened = Signal(str)  # a work the reader moved to

    def __init__(self, lib: Library, events: LibraryEvents) -> None:
        super().__init__()
        self.setObjectName("readingListPanel")
        self.model = ReadingListModel(lib, events)
        self._selecting = False  # `select` moves the current row: not a move of the reader's
        self.proxy = ReadingListFilter()
        self.proxy.setSourceModel(self.model)
        table = self.table = ReadingListTable()
        table.setObjectName("readingList")
        table.setAccessibleName(self.tr("Reading list"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        header = table.horizontalHeader()
        header.setSortIndicator(ReadingListModel.YEAR, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # sorts once, by the indicator
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setItemDelegateForColumn(ReadingListModel.PROGRESS, ProgressDelegate(table))
        header.setSectionResizeMode(ReadingListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = table.fontMetrics()
        for col in (ReadingListModel.YEAR, ReadingListModel.STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            text = max(metrics.horizontalAdvance(t) for t in self.model.column_texts(col))
            # The cell's margins: about a character each side, whatever the style.
            header.resizeSection(
                col, max(header.sectionSizeHint(col), text + 2 * metrics.averageCharWidth())
            )
        table.selectionModel().currentRowChanged.connect(self._on_row)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu)
        # A current row from the start, so that focusing the list does not open its first work.
        selection = table.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(self.proxy.index(0, 0), selection.SelectionFlag.NoUpdate)
        selection.blockSignals(False)

        self.undo_action = QAction(self.tr("Undo progress change"), self)
        # Its key, Ctrl+Z, is the window's Edit ▸ Undo, which undoes this from any panel.
        self.undo_action.triggered.connect(self.undo_current)
        table.addAction(self.undo_action)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in STATUS_LABELS:
            self.status_filter.addItem(status_label(status), status)
        self.status_filter.addItem(self.tr("Not tracked"), "untracked")
        self.genre_filter = QComboBox()
        self.genre_filter.setObjectName("genreFilter")
        self.genre_filter.setAccessibleName(self.tr("Filter by genre"))
        self.genre_filter.addItem(self.tr("All kinds"), None)
        for genre in self.model.genres():
            label = i18n._(genre.replace("-", " "))  # the genres' names are the pages'
            self.genre_filter.addItem(label[:1].upper() + label[1:], genre)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("yearFilter")
        self.year_filter.setAccessibleName(self.tr("Filter by years"))
        self.year_filter.addItem(self.tr("All years"), None)
        for first, last in DECADES:
            label = (
                self.tr("After his death")
                if first >= 1950
                else self.tr("%1s", "a decade, as in 1920s").replace("%1", str(first))
            )
            self.year_filter.addItem(label, (first, last))
        for combo in (self.status_filter, self.genre_filter, self.year_filter):
            combo.currentIndexChanged.connect(self._apply_filter)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.genre_filter)
        filters.addWidget(self.year_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(table)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            status=self.status_filter.currentData(),
            genre=self.genre_filter.currentData(),
            years=self.year_filter.currentData(),
        )

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Open the work the reader moved to (not a row Qt made current on its own)."""
        if current.isValid() and self.table.hasFocus() and not self._selecting:
            self.opened.emit(current.data(SLUG_ROLE))

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def select(self, slug: str) -> None:
        """Show a work as current without opening it again."""
        row = self.model.row_of(slug)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid() and self.table.currentIndex().row() != index.row():
            self._selecting = True  # the view follows (selection drawn, row scrolled to)
            try:
                self.table.setCurrentIndex(index)
            finally:
                self._selecting = False
            self.table.scrollTo(index)

    def edit_current_page(self) -> None:
        """The page box of the current work (P or F2 from anywhere in the window)."""
        index = self.table.currentIndex()
        if index.isValid():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.edit(index.siblingAtColumn(ReadingListModel.PROGRESS))

    def describe(self, slug: str) -> str:
        """One line about a work's progress, for the status bar."""
        row = self.model.row_of(slug)
        if row is None:
            return ""
        work = self.model.rows[row]
        if not work.status:
            return shown_title(work)
        return (
            self.tr("%1: %2, page %3 of %4")
            .replace("%1", shown_title(work))
            .replace("%2", status_label(work.status).lower())
            .replace("%3", str(work.page))
            .replace("%4", str(work.pages or "?"))
        )

    def glance(self, row: int) -> str:
        """The work being read and the reader's place in it, for the status bar (rich text:
        the page is a link that opens the page box)."""
        work = self.model.rows[row]
        where = (
            self.tr("page %1 of %2").replace("%1", str(work.page)).replace("%2", str(work.pages))
            if work.pages
            else self.tr("page %1").replace("%1", str(work.page))
        )
        percent = f" · {work.percent:.0f}%" if work.percent is not None else ""
        return f"<i>{esc(shown_title(work))}</i> · <a href='page'>{where}</a>{percent}"

    def undo_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.model.undo(row)

    def _menu(self, pos: Any) -> None:
        row = self.current_row()
        if row is None or not self.model.rows[row].readable:
            return
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        for status in STATUS_LABELS:
            action = menu.addAction(self.tr("Mark as “%1”").replace("%1", status_label(status)))
            action.triggered.connect(lambda _=False, s=status: self.model.change(row, status=s))
        menu.addSeparator()
        edit = menu.addAction(self.tr("Set page…"))
        edit.triggered.connect(
            lambda: self.table.edit(
                self.table.currentIndex().siblingAtColumn(ReadingListModel.PROGRESS)
            )
        )
        edition = menu.addAction(self.tr("Your edition…"))
        edition.triggered.connect(lambda: self.choose_edition(self.model.rows[row].id))
        menu.addAction(self.undo_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def choose_edition(self, slug: str) -> None:
        """The reader's edition of a work: one of its editions, or a page count typed."""
        from serge_reader.ui.edition_dialog import EditionDialog

        EditionDialog(self.model.events, slug, self).exec()

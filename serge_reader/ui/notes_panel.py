"""The notes of whatever the context panel shows: a list, the editor, and a preview.

Autosave: the note is written within a second of a pause in typing, when the editor loses
focus, when another note is chosen, and when the window closes. There is no save button.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from serge_reader import entries, notes, pages, progress
from serge_reader.errors import UserError
from serge_reader.library import Library, now_iso
from serge_reader.progress import MAX_PAGES
from serge_reader.search import marked, search_notes
from serge_reader.ui import theme
from serge_reader.ui.context_panel import follow_link
from serge_reader.ui.note_editor import NoteEditor

Index = QModelIndex | QPersistentModelIndex
AUTOSAVE_MS = 700
ID_ROLE = Qt.ItemDataRole.UserRole


def local_time(stamp: str) -> str:
    """A stored UTC time as the reader's local date and time."""
    moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).astimezone()
    return moment.strftime("%d %b %Y, %H:%M")


class NotesListModel(QAbstractListModel):
    """The notes the panel lists: those about one entry, or all of them, or what a search finds,
    filtered by tag and kind. Lists load lazily, a batch at a time, each batch as large as
    what is already loaded (the list view lays out every row again at each batch, so equal
    batches would cost it the square of the count); rows keep no text but their label, and
    the tooltip is read when asked for. 100,000 notes cost no more to open than 200."""

    BATCH = 200

    def __init__(self, lib: Library) -> None:
        super().__init__()
        self.lib = lib
        self.about: str | None = None
        self.all_notes = False
        self.query = ""
        self.tag: str | None = None
        self.kind: str | None = None
        self.rows: list[dict[str, Any]] = []
        self.exhausted = True

    def show_about(self, slug: str | None) -> None:
        self.about = slug
        self.refresh()

    def set_filters(
        self, *, all_notes: bool, query: str, tag: str | None, kind: str | None
    ) -> None:
        self.all_notes, self.query, self.tag, self.kind = all_notes, query.strip(), tag, kind
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows, self.exhausted = [], True
        if self.query:
            about = None if self.all_notes else self.about
            found = search_notes(
                self.lib, self.query, about=about, tag=self.tag, kind=self.kind, limit=100
            )
            self.rows = [
                {"id": int(r.id[5:]), "label": r.title, "tip": marked(r.snippet, "«", "»")}
                for r in found
            ]
        elif self.all_notes or self.about:
            self.exhausted = False
            self.rows = self._next_batch()
        self.endResetModel()

    @staticmethod
    def _row(note: dict[str, Any]) -> dict[str, Any]:
        where = pages.position_label(note)
        mark = "❝ " if note["kind"] == "quotation" else ""
        label = f"{mark}{notes.note_title(note, 48)}" + (f"  ({where})" if where else "")
        return {"id": note["id"], "label": label, "updated": note["updated"]}

    def _next_batch(self) -> list[dict[str, Any]]:
        size = max(self.BATCH, len(self.rows))
        if self.all_notes:
            last = self.rows[-1] if self.rows else None
            batch = notes.list_notes(
                self.lib,
                tag=self.tag,
                kind=self.kind,
                limit=size,
                after=(last["updated"], last["id"]) if last else None,
            )
        else:
            batch = notes.list_notes(
                self.lib,
                about=self.about,
                tag=self.tag,
                kind=self.kind,
                order="page",
                limit=size,
                offset=len(self.rows),
            )
        self.exhausted = len(batch) < size
        return [self._row(n) for n in batch]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.exhausted:
            return
        batch = self._next_batch()
        if batch:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(batch) - 1)
            self.rows.extend(batch)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row["label"]
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["tip"] if "tip" in row else notes.excerpt(self.lib, row["id"])
        return None

    def row_of(self, note_id: int) -> int | None:
        return next((i for i, n in enumerate(self.rows) if n["id"] == note_id), None)

    def note_saved(self, note_id: int) -> None:
        """Show a saved note: its row updated in place (a long list keeps what it loaded and
        where it was scrolled), or the list read again for a note it did not hold."""
        row = self.row_of(note_id)
        if row is None:
            self.refresh()
            return
        self.rows[row] = self._row(notes.get_note(self.lib, note_id))
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))


class NotesPanel(QWidget):
    saved = Signal(int)  # a note's id, after each write
    openEntry = Signal(str)

    def __init__(
        self, lib: Library, current_work: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        """`current_work` says which work a new note belongs to by default."""
        super().__init__(parent)
        self.lib = lib
        self.current_work = current_work
        self.note_id: int | None = None
        self.pending_work: str | None = None
        self.model = NotesListModel(lib)
        self.list = QListView()
        self.list.setObjectName("notesList")
        self.list.setAccessibleName(self.tr("Notes"))
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.clicked.connect(lambda index: self.edit_note(index.data(ID_ROLE)))
        self.list.activated.connect(lambda index: self.edit_note(index.data(ID_ROLE)))

        self.new_button = QPushButton(self.tr("New note"))
        self.new_button.setObjectName("newNoteButton")
        self.new_button.clicked.connect(lambda: self.new_note())
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteNoteButton")
        self.delete_button.clicked.connect(self.delete_current)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.scope = QComboBox()
        self.scope.setObjectName("notesScope")
        self.scope.setAccessibleName(self.tr("Which notes"))
        self.scope.addItem(self.tr("About this entry"), False)
        self.scope.addItem(self.tr("All notes"), True)
        self.search = QLineEdit()
        self.search.setObjectName("notesSearch")
        self.search.setAccessibleName(self.tr("Search notes"))
        self.search.setPlaceholderText(self.tr("Search notes…"))
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("notesTagFilter")
        self.tag_filter.setAccessibleName(self.tr("Filter notes by tag"))
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("notesKindFilter")
        self.kind_filter.setAccessibleName(self.tr("Filter notes by kind"))
        self.kind_filter.addItem(self.tr("Notes and quotations"), None)
        self.kind_filter.addItem(self.tr("My notes"), "note")
        self.kind_filter.addItem(self.tr("Quotations"), "quotation")
        self.refresh_tags()
        self.search.textChanged.connect(self.apply_filters)
        for combo in (self.scope, self.tag_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.apply_filters)

        self.editor = NoteEditor([name for name, _ in entries.all_names(lib)])
        self.editor.textChanged.connect(self._schedule_save)
        self.editor.focusLost.connect(self.save_now)
        self.page = QSpinBox()
        self.page.setObjectName("notePage")
        self.page.setAccessibleName(self.tr("Page"))
        self.page.setRange(0, MAX_PAGES)
        self.page.setSpecialValueText(self.tr("no page"))
        self.page.setPrefix(self.tr("p. "))
        self.page.valueChanged.connect(self._schedule_save)
        self.kind = QComboBox()
        self.kind.setObjectName("noteKind")
        self.kind.setAccessibleName(self.tr("Kind of note"))
        self.kind.addItem(self.tr("My note"), "note")
        self.kind.addItem(self.tr("Quotation"), "quotation")
        self.kind.currentIndexChanged.connect(self._schedule_save)
        self.tags = QLineEdit()
        self.tags.setObjectName("noteTags")
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("tags, separated by commas"))
        self.tags.textEdited.connect(self._schedule_save)
        self.tags.editingFinished.connect(self.save_now)
        self.preview = QTextBrowser()
        self.preview.setObjectName("notePreview")
        self.preview.setAccessibleName(self.tr("Note preview"))
        self.preview.setOpenLinks(False)
        self.preview.anchorClicked.connect(lambda url: follow_link(url, self.openEntry.emit))
        self.status = QLabel()
        self.status.setObjectName("noteStatus")

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)
        self._loading = False
        self.dirty = False  # typed but not yet written
        self._saving = False  # a save (and its message, if it failed) is under way
        self.position = notes.Position()  # of the note being edited, as stored
        self.saved_tags: list[str] = []  # the tags as last written, to refresh the filter on change

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        meta = QHBoxLayout()
        meta.addWidget(self.page)
        meta.addWidget(self.kind)
        meta.addWidget(self.tags, 1)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(meta)
        editor_layout.addWidget(self.editor, 1)
        editor_layout.addWidget(self.status)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.header)
        filters = QHBoxLayout()
        filters.addWidget(self.scope)
        filters.addWidget(self.search, 1)
        top_layout.addLayout(filters)
        more_filters = QHBoxLayout()
        more_filters.addWidget(self.tag_filter, 1)
        more_filters.addWidget(self.kind_filter, 1)
        top_layout.addLayout(more_filters)
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("notesSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(editor_box)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([200, 300, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._set_editing(False)

    # -- what the panel is about ------------------------------------------------------------

    def show_about(self, entry_id: str) -> None:
        """Follow the context panel: list the notes about this entry (a note opened in the
        panel leaves the list as it was)."""
        self.save_now()
        if entry_id.startswith("note:"):
            return
        slug = None if entry_id == "home" else entry_id
        self.model.show_about(slug)
        self.header.setText(self.tr("Notes about this entry") if slug else self.tr("Notes"))

    def reload(self) -> None:
        """Read the notes and tags again (another program, or an import, changed them)."""
        self.refresh_tags()
        self.model.refresh()

    def apply_reading_style(self, font: QFont) -> None:
        """The reader's font in the preview; colours that read well on the current palette."""
        self.preview.setFont(font)
        self.preview.document().setDefaultStyleSheet(theme.page_style(self.preview.palette()))
        self.editor.highlighter.set_palette(self.editor.palette())

    def refresh_tags(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("Any tag"), None)
        for tag, count in notes.all_tags(self.lib):
            self.tag_filter.addItem(f"#{tag} ({count})", tag)
        index = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)

    def apply_filters(self) -> None:
        self.model.set_filters(
            all_notes=bool(self.scope.currentData()),
            query=self.search.text(),
            tag=self.tag_filter.currentData(),
            kind=self.kind_filter.currentData(),
        )

    # -- editing -------------------------------------------------------------------------

    def _set_editing(self, enabled: bool) -> None:
        for w in (self.editor, self.page, self.kind, self.tags, self.delete_button):
            w.setEnabled(enabled)

    def new_note(self, work: str | None = None, page: int | None = None) -> None:
        """Start a note; it takes the current work and its current page unless told otherwise."""
        if not self.save_now():
            return  # the note being edited could not be written: keep it on screen
        self.position = notes.Position()
        self._loading = True
        self.note_id = None
        self.editor.setPlainText("")
        work = work or self.current_work()
        self.page.setValue(page if page is not None else self._current_page(work))
        self.kind.setCurrentIndex(0)
        self.tags.setText("")
        self.saved_tags = []
        self._loading = False
        self.pending_work = work
        self._set_editing(True)
        self.list.clearSelection()
        self.status.setText(self.tr("New note — saved as you type"))
        self.editor.setFocus()

    def _current_page(self, work: str | None) -> int:
        if not work:
            return 0
        try:
            return int(progress.work_row(self.lib, work)["page"])
        except UserError:
            return 0

    def edit_note(self, note_id: int) -> None:
        if note_id == self.note_id or not self.save_now():
            return  # already open, or the note being edited could not be written
        try:
            note = notes.get_note(self.lib, note_id)
        except UserError:
            return
        self._loading = True
        self.note_id = note_id
        self.position = notes.Position(note["page"], note["chapter"], note["percent"])
        self.editor.setPlainText(note["body"])
        self.page.setValue(note["page"] or 0)
        self.kind.setCurrentIndex(1 if note["kind"] == "quotation" else 0)
        self.tags.setText(", ".join(note["tags"]))
        self.saved_tags = [t for t in self.tags.text().split(",") if t.strip()]
        self._loading = False
        self._set_editing(True)
        self._update_preview()
        row = self.model.row_of(note_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self.status.setText(self.tr("Last saved %1").replace("%1", local_time(note["updated"])))

    def _schedule_save(self) -> None:
        if not self._loading and self.editor.isEnabled():
            self.dirty = True
            self.status.setText(self.tr("Editing…"))
            self.timer.start()

    def has_unsaved(self) -> bool:
        return self.dirty

    def save_now(self) -> bool:
        """Write the note being edited, if it changed; False when it could not be written.

        Never loses text: the note stays in the editor, marked unsaved, and the reader is told
        why once (a second attempt while the message is up does not ask again).
        """
        if not self.dirty or self._saving:
            return not self.dirty
        self._saving = True
        try:
            self.timer.stop()
            self._write()
        except (UserError, sqlite3.Error) as exc:
            self.status.setText(self.tr("Not saved: {reason}").replace("{reason}", str(exc)))
            QMessageBox.warning(self, self.tr("Note not saved"), str(exc))
            return False
        finally:
            self._saving = False
        return True

    def _write(self) -> None:
        body = self.editor.toPlainText()
        tags = [t for t in self.tags.text().split(",") if t.strip()]
        # The panel shows the page; a chapter or percentage set elsewhere is kept.
        position = replace(self.position, page=self.page.value() or None)
        kind = self.kind.currentData()
        if self.note_id is not None and not notes.note_exists(self.lib, self.note_id):
            self.note_id = None  # deleted elsewhere (the CLI): what is typed becomes a new note
        if self.note_id is None:
            if not body.strip():
                self.dirty = False
                return
            self.note_id = notes.add_note(
                self.lib, body, work=self.pending_work, position=position, tags=tags, kind=kind
            )
        else:
            notes.update_note(
                self.lib, self.note_id, body=body, position=position, tags=tags, kind=kind
            )
        self.dirty = False
        self.status.setText(self.tr("Saved %1").replace("%1", local_time(now_iso())))
        self._update_preview()
        if tags != self.saved_tags:  # counting every tag is a query over all of them
            self.saved_tags = tags
            self.refresh_tags()
        self.model.note_saved(self.note_id)
        row = self.model.row_of(self.note_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self.saved.emit(self.note_id)

    def _update_preview(self) -> None:
        from serge_reader.render import markdown_to_html  # not needed before the first note

        self.preview.setHtml(
            markdown_to_html(self.editor.toPlainText(), entries.resolver(self.lib))
        )

    def close_note(self) -> None:
        """Leave the note being edited without saving it: it was deleted, or the library under
        it was replaced (a restore; `save_now` first keeps what was typed)."""
        self.timer.stop()
        self.dirty = False
        self.note_id = None
        self._loading = True
        self.editor.clear()
        self.tags.clear()
        self._loading = False
        self._set_editing(False)
        self.preview.clear()

    def delete_current(self) -> None:
        if self.note_id is None:  # a new note not yet saved: nothing to ask
            self.close_note()
            return
        answer = QMessageBox.question(
            self, self.tr("Delete note"), self.tr("Delete this note? This cannot be undone.")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with contextlib.suppress(UserError):  # already deleted elsewhere: the same outcome
            notes.delete_note(self.lib, self.note_id)
        self.close_note()
        self.model.refresh()

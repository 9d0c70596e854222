"""The notes of whatever the context panel shows: a list, the editor, and a preview.

Autosave: the note is written within a second of a pause in typing, when the editor loses
focus, when another note is chosen, and when the window closes. There is no save button.

When the note open has another version kept beside it (a save or a sync found it changed in
two places: `drafts.versions`), or is one, a line above the editor says so and offers to
compare the two texts and keep either (`operations.keep_version`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTime,
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

from serge_reader import clock, drafts, entries, names, notes, operations, pages, progress
from serge_reader.changes import Change
from serge_reader.clock import now_iso
from serge_reader.drafts import NoteDraft, Versions
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.progress import MAX_PAGES
from serge_reader.search import marked, query_problem, search_notes
from serge_reader.ui import theme
from serge_reader.ui.context_panel import follow_link
from serge_reader.ui.events import LibraryEvents
from serge_reader.ui.note_editor import NoteEditor
from serge_reader.ui.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex
AUTOSAVE_MS = 700
ID_ROLE = Qt.ItemDataRole.UserRole


def local_time(stamp: str) -> str:
    """A stored UTC time as the reader's local date and time, in the reader's language."""
    m = clock.moment(stamp)
    moment = QDateTime(QDate(m.year, m.month, m.day), QTime(m.hour, m.minute))
    return QLocale().toString(moment, "d MMM yyyy, HH:mm")


def _number(entry_id: str) -> int:
    ref = notes.NoteRef.parse(entry_id)
    assert ref is not None  # a note search gives notes
    return ref.number


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
                {"id": _number(r.id), "label": r.title, "tip": marked(r.snippet, "«", "»")}
                for r in found
            ]
        elif self.all_notes or self.about:
            self.exhausted = False
            self.rows = self._next_batch()
        self.endResetModel()

    def _row(self, note: notes.Note) -> dict[str, Any]:
        """A row: the note's first line, then where it belongs (the book's title among all
        notes, the page)."""
        book = entries.entry_title(self.lib, note.work) if note.work and self.all_notes else ""
        where = ", ".join(x for x in (book, pages.position_label(note.position)) if x)
        mark = "❝ " if note.kind == "quotation" else ""
        label = f"{mark}{notes.note_title(note.body, 48)}" + (f"  ({where})" if where else "")
        return {"id": note.id, "label": label, "updated": note.updated}

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
            return tooltip(row["tip"] if "tip" in row else notes.excerpt(self.lib, row["id"]))
        return None

    def row_of(self, note_id: int) -> int | None:
        return next((i for i, n in enumerate(self.rows) if n["id"] == note_id), None)

    def note_changed(self, note_id: int) -> None:
        """Show a note written, added or deleted: its row updated in place (a long list keeps
        what it loaded and where it was scrolled), or the list read again otherwise."""
        row = self.row_of(note_id)
        if row is None or not notes.note_exists(self.lib, note_id):
            self.refresh()
            return
        self.rows[row] = self._row(notes.get_note(self.lib, note_id))
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))


class NotesPanel(QWidget):
    saved = Signal(int)  # a note's id, after each write
    openEntry = Signal(str)

    def __init__(
        self,
        lib: Library,
        events: LibraryEvents,
        current_work: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        """`current_work` says which work a new note belongs to by default."""
        super().__init__(parent)
        self.lib = lib
        self.events = events
        self.current_work = current_work
        self.draft: NoteDraft | None = None  # the note in the editor (None: no note open)
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
        self.scope.setCurrentIndex(1)  # a search finds any note unless the reader narrows it
        self.model.all_notes = True
        self.settings: QSettings | None = None  # where the scope chosen is kept
        self.empty = QLabel()
        self.empty.setObjectName("notesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(lambda _link: self.scope.setCurrentIndex(1))
        self.empty.hide()
        self.model.modelReset.connect(self._say_when_empty)
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

        self.editor = NoteEditor(lambda: names.completions(lib))
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
        self.pair: Versions | None = None  # the note open and another version of it
        self.versions_bar = QWidget()
        self.versions_bar.setObjectName("noteVersions")
        self.versions_text = QLabel()
        self.versions_text.setObjectName("noteVersionsText")
        self.versions_text.setWordWrap(True)
        self.compare_button = self._bar_button(
            "compareVersions", self.tr("Compare"), self.tr("The two texts side by side")
        )
        self.compare_button.clicked.connect(self.compare_versions)
        self.keep_this_button = self._bar_button(
            "keepThisVersion",
            self.tr("Keep this"),
            self.tr("Keep the text shown here as the note, and delete the other version"),
        )
        self.keep_this_button.clicked.connect(lambda: self.keep_version(this=True))
        self.keep_other_button = self._bar_button(
            "keepOtherVersion",
            self.tr("Keep the other"),
            self.tr("Keep the other version's text as the note, and delete the one shown here"),
        )
        self.keep_other_button.clicked.connect(lambda: self.keep_version(this=False))
        bar = QHBoxLayout(self.versions_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.versions_text, 1)
        for button in (self.compare_button, self.keep_this_button, self.keep_other_button):
            bar.addWidget(button)
        self.versions_bar.hide()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)
        self._loading = False
        self.dirty = False  # typed but not yet written
        self._saving = False  # a save (and its message, if it failed) is under way

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
        editor_layout.addWidget(self.versions_bar)
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
        top_layout.addWidget(self.empty)
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
        events.changed.connect(self.on_change)

    @property
    def note_id(self) -> int | None:
        """The number of the note in the editor (None: a new note not yet saved, or none)."""
        return self.draft.note_id if self.draft else None

    def on_change(self, change: Change) -> None:
        """Follow what changed: the list and tags; and the note in the editor, when another
        program changed it and nothing typed here is unsaved (with unsaved typing, the next
        save keeps both texts: see `drafts`)."""
        if change.tags or change.everything:
            self.refresh_tags()
        if change.everything:
            self.model.refresh()
        else:
            for note_id in change.notes:
                self.model.note_changed(note_id)
        if change.everything and self.draft is not None and not self.dirty:
            self._follow_outside_change(self.draft)
        if change.touches_notes():
            self._show_versions()  # a sync may have made a version, a keep settled one

    def _follow_outside_change(self, draft: NoteDraft) -> None:
        if draft.note_id is None:
            return
        if not notes.note_exists(self.lib, draft.note_id):
            self.close_note()  # deleted elsewhere, and nothing typed here to keep
            self.status.setText(self.tr("This note was deleted elsewhere."))
            return
        if draft.changed_elsewhere(self.lib) is not None:
            note_id = draft.note_id
            self.draft = None
            self.edit_note(note_id)
            self.status.setText(self.tr("Changed elsewhere: showing the new text."))

    # -- what the panel is about ------------------------------------------------------------

    def show_about(self, entry_id: str) -> None:
        """Follow the context panel: list the notes about this entry (a note opened in the
        panel leaves the list as it was)."""
        self.save_now()
        if notes.NoteRef.parse(entry_id):
            return
        slug = None if entry_id == "home" else entry_id
        self.model.show_about(slug)
        self._set_header()

    def _set_header(self) -> None:
        about = self.model.about and not self.model.all_notes
        self.header.setText(self.tr("Notes about this entry") if about else self.tr("Notes"))

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
        if self.settings is not None:
            self.settings.setValue("notes_scope", "all" if self.scope.currentData() else "entry")
        self.model.set_filters(
            all_notes=bool(self.scope.currentData()),
            query=self.search.text(),
            tag=self.tag_filter.currentData(),
            kind=self.kind_filter.currentData(),
        )
        self._set_header()

    def remember_scope(self, settings: QSettings) -> None:
        """Keep the scope the reader chooses (all notes, or those about the entry shown) in
        the settings, and start from the one chosen last."""
        self.settings = settings
        if settings.value("notes_scope") == "entry":
            self.scope.setCurrentIndex(0)

    def _say_when_empty(self) -> None:
        """When a search finds nothing, say where it looked (and offer all notes), or why
        the query cannot find anything."""
        query = self.model.query
        if not query or self.model.rowCount():
            self.empty.hide()
            return
        problem = query_problem(query)
        if problem:
            text = html.escape(problem)
        elif not self.model.all_notes and self.model.about:
            search_all = self.tr("Search all notes")
            text = (
                html.escape(
                    self.tr("No notes about %1 match “%2”.")
                    .replace("%1", entries.entry_title(self.lib, self.model.about))
                    .replace("%2", query)
                )
                + f" <a href='all'>{html.escape(search_all)}</a>"
            )
        else:
            text = html.escape(self.tr("No notes match “%1”.").replace("%1", query))
        if self.model.tag or self.model.kind:
            text += " " + html.escape(self.tr("A tag or kind filter is on as well."))
        self.empty.setText(text)
        self.empty.show()

    # -- editing -------------------------------------------------------------------------

    def _set_editing(self, enabled: bool) -> None:
        for w in (self.editor, self.page, self.kind, self.tags, self.delete_button):
            w.setEnabled(enabled)

    def new_note(self, work: str | None = None, page: int | None = None) -> None:
        """Start a note; it takes the current work and its current page unless told otherwise."""
        if not self.save_now():
            return  # the note being edited could not be written: keep it on screen
        work = work or self.current_work()
        self.draft = NoteDraft(work=work)
        self._loading = True
        self.editor.setPlainText("")
        self.page.setValue(page if page is not None else self._current_page(work))
        self.kind.setCurrentIndex(0)
        self.tags.setText("")
        self._loading = False
        self._set_editing(True)
        self.list.clearSelection()
        self.status.setText(self.tr("New note — saved as you type"))
        self._show_versions()
        self.editor.setFocus()

    def _current_page(self, work: str | None) -> int:
        if not work:
            return 0
        try:
            return progress.get_progress(self.lib, work).page
        except UserError:
            return 0

    def edit_note(self, note_id: int) -> None:
        if note_id == self.note_id or not self.save_now():
            return  # already open, or the note being edited could not be written
        try:
            note = notes.get_note(self.lib, note_id)
        except UserError:
            return
        self.draft = NoteDraft.load_from(note)
        self._loading = True
        self.editor.setPlainText(note.body)
        self.page.setValue(note.page or 0)
        self.kind.setCurrentIndex(1 if note.kind == "quotation" else 0)
        self.tags.setText(", ".join(note.tag_field))  # the #tags of the text are in it
        self._loading = False
        self._set_editing(True)
        self._update_preview()
        row = self.model.row_of(note_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self.status.setText(self.tr("Last saved %1").replace("%1", local_time(note.updated)))
        self._show_versions()

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
        if not self.dirty or self._saving or self.draft is None:
            return not self.dirty
        self._saving = True
        try:
            self.timer.stop()
            tags = [t for t in self.tags.text().split(",") if t.strip()]
            saved = self.events.run(
                self.tr("Note not saved"),
                operations.save_note,
                self.draft,
                self.editor.toPlainText(),
                page=self.page.value() or None,
                tags=tags,
                kind=self.kind.currentData(),
            )
        finally:
            self._saving = False
        if saved is None:
            self.status.setText(self.tr("Not saved — your text is still here"))
            return False
        self.dirty = False
        if saved.note_id is None:
            return True  # an empty new note is not kept
        if saved.conflict is not None:
            self.status.setText(
                self.tr("Saved. It was changed elsewhere too: that version is note %1.").replace(
                    "%1", str(saved.conflict)
                )
            )
        else:
            self.status.setText(self.tr("Saved %1").replace("%1", local_time(now_iso())))
        self._update_preview()
        row = self.model.row_of(saved.note_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self.saved.emit(saved.note_id)
        return True

    def _update_preview(self) -> None:
        from serge_reader.render import markdown_to_html  # not needed before the first note

        self.preview.setHtml(
            markdown_to_html(self.editor.toPlainText(), names.note_resolver(self.lib))
        )

    def close_note(self) -> None:
        """Leave the note being edited without saving it: it was deleted, or the library under
        it was replaced (a restore; `save_now` first keeps what was typed)."""
        self.timer.stop()
        self.dirty = False
        self.draft = None
        self._loading = True
        self.editor.clear()
        self.tags.clear()
        self._loading = False
        self._set_editing(False)
        self.preview.clear()
        self._show_versions()

    def delete_current(self) -> None:
        note_id = self.note_id
        if note_id is None:  # a new note not yet saved: nothing to ask
            self.close_note()
            return
        answer = QMessageBox.question(
            self, self.tr("Delete note"), self.tr("Delete this note? This cannot be undone.")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.close_note()
        if notes.note_exists(self.lib, note_id):  # already deleted elsewhere: the same outcome
            self.events.run(self.tr("Note not deleted"), operations.delete_note, note_id)

    # -- another version of the note open ----------------------------------------------------

    def _bar_button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFlat(True)
        button.setToolTip(tip)
        return button

    def _show_versions(self) -> None:
        """Say, in one line above the editor, that the note open has another version kept
        beside it, or is one; hide the line otherwise."""
        note_id = self.note_id
        try:
            self.pair = drafts.versions(self.lib, note_id) if note_id is not None else None
        except UserError:  # one of the two deleted meanwhile (a sync, the CLI): the poll
            self.pair = None  # announces it, and the panel shows what is left
        pair = self.pair
        if pair is None:
            self.versions_bar.hide()
            return
        if note_id == pair.note.id:
            text = self.tr("Another version of this note was kept (saved %1).").replace(
                "%1", local_time(pair.version.updated)
            )
            if pair.others:
                text += " " + (
                    self.tr("1 more after it.")
                    if pair.others == 1
                    else self.tr("{n} more after it.").replace("{n}", str(pair.others))
                )
        else:
            text = (
                self.tr("This is another version of the note “%1” (saved %2).")
                .replace("%1", notes.note_title(pair.note.body, 40))
                .replace("%2", local_time(pair.note.updated))
            )
        self.versions_text.setText(text)
        self.versions_bar.show()

    def compare_versions(self) -> None:
        """The two texts side by side; the reader may keep either from there."""
        from serge_reader.ui.versions_dialog import CompareVersions

        if self.pair is None or not self.save_now():
            return
        self._show_versions()  # as saved: the save may have settled or made a version
        pair = self.pair
        if pair is None:
            return
        shown = pair.note if self.note_id == pair.note.id else pair.version
        other = pair.version if shown is pair.note else pair.note
        dialog = CompareVersions(
            drafts.version_text(shown.body), drafts.version_text(other.body), self
        )
        keep_this = dialog.keep_this if dialog.exec() else None
        dialog.deleteLater()  # it holds both texts
        if keep_this is not None:
            self.keep_version(this=keep_this, compared=pair)

    def keep_version(self, *, this: bool, compared: drafts.Versions | None = None) -> None:
        """Keep the text shown here (`this`) or the other one as the note, under the note's
        uid, and delete the other version: after the reader confirms, or as chosen in the
        comparison of the pair `compared`. Either is refused if the two changed meanwhile (a
        sync, another window): never a text the reader did not see."""
        if self.pair is None or not self.save_now():
            return
        self._show_versions()
        pair = compared or self.pair
        if pair is None:
            return
        if compared is None:
            question = (
                self.tr("Keep the text shown here as the note, and delete the other version?")
                if this
                else self.tr("Keep the other version's text as the note, and delete this one?")
            )
            answer = QMessageBox.question(
                self,
                self.tr("Keep one version"),
                question + " " + self.tr("This cannot be undone."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        version_open = self.note_id == pair.version.id
        kept = self.events.run(
            self.tr("Version not kept"),
            operations.keep_version,
            pair.version.id,
            keep="version" if this == version_open else "note",
            seen=pair,
        )
        if kept is None:
            return
        self.close_note()
        self.edit_note(kept)
        self.status.setText(self.tr("Kept. The other version was deleted."))

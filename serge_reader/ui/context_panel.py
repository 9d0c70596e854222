"""The context panel: shows an entry or a note, follows links, and keeps a history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QFontMetricsF, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from serge_reader import i18n, names, pages
from serge_reader.changes import Change
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.notes import NoteRef
from serge_reader.ui import theme
from serge_reader.wikilinks import SCHEME

HOME = "home"
MEASURE_CHARS = 66  # the longest line, in average characters: books set 60–75


def _translate_page_text(text: str) -> str:
    return QCoreApplication.translate(i18n.CONTEXT, text)


i18n.set_translator(_translate_page_text)  # the pages' own words go through Qt's translations


def follow_link(url: QUrl, open_entry: Callable[[str], None]) -> None:
    """A clicked link: ours open in the panel, web and mail links in the system's programs,
    anything else (a `file:` link, say) nowhere."""
    if url.scheme() == SCHEME:
        open_entry(url.path())
    elif url.scheme() in ("http", "https", "mailto"):
        QDesktopServices.openUrl(url)


class ContextPanel(QTextBrowser):
    """Shows pages by id (`okhrana`, `note:12`, `home`); Back and Forward walk the history."""

    shown = Signal(str)  # the id now shown
    historyChanged = Signal()

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.setObjectName("contextPanel")
        self.setAccessibleName(self.tr("Context panel"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self.history: list[str] = []
        self.position = -1
        self.titles: dict[str, str] = {}  # id -> title, for the history menu
        # spoilers the reader asked to see, by entry: passage positions, or True for all
        self.revealed: dict[str, set[int] | bool] = {}
        # `viewport()` is not asked for before the first paint: the first time PySide6 wraps
        # that widget it makes every widget class's enum types, 10-30 ms of the start.

    @property
    def current(self) -> str | None:
        return self.history[self.position] if self.position >= 0 else None

    def open(self, entry_id: str) -> None:
        """Show an entry and make it the newest place in the history."""
        if entry_id == self.current:
            self.reload()
            return
        if not self._render(entry_id):
            return
        del self.history[self.position + 1 :]
        self.history.append(entry_id)
        self.position = len(self.history) - 1
        self.historyChanged.emit()
        self.shown.emit(entry_id)

    def apply_reading_style(self, font: QFont) -> None:
        """The reader's font, and page colours that read well on the current palette."""
        self.setFont(font)
        self.document().setDefaultStyleSheet(theme.page_style(self.palette()))
        self.reload()
        self._set_measure()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_measure()

    def _set_measure(self) -> None:
        """Lines of a comfortable length, as in a book: the page's text is at most
        MEASURE_CHARS wide, centred, with air above; narrow panels keep a small margin."""
        measure = QFontMetricsF(self.font()).averageCharWidth() * MEASURE_CHARS
        bar = self.verticalScrollBar()
        width = self.contentsRect().width() - (bar.width() if bar.isVisibleTo(self) else 0)
        side = max(10.0, (width - measure) / 2)  # the width of the viewport
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if (frame.leftMargin(), frame.rightMargin(), frame.topMargin()) == (side, side, 14.0):
            return
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(14.0)
        frame.setBottomMargin(24.0)
        root.setFrameFormat(frame)

    def reload(self) -> None:
        if self.current:
            scroll = self.verticalScrollBar().value()
            self._render(self.current)
            self.verticalScrollBar().setValue(scroll)

    def on_change(self, change: Change) -> None:
        """Show the page again when what it shows changed: the home page with any note or
        progress, a note's page with that note, an entry's page with its notes or progress."""
        shown = self.current
        if shown is None:
            return
        if shown == HOME:
            stale = change.touches_notes() or change.touches_progress()
        elif ref := NoteRef.parse(shown):
            stale = change.everything or ref.number in change.notes
        else:
            stale = change.touches_entry(shown)
        if stale:
            self.reload()

    def _render(self, entry_id: str) -> bool:
        try:
            if entry_id == HOME:
                html = pages.home_page(self.lib)
            elif ref := NoteRef.parse(entry_id):
                html = pages.note_page(self.lib, ref.number)
            elif (target := names.parse_choice(entry_id)) is not None:
                html = pages.choice_page(self.lib, target)
            else:
                html = pages.entry_page(
                    self.lib, entry_id, reveal=self.revealed.get(entry_id, False)
                )
        except (UserError, ValueError):
            return False
        self.setHtml(html)
        self._set_measure()
        self.titles[entry_id] = self.documentTitle()
        return True

    def recent(self, count: int) -> list[str]:
        """The ids looked at, newest first, each once."""
        return list(dict.fromkeys(reversed(self.history)))[:count]

    def can_go_back(self) -> bool:
        return self.position > 0

    def can_go_forward(self) -> bool:
        return self.position < len(self.history) - 1

    def go_back(self) -> None:
        self._go(self.position - 1)

    def go_forward(self) -> None:
        self._go(self.position + 1)

    def _go(self, position: int) -> None:
        if 0 <= position < len(self.history) and self._render(self.history[position]):
            self.position = position
            self.historyChanged.emit()
            self.shown.emit(self.history[position])

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == SCHEME and url.path().startswith(pages.REVEAL + ":"):
            self.reveal(url.path())
            return
        follow_link(url, self.open)

    def reveal(self, path: str) -> None:
        """Show a passage held back as a spoiler (`reveal:<slug>:<position>`, or `:all`)."""
        _, slug, position = [*path.split(":"), "", ""][:3]
        shown = self.revealed.get(slug, set())
        if position == "all":
            self.revealed[slug] = True
        elif position.isdigit() and isinstance(shown, set):
            self.revealed[slug] = {*shown, int(position)}
        if slug == self.current:
            self.reload()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """The mouse's back and forward buttons walk the history (a release on the viewport
        comes here)."""
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mouseReleaseEvent(event)

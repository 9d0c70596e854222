"""The note editor: plain text with markdown highlighting and `[[` completion."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit, QWidget

from serge_reader.ui.theme import markdown_colors
from serge_reader.wikilinks import open_link_prefix


def _format(
    color: QColor | None = None, *, bold: bool = False, italic: bool = False
) -> QTextCharFormat:
    f = QTextCharFormat()
    if color is not None:
        f.setForeground(color)
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    """Markdown marks in colours readable on the editor's background (light or dark)."""

    PATTERNS: ClassVar[list[tuple[re.Pattern[str], str | None, bool, bool]]] = [
        # pattern, colour name in theme.markdown_colors, bold, italic
        (re.compile(r"^#{1,6} .*$"), "heading", True, False),
        (re.compile(r"^> .*$"), "quote", False, True),
        (re.compile(r"\*\*[^*\n]+\*\*"), None, True, False),
        (re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<!\w)_[^_\n]+_(?!\w)"), None, False, True),
        (re.compile(r"`[^`\n]+`"), "code", False, False),
        (re.compile(r"\[\[[^\[\]\n]+\]\]"), "wikilink", True, False),
        (re.compile(r"\[[^\]\n]+\]\([^)\n]+\)"), "link", False, False),
        (re.compile(r"(?<!\w)#[\w-]+"), "tag", False, False),
    ]

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.rules: list[tuple[re.Pattern[str], QTextCharFormat]] = []
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        colours = markdown_colors(palette)
        self.rules = [
            (pattern, _format(colours[name] if name else None, bold=bold, italic=italic))
            for pattern, name, bold, italic in self.PATTERNS
        ]
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self.rules:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)


class NoteEditor(QPlainTextEdit):
    """Emits `focusLost` so the owner saves at once when the reader moves elsewhere."""

    focusLost = Signal()

    def __init__(
        self, offered: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        """`offered()` gives what `[[` offers, (name shown, what to write) — they differ for a
        name several entries share (`Xenia — Xenia Popova` writes `xenia-popova|Xenia`). It
        is asked when `[[` is first typed: listing every name takes a tenth of a second."""
        super().__init__(parent)
        self.offered = offered
        self.inserts: dict[str, str] | None = None  # filled with the names, at the first `[[`
        self.setObjectName("noteEditor")
        self.setAccessibleName(self.tr("Note text"))
        self.setPlaceholderText(
            self.tr("Write a note in markdown. [[Okhrana]] links to the glossary; #tags work too.")
        )
        self.setTabChangesFocus(True)
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert_completion)

    def link_prefix(self) -> str | None:
        cursor = self.textCursor()
        block_text = cursor.block().text()[: cursor.positionInBlock()]
        return open_link_prefix(block_text)

    def insert_completion(self, name: str) -> None:
        prefix = self.link_prefix()
        if prefix is None:
            return
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix)
        )
        cursor.insertText(self._inserts().get(name, name) + "]]")
        self.setTextCursor(cursor)

    def _inserts(self) -> dict[str, str]:
        if self.inserts is None:
            offered = self.offered()
            self.names.setStringList([shown for shown, _ in offered])
            self.inserts = {shown: written for shown, written in offered if shown != written}
        return self.inserts

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter makes its own popup when none is given
        return popup

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the completer handles these
            return
        super().keyPressEvent(event)
        prefix = self.link_prefix()
        if prefix is None:
            popup.hide()
            return
        self._inserts()  # the names, listed at the first `[[`
        self.completer.setCompletionPrefix(prefix)
        rect = self.cursorRect()
        rect.setWidth(max(280, popup.sizeHintForColumn(0) + 24))
        self.completer.complete(rect)
        if popup.isVisible() and not popup.currentIndex().isValid():
            # The first entry highlighted, so that Enter takes it (with none, the completer
            # closed on Enter and inserted nothing).
            popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self._popup().isVisible():
            self.focusLost.emit()

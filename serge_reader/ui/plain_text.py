"""Text the reader typed (or a file name) shown where Qt guesses rich text: tooltips.

Qt shows a tooltip as markup when it looks like markup (`Qt::mightBeRichText`), so a note
holding `<b>` or `<img src=…>` would be rendered, not shown. Every such text goes through
`tooltip`, which makes it markup that shows the text as typed.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def tooltip(text: str) -> str:
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)

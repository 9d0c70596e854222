"""Two versions of a note side by side, their differences marked, with a way to keep either
(the notes panel opens it from the line above its editor: `NotesPanel.compare_versions`)."""

from __future__ import annotations

import difflib
import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

# Line tints for what differs, dark text on them whatever the theme.
_CHANGED, _ONLY_HERE, _ONLY_THERE = "#fff1b8", "#ffd6d6", "#d3f5d3"


def side_by_side(shown: str, other: str, headings: tuple[str, str]) -> str:
    """An HTML table of the two texts line by line, aligned where they agree (difflib), the
    lines that differ tinted."""

    def cell(line: str | None, tint: str | None) -> str:
        style = f" bgcolor='{tint}' style='color: #000000'" if tint and line is not None else ""
        return f"<td width='50%'{style}>{html.escape(line or '')}</td>"

    a, b = shown.splitlines(), other.splitlines()
    rows = ["<tr>" + "".join(f"<th align='left'>{html.escape(h)}</th>" for h in headings) + "</tr>"]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(max(i2 - i1, j2 - j1)):
            left = a[i1 + k] if i1 + k < i2 else None
            right = b[j1 + k] if j1 + k < j2 else None
            if op == "equal":
                rows.append(f"<tr>{cell(left, None)}{cell(right, None)}</tr>")
            else:
                tint_left = _CHANGED if right is not None else _ONLY_HERE
                tint_right = _CHANGED if left is not None else _ONLY_THERE
                rows.append(f"<tr>{cell(left, tint_left)}{cell(right, tint_right)}</tr>")
    return (
        "<table width='100%' cellspacing='0' cellpadding='4' style='white-space: pre-wrap'>"
        + "".join(rows)
        + "</table>"
    )


class CompareVersions(QDialog):
    """`keep_this` after exec: True (keep the text shown in the editor), False (keep the
    other), None (closed, nothing chosen)."""

    def __init__(self, shown: str, other: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareVersions")
        self.setWindowTitle(self.tr("Compare the two versions"))
        self.keep_this: bool | None = None
        hint = QLabel(
            self.tr(
                "Keeping one makes its text the note (on your other computers too) and "
                "deletes the other version."
            )
        )
        hint.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setObjectName("versionsDiff")
        self.view.setAccessibleName(self.tr("The two versions"))
        self.view.setHtml(
            side_by_side(shown, other, (self.tr("This version"), self.tr("The other version")))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        keep_this = buttons.addButton(self.tr("Keep this"), QDialogButtonBox.ButtonRole.ActionRole)
        keep_this.setObjectName("compareKeepThis")
        keep_this.clicked.connect(lambda: self._choose(True))
        keep_other = buttons.addButton(
            self.tr("Keep the other"), QDialogButtonBox.ButtonRole.ActionRole
        )
        keep_other.setObjectName("compareKeepOther")
        keep_other.clicked.connect(lambda: self._choose(False))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def _choose(self, this: bool) -> None:
        self.keep_this = this
        self.accept()

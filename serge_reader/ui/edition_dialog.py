"""The reader's edition of a work: chosen from its editions in English (title, translator,
publisher, year, ISBN, page count) or given as a page count. Pages and percentages follow it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from serge_reader import operations, progress
from serge_reader.ui.events import LibraryEvents
from serge_reader.ui.reading_list import shown_title


class EditionDialog(QDialog):
    def __init__(self, events: LibraryEvents, work: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events, self.work = events, work
        self.setObjectName("editionDialog")
        row = progress.get_progress(events.lib, work)
        self.setWindowTitle(self.tr("Your edition of %1").replace("%1", shown_title(row)))
        self.listed = progress.editions(events.lib, work)
        intro = QLabel(
            self.tr(
                "Choose the edition you are reading, or type its number of pages: your page "
                "and percentage follow it."
            )
        )
        intro.setWordWrap(True)
        self.editions = QComboBox()
        self.editions.setObjectName("editionChoice")
        self.editions.setAccessibleName(self.tr("Edition"))
        for edition in self.listed:
            self.editions.addItem(self._label(edition), edition["pages"])
        self.editions.addItem(self.tr("Another edition"), None)
        self.pages = QSpinBox()
        self.pages.setObjectName("editionPages")
        self.pages.setAccessibleName(self.tr("Number of pages"))
        self.pages.setRange(1, progress.MAX_PAGES)
        self.pages.setValue(row.pages or 1)
        own = row.own_pages
        current = next(
            (i for i, e in enumerate(self.listed) if own and e["pages"] == own),
            len(self.listed) if own else 0,
        )
        self.editions.setCurrentIndex(current)
        self._chosen(current)
        self.editions.currentIndexChanged.connect(self._chosen)
        form = QFormLayout()
        form.addRow(self.tr("Edition"), self.editions)
        form.addRow(self.tr("Pages"), self.pages)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _label(self, edition: dict[str, Any]) -> str:
        bits = [edition["title"]]
        if edition["translator"]:
            bits.append(self.tr("tr. %1").replace("%1", edition["translator"]))
        bits.append(", ".join(str(x) for x in (edition["publisher"], edition["year"]) if x))
        if edition["isbn"]:
            bits.append(f"ISBN {edition['isbn']}")
        bits.append(
            self.tr("%1 pages").replace("%1", str(edition["pages"]))
            if edition["pages"]
            else self.tr("pages not known")
        )
        return " · ".join(b for b in bits if b)

    def _chosen(self, index: int) -> None:
        """An edition with a known page count fills it in; for the others it is typed."""
        pages = self.editions.itemData(index)
        if pages:
            self.pages.setValue(int(pages))
        self.pages.setEnabled(not pages)

    def accept(self) -> None:
        done = self.events.run(
            self.tr("Edition not changed"),
            operations.set_progress,
            self.work,
            pages=self.pages.value(),
        )
        if done is not None:
            super().accept()

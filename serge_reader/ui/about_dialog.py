"""The About dialog: the version, where the reference content comes from, and the licenses."""

from __future__ import annotations

from html import escape

import PySide6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from serge_reader import __version__
from serge_reader.ui.theme import app_icon

# The program and what it is built on: (name, SPDX license).
LICENSES = (
    ("Serge Reader", "GPL-3.0-or-later"),
    (QT_TRANSLATE_NOOP("AboutDialog", "Qt and PySide6"), "LGPL-3.0-only"),
    ("Python-Markdown", "BSD-3-Clause"),
    ("appdirs", "MIT"),
    ("sqlite-utils", "Apache-2.0"),
    ("SQLite", "public domain"),
    ("Python", "PSF-2.0"),
)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Serge Reader"))

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAccessibleName(self.tr("Serge Reader's icon"))
        title = QLabel(
            "<h2>{}</h2><p>{}</p>".format(
                self.tr("Serge Reader"),
                self.tr("Version {version}").format(version=escape(__version__)),
            )
        )
        title.setObjectName("aboutVersion")
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(title, 1)

        about = self._label(
            "aboutText",
            self.tr(
                "A reading companion for the works of Victor Serge (1890–1947): a reading "
                "list, look-up of his works, his life and the people, places and ideas around "
                "him, and your own notes, kept on your own computer."
            ),
        )
        content = self._label(
            "aboutContent",
            "<b>{}</b><br>{}".format(
                self.tr("Where the reference content comes from"),
                self.tr(
                    "The entries on the works, the periods of Serge's life and the glossary "
                    "are texts written for this program, in its own words. Their facts come "
                    "from public writings about Victor Serge (encyclopedia articles, essays "
                    "and reviews) and from standard histories; each entry cites them by author, "
                    "title, publication and date at its foot, and says under “On the sources” "
                    "where they disagree; "
                    "quotations say who wrote them. The program does not contain Serge's "
                    "books."
                ),
            ),
        )
        rows = "".join(
            f"<tr><td style='padding-right: 16px'>{escape(self.tr(str(name)))}</td><td>{escape(self._license_name(spdx))}</td></tr>"
            for name, spdx in LICENSES
        )
        licenses = self._label(
            "aboutLicenses",
            "<b>{}</b><table>{}</table><p>{}</p>".format(
                self.tr("Licenses"),
                rows,
                self.tr("Built with Qt {qt} and PySide6 {pyside}.").format(
                    qt=escape(qVersion()), pyside=escape(PySide6.__version__)
                ),
            ),
        )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        for label in (about, content, licenses):
            layout.addWidget(label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _label(self, name: str, html: str) -> QLabel:
        label = QLabel(html)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        return label

    def _license_name(self, spdx: str) -> str:
        return self.tr("public domain") if spdx == "public domain" else spdx
